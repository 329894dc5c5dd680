//! Admission: at most a set number of `GET` and `HEAD` requests past the page cache are worked
//! on at once (`connections.max_active_requests`); the others wait their turn, in the order they
//! came, before any work is done for them.
//!
//! A request that is being worked on holds what its work needs: its session and account read
//! from the database, the page's data, the render. Under a burst most of them only wait for one
//! of the database's connections, each holding all of that (about 45 KB); waiting here they hold
//! only their request. Requests per second are the same, as the database and the processor are
//! busy either way. Requests with a body (forms, uploads) are not counted: a client that sends
//! its body slowly would hold a turn for as long as it liked.

use std::sync::Arc;

use axum::{
    extract::{Request, State},
    middleware::Next,
    response::Response,
};
use http::Method;
use tokio::sync::Semaphore;

/// The turns: one permit per request worked on.
#[derive(Debug, Clone)]
pub struct Admission(Arc<Semaphore>);

impl Admission {
    /// `at_once` requests worked on at once (at least one).
    pub fn new(at_once: usize) -> Admission {
        Admission(Arc::new(Semaphore::new(at_once.max(1))))
    }

    /// Requests that may start now.
    #[cfg(test)]
    fn free(&self) -> usize {
        self.0.available_permits()
    }
}

/// Runs a `GET` or `HEAD` request once it has a turn, and any other at once.
pub async fn admit(State(admission): State<Admission>, request: Request, next: Next) -> Response {
    if !matches!(*request.method(), Method::GET | Method::HEAD) {
        return next.run(request).await;
    }
    let (request, _turn) = match admission.0.try_acquire() {
        Ok(turn) => (request, Some(turn)),
        Err(_) => {
            let request = detached(request);
            // The semaphore is never closed; if it were, the request would run rather than fail.
            (request, admission.0.acquire().await.ok())
        }
    };
    next.run(request).await
}

/// `request` with its own copy of its head. The head as parsed points into the connection's
/// read buffer (8 KB or more), which stays allocated for as long as the request lives, beside
/// the buffer the connection reads into next; a request about to wait lets go of it.
fn detached(request: Request) -> Request {
    let (mut parts, body) = request.into_parts();
    if let Ok(uri) = http::Uri::try_from(parts.uri.to_string()) {
        parts.uri = uri;
    }
    let mut headers = http::HeaderMap::with_capacity(parts.headers.len());
    for (name, value) in &parts.headers {
        let (Ok(name), Ok(mut copy)) = (
            http::HeaderName::from_bytes(name.as_str().as_bytes()),
            http::HeaderValue::from_bytes(value.as_bytes()),
        ) else {
            // Cannot happen: both were valid already. Keep the original rather than drop it.
            headers.append(name.clone(), value.clone());
            continue;
        };
        copy.set_sensitive(value.is_sensitive());
        headers.append(name, copy);
    }
    parts.headers = headers;
    Request::from_parts(parts, body)
}

#[cfg(test)]
mod tests {
    use super::{Admission, admit};
    use axum::{Router, body::Body, routing::any};
    use http::{Method, Request};
    use std::sync::{
        Arc,
        atomic::{AtomicUsize, Ordering},
    };
    use tower::ServiceExt;

