//! The fields of the account forms, what can be wrong with them, and the feedback a form page
//! shows after a refused submission.

use serde::{Deserialize, Serialize};

/// A form field, by the name it has in the HTML form.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Field {
    /// `company`
    Company,
    /// `email`
    Email,
    /// `password` (registration, login, deletion)
    Password,
    /// `current_password` (password change)
    CurrentPassword,
    /// `new_password` (password change)
    NewPassword,
    /// `description`
    Description,
    /// `website`
    Website,
    /// `social` (one URL per line)
    Social,
    /// `new_email` (address change)
    NewEmail,
    /// `email_password` (the password, to confirm an address change)
    EmailPassword,
    /// `token` (the one-time link's token, carried by the form it opens)
    Token,
}

impl Field {
    /// The field's `name` in forms (and the `id` prefix of its input and error).
    pub fn name(self) -> &'static str {
        match self {
            Field::Company => "company",
            Field::Email => "email",
            Field::Password => "password",
            Field::CurrentPassword => "current_password",
            Field::NewPassword => "new_password",
            Field::Description => "description",
            Field::Website => "website",
            Field::Social => "social",
            Field::NewEmail => "new_email",
            Field::EmailPassword => "email_password",
            Field::Token => "token",
        }
    }

    /// Whether the value may be echoed back into the form (never for passwords).
    pub fn echoes(self) -> bool {
        !matches!(
            self,
            Field::Password | Field::CurrentPassword | Field::NewPassword | Field::EmailPassword
        )
    }
}

/// What is wrong with a field's value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Problem {
    /// Empty, but required.
    Required,
    /// Longer than the given number of characters.
    TooLong(usize),
    /// A password shorter than [`PASSWORD_MIN`].
    TooShort,
    /// Not an e-mail address.
    Email,
    /// Not an http(s) address.
    Url,
    /// Control characters or line breaks where they do not belong.
    Characters,
    /// More than [`SOCIAL_MAX`] links.
    TooManyLinks,
    /// A password from the list of common passwords.
    CommonPassword,
    /// The password given to confirm is wrong.
    WrongPassword,
    /// The new password equals the current one.
    SamePassword,
    /// The new address is the account's address already.
    SameEmail,
}

/// A message at the top of a form page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Notice {
    /// Any failed login (the same for unknown e-mails and wrong passwords).
    LoginFailed,
    /// Too many attempts; try again after this many seconds.
    TooManyAttempts(u64),
    /// All-or-nothing mode: cookies must be accepted before logging in or registering.
    NeedsConsent,
    /// The login worked but the browser did not send the session cookie back.
    CookiesBlocked,
    /// The session ended (logout, idle or absolute timeout); log in again.
    SessionEnded,
    /// Logged out.
    LoggedOut,
    /// Every session of the account ended, and every link sent to it.
    LoggedOutEverywhere,
    /// The account was deleted.
    Deleted,
    /// Profile saved.
    Saved,
    /// Password changed.
    PasswordChanged,
    /// The form has errors; see the fields.
    FixFields,
    /// The request could not be handled (database down): nothing was changed.
    Unavailable,
    /// An upload was refused.
    Logo(crate::logo::LogoProblem),
    /// The logo was stored.
    LogoSaved,
    /// The logo was removed.
    LogoRemoved,
    /// Registered (or already registered): a mail is on its way.
    CheckEmail,
    /// A reset link was asked for (the same whether or not the address has an account).
    ResetSent,
    /// The password was reset; every session ended.
    PasswordReset,
    /// The address is confirmed.
    Verified,
    /// The contact address was changed to a confirmed new one.
    EmailChanged,
    /// The verification link was sent again.
    LinkSent,
    /// A link went to the new address; the change waits for it.
    EmailPending,
    /// A one-time link that is used, expired or malformed.
    LinkInvalid,
    /// The new address got an account of its own before its link was opened.
    AddressTaken,
    /// The request's body could not be read as the action's form (malformed or of the wrong
    /// shape): nothing was changed.
    FormUnreadable,
}

