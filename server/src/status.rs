//! The status page's data. Every instance runs the checker; the database hands each due API to
//! one of them (`portal_core::status`), so each API is checked once per interval however many
//! instances run. The page reads the report per request (it is never cached); machines get it
//! as `/status.json`, and the incidents (the status section's pages) as an Atom feed per
//! language (`/en/status/feed.xml`).

use std::{sync::Arc, time::Duration};

use axum::{
    Router,
    extract::State,
    response::{IntoResponse, Response},
    routing::get,
};
use domain::{
    date::PageDate,
    lang::Lang,
    site::{Page, Site},
    status::{ApiHealth, DAYS_SHOWN, percent},
};
use http::{StatusCode, header};
use portal_core::status::{CheckResult, KEEP_CHECKS_SECONDS, monitored, report, run_due};

use crate::{
    clock::Clock,
    config::ApiSettings,
    db::Db,
    feeds::{Feed, answer},
    published::Content,
    state::{AppState, SiteOrigin},
};

/// Where a language's incidents feed is served.
pub fn feed_url(lang: Lang) -> String {
    format!("/{}/status/feed.xml", lang.code())
}

/// The routes: `/status.json` and the incidents' feeds.
pub fn routes() -> Router<AppState> {
    let mut router = Router::new().route("/status.json", get(json));
    for lang in Lang::ALL {
        router = router.route(&feed_url(lang), get(move |c, o| feed(c, o, lang)));
    }
    router
}

/// Starts the checker: every few seconds it makes the monitored APIs those of the current
/// content and runs the checks that are due; once an hour it forgets single checks older
/// than a week.
pub(crate) fn spawn_checks(db: Db, clock: Arc<dyn Clock>, content: Content, settings: ApiSettings) {
    if !settings.checks {
        return;
    }
    let timeout = Duration::from_secs(settings.check_timeout_seconds);
    let interval = i64::try_from(settings.check_interval_seconds).unwrap_or(60);
    let client = match reqwest::Client::builder()
        .timeout(timeout)
        .redirect(reqwest::redirect::Policy::none())
        .user_agent(concat!("portal-status-check/", env!("CARGO_PKG_VERSION")))
        .build()
    {
        Ok(client) => client,
        Err(e) => {
            tracing::warn!(error = %e, "the status checks cannot start");
            return;
        }
    };
    tokio::spawn(async move {
        // Each instance asks once a second; the database says whether anything is due.
        let tick = Duration::from_secs(1);
        let mut synced: Vec<(String, String)> = Vec::new();
        let mut pruned_at = 0;
        // A claim outlives a check that hangs past its timeout, so two never overlap.
        let lease = i64::try_from(settings.check_timeout_seconds * 2 + 5).unwrap_or(60);
        loop {
            let apis = monitored(&content.site());
            if apis != synced {
                match db.sync_monitors(&apis).await {
                    Ok(()) => synced = apis,
                    Err(e) => tracing::warn!(error = %e, "the monitored APIs cannot be saved"),
                }
            }
            let probe = |url: String| {
                let client = client.clone();
                async move { probe(&client, &url).await }
            };
            if let Err(e) = run_due(&db, || clock.now(), interval, lease, probe).await {
                tracing::warn!(error = %e, "the status checks failed");
            }
            let now = clock.now();
            if now - pruned_at >= 3600 {
                pruned_at = now;
                if let Err(e) = db.prune_checks(now - KEEP_CHECKS_SECONDS).await {
                    tracing::warn!(error = %e, "pruning old checks failed");
                }
            }
            tokio::time::sleep(tick).await;
        }
    });
}

/// One `GET` of a health URL: up on a `2xx` or `3xx` in time.
async fn probe(client: &reqwest::Client, url: &str) -> CheckResult {
    let started = std::time::Instant::now();
    let answer = client.get(url).send().await;
    let millis = i64::try_from(started.elapsed().as_millis()).unwrap_or(i64::MAX);
    match answer {
        Ok(response) => {
            let status = response.status();
            CheckResult {
                up: status.is_success() || status.is_redirection(),
                http_status: Some(status.as_u16()),
                millis,
            }
        }
        Err(_) => CheckResult {
            up: false,
            http_status: None,
            millis,
        },
    }
}

