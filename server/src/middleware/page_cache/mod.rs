//! Rendered pages kept in memory, with their gzip and brotli forms.
//!
//! Content pages are the same for every anonymous visitor until the content changes, and the
//! content is read once at start-up. So each page is rendered by Leptos on its first `GET`,
//! compressed once (on the blocking pool, never on an async worker) and later requests get
//! those bytes (or `304 Not Modified`). Only a `GET` or `HEAD` without a query string,
//! carrying no cookie but the consent cookie, for exactly a content page's canonical path, is
//! answered from the cache, keyed by path and consent status (the dialog differs); only a
//! `200` HTML response to a `GET` that sets no cookie is stored. A `HEAD` that misses passes
//! through uncached (its body is empty). Concurrent misses of one key render once; the cache
//! is bounded by the bytes it holds, and past that bound pages are served uncached and
//! uncompressed by the cache (the general compression layer still applies).

use std::{
    collections::HashMap,
    hash::{DefaultHasher, Hash, Hasher},
    sync::{
        Arc, Mutex, RwLock,
        atomic::{AtomicUsize, Ordering},
    },
};

use axum::{
    body::Body,
    extract::{MatchedPath, Request, State},
    middleware::Next,
    response::{IntoResponse, Response},
};
use bytes::Bytes;
use domain::consent::{CONSENT_COOKIE, ConsentStatus};
use http::{HeaderMap, HeaderValue, Method, StatusCode, header};

use super::security_headers::SecurityHeaders;

mod encoding;
mod entry;

pub(super) use encoding::{Encoding, preferred_encoding};
use encoding::{brotli, gzip};
#[cfg(test)]
use entry::etag_matches;
pub(super) use entry::respond;
use entry::store;

/// Rendered pages by path and consent status, at most `capacity` bytes of them.
#[derive(Debug)]
pub struct PageCache {
    entries: RwLock<HashMap<String, Arc<CachedPage>>>,
    /// `X-Instance-Id`, put in every stored answer's headers.
    instance_id: Option<HeaderValue>,
    /// One lock per key being rendered, so concurrent misses render once.
    rendering: Mutex<HashMap<String, Arc<tokio::sync::Mutex<()>>>>,
    content: crate::published::Content,
    security: SecurityHeaders,
    capacity: usize,
    used: AtomicUsize,
    /// Raised by [`PageCache::clear`]: a page rendered from an older version is not stored.
    generation: std::sync::atomic::AtomicU64,
}

/// A stored page: its bodies and the complete headers of each answer, built once when it is
/// stored (a hit only clones them and adds its request id).
#[derive(Debug)]
pub(super) struct CachedPage {
    /// The route the page came from (for the request metrics).
    route: Option<MatchedPath>,
    etag: HeaderValue,
    /// By [`Encoding`]: identity, gzip, brotli.
    bodies: [Bytes; 3],
    /// The `200` headers by [`Encoding`], every header the layers around the router would
    /// add included (security headers, `X-Instance-Id`, `X-Cache: hit`).
    ok: [HeaderMap; 3],
    /// The `304 Not Modified` headers.
    not_modified: HeaderMap,
    /// The request metrics of a hit, by method (`GET`, `HEAD`) and status (`200`, `304`).
    hits: [[HitMetrics; 2]; 2],
}

/// A hit's request metrics, registered once per page rather than looked up per request.
#[derive(Debug, Clone)]
struct HitMetrics {
    requests: metrics::Counter,
    duration: metrics::Histogram,
}

impl HitMetrics {
    fn new(route: &str, method: &'static str, status: &'static str) -> HitMetrics {
        let labels = [
            ("route", route.to_owned()),
            ("method", method.to_owned()),
            ("status", status.to_owned()),
        ];
        HitMetrics {
            requests: metrics::counter!("http_requests_total", &labels),
            duration: metrics::histogram!("http_request_duration_seconds", &labels),
        }
    }
}

impl CachedPage {
    fn size(&self) -> usize {
        let headers: usize = std::iter::once(&self.not_modified)
            .chain(&self.ok)
            .flat_map(|h| h.iter())
            .map(|(k, v)| k.as_str().len() + v.len() + 32)
            .sum();
        self.bodies.iter().map(Bytes::len).sum::<usize>() + headers + 512
    }
}

/// `X-Cache: hit` on a page answered from the cache, `miss` on the one that rendered it.
const X_CACHE: http::HeaderName = http::HeaderName::from_static("x-cache");
const HIT: &str = "hit";
const MISS: &str = "miss";

/// Largest page body worth caching.
const MAX_BODY: usize = 2 * 1024 * 1024;

impl PageCache {
    /// A cache of `site`'s pages holding at most `capacity` bytes; stored pages get their
    /// Content-Security-Policy from `security`.
    pub fn new(
        content: crate::published::Content,
        security: SecurityHeaders,
        capacity: usize,
        instance_id: &str,
    ) -> Arc<PageCache> {
        Arc::new(PageCache {
            entries: RwLock::new(HashMap::new()),
            instance_id: HeaderValue::from_str(instance_id)
                .ok()
                .filter(|_| !instance_id.is_empty()),
            rendering: Mutex::new(HashMap::new()),
            content,
            security,
            capacity,
            used: AtomicUsize::new(0),
            generation: std::sync::atomic::AtomicU64::new(0),
        })
    }

