//! The texts made from values: a field's problem, a notice, a listing, a logo problem, a
//! cookie's lifetime, a category's name.

use super::{Strings, megabytes};

impl Strings {
    /// The message for a field's problem.
    pub fn problem(&self, problem: crate::account::Problem) -> String {
        use crate::account::Problem;
        match problem {
            Problem::Required => self.notices.p_required.into(),
            Problem::TooLong(n) => format!("{} {n}.", self.notices.p_too_long),
            Problem::TooShort => self.notices.p_too_short.into(),
            Problem::Email => self.notices.p_email.into(),
            Problem::Url => self.notices.p_url.into(),
            Problem::Characters => self.notices.p_characters.into(),
            Problem::TooManyLinks => self.notices.p_too_many_links.into(),
            Problem::CommonPassword => self.notices.p_common.into(),
            Problem::WrongPassword => self.notices.p_wrong_password.into(),
            Problem::SamePassword => self.notices.p_same_password.into(),
            Problem::SameEmail => self.notices.p_same_email.into(),
        }
    }

    /// Where a company stands on the showcase, for its account page.
    pub fn listing(&self, listing: crate::account::Listing) -> &'static str {
        use crate::account::Listing;
        match listing {
            Listing::Unlisted => self.logos.listing_unlisted,
            Listing::Shown => self.logos.listing_shown,
            Listing::AwaitingApproval => self.logos.listing_awaiting,
            Listing::ChangesAwaitingApproval => self.logos.listing_changes,
            Listing::Hidden => self.logos.listing_hidden,
            Listing::Unverified => self.account.listing_unverified,
        }
    }

    /// The text of a form notice.
    pub fn notice(&self, notice: crate::account::Notice) -> String {
        use crate::account::Notice;
        match notice {
            Notice::LoginFailed => self.notices.n_login_failed.into(),
            Notice::TooManyAttempts(secs) => {
                format!("{} {}.", self.notices.n_too_many, secs.div_ceil(60).max(1))
            }
            Notice::NeedsConsent => self.account.login_needs_consent.into(),
            Notice::CookiesBlocked => self.notices.n_cookies_blocked.into(),
            Notice::SessionEnded => self.notices.n_session_ended.into(),
            Notice::LoggedOut => self.notices.n_logged_out.into(),
            Notice::LoggedOutEverywhere => self.notices.n_logged_out_everywhere.into(),
            Notice::Deleted => self.notices.n_deleted.into(),
            Notice::Saved => self.notices.n_saved.into(),
            Notice::PasswordChanged => self.notices.n_password_changed.into(),
            Notice::FixFields => self.notices.n_fix_fields.into(),
            Notice::Unavailable => self.notices.n_unavailable.into(),
            Notice::LogoSaved => self.logos.n_logo_saved.into(),
            Notice::LogoRemoved => self.logos.n_logo_removed.into(),
            Notice::CheckEmail => self.notices.n_check_email.into(),
            Notice::ResetSent => self.notices.n_reset_sent.into(),
            Notice::PasswordReset => self.notices.n_password_reset.into(),
            Notice::Verified => self.notices.n_verified.into(),
            Notice::EmailChanged => self.notices.n_email_changed.into(),
            Notice::LinkSent => self.notices.n_link_sent.into(),
            Notice::EmailPending => self.notices.n_email_pending.into(),
            Notice::LinkInvalid => self.notices.n_link_invalid.into(),
            Notice::AddressTaken => self.notices.n_address_taken.into(),
            Notice::FormUnreadable => self.notices.form_unreadable.into(),
            Notice::Logo(problem) => self.logo_problem(problem),
        }
    }

    /// The message for a refused upload.
    pub fn logo_problem(&self, problem: crate::logo::LogoProblem) -> String {
        use crate::logo::LogoProblem;
        match problem {
            LogoProblem::NoFile => self.logos.l_no_file.into(),
            LogoProblem::Empty => self.logos.l_empty.into(),
            LogoProblem::TooLarge(bytes) => {
                format!("{} {} MB.", self.logos.l_too_large, megabytes(bytes))
            }
            LogoProblem::Unsupported => self.logos.l_unsupported.into(),
            LogoProblem::Broken => self.logos.l_broken.into(),
            LogoProblem::TooManyPixels => self.logos.l_too_many_pixels.into(),
            LogoProblem::TooComplex => self.logos.l_too_complex.into(),
        }
    }

    /// A cookie's lifetime: a number of days, or until the browser closes.
    pub fn lifetime(&self, days: Option<u32>) -> String {
        match days {
            None => self.consent.session_lifetime.to_owned(),
            Some(1) => format!("1 {}", self.consent.day_one),
            Some(n) => format!("{n} {}", self.consent.day_many),
        }
    }

    /// A declared cookie's lifetime: minutes when it lives less than a day.
    pub fn cookie_lifetime(&self, cookie: &crate::consent::CookieDecl) -> String {
        match (cookie.lifetime_days, cookie.lifetime_minutes) {
            (None, Some(minutes)) => format!("{minutes} {}", self.consent.minute_many),
            (days, _) => self.lifetime(days),
        }
    }

    /// The name of a consent category.
    pub fn category(&self, category: crate::consent::Category) -> &'static str {
        use crate::consent::Category;
        match category {
            Category::Necessary => self.consent.category_necessary,
            Category::ExternalMedia => self.consent.category_external_media,
            Category::Marketing => self.consent.category_marketing,
            Category::Statistics => self.consent.category_statistics,
        }
    }
}
