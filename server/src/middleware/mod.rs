//! The middleware around the routes, one file each, assembled in one place ([`wrap`]), in
//! order from the outside in:
//!
//! 0. [`cache_hit`]: a page the page cache holds is answered here, before anything else runs
//!    (its answer carries what the layers below would have added).
//! 1. [`client_addr`]: who the client is (behind trusted proxies), for everything inside.
//! 2. Request id, the request's log span, `X-Instance-Id`, compression.
//! 3. [`security_headers`]: the Content-Security-Policy and friends (inside compression, so
//!    the policy is computed from the page's plain bytes).
//! 4. Metrics.
//! 5. [`canonical`]: one spelling per path (308 before anything renders).
//! 6. The consent cookie, read for every request (`crate::consent::read_consent`).
//! 7. [`page_cache`]: anonymous pages answered from memory; a hit stops here.
//! 8. [`same_origin`]: no state-changing request from another site.
//! 9. The session (tower-sessions) and the logged-in company ([`viewer`]).
//! 10. [`redirects`]: trailing slashes.
//!
//! None of them looks at a path to put a page's data in the request: a page gets its data
//! from the handler that renders it (`crate::pages`).
//!
//! They wrap the router rather than being layered onto each route: axum clones a route's
//! service for every request, and each middleware its inner service, so a stack layered onto
//! the Leptos page handlers was cloned many times over per request. Split in two behind a
//! cheap-to-clone `Router`, a page answered from the cache costs only the front part.

pub mod admission;
mod cache_hit;
pub mod canonical;
pub mod client_addr;
pub mod html_tidy;
pub(crate) mod page_cache;
mod redirects;
pub mod same_origin;
pub mod security_headers;
mod viewer;

pub use page_cache::PageCache;

use std::sync::Arc;

use axum::{Router, middleware, routing::get};
use http::{HeaderValue, header};
use leptos::prelude::LeptosOptions;
use tower::ServiceBuilder;
use tower_http::{
    compression::CompressionLayer,
    request_id::{PropagateRequestIdLayer, SetRequestIdLayer},
    services::ServeDir,
    set_header::SetResponseHeaderLayer,
    trace::TraceLayer,
};

use tower_sessions::{SessionManagerLayer, cookie::SameSite};

use crate::cache_control::IMMUTABLE;
use crate::{accounts::sessions::AccountSessionStore, consent, state::AppState};

/// The session layer's parts.
#[derive(Debug)]
pub struct Sessions {
    /// Where session records live.
    pub store: AccountSessionStore,
    /// The cookie's name (`__Host-session` on https).
    pub cookie_name: &'static str,
    /// Whether the cookie gets `Secure`.
    pub secure: bool,
}

/// What the outermost layers need.
#[derive(Debug)]
pub struct Edge<'a> {
    /// `X-Instance-Id` (empty: none).
    pub instance_id: &'a str,
    /// Whose `X-Forwarded-For` is believed.
    pub trusted: client_addr::TrustedProxies,
    /// The security headers and the pages' policy.
    pub headers: security_headers::SecurityHeaders,
    /// The page cache (emptied when the content is reloaded).
    pub cache: Arc<PageCache>,
    /// Turns for the requests the page cache does not answer.
    pub admission: admission::Admission,
}

