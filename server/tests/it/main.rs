//! The server's integration tests, one binary: each module starts real servers on port 0
//! (see [`common`]) and talks HTTP to them.

mod common;

mod accounts;
mod cache_and_headers;
mod consent;
mod consent_gated;
mod limits;
mod logo_corpus;
mod logos;
mod ops;
mod pages;
mod protection;
mod public_url;
mod server_fns;
mod sessions;
mod startup;
