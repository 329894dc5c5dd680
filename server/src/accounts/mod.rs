//! Company accounts over HTTP: registration, login, logout, the account page's forms, data
//! export and deletion, address verification and password reset.
//!
//! Each action has one core function in `portal_core::accounts` ([`run`] picks it). Two
//! doors lead to it. Without JavaScript a form is a plain POST to its page's own URL, handled
//! here: a refused form comes back as its page with the problems marked (rendered by the
//! Leptos app with a [`FormFeedback`] in the request), with the same status codes. With
//! JavaScript the islands call the server functions of `app::api`, which call the same core
//! function and get a typed answer. The cross-site check for every non-GET request sits in
//! front of all routes.

mod logo;
mod pages;

pub use portal_core::accounts::{
    AccountsState, Answer, Submission, account_bucket, passwords, run, sessions, store,
};

use std::ops::Deref;

use axum::{
    Router,
    extract::{Request, State},
    response::Response,
    routing::{MethodRouter, get, post},
};
use domain::{account::FormFeedback, api::Action, lang::Lang};
use pages::{PathLang, Posted, account_page, answer, done_notice, export, login_check, render};

/// What the account handlers share: the core's part, and the app's pages, to show a form's
/// page again with its problems.
#[derive(Clone)]
pub struct Handlers {
    /// The core's accounts.
    pub core: AccountsState,
    /// The app's pages.
    pub pages: crate::pages::Pages,
}

impl Deref for Handlers {
    type Target = AccountsState;

    fn deref(&self) -> &AccountsState {
        &self.core
    }
}

/// The account routes, one set per language (static paths: the content pages' catch-all route
/// leaves no room for a `/{lang}/…` parameter).
pub fn routes<S>(logo_max_bytes: u64) -> Router<S>
where
    S: Clone + Send + Sync + 'static,
    Handlers: axum::extract::FromRef<S>,
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
pub(crate) fn no_referrer() -> tower_http::set_header::SetResponseHeaderLayer<http::HeaderValue> {
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
    State(state): State<Handlers>,
    PathLang(_): PathLang,
    request: Request,
) -> Response {
    let (parts, _) = request.into_parts();
    let done = done_notice(&parts);
    let page = parts.uri.to_string();
    render(&state, parts, &page, done.map(FormFeedback::notice)).await
}

/// A form without fields (logout, logo removal).
#[derive(serde::Deserialize)]
struct NoFields {}

/// `POST` of an account form without JavaScript: the body read into its typed form `F`, the
/// action `to_action` makes of it, then a redirect or the page again.
fn plain<S, F>(to_action: fn(F) -> Action) -> MethodRouter<S>
where
    S: Clone + Send + Sync + 'static,
    Handlers: axum::extract::FromRef<S>,
    F: serde::de::DeserializeOwned + Send + 'static,
{
    post(
        move |State(state): State<Handlers>, Posted(sub, form): Posted<F>| async move {
            let result = run(&state, &sub, to_action(form)).await;
            answer(&state, sub.parts, result).await
        },
    )
}
