//! The front door for pages already in the page cache: outside every other layer, a request
//! that the cache can answer is answered here, from headers and bodies built when the page
//! was stored. Anything else (a miss, another method, a query, a session or any other cookie)
//! goes on through the whole stack unchanged.
//!
//! What the skipped layers would have done is done here or was done at storing time: the
//! consent cookie is checked (its status picks the stored variant), the security headers,
//! `X-Instance-Id` and the encodings are in the stored answer, the request id is set (or the
//! one the client sent kept), and the request is counted in the request metrics with handles
//! registered once per page. A hit writes no log line (the request span only carries
//! debug-level events), so skipping the trace layer loses nothing.

use std::{sync::Arc, time::Instant};

use axum::{
    extract::{Request, State},
    middleware::Next,
    response::Response,
};
use http::{HeaderName, Method, header};

use super::page_cache::{self, PageCache};
use crate::{clock::Clock, consent::ConsentState};

const X_REQUEST_ID: HeaderName = HeaderName::from_static("x-request-id");

/// What the front door needs.
#[derive(Clone)]
pub struct CacheHits {
    /// The page cache.
    pub cache: Arc<PageCache>,
    /// The consent cookie's rules and key.
    pub consent: ConsentState,
    /// The clock the cookie's age is judged by.
    pub clock: Arc<dyn Clock>,
}

impl std::fmt::Debug for CacheHits {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CacheHits").finish_non_exhaustive()
    }
}

/// The middleware: a hit is answered at once; everything else runs the full stack.
pub async fn answer_hits(State(hits): State<CacheHits>, request: Request, next: Next) -> Response {
    match hit(&hits, &request) {
        Some(response) => response,
        None => next.run(request).await,
    }
}

fn hit(hits: &CacheHits, request: &Request) -> Option<Response> {
    let start = Instant::now();
    if !page_cache::anonymous_read(request) {
        return None;
    }
    let is_head = request.method() == Method::HEAD;
    let (status, _) =
        crate::consent::consent_of(&hits.consent, hits.clock.as_ref(), request.headers());
    let page = hits
        .cache
        .get(&page_cache::key(request.uri().path(), status))?;
    let headers = request.headers();
    let mut response = page_cache::respond(
        &page,
        page_cache::preferred_encoding(headers),
        headers.get(header::IF_NONE_MATCH),
        is_head,
    );
    let id = headers
        .get(X_REQUEST_ID)
        .cloned()
        .unwrap_or_else(crate::ops::new_request_id);
    response.headers_mut().insert(X_REQUEST_ID, id);
    page.record_hit(is_head, response.status(), start.elapsed().as_secs_f64());
    Some(response)
}
