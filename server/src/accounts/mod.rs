//! Company accounts over HTTP: registration, login, logout, the account page's forms, data
//! export and deletion, address verification and password reset.
//!
//! Each action has one core function ([`run`] picks it) taking the request's [`Submission`]
//! and the action's typed form from `app::api`. Two doors lead to it. Without JavaScript a form
//! is a plain POST to its page's own URL: a refused form comes back as its page with the
//! problems marked (rendered by the Leptos app with a [`FormFeedback`] in the request), with
//! the same status codes. With JavaScript the islands call the server functions of `app::api`,
//! which reach the same core through [`crate::actions`] and get a typed answer. The core checks
//! the session itself; the cross-site check for every non-GET request sits in front of all
//! routes.

mod auth;
mod logo;
mod owner;
mod recovery;
mod respond;
pub mod sessions;

pub use auth::account_bucket;
use auth::login_check;
use owner::{account_page, export};
pub use portal_core::accounts::{passwords, store};
pub(crate) use respond::{Answer, Submission};
use respond::{
    Outcome, PathLang, Posted, Stop, Unavailable, answer, done_notice, limited, login_first,
    next_query, render, unavailable,
};

use std::sync::Arc;

use app::{
    api::account::Action,
    domain::{account::FormFeedback, consent::ConsentMode, lang::Lang},
};
use axum::{
    Router,
    extract::{Request, State},
    response::Response,
    routing::{MethodRouter, get, post},
};

use self::passwords::Hasher;
use crate::{clock::Clock, config::AccountSettings, db::Db};

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
    /// The rendered pages, to show a form page again with its problems.
    pub pages: Router,
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

/// The app's routes for the pages this module serves: left out of the Leptos route list, as
/// the handlers here render those pages through the app themselves.
pub const LEPTOS_PATHS: [&str; 6] = [
    "/{lang}/register",
    "/{lang}/login",
    "/{lang}/account",
    "/{lang}/forgot",
    "/{lang}/reset",
    "/{lang}/verify",
];

/// The account routes, one set per language (static paths: the content pages' catch-all route
/// leaves no room for a `/{lang}/…` parameter).
pub fn routes<S>(logo_max_bytes: u64) -> Router<S>
where
    S: Clone + Send + Sync + 'static,
    AccountsState: axum::extract::FromRef<S>,
{
    let mut router = Router::new();
    for lang in Lang::ALL {
        let at = |rest: &str| lang.path(rest);
        router = router
            .route(
                &at("register"),
                get(show_page).merge(plain(Action::Register)),
            )
            .route(&at("login"), get(show_page).merge(plain(Action::LogIn)))
            .route(&at("login/check"), get(login_check))
            .route(
                &at("forgot"),
                get(show_page).merge(plain(Action::ForgotPassword)),
            )
            .route(
                &at("reset"),
                get(show_page)
                    .merge(plain(Action::ResetPassword))
                    .layer(no_referrer()),
            )
            .route(
                &at("verify"),
                get(show_page)
                    .merge(plain(Action::ConfirmEmail))
                    .layer(no_referrer()),
            )
            .route(
                &at("account/verify/resend"),
                plain(|_: NoFields| Action::ResendVerification),
            )
            .route(&at("account/email"), plain(Action::ChangeEmail))
            .route(&at("logout"), plain(|_: NoFields| Action::LogOut))
            .route(
                &at("account/logout-everywhere"),
                plain(|_: NoFields| Action::LogOutEverywhere),
            )
            .route(
                &at("account"),
                get(account_page).merge(plain(Action::SaveProfile)),
            )
            .route(&at("account/password"), plain(Action::ChangePassword))
            .route(&at("account/delete"), plain(Action::Delete))
            .route(&at("account/export"), get(export))
            .route(
                &at("account/logo/remove"),
                plain(|_: NoFields| Action::RemoveLogo),
            )
            .route(
                &at("account/logo"),
                post(logo::upload).layer(axum::extract::DefaultBodyLimit::max(
                    usize::try_from(logo_max_bytes + logo::FRAMING).unwrap_or(usize::MAX),
                )),
            );
    }
    router
        .route("/logos/{file}", get(logo::serve))
        .layer(no_store())
}

/// The pages a link's token opens: no request from them names their address.
fn no_referrer() -> tower_http::set_header::SetResponseHeaderLayer<http::HeaderValue> {
    tower_http::set_header::SetResponseHeaderLayer::overriding(
        http::header::REFERRER_POLICY,
        http::HeaderValue::from_static("no-referrer"),
    )
}

/// Answers about accounts and decisions are for one browser at one moment: `no-store`, unless
/// a handler chose otherwise (logo images are immutable).
pub(crate) fn no_store() -> tower_http::set_header::SetResponseHeaderLayer<http::HeaderValue> {
    tower_http::set_header::SetResponseHeaderLayer::if_not_present(
        http::header::CACHE_CONTROL,
        http::HeaderValue::from_static("no-store"),
    )
}

/// `GET /{lang}/login`, `/{lang}/register`: the page (with a `?done=` notice, if any).
async fn show_page(
    State(state): State<AccountsState>,
    PathLang(_): PathLang,
    request: Request,
) -> Response {
    let (parts, _) = request.into_parts();
    let done = done_notice(&parts);
    let page = parts.uri.to_string();
    render(&state, parts, &page, done.map(FormFeedback::notice)).await
}

/// Carries out an account action: the one core function per action, for both the plain form
/// and the server function.
/// A failure of something the action needed becomes its page again with a 503, here.
pub(crate) async fn run(state: &AccountsState, sub: &Submission, action: Action) -> Answer {
    let page = match &action {
        Action::Register(_) => sub.page("register"),
        Action::LogIn(form) => auth::login_page(sub, &form.next),
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

/// A form without fields (logout, logo removal).
#[derive(serde::Deserialize)]
struct NoFields {}

/// `POST` of an account form without JavaScript: the body read into its typed form `F`, the
/// action `to_action` makes of it, then a redirect or the page again.
fn plain<S, F>(to_action: fn(F) -> Action) -> MethodRouter<S>
where
    S: Clone + Send + Sync + 'static,
    AccountsState: axum::extract::FromRef<S>,
    F: serde::de::DeserializeOwned + Send + 'static,
{
    post(
        move |State(state): State<AccountsState>, Posted(sub, form): Posted<F>| async move {
            let result = run(&state, &sub, to_action(form)).await;
            answer(&state, sub.parts, result).await
        },
    )
}
