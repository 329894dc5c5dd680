//! Redirects before any page renders: `/` to the visitor's language, and a content page's
//! path with or without its trailing slash to the one the site uses.

use std::sync::Arc;

use axum::{
    extract::{Request, State},
    middleware::Next,
    response::{IntoResponse, Redirect, Response},
};
use domain::{
    lang::Lang,
    site::{Site, home_url},
};
use http::{HeaderMap, HeaderValue, StatusCode, header};

/// `/` sends the visitor to the home page in their language (Swedish unless they prefer
/// English).
pub(super) async fn language_redirect(headers: HeaderMap) -> Response {
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
pub(super) async fn trailing_slash_redirect(
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
