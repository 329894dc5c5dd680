//! The account forms as typed values. A plain form post is read into the same types (every
//! field may be missing: it is then empty), so the server checks one shape whichever way a
//! form arrives.

use serde::{Deserialize, Deserializer, Serialize};

/// `/{lang}/register`
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct RegisterForm {
    /// The company's name.
    pub company: String,
    /// The contact e-mail (also the login).
    pub email: String,
    /// The new password.
    pub password: String,
}

/// `/{lang}/login`
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct LoginForm {
    /// The e-mail.
    pub email: String,
    /// The password.
    pub password: String,
    /// A path on this site to go to afterwards (anything else is ignored).
    pub next: String,
}

/// `/{lang}/account`: the profile.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ProfileForm {
    /// The company's name.
    pub company: String,
    /// A short description.
    pub description: String,
    /// The website.
    pub website: String,
    /// Social-media links, one per line.
    pub social: String,
    /// Shown on the showcase: a ticked checkbox (any value) or `true`.
    #[serde(deserialize_with = "checkbox")]
    pub published: bool,
}

/// `/{lang}/account/password`
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct PasswordForm {
    /// The password now.
    pub current_password: String,
    /// The one to change to.
    pub new_password: String,
}

/// `/{lang}/account/delete`
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct DeleteForm {
    /// The password, to confirm.
    pub password: String,
}

/// `/{lang}/forgot`: asks for a password reset link.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ForgotForm {
    /// The account's address.
    pub email: String,
}

/// `/{lang}/reset`: a new password, with the token from the link.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ResetForm {
    /// The token from the link.
    pub token: String,
    /// The new password.
    pub new_password: String,
}

/// `/{lang}/verify`: confirms an address, with the token from the link.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct TokenForm {
    /// The token from the link.
    pub token: String,
}

/// `/{lang}/account/email`: a new contact address.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct EmailForm {
    /// The new address.
    pub new_email: String,
    /// The password, to confirm.
    pub email_password: String,
}

/// An account action with its form: what the server's one core function per action takes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Action {
    /// Registration.
    Register(RegisterForm),
    /// Login.
    LogIn(LoginForm),
    /// Logout.
    LogOut,
    /// Every session of the account ended, this one too, and every link sent to it.
    LogOutEverywhere,
    /// Profile.
    SaveProfile(ProfileForm),
    /// Password change.
    ChangePassword(PasswordForm),
    /// Deletion.
    Delete(DeleteForm),
    /// Logo removal.
    RemoveLogo,
    /// A password reset link asked for.
    ForgotPassword(ForgotForm),
    /// A new password through a reset link.
    ResetPassword(ResetForm),
    /// An address confirmed through its link.
    ConfirmEmail(TokenForm),
    /// The verification link sent again.
    ResendVerification,
    /// A new contact address asked for.
    ChangeEmail(EmailForm),
}

/// A checkbox: a boolean (JSON), or in a form any value present (a ticked box sends `on`).
fn checkbox<'de, D: Deserializer<'de>>(deserializer: D) -> Result<bool, D::Error> {
    struct Visitor;
    impl serde::de::Visitor<'_> for Visitor {
        type Value = bool;
        fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("a boolean or a checkbox value")
        }
        fn visit_bool<E>(self, v: bool) -> Result<bool, E> {
            Ok(v)
        }
        fn visit_str<E>(self, v: &str) -> Result<bool, E> {
            Ok(!v.is_empty())
        }
    }
    deserializer.deserialize_any(Visitor)
}
