//! Operations: liveness, readiness, Prometheus metrics, request ids and the instance id.
//!
//! - `GET /healthz`: the process answers (no dependency is checked).
//! - `GET /readyz`: the database and the logo storage answer; `503` naming the one that does
//!   not.
//! - `GET /metrics`, on the ops listener (`ops_bind`, loopback by default) only: Prometheus text — requests and latency by route and status, logins,
//!   registrations, uploads and consent decisions by outcome.

use std::{sync::OnceLock, time::Instant};

use axum::{
    Json,
    extract::{MatchedPath, Request, State},
    middleware::Next,
    response::{IntoResponse, Response},
};
use http::{HeaderValue, StatusCode, header};
use metrics_exporter_prometheus::{PrometheusBuilder, PrometheusHandle};
use tower_http::request_id::{MakeRequestId, RequestId};

use crate::{
    db::Db,
    histograms::{Histograms, Recorder},
    logos::LogoStore,
};

/// The upper bounds of the request latency buckets, in seconds.
const LATENCY_BOUNDS: [f64; 11] = [
    0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5,
];

/// The process's metrics: counters and gauges in the Prometheus recorder, histograms in
/// fixed buckets ([`crate::histograms`]), so their memory does not grow with the request rate.
#[derive(Clone)]
pub struct Metrics {
    prometheus: PrometheusHandle,
    histograms: Histograms,
}

impl Metrics {
    /// Every metric in Prometheus' text format.
    pub fn render(&self) -> String {
        let mut text = self.prometheus.render();
        text.push_str(&self.histograms.render());
        text
    }
}

/// The process-wide metrics recorder (installed once; every server in the process shares it).
pub fn metrics() -> &'static Metrics {
    static METRICS: OnceLock<Metrics> = OnceLock::new();
    METRICS.get_or_init(|| {
        let prometheus = PrometheusBuilder::new().build_recorder();
        let metrics = Metrics {
            prometheus: prometheus.handle(),
            histograms: Histograms::new(&LATENCY_BOUNDS),
        };
        let _ = metrics::set_global_recorder(Recorder {
            inner: prometheus,
            histograms: metrics.histograms.clone(),
        });
        metrics
    })
}

/// Puts the route pattern that matched the request (never the raw path) on the response, so
/// [`track`], which runs outside the router, can label it; a page served from the page cache
/// carries the label it had when it was stored.
pub async fn label_route(request: Request, next: Next) -> Response {
    let matched = request.extensions().get::<MatchedPath>().cloned();
    let mut response = next.run(request).await;
    if let Some(matched) = matched {
        response.extensions_mut().insert(matched);
    }
    response
}

/// The `method` label: one of the methods the site knows, `other` for any other token (any
/// token is a valid method, and each label value is a series kept for the process's life).
pub fn method_label(method: &http::Method) -> &'static str {
    use http::Method;
    match *method {
        Method::GET => "GET",
        Method::HEAD => "HEAD",
        Method::POST => "POST",
        Method::PUT => "PUT",
        Method::DELETE => "DELETE",
        Method::PATCH => "PATCH",
        Method::OPTIONS => "OPTIONS",
        Method::CONNECT => "CONNECT",
        Method::TRACE => "TRACE",
        _ => "other",
    }
}

/// Counts requests and their latency by route (the pattern [`label_route`] recorded, or
/// `unmatched`), method (a closed set: [`method_label`]) and status; every label comes from a
/// closed set, so the number of series is bounded whatever clients send.
pub async fn track(request: Request, next: Next) -> Response {
    let method = method_label(request.method());
    let start = Instant::now();
    let response = next.run(request).await;
    let route = response
        .extensions()
        .get::<MatchedPath>()
        .map_or_else(|| "unmatched".to_owned(), |p| p.as_str().to_owned());
    let status = response.status().as_u16().to_string();
    let labels = [
        ("route", route),
        ("method", method.to_owned()),
        ("status", status),
    ];
    metrics::counter!("http_requests_total", &labels).increment(1);
    metrics::histogram!("http_request_duration_seconds", &labels)
        .record(start.elapsed().as_secs_f64());
    response
}

