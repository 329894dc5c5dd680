//! One module per kind of page.

pub mod not_found;
pub mod page;
