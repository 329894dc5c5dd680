//! The texts made from values: a field's problem, a notice, a listing, a logo problem, a
//! cookie's lifetime, a category's name.

use super::{Strings, megabytes};

impl Strings {
    /// The message for a field's problem.
    pub fn problem(&self, problem: crate::account::Problem) -> String {
        use crate::account::Problem;
        match problem {
            Problem::Required => self.p_required.into(),
            Problem::TooLong(n) => format!("{} {n}.", self.p_too_long),
            Problem::TooShort => self.p_too_short.into(),
            Problem::Email => self.p_email.into(),
            Problem::Url => self.p_url.into(),
            Problem::Characters => self.p_characters.into(),
            Problem::TooManyLinks => self.p_too_many_links.into(),
            Problem::CommonPassword => self.p_common.into(),
            Problem::WrongPassword => self.p_wrong_password.into(),
            Problem::SamePassword => self.p_same_password.into(),
            Problem::SameEmail => self.p_same_email.into(),
        }
    }

    /// Where a company stands on the showcase, for its account page.
    pub fn listing(&self, listing: crate::account::Listing) -> &'static str {
        use crate::account::Listing;
        match listing {
            Listing::Unlisted => self.listing_unlisted,
            Listing::Shown => self.listing_shown,
            Listing::AwaitingApproval => self.listing_awaiting,
            Listing::Hidden => self.listing_hidden,
            Listing::Unverified => self.listing_unverified,
        }
    }

    /// The text of a form notice.
    pub fn notice(&self, notice: crate::account::Notice) -> String {
        use crate::account::Notice;
        match notice {
            Notice::LoginFailed => self.n_login_failed.into(),
            Notice::TooManyAttempts(secs) => {
                format!("{} {}.", self.n_too_many, secs.div_ceil(60).max(1))
            }
            Notice::NeedsConsent => self.login_needs_consent.into(),
            Notice::CookiesBlocked => self.n_cookies_blocked.into(),
            Notice::SessionEnded => self.n_session_ended.into(),
            Notice::LoggedOut => self.n_logged_out.into(),
            Notice::LoggedOutEverywhere => self.n_logged_out_everywhere.into(),
            Notice::Deleted => self.n_deleted.into(),
            Notice::Saved => self.n_saved.into(),
            Notice::PasswordChanged => self.n_password_changed.into(),
            Notice::FixFields => self.n_fix_fields.into(),
            Notice::Unavailable => self.n_unavailable.into(),
            Notice::LogoSaved => self.n_logo_saved.into(),
            Notice::LogoRemoved => self.n_logo_removed.into(),
            Notice::CheckEmail => self.n_check_email.into(),
            Notice::ResetSent => self.n_reset_sent.into(),
            Notice::PasswordReset => self.n_password_reset.into(),
            Notice::Verified => self.n_verified.into(),
            Notice::EmailChanged => self.n_email_changed.into(),
            Notice::LinkSent => self.n_link_sent.into(),
            Notice::EmailPending => self.n_email_pending.into(),
            Notice::LinkInvalid => self.n_link_invalid.into(),
            Notice::AddressTaken => self.n_address_taken.into(),
            Notice::FormUnreadable => self.form_unreadable.into(),
            Notice::Logo(problem) => self.logo_problem(problem),
        }
    }

    /// The message for a refused upload.
    pub fn logo_problem(&self, problem: crate::logo::LogoProblem) -> String {
        use crate::logo::LogoProblem;
        match problem {
            LogoProblem::NoFile => self.l_no_file.into(),
            LogoProblem::Empty => self.l_empty.into(),
            LogoProblem::TooLarge(bytes) => {
                format!("{} {} MB.", self.l_too_large, megabytes(bytes))
            }
            LogoProblem::Unsupported => self.l_unsupported.into(),
            LogoProblem::Broken => self.l_broken.into(),
            LogoProblem::TooManyPixels => self.l_too_many_pixels.into(),
            LogoProblem::TooComplex => self.l_too_complex.into(),
        }
    }

    /// A cookie's lifetime: a number of days, or until the browser closes.
    pub fn lifetime(&self, days: Option<u32>) -> String {
        match days {
            None => self.session_lifetime.to_owned(),
            Some(1) => format!("1 {}", self.day_one),
            Some(n) => format!("{n} {}", self.day_many),
        }
    }

    /// The name of a consent category.
    pub fn category(&self, category: crate::consent::Category) -> &'static str {
        use crate::consent::Category;
        match category {
            Category::Necessary => self.category_necessary,
            Category::ExternalMedia => self.category_external_media,
            Category::Marketing => self.category_marketing,
        }
    }
}
