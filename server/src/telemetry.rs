//! Logging: human-readable lines filtered by the configured level (`RUST_LOG` wins when set).

use tracing_subscriber::{EnvFilter, fmt};

/// Installs the global subscriber; a second call (as in tests) is ignored.
pub fn init(level: &str) {
    let filter = EnvFilter::try_from_default_env()
        .or_else(|_| EnvFilter::try_new(level))
        .unwrap_or_else(|_| EnvFilter::new("info"));
    let _ = fmt().with_env_filter(filter).with_target(false).try_init();
}
