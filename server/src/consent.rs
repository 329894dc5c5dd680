//! Consent over HTTP: the middleware that reads the visitor's signed consent cookie for every
//! request, the `POST /consent` endpoint (the dialog's plain form), and `GET /consent.json`,
//! the decision for the agency's sibling sites. The decision itself is the core's
//! `consent::decide`.

use std::sync::Arc;

use axum::{
    body::Bytes,
    extract::{Request, State},
    middleware::Next,
    response::{IntoResponse, Redirect, Response},
};
use domain::{consent::Decision, lang::Lang};
use http::{HeaderValue, StatusCode, header};
pub use portal_core::consent::*;

use crate::{clock::Clock, db::Db};

/// Reads the consent cookie of every request and leaves a [`ConsentStatus`] (and the record)
/// in its extensions for the pages. A missing, malformed, forged, outdated or expired cookie
/// reads as "no answer".
pub async fn read_consent(
    State(state): State<ConsentState>,
    State(clock): State<Arc<dyn Clock>>,
    mut request: Request,
    next: Next,
) -> Response {
    let (status, record) = consent_of(&state, clock.as_ref(), request.headers());
    request.extensions_mut().insert(status);
    request.extensions_mut().insert(CarriedRecord(record));
    next.run(request).await
}

/// The decision as `/consent.json` tells it.
#[derive(serde::Serialize)]
struct CurrentConsent {
    /// Whether the visitor has a current answer.
    decided: bool,
    /// The policy revision asked about.
    revision: u32,
    /// The granted categories' ids.
    categories: Vec<&'static str>,
    /// The granted services' ids.
    services: Vec<String>,
}

/// `GET /consent.json`: the visitor's current decision, read from the consent cookie (shared
/// over `consent.cookie_domain` with sibling sites). A page of one of `consent.share_origins`
/// may read it with `fetch(…, { credentials: 'include' })`; no other origin gets the CORS
/// headers. Never stored by caches.
pub async fn current_consent(
    State(state): State<ConsentState>,
    State(clock): State<Arc<dyn Clock>>,
    headers: http::HeaderMap,
) -> Response {
    let (status, _) = consent_of(&state, clock.as_ref(), &headers);
    let body = CurrentConsent {
        decided: status.answered,
        revision: state.policy.revision,
        categories: status.granted.iter().map(|c| c.id()).collect(),
        services: status
            .services
            .ids(&state.policy.services)
            .into_iter()
            .map(str::to_owned)
            .collect(),
    };
    let mut response = axum::Json(body).into_response();
    let out = response.headers_mut();
    out.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    out.insert(header::VARY, HeaderValue::from_static("Origin, Cookie"));
    let allowed = headers
        .get(header::ORIGIN)
        .and_then(|o| o.to_str().ok())
        .filter(|o| state.policy.share_origins.iter().any(|s| s == o));
    if let Some(origin) = allowed.and_then(|o| HeaderValue::from_str(o).ok()) {
        out.insert(header::ACCESS_CONTROL_ALLOW_ORIGIN, origin);
        out.insert(
            header::ACCESS_CONTROL_ALLOW_CREDENTIALS,
            HeaderValue::from_static("true"),
        );
    }
    response
}

/// `POST /consent`, the dialog's plain form: `choice`, optional `category` and `service`
/// (repeated), `return_to`, `lang`. Stores the decision and goes back to `return_to`.
pub async fn post_consent(
    State(state): State<ConsentState>,
    State(db): State<Db>,
    State(clock): State<Arc<dyn Clock>>,
    request: Request,
) -> Response {
    let (parts, body) = request.into_parts();
    let form: Vec<(String, String)> = match axum::body::to_bytes(body, 16 * 1024).await {
        Ok(bytes) => parse_form(&bytes),
        Err(_) => {
            return error_page(Lang::default(), StatusCode::PAYLOAD_TOO_LARGE, |t| {
                t.consent.consent_bad_request
            });
        }
    };
    let field = |name: &str| {
        form.iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    };
    let lang = field("lang").and_then(Lang::from_code).unwrap_or_default();
    let all = |name: &str| -> Vec<&str> {
        form.iter()
            .filter(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
            .collect()
    };
    let (ticked, chosen) = (all("category"), all("service"));
    let Some(decision) = field("choice")
        .and_then(|c| Decision::from_form(c, &ticked, &chosen, &state.policy.services))
    else {
        return error_page(lang, StatusCode::BAD_REQUEST, |t| {
            t.consent.consent_bad_request
        });
    };
    let decided = match decide(&state, &db, clock.as_ref(), &parts, lang, decision).await {
        Ok(decided) => decided,
        Err(StatusCode::TOO_MANY_REQUESTS) => {
            return error_page(lang, StatusCode::TOO_MANY_REQUESTS, |t| {
                t.consent.consent_too_many
            });
        }
        Err(StatusCode::SERVICE_UNAVAILABLE) => {
            return error_page(lang, StatusCode::SERVICE_UNAVAILABLE, |t| {
                t.consent.consent_unavailable
            });
        }
        Err(status) => return error_page(lang, status, |t| t.consent.consent_bad_request),
    };
    let back = safe_return_path(field("return_to").unwrap_or("/"));
    let mut response = Redirect::to(&back).into_response();
    for cookie in decided.cookies {
        if let Ok(value) = HeaderValue::from_str(&cookie) {
            response.headers_mut().append(header::SET_COOKIE, value);
        }
    }
    response
}

/// An urlencoded form body as pairs, at most 64 of them (the rest is ignored).
pub fn parse_form(bytes: &Bytes) -> Vec<(String, String)> {
    form_urlencoded::parse(bytes)
        .take(64)
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect()
}

fn error_page(lang: Lang, status: StatusCode, text: crate::error::Words) -> Response {
    crate::error::simple_page(lang, status, |t| t.consent.cookie_settings, text)
}
