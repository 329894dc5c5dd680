//! The portal's server: reads its settings and content, serves the Leptos app, static assets
//! and redirects. `Application::build` binds the listener, so tests start the real server on
//! port 0 and ask it for its port.

pub mod accounts;
mod actions;
mod cache_control;
pub mod clock;
pub mod config;
pub mod connections;
pub mod consent;
pub mod db;
pub mod feeds;
pub mod logos;
pub mod mail;
pub mod middleware;
pub mod ops;
pub mod permits;
pub mod published;
pub mod search;
pub mod state;
pub mod telemetry;

pub use middleware::{canonical as paths, client_addr, security_headers};

use std::{net::SocketAddr, path::PathBuf, sync::Arc};

use app::{App, SiteContext, ssr::content};
use axum::Router;
use leptos::{config::Env, prelude::*};
use leptos_axum::{LeptosRoutes, generate_route_list_with_exclusions};
use tokio::net::TcpListener;

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
                public_url: &settings.public_url,
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

fn leptos_options(settings: &Settings) -> LeptosOptions {
    // cargo-leptos writes the hashes of the asset names next to the server binary.
    let hash_file = std::env::current_exe()
        .ok()
        .and_then(|exe| exe.parent().map(|dir| dir.join("hash.txt")))
        .filter(|path| path.is_file());
    LeptosOptions::builder()
        .output_name("portal")
        .site_root(settings.site_dir.to_string_lossy().as_ref())
        .site_pkg_dir("pkg")
        .site_addr(settings.bind)
        .env(if live_reload() { Env::DEV } else { Env::PROD })
        .reload_port(
            std::env::var("LEPTOS_RELOAD_PORT")
                .ok()
                .and_then(|p| p.parse().ok())
                .unwrap_or(3001),
        )
        .hash_files(hash_file.is_some())
        .hash_file(
            hash_file
                .map(PathBuf::into_os_string)
                .and_then(|p| p.into_string().ok())
                .unwrap_or_else(|| "hash.txt".into())
                .into(),
        )
        .build()
}

/// Whether `cargo leptos watch` runs this server (it sets `LEPTOS_WATCH`): development, where
/// the pages carry the live-reload script and may open its WebSocket.
fn live_reload() -> bool {
    std::env::var_os("LEPTOS_WATCH").is_some()
}

/// Deletes consent log rows past their retention, now and then every hour.
fn spawn_pruning(db: db::Db, clock: Arc<dyn clock::Clock>, retention_days: u32) {
    tokio::spawn(async move {
        let mut every_hour = tokio::time::interval(std::time::Duration::from_secs(3600));
        loop {
            every_hour.tick().await;
            let cutoff = clock.now() - i64::from(retention_days) * 86_400;
            match db.prune_consent_log(cutoff).await {
                Ok(0) => {}
                Ok(n) => tracing::info!(rows = n, "pruned old consent log rows"),
                Err(e) => tracing::warn!(error = %e, "pruning the consent log failed"),
            }
        }
    });
}

/// What the account routes are built from.
#[derive(Debug)]
struct Auth {
    mailer: mail::Mailer,
    logos: logos::LogoStore,
    db: db::Db,
    hasher: accounts::passwords::Hasher,
    clock: Arc<dyn clock::Clock>,
    timeouts: accounts::sessions::Timeouts,
}

/// Deletes expired sessions and attempt records older than the longest window, now and then.
fn spawn_session_purge(db: db::Db, clock: Arc<dyn clock::Clock>, every_secs: u64, window: i64) {
    tokio::spawn(async move {
        let mut every = tokio::time::interval(std::time::Duration::from_secs(every_secs));
        loop {
            every.tick().await;
            let now = clock.now();
            match db.purge_sessions(now).await {
                Ok(0) => {}
                Ok(n) => tracing::info!(sessions = n, "purged expired sessions"),
                Err(e) => tracing::warn!(error = %e, "purging sessions failed"),
            }
            if let Err(e) = db.prune_attempts(now - window.max(3600)).await {
                tracing::warn!(error = %e, "pruning login attempts failed");
            }
            let forget = now - accounts::store::KNOWN_NETWORK_SECONDS;
            if let Err(e) = db.prune_networks(forget).await {
                tracing::warn!(error = %e, "pruning known networks failed");
            }
            if let Err(e) = db.purge_tokens(now).await {
                tracing::warn!(error = %e, "purging expired links failed");
            }
            // Sent and given-up mail keeps only its kind and times, for a week.
            if let Err(e) = db.purge_mail(now - 7 * 86_400).await {
                tracing::warn!(error = %e, "purging the mail queue failed");
            }
        }
    });
}

