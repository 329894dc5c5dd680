//! The router: Leptos' options, the pages, the search page, the account routes, the server
//! functions, feeds,
//! and the middleware around them, assembled from the settings and the started parts.

use std::{path::PathBuf, sync::Arc};

use app::SiteContext;
use app::hydration::{Bundle, Bundles};
use axum::{Router, routing::get};
use domain::{lang::Lang, search::search_url};
use leptos::{config::Env, prelude::*};

use crate::{
    Settings, accounts, actions, client_addr, clock, consent, console, db, jobs::spawn_reloader,
    logos, mail, middleware, ops, pages, permits, published, security_headers, state,
};

/// cargo-leptos writes the hashes of the asset names next to the server binary.
fn hash_file() -> Option<PathBuf> {
    std::env::current_exe()
        .ok()
        .and_then(|exe| exe.parent().map(|dir| dir.join("hash.txt")))
        .filter(|path| path.is_file())
}

/// The browser bundles: the full one named as cargo-leptos names it (`portal.<hash>.js` with
/// a hash file, `portal.js` without), the first-visit one as its build recorded it in
/// `<site>/first-visit.txt` (none without that file, or when it was built with another full
/// bundle than this one).
pub(crate) fn bundles(settings: &Settings) -> Bundles {
    let hashes = hash_file()
        .and_then(|path| std::fs::read_to_string(path).ok())
        .unwrap_or_default();
    let hash = |kind: &str| {
        hashes.lines().find_map(|line| {
            let (file, hash) = line.split_once(':')?;
            (file.trim() == kind).then(|| hash.trim().to_owned())
        })
    };
    let name = |kind: &str| match hash(kind) {
        Some(hash) => format!("portal.{hash}.{kind}"),
        None => format!("portal.{kind}"),
    };
    let full = Bundle {
        js: name("js").into(),
        wasm: name("wasm").into(),
    };
    let first_visit = std::fs::read_to_string(settings.site_dir.join("first-visit.txt"))
        .ok()
        .and_then(|manifest| Bundle::from_manifest(&manifest, &full));
    Bundles::new(full, first_visit)
}

pub(crate) fn leptos_options(settings: &Settings) -> LeptosOptions {
    let hash_file = hash_file();
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
pub(crate) fn live_reload() -> bool {
    std::env::var_os("LEPTOS_WATCH").is_some()
}

/// What the account routes are built from.
#[derive(Debug)]
pub(crate) struct Auth {
    pub(crate) mailer: mail::Mailer,
    pub(crate) logos: logos::LogoStore,
    pub(crate) db: db::Db,
    pub(crate) hasher: accounts::passwords::Hasher,
    pub(crate) clock: Arc<dyn clock::Clock>,
    pub(crate) timeouts: accounts::sessions::Timeouts,
}

pub(crate) fn router(
    settings: &Settings,
    content: published::Content,
    consent: consent::ConsentState,
    auth: Auth,
    readiness: ops::Readiness,
) -> Router {
    // One shared copy of the origin for the pages and the same-origin check.
    let origin = settings.origin();
    let options = leptos_options(settings);
    let context = SiteContext {
        name: settings.site_name.as_str().into(),
        public_url: origin.shared(),
        site: content.site(),
        consent: consent.policy.clone(),
        logo_max_bytes: settings.logos.max_bytes,
        try_servers: settings.apis.try_servers.as_slice().into(),
        bundles: bundles(settings),
    };
    let pages = pages::Pages::new(options.clone(), context, content.clone());
    let core = accounts::AccountsState {
        db: auth.db.clone(),
        hasher: auth.hasher,
        clock: auth.clock.clone(),
        settings: settings.accounts.clone(),
        mode: settings.consent.mode,
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
    let console = console::Console {
        db: auth.db.clone(),
        hasher: core.hasher.clone(),
        mailer: core.mailer.clone(),
        clock: auth.clock.clone(),
        limits: portal_core::operators::login::LoginLimits {
            per_account: settings.accounts.login_failures_per_account,
            per_ip: settings.accounts.login_failures_per_ip,
            window: core.window(),
        },
        options: options.clone(),
        site_name: settings.site_name.as_str().into(),
        cookie_name: settings.operator_cookie_name(),
        secure: settings.is_https(),
        require_approval: settings.showcase.require_approval,
        content: content.clone(),
        site_dir: settings.site_dir.clone(),
    };
    let accounts = accounts::Handlers {
        core,
        pages: pages.clone(),
    };
    let mut routes = Router::new()
        .merge(accounts::routes(settings.logos.max_bytes))
        .merge(console::routes())
        .merge(actions::routes());
    for lang in Lang::ALL {
        routes = routes.route(search_url(lang), get(pages::search_page));
    }
    // Every other path is a content page (or the app's 404).
    let routes = routes.route("/{*path}", get(pages::content_page));
    let state = state::AppState::new(state::Parts {
        viewer: accounts::sessions::ViewerState {
            db: auth.db.clone(),
            clock: auth.clock.clone(),
            timeouts: auth.timeouts,
        },
        db: auth.db.clone(),
        clock: auth.clock.clone(),
        content: content.clone(),
        origin: state::SiteOrigin(origin.shared()),
        consent,
        accounts,
        pages,
        showcase: settings.showcase,
        console,
    });
    let sessions = middleware::Sessions {
        store: accounts::sessions::AccountSessionStore::new(
            auth.db.clone(),
            auth.clock,
            auth.timeouts,
        ),
        cookie_name: settings.session_cookie_name(),
        secure: settings.is_https(),
    };
    // Probes reach these on the public port; `/metrics` is only on the ops listener.
    let ops_routes = Router::new()
        .route("/healthz", get(ops::healthz))
        .route("/readyz", get(ops::readyz).with_state(readiness));
    let security = security_headers::SecurityHeaders::for_policy(
        &settings.public_url,
        &settings.consent,
        &settings.apis.try_servers,
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
    spawn_reloader(
        content,
        cache.clone(),
        settings.content_dir.clone(),
        auth.db.clone(),
    );
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
            admission: middleware::admission::Admission::new(
                settings.connections.max_active_requests,
            ),
        },
    )
}
