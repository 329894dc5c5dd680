//! The translation layer: every UI string (not page content, which is markdown per language)
//! lives here once per language. A new string is a new field, so the compiler refuses a
//! language that lacks it.

mod account;
mod apis;
mod consent;
mod console;
mod feedback;
mod logos;
mod mail;
mod messages;
mod notices;
mod search;
mod site;

pub use account::AccountStrings;
pub use apis::{ApiStrings, api_strings};
pub use consent::ConsentStrings;
pub use console::{ConsoleStrings, console_strings};
pub use feedback::{FeedbackStrings, feedback_strings};
pub use logos::LogoStrings;
pub use mail::{MailPart, MailStrings, MailText, mail_strings};
pub use notices::NoticeStrings;
pub use search::SearchStrings;
pub use site::SiteStrings;

use super::lang::Lang;

/// The UI strings of one language.
#[derive(Debug)]
pub struct Strings {
    /// The site's frame.
    pub site: SiteStrings,
    /// Cookies and consent.
    pub consent: ConsentStrings,
    /// The account pages.
    pub account: AccountStrings,
    /// Field problems and form notices.
    pub notices: NoticeStrings,
    /// Logos and the showcase.
    pub logos: LogoStrings,
    /// Search.
    pub search: SearchStrings,
}

const EN: Strings = Strings {
    site: site::EN,
    consent: consent::EN,
    account: account::EN,
    notices: notices::EN,
    logos: logos::EN,
    search: search::EN,
};

const SV: Strings = Strings {
    site: site::SV,
    consent: consent::SV,
    account: account::SV,
    notices: notices::SV,
    logos: logos::SV,
    search: search::SV,
};

/// Bytes as megabytes with at most one decimal (`2`, `0.5`).
pub fn megabytes(bytes: u64) -> String {
    let tenths = (bytes as f64 / (1024.0 * 1024.0) * 10.0).round() / 10.0;
    format!("{tenths}")
}

/// The UI strings for `lang`.
pub fn strings(lang: Lang) -> &'static Strings {
    match lang {
        Lang::Sv => &SV,
        Lang::En => &EN,
    }
}

#[cfg(test)]
mod tests;