/// The ops listener's routes: `/metrics`, and again `/healthz` and `/readyz`.
pub fn ops_router(readiness: Readiness) -> axum::Router {
    axum::Router::new()
        .route("/metrics", axum::routing::get(metrics_text))
        .route("/healthz", axum::routing::get(healthz))
        .route("/readyz", axum::routing::get(readyz).with_state(readiness))
}

/// `GET /healthz`
pub async fn healthz() -> &'static str {
    "ok"
}

/// How long a readiness answer is reused: probes on the public port cost the database and the
/// storage at most one ping each per second, however often they come.
const READINESS_FRESH: std::time::Duration = std::time::Duration::from_secs(1);

/// What readiness checks.
#[derive(Debug, Clone)]
pub struct Readiness {
    /// The database.
    pub db: Db,
    /// The logo storage.
    pub logos: LogoStore,
    /// Set once the instance is stopping: it reports not ready while it still serves.
    pub draining: std::sync::Arc<std::sync::atomic::AtomicBool>,
    /// The last check (when, database, storage); one check runs at a time, and callers that
    /// arrive meanwhile take its result.
    last: std::sync::Arc<tokio::sync::Mutex<Option<(Instant, bool, bool)>>>,
    /// Checks made, for tests.
    checks: std::sync::Arc<std::sync::atomic::AtomicU64>,
}

impl Readiness {
    /// Readiness of these dependencies.
    pub fn new(
        db: Db,
        logos: LogoStore,
        draining: std::sync::Arc<std::sync::atomic::AtomicBool>,
    ) -> Readiness {
        Readiness {
            db,
            logos,
            draining,
            last: std::sync::Arc::default(),
            checks: std::sync::Arc::default(),
        }
    }

    /// Whether the database and the storage answer, at most [`READINESS_FRESH`] old.
    async fn check(&self) -> (bool, bool) {
        let mut last = self.last.lock().await;
        if let Some((at, database, storage)) = *last
            && at.elapsed() < READINESS_FRESH
        {
            return (database, storage);
        }
        self.checks
            .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let limit = std::time::Duration::from_secs(2);
        let (database, storage) = tokio::join!(
            tokio::time::timeout(limit, self.db.ping()),
            tokio::time::timeout(limit, self.logos.ping()),
        );
        let database = matches!(database, Ok(Ok(())));
        let storage = matches!(storage, Ok(Ok(())));
        *last = Some((Instant::now(), database, storage));
        (database, storage)
    }
}