/// `2026-12-05T10:20:30Z`.
pub fn rfc3339(unix: i64) -> String {
    let seconds = unix.rem_euclid(86_400);
    format!(
        "{}T{:02}:{:02}:{:02}Z",
        PageDate::from_days(unix.div_euclid(86_400)),
        seconds / 3600,
        seconds / 60 % 60,
        seconds % 60
    )
}

/// The status page of `lang`, if the content has one.
pub fn status_page(site: &Site, lang: Lang) -> Option<&Page> {
    site.pages().find(|p| p.lang == lang && p.is_status())
}

/// `/status.json`: each API's state, its last check, its uptime over the last 90 days and per
/// day, and the incidents (English titles, when there are).
async fn json(State(state): State<AppState>) -> Response {
    let site = state.content.site();
    let now = state.clock.now();
    let report = match report(&state.db, &site, now).await {
        Ok(report) => report,
        Err(e) => {
            tracing::warn!(error = %e, "the status report cannot be read");
            return (StatusCode::SERVICE_UNAVAILABLE, "status unavailable\n").into_response();
        }
    };
    let base = &state.origin.0;
    let apis: Vec<serde_json::Value> = report
        .apis
        .iter()
        .map(|api| api_json(api, &site, base))
        .collect();
    let incidents: Vec<serde_json::Value> = status_page(&site, Lang::En)
        .or_else(|| status_page(&site, Lang::Sv))
        .map(|page| {
            site.children(page)
                .map(|i| {
                    serde_json::json!({
                        "title": i.title,
                        "date": i.date.map(|d| d.to_string()),
                        "summary": i.description,
                        "url": format!("{base}{}", i.url),
                    })
                })
                .collect()
        })
        .unwrap_or_default();
    let body = serde_json::json!({
        "generated": rfc3339(now),
        "days": DAYS_SHOWN,
        "apis": apis,
        "incidents": incidents,
    });
    (
        [
            (header::CONTENT_TYPE, "application/json"),
            (header::CACHE_CONTROL, "no-cache"),
        ],
        body.to_string(),
    )
        .into_response()
}

fn api_json(api: &ApiHealth, site: &Site, base: &str) -> serde_json::Value {
    let page = site
        .by_key(Lang::En, &api.key)
        .or_else(|| site.by_key(Lang::Sv, &api.key));
    let id = api.key.rsplit('/').next().unwrap_or(&api.key);
    serde_json::json!({
        "id": id,
        "name": page.map(|p| p.title.clone()),
        "page": page.map(|p| format!("{base}{}", p.url)),
        "state": api.state.id(),
        "since": api.since.map(rfc3339),
        "checked": api.checked_at.map(rfc3339),
        "http_status": api.http_status,
        "millis": api.millis,
        "uptime_percent": api.uptime().map(|b| percent(b, '.').trim_end_matches(" %").to_owned()),
        "daily": api.days.iter().map(|d| serde_json::json!({
            "date": PageDate::from_days(d.day).to_string(),
            "checks": d.checks,
            "up": d.ups,
        })).collect::<Vec<_>>(),
    })
}

/// `/<lang>/status/feed.xml`: the incidents, newest first; 404 without a status page.
async fn feed(
    State(content): State<Content>,
    State(origin): State<SiteOrigin>,
    lang: Lang,
) -> Response {
    let site = content.site();
    let Some(page) = status_page(&site, lang) else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let incidents: Vec<&Page> = site.children(page).collect();
    let name = site
        .by_key(lang, "_index")
        .map_or_else(String::new, |p| p.title.clone());
    let feed = Feed {
        lang,
        title: format!("{name} – {}", page.title),
        alternate: format!("{}{}", origin.0, page.url),
        me: format!("{}{}", origin.0, feed_url(lang)),
        author: name,
        base: &origin.0,
    };
    answer("application/atom+xml; charset=utf-8", feed.atom(&incidents))
}

#[cfg(test)]
mod tests {
    use super::rfc3339;

    #[test]
    fn times_in_rfc_3339() {
        assert_eq!(rfc3339(0), "1970-01-01T00:00:00Z");
        assert_eq!(rfc3339(1_796_465_130), "2026-12-05T10:05:30Z");
    }
}