/// Adds the site's own routes and the middleware around `routes` (the pages, the account
/// routes and the server functions); every part takes what it needs from `state`.
pub fn wrap(
    state: AppState,
    routes: Router<AppState>,
    ops_routes: Router,
    options: &LeptosOptions,
    sessions: Sessions,
    edge: Edge<'_>,
) -> Router {
    let Edge {
        instance_id,
        trusted,
        headers,
        cache,
        admission,
    } = edge;
    let hits = cache_hit::CacheHits {
        cache: cache.clone(),
        consent: state.consent.clone(),
        clock: state.clock.clone(),
    };
    let site_root = std::path::PathBuf::from(options.site_root.as_ref());
    let pkg_cache = if options.hash_files {
        IMMUTABLE
    } else {
        "no-cache"
    };
    let pkg = ServiceBuilder::new()
        .layer(SetResponseHeaderLayer::overriding(
            header::CACHE_CONTROL,
            HeaderValue::from_static(pkg_cache),
        ))
        .service(
            ServeDir::new(site_root.join(options.site_pkg_dir.as_ref()))
                .precompressed_br()
                .precompressed_gzip(),
        );
    let favicon = ServiceBuilder::new()
        .layer(SetResponseHeaderLayer::overriding(
            header::CACHE_CONTROL,
            HeaderValue::from_static("public, max-age=86400"),
        ))
        .service(tower_http::services::ServeFile::new(
            site_root.join("favicon.svg"),
        ));
    // The session cookie: an opaque id, no Max-Age or Expires (it ends with the browser),
    // HttpOnly, SameSite=Lax, path `/`, and on https `Secure` with the `__Host-` name.
    let session_layer = SessionManagerLayer::new(sessions.store)
        .with_name(sessions.cookie_name)
        .with_http_only(true)
        .with_same_site(SameSite::Lax)
        .with_secure(sessions.secure)
        .with_path("/");

    let site_routes = Router::new()
        .route("/", get(redirects::language_redirect))
        .route("/consent", axum::routing::post(consent::post_consent))
        .route("/consent.json", get(consent::current_consent))
        .route_service("/favicon.svg", favicon)
        .nest_service("/pkg", pkg)
        .merge(routes)
        .merge(crate::feeds::routes())
        .merge(crate::dcat::routes())
        .merge(crate::status::routes())
        .merge(crate::feedback::routes())
        .route_layer(middleware::from_fn(crate::ops::label_route))
        // A handler's `Failure` becomes its page here, in the path's language.
        .layer(middleware::from_fn(crate::error::error_pages))
        .with_state(state.clone());
    // These run around the router rather than being layered onto each route: axum clones a
    // route's service for every request, and each middleware its inner service, so a stack
    // layered onto the Leptos page handlers was cloned many times over per request. Split in
    // two behind a cheap-to-clone `Router`, a page answered from the cache costs only the
    // front part.
    let back = ServiceBuilder::new()
        .layer(middleware::from_fn_with_state(admission, admission::admit))
        .layer(middleware::from_fn_with_state(
            state.clone(),
            same_origin::same_origin_only,
        ))
        .layer(session_layer)
        .layer(middleware::from_fn_with_state(
            state.clone(),
            viewer::load_viewer,
        ))
        .layer(middleware::from_fn_with_state(
            state.clone(),
            redirects::trailing_slash_redirect,
        ))
        .service(site_routes);
    let front = ServiceBuilder::new()
        .layer(middleware::from_fn(canonical::redirect_to_canonical))
        .layer(middleware::from_fn_with_state(
            state.clone(),
            consent::read_consent,
        ))
        .layer(middleware::from_fn_with_state(
            cache,
            page_cache::serve_cached,
        ))
        .service(Router::new().fallback_service(back));

    let router = Router::new()
        .merge(ops_routes)
        .route_layer(middleware::from_fn(crate::ops::label_route))
        .fallback_service(front)
        .layer(middleware::from_fn(crate::ops::track))
        // Inside compression: the policy is computed from the page's plain bytes.
        .layer(middleware::from_fn_with_state(
            headers,
            security_headers::add,
        ))
        .layer(CompressionLayer::new().br(true).gzip(true));
    let router = match HeaderValue::from_str(instance_id) {
        Ok(id) if !instance_id.is_empty() => router.layer(SetResponseHeaderLayer::overriding(
            http::HeaderName::from_static("x-instance-id"),
            id,
        )),
        _ => router,
    };
    router
        .layer(PropagateRequestIdLayer::x_request_id())
        .layer(TraceLayer::new_for_http().make_span_with(crate::ops::request_span))
        .layer(SetRequestIdLayer::x_request_id(crate::ops::RandomRequestId))
        // Outermost: every layer inside, the request log included, sees the same client.
        .layer(middleware::from_fn_with_state(
            trusted,
            client_addr::client_addr,
        ))
        .layer(middleware::from_fn_with_state(hits, cache_hit::answer_hits))
}
