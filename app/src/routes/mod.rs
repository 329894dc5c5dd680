//! One module per kind of page.

pub mod account;
pub mod not_found;
pub mod page;
