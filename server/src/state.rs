//! The one application state, built once in `lib.rs`. Routes and middleware are given the
//! whole of it and each handler takes the part it needs (`State<Db>`, `State<ConsentState>`,
//! …) through `FromRef`, so no part is copied into several structs.

use std::sync::Arc;

use axum::extract::FromRef;
use domain::site::Site;

use crate::{
    accounts::{AccountsState, Handlers, sessions::ViewerState},
    clock::Clock,
    config::ShowcaseSettings,
    consent::ConsentState,
    db::Db,
};

/// What the routes and middleware share. Middleware clones its state for every request, so the
/// parts sit behind one `Arc`: a clone is one counter, whatever the parts.
#[derive(Clone)]
pub struct AppState(Arc<Parts>);

impl AppState {
    /// The state made of these parts.
    pub fn new(parts: Parts) -> AppState {
        AppState(Arc::new(parts))
    }
}

impl std::ops::Deref for AppState {
    type Target = Parts;

    fn deref(&self) -> &Parts {
        &self.0
    }
}

/// The parts of the [`AppState`].
pub struct Parts {
    /// The database.
    pub db: Db,
    /// The clock everything is timed by (tests move it).
    pub clock: Arc<dyn Clock>,
    /// The content pages and their search index, current version (reloadable).
    pub content: crate::published::Content,
    /// The site's origin (`https://example.org`), for the same-origin check.
    pub origin: SiteOrigin,
    /// Consent rules and the cookie key.
    pub consent: ConsentState,
    /// The account handlers' part (the core's, and the pages).
    pub accounts: Handlers,
    /// The logged-in company's lookup.
    pub viewer: ViewerState,
    /// The app's pages, rendered with their data.
    pub pages: crate::pages::Pages,
    /// The operator's showcase rules.
    pub showcase: ShowcaseSettings,
    /// The operator console's part.
    pub console: crate::console::Console,
}

/// The site's origin, as visitors reach it.
#[derive(Debug, Clone)]
pub struct SiteOrigin(pub Arc<str>);

/// The core's accounts.
impl FromRef<AppState> for AccountsState {
    fn from_ref(state: &AppState) -> AccountsState {
        state.accounts.core.clone()
    }
}

/// The site current when the request asked (a reload swaps it for the next requests).
impl FromRef<AppState> for Arc<Site> {
    fn from_ref(state: &AppState) -> Arc<Site> {
        state.content.site()
    }
}

macro_rules! parts {
    ($($field:ident: $ty:ty),* $(,)?) => {
        $(impl FromRef<AppState> for $ty {
            fn from_ref(state: &AppState) -> $ty {
                state.$field.clone()
            }
        })*
    };
}

parts! {
    db: Db,
    clock: Arc<dyn Clock>,
    content: crate::published::Content,
    origin: SiteOrigin,
    consent: ConsentState,
    accounts: Handlers,
    viewer: ViewerState,
    pages: crate::pages::Pages,
    showcase: ShowcaseSettings,
    console: crate::console::Console,
}
