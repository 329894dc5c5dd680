//! Company accounts over HTTP: registration, login, logout, the account page's forms, data
//! export and deletion.
//!
//! Every form is a plain POST to its page's own URL. Without JavaScript a refused form comes
//! back as its page with the problems marked (the page is rendered by the Leptos app with a
//! [`FormFeedback`] in the request); with JavaScript (`Accept: application/json`) the answer is
//! JSON — `{"redirect": …}` or `{"notice": …, "errors": [{"field", "message"}]}` — and the page
//! marks the fields without a reload. Each handler checks the session itself; the cross-site
//! check for every non-GET request sits in front of all routes.

mod auth;
mod logo;
mod owner;
pub mod passwords;
mod respond;
pub mod sessions;
pub mod store;

pub use auth::account_bucket;
use auth::{login, login_check, logout, register};
use owner::{account_page, change_password, delete_account, export, save_profile};
use respond::{
    Answer, PathLang, Submission, answer, done_notice, limited, login_first, next_query, render,
    unavailable,
};

use std::sync::Arc;

use app::domain::{account::FormFeedback, consent::ConsentMode, lang::Lang};
use axum::{
    Router,
    extract::{Request, State},
    response::Response,
    routing::{get, post},
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
    /// Images cleaned at once (each may take up to the decoder's memory cap), and how many
    /// may wait.
    pub image_permits: crate::permits::Permits,
}

/// The app's routes for the pages this module serves: left out of the Leptos route list, as
/// the handlers here render those pages through the app themselves.
pub const LEPTOS_PATHS: [&str; 3] = ["/{lang}/register", "/{lang}/login", "/{lang}/account"];

/// The account routes, one set per language (static paths: the content pages' catch-all route
/// leaves no room for a `/{lang}/…` parameter).
pub fn routes(state: AccountsState) -> Router {
    let mut router = Router::new();
    for lang in Lang::ALL {
        let at = |rest: &str| format!("/{}/{rest}", lang.code());
        router = router
            .route(&at("register"), get(show_page).post(register))
            .route(&at("login"), get(show_page).post(login))
            .route(&at("login/check"), get(login_check))
            .route(&at("logout"), post(logout))
            .route(&at("account"), get(account_page).post(save_profile))
            .route(&at("account/password"), post(change_password))
            .route(&at("account/delete"), post(delete_account))
            .route(&at("account/export"), get(export))
            .route(&at("account/logo/remove"), post(logo::remove))
            .route(
                &at("account/logo"),
                post(logo::upload).layer(axum::extract::DefaultBodyLimit::max(
                    usize::try_from(state.logo_max_bytes + logo::FRAMING).unwrap_or(usize::MAX),
                )),
            );
    }
    router
        .route("/logos/{file}", get(logo::serve))
        .with_state(state)
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