    /// A router whose handler waits for `gate`, counting the requests inside it at once.
    fn router(
        admission: &Admission,
        gate: Arc<tokio::sync::Notify>,
        inside: Arc<AtomicUsize>,
        most: Arc<AtomicUsize>,
    ) -> Router {
        Router::new()
            .route(
                "/",
                any(move || {
                    let (gate, inside, most) = (gate.clone(), inside.clone(), most.clone());
                    async move {
                        let now = inside.fetch_add(1, Ordering::SeqCst) + 1;
                        most.fetch_max(now, Ordering::SeqCst);
                        gate.notified().await;
                        inside.fetch_sub(1, Ordering::SeqCst);
                        "done"
                    }
                }),
            )
            .layer(axum::middleware::from_fn_with_state(
                admission.clone(),
                admit,
            ))
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn pages_take_turns_and_requests_with_a_body_do_not_wait() {
        let admission = Admission::new(2);
        let gate = Arc::new(tokio::sync::Notify::new());
        let inside = Arc::new(AtomicUsize::new(0));
        let most = Arc::new(AtomicUsize::new(0));
        let app = router(&admission, gate.clone(), inside.clone(), most.clone());
        let send = |method: Method| {
            let app = app.clone();
            tokio::spawn(async move {
                let request = Request::builder()
                    .method(method)
                    .uri("/")
                    .body(Body::empty());
                app.oneshot(request.expect("request"))
                    .await
                    .expect("answer")
                    .status()
            })
        };
        let pages: Vec<_> = (0..6).map(|_| send(Method::GET)).collect();
        while inside.load(Ordering::SeqCst) < 2 {
            tokio::task::yield_now().await;
        }
        // Both turns are taken; a form's POST still goes in.
        let form = send(Method::POST);
        while inside.load(Ordering::SeqCst) < 3 {
            tokio::task::yield_now().await;
        }
        assert_eq!(admission.free(), 0);
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        assert_eq!(inside.load(Ordering::SeqCst), 3, "the other pages wait");
        // Let everyone through, one wake-up at a time.
        while !pages.iter().all(|p| p.is_finished()) || !form.is_finished() {
            gate.notify_waiters();
            tokio::task::yield_now().await;
        }
        for page in pages {
            assert_eq!(page.await.expect("joins").as_u16(), 200);
        }
        assert_eq!(form.await.expect("joins").as_u16(), 200);
        assert_eq!(
            most.load(Ordering::SeqCst),
            3,
            "two pages and the form at most"
        );
        assert_eq!(admission.free(), 2, "every turn given back");
    }

    /// A request that waits no longer points into the buffer its head was read into; one that
    /// does not wait is passed on as it came.
    #[test]
    fn a_waiting_request_lets_go_of_the_buffer_its_head_was_read_into() {
        let buffer = bytes::Bytes::from_static(b"/en/account?tab=1 x-custom session=abc");
        let inside = |p: *const u8| buffer.as_ptr_range().contains(&p);
        let read = || {
            let mut request =
                Request::get(http::Uri::from_maybe_shared(buffer.slice(0..17)).expect("uri"))
                    .body(Body::empty())
                    .expect("request");
            let name = http::HeaderName::from_bytes(&buffer[18..26]).expect("name");
            let value = http::HeaderValue::from_maybe_shared(buffer.slice(27..38)).expect("value");
            request.headers_mut().insert(name, value);
            request
        };
        let original = read();
        assert!(inside(original.headers()["x-custom"].as_bytes().as_ptr()));
        assert!(inside(original.uri().path().as_ptr()));
        let copy = super::detached(read());
        assert_eq!(copy.uri(), original.uri());
        assert_eq!(copy.headers(), original.headers());
        assert!(!inside(copy.headers()["x-custom"].as_bytes().as_ptr()));
        assert!(!inside(copy.uri().path().as_ptr()));
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn only_a_request_that_waits_is_copied() {
        static BUFFER: &[u8] = b"GET / x-from: buffer";
        let admission = Admission::new(1);
        let gate = Arc::new(tokio::sync::Notify::new());
        let seen = Arc::new(std::sync::Mutex::new(Vec::new()));
        let app = {
            let (gate, seen) = (gate.clone(), seen.clone());
            Router::new()
                .route(
                    "/",
                    any(move |headers: http::HeaderMap| {
                        let (gate, seen) = (gate.clone(), seen.clone());
                        async move {
                            let shared = BUFFER
                                .as_ptr_range()
                                .contains(&headers["x-from"].as_bytes().as_ptr());
                            seen.lock().expect("lock").push(shared);
                            gate.notified().await;
                        }
                    }),
                )
                .layer(axum::middleware::from_fn_with_state(admission, admit))
        };
        let get = || {
            let mut request = Request::get("/").body(Body::empty()).expect("request");
            let value =
                http::HeaderValue::from_maybe_shared(bytes::Bytes::from_static(&BUFFER[14..]));
            request
                .headers_mut()
                .insert("x-from", value.expect("value"));
            request
        };
        let first = tokio::spawn(app.clone().oneshot(get()));
        while seen.lock().expect("lock").is_empty() {
            tokio::task::yield_now().await;
        }
        let second = tokio::spawn(app.oneshot(get()));
        while !first.is_finished() || !second.is_finished() {
            gate.notify_waiters();
            tokio::task::yield_now().await;
        }
        assert_eq!(*seen.lock().expect("lock"), [true, false]);
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn a_request_that_gives_up_while_waiting_gives_its_place_back() {
        let admission = Admission::new(1);
        let gate = Arc::new(tokio::sync::Notify::new());
        let inside = Arc::new(AtomicUsize::new(0));
        let app = router(&admission, gate.clone(), inside.clone(), Arc::default());
        let get = || Request::get("/").body(Body::empty()).expect("request");
        let first = tokio::spawn(app.clone().oneshot(get()));
        while inside.load(Ordering::SeqCst) < 1 {
            tokio::task::yield_now().await;
        }
        // A client that disconnects while waiting: its request is dropped.
        let waiting = tokio::time::timeout(
            std::time::Duration::from_millis(50),
            app.clone().oneshot(get()),
        )
        .await;
        assert!(waiting.is_err(), "it waited for the turn");
        while !first.is_finished() {
            gate.notify_waiters();
            tokio::task::yield_now().await;
        }
        assert_eq!(admission.free(), 1);
        let next = tokio::spawn(app.oneshot(get()));
        while !next.is_finished() {
            gate.notify_waiters();
            tokio::task::yield_now().await;
        }
        assert_eq!(next.await.expect("joins").expect("answer").status(), 200);
    }
}