/// `GET /readyz`
pub async fn readyz(State(ready): State<Readiness>) -> Response {
    let (database, storage) = ready.check().await;
    let draining = ready.draining.load(std::sync::atomic::Ordering::SeqCst);
    let word = |ok: bool| if ok { "ok" } else { "unreachable" };
    let status = if database && storage && !draining {
        StatusCode::OK
    } else {
        StatusCode::SERVICE_UNAVAILABLE
    };
    let mut body = serde_json::json!({ "database": word(database), "storage": word(storage) });
    if draining {
        body["instance"] = "stopping".into();
    }
    let mut response = (status, Json(body)).into_response();
    response
        .headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

/// `GET /metrics`
pub async fn metrics_text() -> Response {
    (
        [(
            header::CONTENT_TYPE,
            "text/plain; version=0.0.4; charset=utf-8",
        )],
        metrics().render(),
    )
        .into_response()
}

/// Request ids: 16 hex digits, unless the request brings a sane one (from a balancer). Each is a
/// bijective mix of a random per-process seed and a counter, so ids never repeat within a
/// process, differ between instances, and cost no system call per request.
#[derive(Debug, Clone, Copy, Default)]
pub struct RandomRequestId;

impl MakeRequestId for RandomRequestId {
    fn make_request_id<B>(&mut self, _request: &http::Request<B>) -> Option<RequestId> {
        Some(RequestId::new(new_request_id()))
    }
}

/// A fresh request id: 16 hex digits.
pub fn new_request_id() -> HeaderValue {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let n = next_request_number();
    let digits: [u8; 16] = std::array::from_fn(|i| HEX[((n >> (60 - 4 * i)) & 0xf) as usize]);
    // Hex digits are always a valid header value.
    HeaderValue::from_bytes(&digits).unwrap_or_else(|_| HeaderValue::from_static("0"))
}

fn next_request_number() -> u64 {
    use std::sync::atomic::{AtomicU64, Ordering};
    static SEED: OnceLock<u64> = OnceLock::new();
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let seed = *SEED.get_or_init(|| {
        let mut bytes = [0u8; 8];
        // Without the system's randomness the ids are still unique in this process.
        let _ = getrandom::fill(&mut bytes);
        u64::from_le_bytes(bytes)
    });
    splitmix64(seed.wrapping_add(COUNTER.fetch_add(1, Ordering::Relaxed)))
}

/// SplitMix64's finaliser: a bijection on `u64` that scatters neighbouring inputs.
fn splitmix64(x: u64) -> u64 {
    let mut z = x.wrapping_add(0x9e37_79b9_7f4a_7c15);
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// The span of a request: its id, method, path and the client's masked address (no query,
/// headers, cookies or full address).
pub fn request_span(request: &http::Request<axum::body::Body>) -> tracing::Span {
    let client = request
        .extensions()
        .get::<crate::client_addr::ClientAddr>()
        .map_or_else(|| "-".to_owned(), |c| c.masked());
    let id = request
        .headers()
        .get("x-request-id")
        .and_then(|v| v.to_str().ok())
        .filter(|v| v.len() <= 64 && v.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-'))
        .unwrap_or("-");
    tracing::info_span!(
        "request",
        request_id = %id,
        method = %request.method(),
        path = %request.uri().path(),
        client = %client,
    )
}

#[cfg(test)]
mod tests {
    use super::{Readiness, method_label, new_request_id, next_request_number, readyz};

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn readiness_pings_at_most_once_a_second_however_many_ask() {
        let dir = tempfile::tempdir().expect("dir");
        let db = crate::db::Db::open(dir.path()).await.expect("db");
        let logos = crate::logos::LogoStore::open(&Default::default(), dir.path()).expect("store");
        let ready = Readiness::new(db, logos, std::sync::Arc::default());
        let answers = futures_util::future::join_all(
            (0..50).map(|_| readyz(axum::extract::State(ready.clone()))),
        )
        .await;
        assert!(answers.iter().all(|r| r.status() == 200));
        let checks = || ready.checks.load(std::sync::atomic::Ordering::Relaxed);
        assert_eq!(checks(), 1, "50 probes at once, one check");
        tokio::time::sleep(super::READINESS_FRESH + std::time::Duration::from_millis(100)).await;
        let _ = readyz(axum::extract::State(ready.clone())).await;
        assert_eq!(checks(), 2, "checked again once the answer is old");
    }

    #[test]
    fn method_labels_are_a_closed_set() {
        for known in ["GET", "HEAD", "POST", "DELETE", "OPTIONS"] {
            let method = http::Method::from_bytes(known.as_bytes()).expect("method");
            assert_eq!(method_label(&method), known);
        }
        for made_up in ["FOO", "get", "XGET1", "PROPFIND"] {
            let method = http::Method::from_bytes(made_up.as_bytes()).expect("method");
            assert_eq!(method_label(&method), "other", "{made_up}");
        }
    }

    #[test]
    fn request_ids_are_sixteen_hex_digits() {
        let id = new_request_id();
        let text = id.to_str().expect("ascii");
        assert_eq!(text.len(), 16, "{text}");
        assert!(text.bytes().all(|b| b.is_ascii_hexdigit()), "{text}");
        assert_ne!(new_request_id(), id);
    }

    #[test]
    fn request_numbers_do_not_repeat_and_look_random() {
        let numbers: Vec<u64> = (0..10_000).map(|_| next_request_number()).collect();
        let distinct: std::collections::HashSet<_> = numbers.iter().collect();
        assert_eq!(distinct.len(), numbers.len());
        // Neighbouring ids share no obvious structure (not a plain counter).
        let close = numbers
            .windows(2)
            .filter(|w| w[0].abs_diff(w[1]) < 1 << 32)
            .count();
        assert!(close < 5, "{close} neighbouring ids close together");
    }
}
