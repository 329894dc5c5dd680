//! Types shared by the server and the browser build. Plain Rust: no leptos, axum or database
//! imports, so the rules they carry are unit-tested here.

pub mod account;
pub mod api;
pub mod consent;
pub mod date;
pub mod feedback;
pub mod i18n;
pub mod lang;
pub mod logo;
pub mod net;
pub mod openapi;
pub mod operator;
pub mod search;
pub mod site;
pub mod status;

#[cfg(feature = "ssr")]
pub mod front_matter;
