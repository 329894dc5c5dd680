//! The portal's server: reads its settings and content, serves the Leptos app, static assets
//! and redirects. `Application::build` binds the listener, so tests start the real server on
//! port 0 and ask it for its port.

pub mod accounts;
mod actions;
mod cache_control;
pub mod config;
pub mod connections;
pub mod consent;
pub mod console;
pub mod dcat;
pub mod error;
pub mod feedback;
pub mod feeds;
mod histograms;
mod jobs;
pub mod middleware;
pub mod ops;
pub mod pages;
mod router;
mod shutdown;
pub mod state;
pub mod status;
pub mod telemetry;

pub use middleware::{canonical as paths, client_addr, security_headers};
/// The core's modules, where the server's handlers and its tests reach them.
pub use portal_core::{clock, content, db, logos, mail, permits, published, search};

use std::{net::SocketAddr, sync::Arc};

use axum::Router;
use tokio::net::TcpListener;

use crate::{
    jobs::{spawn_pruning, spawn_session_purge},
    router::{Auth, router},
    shutdown::shutdown_signal,
};

pub use config::Settings;

/// Why the server could not start.
#[derive(Debug, thiserror::Error)]
pub enum StartError {
    /// The content folder has broken pages.
    #[error("{0}")]
    Content(#[from] content::ContentError),
    /// The database could not be opened or migrated.
    #[error("database: {0}")]
    Database(#[from] sqlx::Error),
    /// A folder could not be created or the address could not be bound.
    #[error("{context}: {source}")]
    Io {
        /// What was being done.
        context: String,
        /// The cause.
        source: std::io::Error,
    },
}

/// A server with its listener bound, ready to run.
#[derive(Debug)]
pub struct Application {
    listener: TcpListener,
    router: Router,
    address: SocketAddr,
    ops_listener: TcpListener,
    ops_router: Router,
    ops_address: SocketAddr,
    draining: Arc<std::sync::atomic::AtomicBool>,
    grace: std::time::Duration,
    connections: connections::ConnectionSettings,
}

impl Application {
    /// Loads the content, prepares the routes and binds the listener.
    pub async fn build(settings: Settings) -> Result<Application, StartError> {
        Application::build_with_clock(settings, Arc::new(clock::SystemClock)).await
    }

    /// Like [`Application::build`], with the clock sessions are timed by (tests move it).
    pub async fn build_with_clock(
        mut settings: Settings,
        clock: Arc<dyn clock::Clock>,
    ) -> Result<Application, StartError> {
        ops::metrics();
        let published = published::Published::load(&settings.content_dir)?;
        tracing::info!(pages = published.site.len(), dir = %settings.content_dir.display(), "content loaded");
        let content = published::Content::new(published);
        let listener = TcpListener::bind(settings.bind)
            .await
            .map_err(|source| StartError::Io {
                context: format!("cannot listen on {}", settings.bind),
                source,
            })?;
        let address = listener.local_addr().map_err(|source| StartError::Io {
            context: "cannot read the bound address".into(),
            source,
        })?;
        // Everything below sees the public URL of the port really bound.
        settings.bound_to(address);
        std::fs::create_dir_all(&settings.data_dir).map_err(|source| StartError::Io {
            context: format!(
                "cannot create the data folder {}",
                settings.data_dir.display()
            ),
            source,
        })?;
        let db = db::Db::connect(settings.database_url(), &settings.data_dir).await?;
        let key = consent::load_key(
            settings.consent_secret.as_ref().map(|s| s.expose()),
            &settings.data_dir,
        )
        .map_err(|source| StartError::Io {
            context: "cannot read or create the consent key".into(),
            source,
        })?;
        let consent = consent::ConsentState {
            policy: Arc::new(settings.consent.clone()),
            key,
            secure: settings.is_https(),
        };
        let hasher = accounts::passwords::Hasher::new(
            settings.accounts.hash_permits,
            settings.accounts.hash_queue,
        )
        .map_err(|e| StartError::Io {
            context: "cannot prepare password hashing".into(),
            source: std::io::Error::other(e),
        })?;
        let a = &settings.accounts;
        let timeouts = accounts::sessions::Timeouts {
            idle: i64::try_from(a.idle_minutes * 60).unwrap_or(i64::MAX / 4),
            absolute: i64::try_from(a.absolute_hours * 3600).unwrap_or(i64::MAX / 4),
        };
        let logo_store =
            logos::LogoStore::open(&settings.logos, &settings.data_dir).map_err(|e| {
                StartError::Io {
                    context: "cannot open the logo storage".into(),
                    source: std::io::Error::other(e),
                }
            })?;
        let mailer = mail::start(
            &settings.mail,
            mail::SiteInfo {
                name: &settings.site_name,
                public_url: &settings.origin(),
                data_dir: &settings.data_dir,
            },
            db.clone(),
            clock.clone(),
        )
        .map_err(|e| StartError::Io {
            context: "cannot prepare the SMTP connection (mail.smtp_*)".into(),
            source: std::io::Error::other(e),
        })?;
        let auth = Auth {
            mailer,
            logos: logo_store,
            db: db.clone(),
            hasher,
            clock: clock.clone(),
            timeouts,
        };
        spawn_pruning(
            db.clone(),
            clock.clone(),
            settings.consent.log_retention_days,
        );
        status::spawn_checks(
            db.clone(),
            clock.clone(),
            content.clone(),
            settings.apis.clone(),
        );
        spawn_session_purge(
            db,
            clock,
            settings.accounts.purge_interval_seconds,
            i64::try_from(settings.accounts.failure_window_minutes * 60).unwrap_or(i64::MAX / 4),
        );
        let ops_listener = TcpListener::bind(settings.ops_bind)
            .await
            .map_err(|source| StartError::Io {
                context: format!(
                    "cannot listen on {} (ops_bind, for /metrics)",
                    settings.ops_bind
                ),
                source,
            })?;
        let ops_address = ops_listener.local_addr().map_err(|source| StartError::Io {
            context: "cannot read the bound ops address".into(),
            source,
        })?;
        let draining = Arc::new(std::sync::atomic::AtomicBool::new(false));
        let readiness = ops::Readiness::new(auth.db.clone(), auth.logos.clone(), draining.clone());
        let router = router(&settings, content, consent, auth, readiness.clone());
        Ok(Application {
            listener,
            router,
            address,
            ops_listener,
            ops_router: ops::ops_router(readiness),
            ops_address,
            draining,
            grace: std::time::Duration::from_secs(settings.shutdown_grace_seconds),
            connections: settings.connections,
        })
    }

    /// The port the server listens on (useful with port 0).
    pub fn port(&self) -> u16 {
        self.address.port()
    }

    /// The address the server listens on.
    pub fn address(&self) -> SocketAddr {
        self.address
    }

    /// The address `/metrics` is served on (`ops_bind`).
    pub fn ops_address(&self) -> SocketAddr {
        self.ops_address
    }

    /// Serves until SIGINT or SIGTERM, then finishes the requests in flight. The ops listener
    /// stops with it.
    pub async fn run_until_stopped(self) -> std::io::Result<()> {
        let ops_limits = connections::ConnectionSettings {
            max_connections: 64,
            ..self.connections
        };
        let ops = tokio::spawn(async move {
            let never = std::future::pending::<()>();
            if let Err(e) =
                connections::serve(self.ops_listener, self.ops_router, ops_limits, never).await
            {
                tracing::error!(error = %e, "the ops listener stopped");
            }
        });
        let served = connections::serve(
            self.listener,
            self.router,
            self.connections,
            shutdown_signal(self.draining, self.grace),
        )
        .await;
        ops.abort();
        served
    }
}
