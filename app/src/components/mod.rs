//! Reusable pieces of the page.

pub mod api_reference;
pub mod consent;
pub mod cookie_table;
#[cfg(feature = "hydrate")]
pub mod dom;
pub mod embed;
pub mod feedback;
pub mod footer;
pub mod forms;
pub mod header;
pub mod home;
pub mod layout;
pub mod logo_upload;
pub mod nav_menu;
pub mod request;
pub mod scripts;
pub mod sections;
pub mod showcase;
pub mod status;
pub mod try_it;
