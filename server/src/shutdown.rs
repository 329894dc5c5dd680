//! Stopping: SIGTERM drains first (not ready, still serving), SIGINT stops at once.

use std::sync::Arc;

/// Waits for SIGTERM or SIGINT. On SIGTERM (how an orchestrator stops an instance) the
/// instance first reports itself not ready and keeps serving for the grace period, so the
/// balancer stops sending it requests; then it stops accepting connections and finishes the
/// requests in flight. SIGINT (Ctrl-C) skips the grace period.
pub(crate) async fn shutdown_signal(
    draining: Arc<std::sync::atomic::AtomicBool>,
    grace: std::time::Duration,
) {
    if wait_for_signal().await == Signal::Terminate && !grace.is_zero() {
        draining.store(true, std::sync::atomic::Ordering::SeqCst);
        tracing::info!(
            grace_seconds = grace.as_secs(),
            "draining: not ready, still serving"
        );
        tokio::time::sleep(grace).await;
    }
    tracing::info!("shutting down: finishing requests in flight");
}

#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Signal {
    Interrupt,
    Terminate,
}

pub(crate) async fn wait_for_signal() -> Signal {
    let ctrl_c = async {
        if tokio::signal::ctrl_c().await.is_err() {
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => Signal::Interrupt,
        () = terminate => Signal::Terminate,
    }
}
