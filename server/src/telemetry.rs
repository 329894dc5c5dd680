//! Logging: human-readable lines by default, or one JSON object per line; filtered by the
//! configured level (`RUST_LOG` wins when set). Every line of a request carries the request's
//! span (its id, method, path and the client's address masked to /24 or /48); nothing logs
//! full addresses, cookies, passwords or e-mails.

use tracing_subscriber::{EnvFilter, fmt};

use crate::config::LogFormat;

/// Installs the global subscriber; a second call (as in tests) is ignored.
pub fn init(level: &str, format: LogFormat, instance: &str) {
    let filter = EnvFilter::try_from_default_env()
        .or_else(|_| EnvFilter::try_new(level))
        .unwrap_or_else(|_| EnvFilter::new("info"));
    let installed = match format {
        LogFormat::Text => fmt().with_env_filter(filter).with_target(false).try_init(),
        LogFormat::Json => fmt()
            .json()
            .with_env_filter(filter)
            .with_current_span(true)
            .with_span_list(false)
            .try_init(),
    };
    if installed.is_ok() {
        tracing::info!(instance, "logging started");
    }
}
