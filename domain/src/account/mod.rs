//! Company accounts as plain rules: what a form field may hold, how an e-mail address is
//! normalised, what a profile is, and the feedback a form page shows. The server enforces these;
//! the pages render them.

mod form;
mod validate;

use serde::{Deserialize, Serialize};

pub use form::{Field, FormFeedback, Notice, Problem};
pub use validate::*;

/// An account's id: handed out by the store, never taken from a form.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
#[cfg_attr(feature = "ssr", derive(sqlx::Type), sqlx(transparent))]
pub struct AccountId(pub i64);

impl std::fmt::Display for AccountId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.fmt(f)
    }
}

/// The logged-in company, as the pages see it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Viewer {
    /// The account's id.
    pub account_id: AccountId,
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

/// Where a company stands on the public showcase.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Listing {
    /// The company has not asked to be shown.
    Unlisted,
    /// Shown.
    Shown,
    /// Asked to be shown; an operator has not approved it yet (`showcase.require_approval`).
    AwaitingApproval,
    /// Shown as approved; its latest changes wait for an operator (`showcase.require_approval`).
    ChangesAwaitingApproval,
    /// An operator has taken it off the showcase.
    Hidden,
    /// Asked to be shown, but the contact address is not confirmed yet.
    Unverified,
}

impl Listing {
    /// From the account's flags: its own choice (`published`), the operator's (`approved`,
    /// `hidden`), whether its address is confirmed (`verified`), and whether publication needs
    /// approval.
    pub fn of(
        published: bool,
        approved: bool,
        hidden: bool,
        verified: bool,
        require_approval: bool,
    ) -> Listing {
        match (published, hidden, verified, approved || !require_approval) {
            (false, _, _, _) => Listing::Unlisted,
            (true, true, _, _) => Listing::Hidden,
            (true, false, false, _) => Listing::Unverified,
            (true, false, true, false) => Listing::AwaitingApproval,
            (true, false, true, true) => Listing::Shown,
        }
    }

    /// This listing when changes wait for review (`pending`, with approval required): a shown
    /// company shows its approved version meanwhile.
    pub fn with_pending_changes(self, pending: bool, require_approval: bool) -> Listing {
        match self {
            Listing::Shown if pending && require_approval => Listing::ChangesAwaitingApproval,
            other => other,
        }
    }
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
    /// Where the company stands on the showcase.
    pub listing: Listing,
    /// Whether the contact address is confirmed.
    pub email_verified: bool,
    /// A new contact address waiting for its confirmation link to be opened.
    pub pending_email: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::Listing;

    #[test]
    fn the_operator_has_the_last_word_on_the_showcase() {
        assert_eq!(
            Listing::of(false, true, false, true, false),
            Listing::Unlisted
        );
        assert_eq!(Listing::of(true, false, false, true, false), Listing::Shown);
        assert_eq!(
            Listing::of(true, false, false, true, true),
            Listing::AwaitingApproval
        );
        assert_eq!(Listing::of(true, true, false, true, true), Listing::Shown);
        assert_eq!(Listing::of(true, true, true, true, false), Listing::Hidden);
        assert_eq!(Listing::of(true, false, true, true, true), Listing::Hidden);
        // An unconfirmed address keeps a company off, whatever the operator decided.
        assert_eq!(
            Listing::of(true, true, false, false, false),
            Listing::Unverified
        );
        assert_eq!(Listing::of(true, true, true, false, false), Listing::Hidden);
    }
}
