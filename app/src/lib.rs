//! The portal's pages: the HTML shell, the router, the pages and their components.
//!
//! The site is rendered on the server. Only islands (`#[island]` components, such as the
//! navigation's "Menu" button) are hydrated in the browser, so a visitor downloads the code
//! for the interactive parts and nothing else.

#![recursion_limit = "256"]

pub mod api;
pub mod components;
#[cfg(feature = "ssr")]
pub mod console;
pub use domain;
pub mod hydration;
pub mod routes;
#[cfg(feature = "ssr")]
pub mod ssr;

use std::sync::Arc;

use leptos::prelude::*;
use leptos_meta::{HashedStylesheet, MetaTags, provide_meta_context};
use leptos_router::{
    ParamSegment, StaticSegment, WildcardSegment,
    components::{Route, Router, Routes},
};

use domain::{consent::ConsentPolicy, site::Site};

/// Referenced by the browser entry point so that the island exports of this crate are linked
/// into the wasm module.
pub const ISLANDS_LINKED: () = ();

/// What every page needs to know about the site, provided by the server for each request.
#[derive(Debug, Clone)]
pub struct SiteContext {
    /// The site's name, shown in the header and in `<title>`.
    pub name: Arc<str>,
    /// The public base URL without a trailing slash (`https://example.org`), for absolute
    /// links such as `hreflang` alternates.
    pub public_url: Arc<str>,
    /// All pages.
    pub site: Arc<Site>,
    /// The consent rules and cookie declaration.
    pub consent: Arc<ConsentPolicy>,
    /// Largest logo upload in bytes.
    pub logo_max_bytes: u64,
    /// The API servers the reference pages' "Try it" forms may call.
    pub try_servers: Arc<[String]>,
    /// The browser bundles a page can load.
    pub bundles: hydration::Bundles,
}

/// The HTML document around the app.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    view! {
        <!DOCTYPE html>
        <html>
            <head>
                <meta charset="utf-8" />
                <meta name="viewport" content="width=device-width, initial-scale=1" />
                <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
                <AutoReload options=options.clone() />
                <HashedStylesheet options=options.clone() id="leptos" />
                {use_context::<SiteContext>()
                    .map(|site| view! { <hydration::Hydration bundles=site.bundles /> })}
                <MetaTags />
            </head>
            <body>
                <App />
            </body>
        </html>
    }
}

/// The router: every path is looked up among the content pages; anything else is a 404.
#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    view! {
        <Router>
            <Routes fallback=routes::not_found::NotFound>
                <Route
                    path=(ParamSegment("lang"), StaticSegment("login"))
                    view=routes::account::LoginPage
                />
                <Route
                    path=(ParamSegment("lang"), StaticSegment("register"))
                    view=routes::account::RegisterPage
                />
                <Route
                    path=(ParamSegment("lang"), StaticSegment("account"))
                    view=routes::account_page::AccountPage
                />
                <Route
                    path=(ParamSegment("lang"), StaticSegment("forgot"))
                    view=routes::recovery::ForgotPage
                />
                <Route
                    path=(ParamSegment("lang"), StaticSegment("reset"))
                    view=routes::recovery::ResetPage
                />
                <Route
                    path=(ParamSegment("lang"), StaticSegment("verify"))
                    view=routes::recovery::VerifyPage
                />
                <Route
                    path=(ParamSegment("lang"), StaticSegment("search"))
                    view=routes::search::SearchPage
                />
                <Route
                    path=(ParamSegment("lang"), StaticSegment("sok"))
                    view=routes::search::SearchPage
                />
                <Route path=WildcardSegment("path") view=routes::page::ContentPage />
            </Routes>
        </Router>
    }
}
