//! The server-side core: what the site knows and does, without views or routing. The
//! database and its stores, accounts, the consent cookie, mail, search, the content and its
//! markdown, logos. The `app` crate's server functions and the `server` crate's handlers call
//! it; it calls neither.

pub mod accounts;
pub mod clock;
pub mod consent;
pub mod consent_cookie;
pub mod consent_stats;
pub mod content;
pub mod content_report;
pub mod db;
pub mod feedback;
pub mod logos;
pub mod mail;
pub mod markdown;
pub mod openapi;
pub mod operators;
pub mod permits;
pub mod public_url;
pub mod published;
pub mod search;
pub mod secret;
pub mod status;
pub mod tokens;

/// What the app's server functions reach the core through: provided as context by the server
/// for each call (`use_context::<Core>()`), with the request's parts beside it.
#[derive(Clone)]
pub struct Core {
    /// Accounts (the database and the clock among them).
    pub accounts: accounts::AccountsState,
    /// Consent rules and the cookie key.
    pub consent: consent::ConsentState,
    /// The published content (which pages exist, in which language).
    pub content: published::Content,
}
