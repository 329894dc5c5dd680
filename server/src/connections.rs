//! Serving connections: HTTP/1.1 through hyper, with the limits a public listener needs.
//!
//! - A request's head (request line and headers) must arrive within
//!   `header_timeout_seconds` of the connection opening, or of the previous answer on it: a
//!   client that sends half a request, or keeps a connection open without using it, is
//!   disconnected then.
//! - A request body may pause at most `body_timeout_seconds` between two of its parts.
//! - At most `max_connections` connections are open at once; further ones wait in the
//!   kernel's accept queue until one closes.
//! - A connection's read buffer grows to at most `buffer_bytes` (a request head must fit).
//! - At most `max_active_requests` page requests past the page cache are worked on at once
//!   (`middleware::admission`); the others wait their turn holding only their request.
//!
//! HTTP/2 is not spoken here: browsers use it only over TLS, which the load balancer or
//! reverse proxy in front of the portal terminates.

use std::{future::Future, net::SocketAddr, sync::Arc, time::Duration};

use axum::{Router, extract::ConnectInfo};
use hyper::{body::Incoming, server::conn::http1};
use hyper_util::{
    rt::{TokioIo, TokioTimer},
    service::TowerToHyperService,
};
use serde::{Deserialize, Serialize};
use tokio::{
    net::TcpListener,
    sync::{Semaphore, watch},
};
use tower::ServiceExt;
use tower_http::timeout::TimeoutBody;

/// The limits of the public listener (`[connections]`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ConnectionSettings {
    /// Seconds a request's head may take, counted from the connection's start or from the
    /// previous answer on it (so also how long an idle keep-alive connection stays open).
    pub header_timeout_seconds: u64,
    /// Seconds a request body may pause between two of its parts.
    pub body_timeout_seconds: u64,
    /// Connections open at once, at most.
    pub max_connections: usize,
    /// The largest read buffer of a connection, in bytes (at least 8192); a request head
    /// larger than this is refused.
    pub buffer_bytes: usize,
    /// `GET` and `HEAD` requests the page cache does not answer, worked on at once, at most;
    /// further ones wait their turn (in the order they came) before any work is done for them.
    pub max_active_requests: usize,
}

impl Default for ConnectionSettings {
    fn default() -> Self {
        ConnectionSettings {
            header_timeout_seconds: 10,
            body_timeout_seconds: 20,
            max_connections: 1024,
            buffer_bytes: 16 * 1024,
            max_active_requests: 32,
        }
    }
}

impl ConnectionSettings {
    /// The problem with these values, if any: `(setting, problem)`.
    pub fn problem(&self) -> Option<(&'static str, &'static str)> {
        if !(1..=3600).contains(&self.header_timeout_seconds) {
            return Some(("connections.header_timeout_seconds", "must be 1–3600"));
        }
        if !(1..=3600).contains(&self.body_timeout_seconds) {
            return Some(("connections.body_timeout_seconds", "must be 1–3600"));
        }
        if !(1..=1_000_000).contains(&self.max_connections) {
            return Some(("connections.max_connections", "must be 1–1000000"));
        }
        if !(8192..=1024 * 1024).contains(&self.buffer_bytes) {
            return Some(("connections.buffer_bytes", "must be 8192–1048576"));
        }
        if !(1..=100_000).contains(&self.max_active_requests) {
            return Some(("connections.max_active_requests", "must be 1–100000"));
        }
        None
    }
}

/// Serves `router` on `listener` within `limits` until `shutdown` completes; then stops
/// accepting, lets every connection finish the request it is in (idle ones close at once),
/// and returns when all have closed. Each request carries the peer's address as
/// `ConnectInfo<SocketAddr>`.
pub async fn serve(
    listener: TcpListener,
    router: Router,
    limits: ConnectionSettings,
    shutdown: impl Future<Output = ()> + Send,
) -> std::io::Result<()> {
    let max = u32::try_from(limits.max_connections.max(1)).unwrap_or(u32::MAX >> 4);
    let permits = Arc::new(Semaphore::new(max as usize));
    let (stop, stopped) = watch::channel(false);
    let mut builder = http1::Builder::new();
    builder
        .timer(TokioTimer::new())
        .header_read_timeout(Duration::from_secs(limits.header_timeout_seconds.max(1)))
        .max_buf_size(limits.buffer_bytes.max(8192))
        .keep_alive(true);
    let body_timeout = Duration::from_secs(limits.body_timeout_seconds.max(1));
    tokio::pin!(shutdown);
    loop {
        let permit = tokio::select! {
            () = &mut shutdown => break,
            permit = permits.clone().acquire_owned() => match permit {
                Ok(permit) => permit,
                Err(_) => break,
            },
        };
        let (stream, peer) = tokio::select! {
            () = &mut shutdown => break,
            accepted = listener.accept() => match accepted {
                Ok(accepted) => accepted,
                Err(e) if is_connection_error(&e) => continue,
                Err(e) => {
                    // Out of file descriptors, say: wait rather than spin.
                    tracing::error!(error = %e, "accepting a connection failed");
                    tokio::time::sleep(Duration::from_secs(1)).await;
                    continue;
                }
            },
        };
        let _ = stream.set_nodelay(true);
        let service = router
            .clone()
            .map_request(move |request: http::Request<Incoming>| {
                let mut request =
                    request.map(|body| axum::body::Body::new(TimeoutBody::new(body_timeout, body)));
                request
                    .extensions_mut()
                    .insert(ConnectInfo::<SocketAddr>(peer));
                request
            });
        let connection =
            builder.serve_connection(TokioIo::new(stream), TowerToHyperService::new(service));
        let mut stopping = stopped.clone();
        tokio::spawn(async move {
            let _permit = permit;
            tokio::pin!(connection);
            let result = tokio::select! {
                result = connection.as_mut() => result,
                _ = stopping.changed() => {
                    connection.as_mut().graceful_shutdown();
                    connection.await
                }
            };
            if let Err(e) = result {
                tracing::debug!(error = %e, "connection closed");
            }
        });
    }
    drop(listener);
    let _ = stop.send(true);
    // Every connection gives its permit back when it closes.
    let _ = permits.acquire_many(max).await;
    Ok(())
}

/// Errors of one connection, not of the listener.
fn is_connection_error(e: &std::io::Error) -> bool {
    use std::io::ErrorKind;
    matches!(
        e.kind(),
        ErrorKind::ConnectionRefused | ErrorKind::ConnectionAborted | ErrorKind::ConnectionReset
    )
}
