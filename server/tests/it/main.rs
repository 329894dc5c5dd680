//! The server's integration tests, one binary: each module starts real servers on port 0
//! (see [`common`]) and talks HTTP to them.

// The server binary's allocator, so the tests that measure memory see what production does
// (glibc's per-thread arenas keep freed memory that mimalloc returns).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

mod common;

mod accounts;
mod api_reference;
mod cache_and_headers;
mod connections;
mod consent;
mod consent_gated;
mod consent_services;
mod consent_shared;
mod consent_stats;
mod console;
mod content_site;
mod dcat;
mod docs;
mod feedback;
mod fuzz_seeds;
mod limits;
mod logo_corpus;
mod logos;
mod mail;
mod mail_delivery;
mod mail_links;
mod operator;
mod ops;
mod pages;
mod paths;
mod process;
mod protection;
mod public_url;
mod second_factor;
mod server_fns;
mod sessions;
mod startup;
mod status;
