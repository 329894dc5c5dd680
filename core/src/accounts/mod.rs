//! Company accounts: registration, login and logout, the owner's profile, password, logo and
//! deletion, address verification and password reset, the sessions and the account store.
//!
//! Each action has one core function ([`run`] picks it) taking the request's [`Submission`]
//! and the action's typed form. The server's plain form handlers and the app's server
//! functions both call it: a rule, a message or a limit exists once. The core checks the
//! session itself.

mod answer;
mod auth;
pub mod logo;
mod owner;
pub mod passwords;
mod recovery;
pub mod sessions;
mod settings;
pub mod store;

pub use answer::{
    Answer, Outcome, Stop, Submission, Unavailable, limited, login_first, next_query, unavailable,
};
pub use auth::{account_bucket, login_page};
pub use owner::owner;
pub use settings::AccountSettings;

use std::sync::Arc;

use domain::{api::Action, consent::ConsentMode};

use self::passwords::Hasher;
use crate::{clock::Clock, db::Db};

/// What the account handlers share.
#[derive(Clone)]
pub struct AccountsState {
    /// The database.
    pub db: Db,
    /// Password hashing.
    pub hasher: Hasher,
    /// The clock.
    pub clock: Arc<dyn Clock>,
    /// Timeouts and limits.
    pub settings: AccountSettings,
    /// The consent mode (all-or-nothing: no login without consent).
    pub mode: ConsentMode,
    /// Where logos are kept.
    pub logos: crate::logos::LogoStore,
    /// Largest logo upload in bytes.
    pub logo_max_bytes: u64,
    /// Whether a publication waits for an operator's approval.
    pub require_approval: bool,
    /// Queues the mails to companies.
    pub mailer: crate::mail::Mailer,
    /// Images cleaned at once (each may take up to the decoder's memory cap), and how many
    /// may wait.
    pub image_permits: crate::permits::Permits,
    /// Upload bodies read at once, and how many may wait unread.
    pub upload_permits: crate::permits::Permits,
}

/// Carries out an account action: the one core function per action, for both the plain form
/// and the server function.
/// A failure of something the action needed becomes its page again with a 503, here.
pub async fn run(state: &AccountsState, sub: &Submission, action: Action) -> Answer {
    let page = match &action {
        Action::Register(_) => sub.page("register"),
        Action::LogIn(form) => login_page(sub, &form.next),
        Action::LogOut => sub.page("login"),
        Action::ForgotPassword(_) => sub.page("forgot"),
        Action::ResetPassword(_) => sub.page("reset"),
        Action::ConfirmEmail(_) => sub.page("verify"),
        _ => sub.page("account"),
    };
    let outcome = match action {
        Action::Register(form) => auth::register(state, sub, form).await,
        Action::LogIn(form) => auth::login(state, sub, form).await,
        Action::LogOut => auth::logout(sub).await,
        Action::LogOutEverywhere => owner::log_out_everywhere(state, sub).await,
        Action::SaveProfile(form) => owner::save_profile(state, sub, form).await,
        Action::ChangePassword(form) => owner::change_password(state, sub, form).await,
        Action::Delete(form) => owner::delete_account(state, sub, form).await,
        Action::RemoveLogo => logo::remove(state, sub).await,
        Action::ForgotPassword(form) => recovery::forgot(state, sub, form).await,
        Action::ResetPassword(form) => recovery::reset(state, sub, form).await,
        Action::ConfirmEmail(form) => recovery::confirm(state, sub, form).await,
        Action::ResendVerification => recovery::resend(state, sub).await,
        Action::ChangeEmail(form) => recovery::change_email(state, sub, form).await,
    };
    outcome.unwrap_or_else(|e| e.answer(page))
}