fn router(
    settings: &Settings,
    content: published::Content,
    consent: consent::ConsentState,
    auth: Auth,
    readiness: ops::Readiness,
) -> Router {
    let options = leptos_options(settings);
    let context = SiteContext {
        name: settings.site_name.as_str().into(),
        public_url: settings.public_url.as_str().into(),
        site: content.site(),
        consent: consent.policy.clone(),
        logo_max_bytes: settings.logos.max_bytes,
    };
    let current = content.clone();
    let shell_options = options.clone();
    // The account pages are served by their own handlers (which render them through the app),
    // and the server functions by `actions::routes` (with the actions in their context).
    let excluded = accounts::LEPTOS_PATHS
        .iter()
        .map(|p| (*p).to_owned())
        .chain(actions::paths())
        // Served by the catch-all page route (the app routes them), with the results put in
        // by `middleware::search::with_results`.
        .chain(["/{lang}/search".to_owned(), "/{lang}/sok".to_owned()])
        .collect();
    let listing = generate_route_list_with_exclusions(App, Some(excluded));
    let pages: Router<LeptosOptions> = Router::new().leptos_routes_with_context(
        &options,
        listing,
        // Each request renders the content current when it arrived.
        move || {
            provide_context(SiteContext {
                site: current.site(),
                ..context.clone()
            })
        },
        move || app::shell(shell_options.clone()),
    );
    let accounts = accounts::AccountsState {
        db: auth.db.clone(),
        hasher: auth.hasher,
        clock: auth.clock.clone(),
        settings: settings.accounts.clone(),
        mode: settings.consent.mode,
        pages: pages.clone().with_state(options.clone()),
        logos: auth.logos,
        mailer: auth.mailer,
        logo_max_bytes: settings.logos.max_bytes,
        require_approval: settings.showcase.require_approval,
        image_permits: permits::Permits::new(
            settings.logos.image_permits,
            settings.logos.image_queue,
        ),
        upload_permits: permits::Permits::new(
            settings.logos.upload_permits,
            settings.logos.upload_queue,
        ),
    };
    let routes = pages
        .with_state(options.clone())
        .merge(accounts::routes(settings.logos.max_bytes))
        .merge(actions::routes());
    let state = state::AppState::new(state::Parts {
        viewer: accounts::sessions::ViewerState {
            db: auth.db.clone(),
            clock: auth.clock.clone(),
            timeouts: auth.timeouts,
        },
        db: auth.db.clone(),
        clock: auth.clock.clone(),
        content: content.clone(),
        origin: state::SiteOrigin(settings.public_url.as_str().into()),
        consent,
        accounts,
        showcase: settings.showcase,
    });
    let sessions = middleware::Sessions {
        store: accounts::sessions::AccountSessionStore::new(auth.db, auth.clock, auth.timeouts),
        cookie_name: settings.session_cookie_name(),
        secure: settings.is_https(),
    };
    // Probes reach these on the public port; `/metrics` is only on the ops listener.
    let ops_routes = Router::new()
        .route("/healthz", axum::routing::get(ops::healthz))
        .route(
            "/readyz",
            axum::routing::get(ops::readyz).with_state(readiness),
        );
    let security = security_headers::SecurityHeaders::new(
        &settings.public_url,
        &settings.consent.video_origin,
        settings.consent.scripts.iter().map(|s| s.src.as_str()),
    )
    .with_live_reload(live_reload());
    // Checked by `Settings::validated`.
    let trusted = client_addr::TrustedProxies::parse(&settings.trusted_proxies).unwrap_or_default();
    let cache = middleware::PageCache::new(
        content.clone(),
        security.clone(),
        settings.page_cache_bytes,
        &settings.instance_id,
    );
    spawn_reloader(content, cache.clone(), settings.content_dir.clone());
    middleware::wrap(
        state,
        routes,
        ops_routes,
        &options,
        sessions,
        middleware::Edge {
            instance_id: &settings.instance_id,
            trusted,
            headers: security,
            cache,
        },
    )
}

/// On `SIGHUP`, reads the content folder again: when every file is fine the new pages (and
/// their search index) replace the old ones at once and the page cache is emptied; otherwise
/// the running version stays and the problems are logged, one per file.
fn spawn_reloader(content: published::Content, cache: Arc<middleware::PageCache>, dir: PathBuf) {
    #[cfg(unix)]
    tokio::spawn(async move {
        use tokio::signal::unix::{SignalKind, signal};
        let Ok(mut hangups) = signal(SignalKind::hangup()) else {
            tracing::warn!("cannot listen for SIGHUP: content reload is off");
            return;
        };
        while hangups.recv().await.is_some() {
            let folder = dir.clone();
            let reloading = content.clone();
            let result = tokio::task::spawn_blocking(move || reloading.reload(&folder)).await;
            match result {
                Ok(Ok(pages)) => {
                    cache.clear();
                    tracing::info!(pages, dir = %dir.display(), "content reloaded");
                    metrics::counter!("portal_content_reloads_total", "outcome" => "ok")
                        .increment(1);
                }
                Ok(Err(problems)) => {
                    tracing::error!(dir = %dir.display(), %problems, "content not reloaded: the running version stays");
                    metrics::counter!("portal_content_reloads_total", "outcome" => "refused")
                        .increment(1);
                }
                Err(e) => tracing::error!(error = %e, "content reload failed"),
            }
        }
    });
    #[cfg(not(unix))]
    let _ = (content, cache, dir);
}

/// Waits for SIGTERM or SIGINT. On SIGTERM (how an orchestrator stops an instance) the
/// instance first reports itself not ready and keeps serving for the grace period, so the
/// balancer stops sending it requests; then it stops accepting connections and finishes the
/// requests in flight. SIGINT (Ctrl-C) skips the grace period.
async fn shutdown_signal(draining: Arc<std::sync::atomic::AtomicBool>, grace: std::time::Duration) {
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
enum Signal {
    Interrupt,
    Terminate,
}

async fn wait_for_signal() -> Signal {
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
