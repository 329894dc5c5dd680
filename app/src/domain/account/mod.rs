//! Company accounts as plain rules: what a form field may hold, how an e-mail address is
//! normalised, what a profile is, and the feedback a form page shows. The server enforces these;
//! the pages render them.

mod form;
mod validate;

use serde::{Deserialize, Serialize};

pub use form::{Field, FormFeedback, Notice, Problem};
pub use validate::*;

/// The logged-in company, as the pages see it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Viewer {
    /// The account's id.
    pub account_id: i64,
    /// The company name, for the header.
    pub company: String,
}

/// What a company tells about itself.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Profile {
    /// The company's name.
    pub company: String,
    /// A short description.
    pub description: String,
    /// The company's website.
    pub website: Option<String>,
    /// Links to its social-media presence.
    pub social: Vec<String>,
    /// Whether the company is shown on the public showcase.
    pub published: bool,
}

/// The account page's data about the logged-in company.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccountView {
    /// The contact e-mail.
    pub email: String,
    /// The profile.
    pub profile: Profile,
    /// The logo, if one is uploaded.
    pub logo: Option<super::logo::LogoRef>,
}
