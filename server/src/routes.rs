//! Everything around the Leptos pages: the `/` language redirect, canonical-path and
//! trailing-slash redirects, static assets with long-lived caching, compression, the page
//! cache, security headers and the client's address.

use std::sync::Arc;

use app::domain::{
    lang::Lang,
    site::{Site, home_url},
};
use axum::{
    Router,
    extract::{Request, State},
    middleware::{self, Next},
    response::{IntoResponse, Redirect, Response},
    routing::get,
};
use http::{HeaderMap, HeaderValue, StatusCode, header};
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

use crate::{
    accounts::{
        self,
        sessions::{AccountSessionStore, ViewerState},
    },
    consent::{self, ConsentState},
    page_cache::{self, PageCache},
};

/// Content-addressed files (hashed asset names, logos by content hash) never change, so browsers
/// may keep them a year.
pub(crate) const IMMUTABLE: &str = "public, max-age=31536000, immutable";

/// The session layer's parts.
#[derive(Debug)]
pub struct Sessions {
    /// Where session records live.
    pub store: AccountSessionStore,
    /// What the viewer middleware needs.
    pub viewer: ViewerState,
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
    pub trusted: crate::client_addr::TrustedProxies,
    /// The security headers and the pages' policy.
    pub headers: crate::security_headers::SecurityHeaders,
    /// The page cache's bound in bytes.
    pub cache_bytes: usize,
}

/// Adds the routes and layers around the rendered pages.
pub fn wrap(
    pages: Router,
    ops_routes: Router,
    options: &LeptosOptions,
    site: Arc<Site>,
    consent: ConsentState,
    sessions: Sessions,
    edge: Edge<'_>,
) -> Router {
    let Edge {
        instance_id,
        trusted,
        headers,
        cache_bytes,
    } = edge;
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
    let cache = PageCache::new(site.clone(), headers.clone(), cache_bytes);
    // The session cookie: an opaque id, no Max-Age or Expires (it ends with the browser),
    // HttpOnly, SameSite=Lax, path `/`, and on https `Secure` with the `__Host-` name.
    let session_layer = SessionManagerLayer::new(sessions.store)
        .with_name(sessions.cookie_name)
        .with_http_only(true)
        .with_same_site(SameSite::Lax)
        .with_secure(sessions.secure)
        .with_path("/");
    let origin = consent.origin.clone();
    let live = LiveData {
        site: site.clone(),
        db: sessions.viewer.db.clone(),
    };

    let site_routes = Router::new()
        .route("/", get(language_redirect))
        .route(
            "/consent",
            axum::routing::post(consent::post_consent).with_state(consent.clone()),
        )
        .route_service("/favicon.svg", favicon)
        .nest_service("/pkg", pkg)
        .merge(pages)
        .route_layer(middleware::from_fn(crate::ops::label_route));
    // These run around the router rather than being layered onto each route: axum clones a
    // route's service for every request, and each middleware its inner service, so a stack
    // layered onto the Leptos page handlers was cloned many times over per request. Split in
    // two behind a cheap-to-clone `Router`, a page answered from the cache costs only the
    // front part.
    let back = ServiceBuilder::new()
        .layer(middleware::from_fn_with_state(origin, same_origin_only))
        .layer(session_layer)
        .layer(middleware::from_fn_with_state(
            sessions.viewer,
            accounts::sessions::load_viewer,
        ))
        .layer(middleware::from_fn_with_state(
            site,
            trailing_slash_redirect,
        ))
        .service(site_routes);
    let front = ServiceBuilder::new()
        .layer(middleware::from_fn(crate::paths::redirect_to_canonical))
        .layer(middleware::from_fn_with_state(
            consent,
            consent::read_consent,
        ))
        .layer(middleware::from_fn_with_state(live, load_showcase))
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
            crate::security_headers::add,
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
            crate::client_addr::client_addr,
        ))
}

/// `/` sends the visitor to the home page in their language (Swedish unless they prefer
/// English).
async fn language_redirect(headers: HeaderMap) -> Response {
    let accept = headers
        .get(header::ACCEPT_LANGUAGE)
        .and_then(|v| v.to_str().ok());
    let lang = Lang::negotiate(accept);
    let mut response = Redirect::to(&home_url(lang)).into_response();
    response
        .headers_mut()
        .insert(header::VARY, HeaderValue::from_static("accept-language"));
    response
        .headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    response
}

/// `/en` → `/en/`, `/en/cookie-policy/` → `/en/cookie-policy` (308, query kept).
async fn trailing_slash_redirect(
    State(site): State<Arc<Site>>,
    request: Request,
    next: Next,
) -> Response {
    let path = request.uri().path();
    if site.page(path).is_none()
        && let Some(canonical) = site.canonical(path)
    {
        let target = match request.uri().query() {
            Some(query) => format!("{canonical}?{query}"),
            None => canonical.to_owned(),
        };
        return (StatusCode::PERMANENT_REDIRECT, [(header::LOCATION, target)]).into_response();
    }
    next.run(request).await
}

/// What the showcase middleware needs.
#[derive(Debug, Clone)]
pub struct LiveData {
    /// The pages (to know which ones show live data).
    pub site: Arc<Site>,
    /// Where the companies are.
    pub db: crate::db::Db,
}

/// Reads the published companies for a page with a `{{< showcase >}}` (such pages are never
/// served from the page cache); a clear 503 when the database is unreachable.
async fn load_showcase(State(live): State<LiveData>, mut request: Request, next: Next) -> Response {
    let live_page = matches!(*request.method(), http::Method::GET | http::Method::HEAD)
        && live
            .site
            .page(request.uri().path())
            .is_some_and(|p| p.is_live());
    if live_page {
        match live.db.showcase().await {
            Ok(showcase) => {
                request.extensions_mut().insert(showcase);
            }
            Err(e) => {
                tracing::error!(error = %e, "showcase unavailable");
                let lang = Lang::from_path(request.uri().path()).unwrap_or_default();
                return consent::simple_page(
                    lang,
                    StatusCode::SERVICE_UNAVAILABLE,
                    |t| t.showcase_unavailable_title,
                    |t| t.n_unavailable,
                );
            }
        }
    }
    next.run(request).await
}

/// Refuses every state-changing request that does not come from this site (403), before any
/// handler runs: consent, login, logout, registration, account changes, and whatever is added
/// later.
async fn same_origin_only(
    State(origin): State<Arc<str>>,
    request: Request,
    next: Next,
) -> Response {
    let safe = matches!(
        *request.method(),
        http::Method::GET | http::Method::HEAD | http::Method::OPTIONS
    );
    if safe || consent::is_same_origin(request.headers(), &origin) {
        return next.run(request).await;
    }
    let lang = request
        .uri()
        .path()
        .split('/')
        .nth(1)
        .and_then(Lang::from_code)
        .unwrap_or_default();
    let mut response = consent::simple_page(
        lang,
        StatusCode::FORBIDDEN,
        |t| t.site_forbidden_title,
        |t| t.form_forbidden,
    );
    response
        .headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}
