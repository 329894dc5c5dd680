//! The cross-site check: every state-changing request must come from this site, before any
//! handler runs (consent, the account forms, the server functions, the logo upload, and
//! whatever is added later).

use axum::{
    extract::{Request, State},
    middleware::Next,
    response::Response,
};
use domain::lang::Lang;
use http::{HeaderMap, HeaderValue, StatusCode, header};

use crate::state::SiteOrigin;

/// Whether a state-changing request comes from this site: `Sec-Fetch-Site: same-origin`, or
/// else an `Origin` equal to the site's. Requests with neither header (not from a browser)
/// carry no visitor's cookies to abuse and are let through.
pub fn is_same_origin(headers: &HeaderMap, origin: &str) -> bool {
    if let Some(site) = headers.get("sec-fetch-site") {
        return site == "same-origin";
    }
    match headers.get(header::ORIGIN) {
        Some(o) => o.to_str().is_ok_and(|o| o.eq_ignore_ascii_case(origin)),
        None => true,
    }
}

/// Refuses every state-changing request that does not come from this site (403), before any
/// handler runs: consent, login, logout, registration, account changes, and whatever is added
/// later.
pub(super) async fn same_origin_only(
    State(SiteOrigin(origin)): State<SiteOrigin>,
    request: Request,
    next: Next,
) -> Response {
    let safe = matches!(
        *request.method(),
        http::Method::GET | http::Method::HEAD | http::Method::OPTIONS
    );
    if safe || is_same_origin(request.headers(), &origin) {
        return next.run(request).await;
    }
    let lang = Lang::from_path(request.uri().path()).unwrap_or_default();
    let mut response = crate::error::simple_page(
        lang,
        StatusCode::FORBIDDEN,
        |t| t.notices.site_forbidden_title,
        |t| t.notices.form_forbidden,
    );
    response
        .headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_origin_rules() {
        let origin = "https://portal.example";
        let with = |pairs: &[(&'static str, &'static str)]| {
            let mut h = HeaderMap::new();
            for (k, v) in pairs {
                h.insert(*k, HeaderValue::from_static(v));
            }
            is_same_origin(&h, origin)
        };
        assert!(with(&[("sec-fetch-site", "same-origin")]));
        assert!(!with(&[
            ("sec-fetch-site", "cross-site"),
            ("origin", "https://portal.example")
        ]));
        assert!(!with(&[("sec-fetch-site", "same-site")]));
        assert!(with(&[("origin", "https://portal.example")]));
        assert!(!with(&[("origin", "https://evil.example")]));
        assert!(!with(&[("origin", "null")]));
        assert!(with(&[]));
    }
}
