//! The typed contract between the islands and the server: one Leptos server function per
//! action, each at a pinned URL under `/api/`, with typed arguments, results and errors that
//! both builds share.
//!
//! | URL | function | answer |
//! |---|---|---|
//! | `/api/consent` | [`decide_consent`] | what is granted now |
//! | `/api/account/register` | [`register`] | the path to go to next |
//! | `/api/account/login` | [`log_in`] | the path to go to next |
//! | `/api/account/logout` | [`log_out`] | the path to go to next |
//! | `/api/account/logout-everywhere` | [`log_out_everywhere`] | the path to go to next |
//! | `/api/account/profile` | [`save_profile`] | the path to go to next |
//! | `/api/account/password` | [`change_password`] | the path to go to next |
//! | `/api/account/delete` | [`delete_account`] | the path to go to next |
//! | `/api/account/logo/remove` | [`remove_logo`] | the path to go to next |
//! | `/api/account/forgot` | [`forgot_password`] | the path to go to next |
//! | `/api/account/reset` | [`reset_password`] | the path to go to next |
//! | `/api/account/verify` | [`confirm_email`] | the path to go to next |
//! | `/api/account/verify/resend` | [`resend_verification`] | the path to go to next |
//! | `/api/account/email` | [`change_email`] | the path to go to next |
//! | `/api/feedback` | [`page_feedback`] | nothing (the answer was kept) |
//!
//! The account functions take the form's own fields (URL-encoded, plus `lang`), so a form's
//! island posts the form's body to the function's URL as it is. Every form also works without
//! JavaScript as a plain POST to its page (which answers with the page again, problems marked,
//! or a redirect). That handler and the server function call the same core function, with
//! the same typed form ([`account`]), so a rule, a message or a limit exists once. Server functions run behind the same middleware as every
//! other request: the same-origin check, the session, the consent cookie.

pub use domain::api::{error, forms as account};

use leptos::prelude::*;

use domain::{consent::Grant, lang::Lang};

pub use error::{ApiError, Refusal, UploadAnswer};

pub use account::{
    DeleteForm, EmailForm, ForgotForm, LoginForm, PasswordForm, ProfileForm, RegisterForm,
    ResetForm, TokenForm,
};

/// Records a consent decision, read from the dialog's own fields like the plain form reads
/// them (`choice`, the ticked `categories` and `services`, URL-encoded, lists indexed:
/// `categories[0]=statistics`); answers what is granted now as one number (nothing after an
/// all-or-nothing withdrawal). Sets or clears the consent cookie like the plain form does.
#[server(prefix = "/api", endpoint = "consent")]
pub async fn decide_consent(
    lang: Lang,
    choice: String,
    #[server(default)] categories: Vec<String>,
    #[server(default)] services: Vec<String>,
) -> Result<Grant, ApiError> {
    crate::ssr::consent(lang, &choice, &categories, &services).await
}

/// Registers a company and logs it in.
#[server(prefix = "/api", endpoint = "account/register")]
pub async fn register(
    lang: Lang,
    #[server(flatten)] form: RegisterForm,
) -> Result<String, ApiError> {
    crate::ssr::account(lang, account::Action::Register(form)).await
}

/// Logs in.
#[server(prefix = "/api", endpoint = "account/login")]
pub async fn log_in(lang: Lang, #[server(flatten)] form: LoginForm) -> Result<String, ApiError> {
    crate::ssr::account(lang, account::Action::LogIn(form)).await
}

/// Ends the session on the server.
#[server(prefix = "/api", endpoint = "account/logout")]
pub async fn log_out(lang: Lang) -> Result<String, ApiError> {
    crate::ssr::account(lang, account::Action::LogOut).await
}

/// Ends every session of the account, this one too, and every link sent to it.
#[server(prefix = "/api", endpoint = "account/logout-everywhere")]
pub async fn log_out_everywhere(lang: Lang) -> Result<String, ApiError> {
    crate::ssr::account(lang, account::Action::LogOutEverywhere).await
}

/// Saves the profile, the showcase toggle included.
#[server(prefix = "/api", endpoint = "account/profile")]
pub async fn save_profile(
    lang: Lang,
    #[server(flatten)] form: ProfileForm,
) -> Result<String, ApiError> {
    crate::ssr::account(lang, account::Action::SaveProfile(form)).await
}

/// Changes the password (the current one is asked for); ends the other sessions.
#[server(prefix = "/api", endpoint = "account/password")]
pub async fn change_password(
    lang: Lang,
    #[server(flatten)] form: PasswordForm,
) -> Result<String, ApiError> {
    crate::ssr::account(lang, account::Action::ChangePassword(form)).await
}

/// Deletes the account (the password is asked for) and every session of it.
#[server(prefix = "/api", endpoint = "account/delete")]
pub async fn delete_account(
    lang: Lang,
    #[server(flatten)] form: DeleteForm,
) -> Result<String, ApiError> {
    crate::ssr::account(lang, account::Action::Delete(form)).await
}

/// Removes the logo.
#[server(prefix = "/api", endpoint = "account/logo/remove")]
pub async fn remove_logo(lang: Lang) -> Result<String, ApiError> {
    crate::ssr::account(lang, account::Action::RemoveLogo).await
}

/// Sends a password reset link, if the address has an account (the answer is the same
/// either way).
#[server(prefix = "/api", endpoint = "account/forgot")]
pub async fn forgot_password(
    lang: Lang,
    #[server(flatten)] form: ForgotForm,
) -> Result<String, ApiError> {
    crate::ssr::account(lang, account::Action::ForgotPassword(form)).await
}

/// Sets a new password through a reset link; ends every session of the account.
#[server(prefix = "/api", endpoint = "account/reset")]
pub async fn reset_password(
    lang: Lang,
    #[server(flatten)] form: ResetForm,
) -> Result<String, ApiError> {
    crate::ssr::account(lang, account::Action::ResetPassword(form)).await
}

/// Confirms an address through its link.
#[server(prefix = "/api", endpoint = "account/verify")]
pub async fn confirm_email(
    lang: Lang,
    #[server(flatten)] form: TokenForm,
) -> Result<String, ApiError> {
    crate::ssr::account(lang, account::Action::ConfirmEmail(form)).await
}

/// Sends the verification link again (limited).
#[server(prefix = "/api", endpoint = "account/verify/resend")]
pub async fn resend_verification(lang: Lang) -> Result<String, ApiError> {
    crate::ssr::account(lang, account::Action::ResendVerification).await
}

/// Asks for a new contact address (the password is asked for): a link goes to it.
#[server(prefix = "/api", endpoint = "account/email")]
pub async fn change_email(
    lang: Lang,
    #[server(flatten)] form: EmailForm,
) -> Result<String, ApiError> {
    crate::ssr::account(lang, account::Action::ChangeEmail(form)).await
}

/// Keeps an answer to "Was this page helpful?" (the form's own fields: `page`, `helpful`,
/// `comment`), like the plain form at `/feedback`: a page that is not the site's is 400, an
/// answer that does not read 422, too many from one client 429.
#[server(prefix = "/api", endpoint = "feedback")]
pub async fn page_feedback(
    #[server(flatten)] form: domain::feedback::FeedbackForm,
) -> Result<(), ApiError> {
    crate::ssr::feedback(form).await
}