    pub(super) fn get(&self, key: &str) -> Option<Arc<CachedPage>> {
        self.entries.read().ok()?.get(key).cloned()
    }

    /// Whether `bytes` more still fit.
    fn has_room(&self, bytes: usize) -> bool {
        self.used.load(Ordering::Relaxed).saturating_add(bytes) <= self.capacity
    }

    /// Stores `page`, unless the cache was cleared since its render began (`generation`).
    fn insert(&self, key: String, page: Arc<CachedPage>, generation: u64) {
        let size = page.size();
        if let Ok(mut entries) = self.entries.write()
            && self.generation.load(Ordering::SeqCst) == generation
            && self.has_room(size)
            && !entries.contains_key(&key)
        {
            self.used.fetch_add(size, Ordering::Relaxed);
            entries.insert(key, page);
        }
    }

    /// The lock that one renderer of `key` holds.
    fn render_lock(&self, key: &str) -> Arc<tokio::sync::Mutex<()>> {
        let mut rendering = self
            .rendering
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        rendering.entry(key.to_owned()).or_default().clone()
    }

    fn render_done(&self, key: &str) {
        let mut rendering = self
            .rendering
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        rendering.remove(key);
    }

    /// Forgets every stored page (after a content reload, once the new version is current).
    /// A render that began before is not stored (its generation is past).
    pub fn clear(&self) {
        if let Ok(mut entries) = self.entries.write() {
            self.generation.fetch_add(1, Ordering::SeqCst);
            entries.clear();
            self.used.store(0, Ordering::Relaxed);
        }
    }

    /// Bytes held (for the metrics).
    pub fn used_bytes(&self) -> usize {
        self.used.load(Ordering::Relaxed)
    }
}

/// The middleware: answers from the cache, or renders, stores and answers.
pub async fn serve_cached(
    State(cache): State<Arc<PageCache>>,
    request: Request,
    next: Next,
) -> Response {
    let is_head = request.method() == Method::HEAD;
    // A page of the content, unless it shows live data (the showcase).
    let cacheable_request = anonymous_read(&request)
        && cache
            .content
            .site()
            .page(request.uri().path())
            .is_some_and(|page| !page.is_live());
    if !cacheable_request {
        return next.run(request).await;
    }
    let status = request
        .extensions()
        .get::<ConsentStatus>()
        .copied()
        .unwrap_or_default();
    let key = key(request.uri().path(), status);
    let encoding = preferred_encoding(request.headers());
    let if_none_match = request.headers().get(header::IF_NONE_MATCH).cloned();

    let mut outcome = HIT;
    let page = match cache.get(&key) {
        Some(page) => page,
        // A HEAD's body is dropped on the way out: never keep what it rendered.
        None if is_head => return next.run(request).await,
        None => {
            let lock = cache.render_lock(&key);
            let guard = lock.lock().await;
            let generation = cache.generation.load(Ordering::SeqCst);
            let page = match cache.get(&key) {
                // Another request rendered it while this one waited.
                Some(page) => Ok(page),
                None => match store(&cache, next.run(request).await).await {
                    Ok(page) => {
                        let page = Arc::new(page);
                        cache.insert(key.clone(), page.clone(), generation);
                        metrics::gauge!("portal_page_cache_bytes").set(cache.used_bytes() as f64);
                        outcome = MISS;
                        Ok(page)
                    }
                    Err(response) => Err(response),
                },
            };
            drop(guard);
            cache.render_done(&key);
            match page {
                Ok(page) => page,
                Err(response) => return response,
            }
        }
    };
    let mut response = respond(&page, encoding, if_none_match.as_ref(), is_head);
    if outcome == MISS {
        response
            .headers_mut()
            .insert(X_CACHE, HeaderValue::from_static(MISS));
    }
    if let Some(route) = &page.route {
        response.extensions_mut().insert(route.clone());
    }
    response
}

/// The cache key of a page: its path and the consent status (the dialog differs by it).
pub(super) fn key(path: &str, status: ConsentStatus) -> String {
    let mut key = String::with_capacity(path.len() + 8);
    key.push_str(path);
    key.push('#');
    key.push(char::from(b'0' + u8::from(status.answered)));
    key.push_str(&status.granted.bits().to_string());
    key.push(char::from(b'0' + u8::from(status.gpc)));
    key
}

/// The one rule for what the cache may answer, here and at the front door: a `GET` or `HEAD`
/// with no query string and no cookie but the consent cookie.
pub(super) fn anonymous_read(request: &Request) -> bool {
    matches!(*request.method(), Method::GET | Method::HEAD)
        && request.uri().query().is_none()
        && only_consent_cookie(request.headers())
}

/// Whether the request's cookies are at most the consent cookie (which the cache key covers).
fn only_consent_cookie(headers: &HeaderMap) -> bool {
    headers.get_all(header::COOKIE).iter().all(|value| {
        value.to_str().is_ok_and(|v| {
            v.split(';')
                .map(str::trim)
                .filter(|pair| !pair.is_empty())
                .all(|pair| {
                    pair.split_once('=')
                        .is_some_and(|(name, _)| name == CONSENT_COOKIE)
                })
        })
    })
}

#[cfg(test)]
mod tests;
