//! One module per kind of page.

pub mod account;
pub mod account_page;
pub mod not_found;
pub mod page;
pub mod recovery;
pub mod search;