impl Notice {
    /// Whether the notice reports a failure (announced as an alert) or a success (a status).
    pub fn is_error(self) -> bool {
        !matches!(
            self,
            Notice::LoggedOut
                | Notice::LoggedOutEverywhere
                | Notice::Deleted
                | Notice::Saved
                | Notice::PasswordChanged
                | Notice::LogoSaved
                | Notice::LogoRemoved
                | Notice::CheckEmail
                | Notice::ResetSent
                | Notice::PasswordReset
                | Notice::Verified
                | Notice::EmailChanged
                | Notice::LinkSent
                | Notice::EmailPending
        )
    }

    /// The short id used in `?done=` query strings for successes that follow a redirect.
    pub fn done_id(self) -> Option<&'static str> {
        match self {
            Notice::LoggedOut => Some("logged-out"),
            Notice::LoggedOutEverywhere => Some("logged-out-everywhere"),
            Notice::Deleted => Some("deleted"),
            Notice::Saved => Some("saved"),
            Notice::PasswordChanged => Some("password"),
            Notice::SessionEnded => Some("ended"),
            Notice::LogoSaved => Some("logo"),
            Notice::LogoRemoved => Some("logo-removed"),
            Notice::CheckEmail => Some("check-email"),
            Notice::ResetSent => Some("reset-sent"),
            Notice::PasswordReset => Some("password-reset"),
            Notice::Verified => Some("verified"),
            Notice::EmailChanged => Some("email-changed"),
            Notice::LinkSent => Some("link-sent"),
            Notice::EmailPending => Some("email-pending"),
            _ => None,
        }
    }

    /// Reads a `?done=` id.
    pub fn from_done_id(id: &str) -> Option<Notice> {
        [
            Notice::LoggedOut,
            Notice::LoggedOutEverywhere,
            Notice::Deleted,
            Notice::Saved,
            Notice::PasswordChanged,
            Notice::SessionEnded,
            Notice::LogoSaved,
            Notice::LogoRemoved,
            Notice::CheckEmail,
            Notice::ResetSent,
            Notice::PasswordReset,
            Notice::Verified,
            Notice::EmailChanged,
            Notice::LinkSent,
            Notice::EmailPending,
        ]
        .into_iter()
        .find(|n| n.done_id() == Some(id))
    }
}

/// What a form page shows after a refused submission: the problems by field, the values to
/// put back (never passwords), and a notice.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FormFeedback {
    /// Problems, in field order.
    pub errors: Vec<(Field, Problem)>,
    /// Values to fill back in.
    pub values: Vec<(Field, String)>,
    /// The message at the top.
    pub notice: Option<Notice>,
}

impl FormFeedback {
    /// Feedback with only a notice.
    pub fn notice(notice: Notice) -> FormFeedback {
        FormFeedback {
            notice: Some(notice),
            ..FormFeedback::default()
        }
    }

    /// The problem with `field`, if any.
    pub fn error(&self, field: Field) -> Option<Problem> {
        self.errors
            .iter()
            .find(|(f, _)| *f == field)
            .map(|(_, p)| *p)
    }

    /// The value to show in `field`.
    pub fn value(&self, field: Field) -> Option<&str> {
        self.values
            .iter()
            .find(|(f, _)| *f == field)
            .map(|(_, v)| v.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn notices_round_trip_through_done_ids() {
        for n in [Notice::LoggedOut, Notice::Deleted, Notice::Saved] {
            let id = n.done_id().expect("id");
            assert_eq!(Notice::from_done_id(id), Some(n));
        }
        assert_eq!(Notice::from_done_id("login-failed"), None);
        assert!(Notice::LoginFailed.is_error());
        assert!(!Notice::Saved.is_error());
    }
}
