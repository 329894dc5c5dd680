//! The server-side core: what the site knows and does, without views or routing. The
//! database and its stores, accounts, the consent cookie, mail, search, the content and its
//! markdown, logos. The `app` crate's server functions and the `server` crate's handlers call
//! it; it calls neither.

pub mod accounts;
pub mod clock;
pub mod consent_cookie;
pub mod content;
pub mod db;
pub mod logos;
pub mod mail;
pub mod markdown;
pub mod permits;
pub mod public_url;
pub mod published;
pub mod search;
pub mod secret;
