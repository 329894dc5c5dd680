//! "Was this page helpful?": the form's fields, the rules for an answer, and the totals the
//! analysts read. An answer is yes or no and an optional comment, stored per page and language
//! with its day only: no address, no cookie, no account. E-mail addresses and long numbers
//! (phone, personal identity numbers) typed into a comment are removed before it is kept.

use serde::{Deserialize, Serialize};

/// The longest comment, in characters.
pub const MAX_COMMENT: usize = 500;

/// Answers one client (masked address) may give in an hour.
pub const PER_CLIENT_PER_HOUR: u32 = 10;

/// What replaces a removed address or number.
pub const REMOVED: &str = "[…]";

/// The form as posted (the plain form and the island post the same fields).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FeedbackForm {
    /// The page's URL (`/en/apis/jobsearch`).
    pub page: String,
    /// `yes` or `no` (the button pressed).
    #[serde(default)]
    pub helpful: String,
    /// What could be better (optional).
    #[serde(default)]
    pub comment: String,
}

/// An answer that may be kept.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Feedback {
    /// The page's URL.
    pub page: String,
    /// Yes or no.
    pub helpful: bool,
    /// The comment, trimmed, with addresses and long numbers removed (may be empty).
    pub comment: String,
}

/// Why an answer is not kept.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum FeedbackProblem {
    /// Neither yes nor no.
    NoAnswer,
    /// The comment is longer than [`MAX_COMMENT`].
    TooLong,
}

impl FeedbackForm {
    /// The answer to keep, or why not. The page is checked by the caller (it knows the site).
    pub fn read(&self) -> Result<Feedback, FeedbackProblem> {
        let helpful = match self.helpful.as_str() {
            "yes" => true,
            "no" => false,
            _ => return Err(FeedbackProblem::NoAnswer),
        };
        let comment: String = self
            .comment
            .replace("\r\n", "\n")
            .chars()
            .map(|c| if c.is_control() && c != '\n' { ' ' } else { c })
            .collect();
        let comment = comment.trim();
        if comment.chars().count() > MAX_COMMENT {
            return Err(FeedbackProblem::TooLong);
        }
        Ok(Feedback {
            page: self.page.clone(),
            helpful,
            comment: redact(comment),
        })
    }
}

/// `text` with every word that holds an `@` between other characters, and every run of seven
/// or more digits (spaces, `-`, `+`, `(`, `)` and `.` between them allowed), replaced by
/// [`REMOVED`].
pub fn redact(text: &str) -> String {
    let words: Vec<String> = text
        .split(' ')
        .map(|word| {
            let at = word.find('@');
            let is_address =
                at.is_some_and(|i| i > 0 && i + 1 < word.len() && word[i + 1..].contains('.'));
            if is_address {
                REMOVED.to_owned()
            } else {
                word.to_owned()
            }
        })
        .collect();
    let text = words.join(" ");
    // Long numbers: find runs of digits and separators holding seven digits or more.
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < chars.len() {
        if chars[i].is_ascii_digit()
            || (chars[i] == '+' && chars.get(i + 1).is_some_and(char::is_ascii_digit))
        {
            let start = i;
            let mut end = i;
            let mut digits = 0;
            let mut j = i;
            while j < chars.len() && (chars[j].is_ascii_digit() || " -+().".contains(chars[j])) {
                if chars[j].is_ascii_digit() {
                    digits += 1;
                    end = j + 1;
                }
                j += 1;
            }
            if digits >= 7 {
                out.push_str(REMOVED);
                i = end;
            } else {
                out.extend(&chars[start..end.max(start + 1)]);
                i = end.max(start + 1);
            }
        } else {
            out.push(chars[i]);
            i += 1;
        }
    }
    out
}

/// One page's answers in one language.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FeedbackTotal {
    /// The page's URL.
    pub page: String,
    /// `sv` or `en`.
    pub lang: String,
    /// Answers "yes".
    pub yes: i64,
    /// Answers "no".
    pub no: i64,
    /// Answers with a comment.
    pub comments: i64,
}

/// One comment, for the analysts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FeedbackComment {
    /// The page's URL.
    pub page: String,
    /// `sv` or `en`.
    pub lang: String,
    /// The day it was given (days since 1970-01-01).
    pub day: i64,
    /// Whether the page helped.
    pub helpful: bool,
    /// The comment.
    pub comment: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form(helpful: &str, comment: &str) -> FeedbackForm {
        FeedbackForm {
            page: "/en/apis/jobsearch".into(),
            helpful: helpful.into(),
            comment: comment.into(),
        }
    }

    #[test]
    fn an_answer_is_yes_or_no_with_a_short_comment() {
        assert!(form("yes", "").read().expect("yes").helpful);
        assert!(!form("no", "").read().expect("no").helpful);
        assert_eq!(form("", "x").read(), Err(FeedbackProblem::NoAnswer));
        assert_eq!(form("maybe", "").read(), Err(FeedbackProblem::NoAnswer));
        assert_eq!(
            form("no", &"é".repeat(MAX_COMMENT + 1)).read(),
            Err(FeedbackProblem::TooLong)
        );
        let kept = form("no", &format!("  {}  ", "é".repeat(MAX_COMMENT))).read();
        assert_eq!(kept.expect("fits").comment.chars().count(), MAX_COMMENT);
        assert_eq!(
            form("no", "a\u{0}b\r\nc").read().expect("ok").comment,
            "a b\nc"
        );
    }

    #[test]
    fn addresses_and_long_numbers_are_removed() {
        assert_eq!(
            redact("Mail me at anna.svensson@example.se or call 070-123 45 67."),
            "Mail me at […] or call […]."
        );
        assert_eq!(redact("My number is 19850101-1234"), "My number is […]");
        assert_eq!(redact("+46 8 123 456 78"), "[…]");
        assert_eq!(
            redact("Version 2.1 of /v2/search, limit 100, in 2026."),
            "Version 2.1 of /v2/search, limit 100, in 2026."
        );
        assert_eq!(redact("@ and a@b and x@"), "@ and a@b and x@");
        assert_eq!(redact("ok"), "ok");
    }
}
