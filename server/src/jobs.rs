//! Background jobs of every instance: pruning the consent log, purging expired sessions,
//! attempts, networks, links and sent mail, and reloading the content (on `SIGHUP`, and when an
//! operator publishes).

use std::{path::PathBuf, sync::Arc};

use crate::{accounts, clock, db, middleware, published};

/// Deletes consent log rows past their retention, now and then every hour.
pub(crate) fn spawn_pruning(db: db::Db, clock: Arc<dyn clock::Clock>, retention_days: u32) {
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

/// Deletes expired sessions and attempt records older than the longest window, now and then.
pub(crate) fn spawn_session_purge(
    db: db::Db,
    clock: Arc<dyn clock::Clock>,
    every_secs: u64,
    window: i64,
) {
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
            if let Err(e) = db.purge_operator_sessions(now).await {
                tracing::warn!(error = %e, "purging operator sessions failed");
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

/// Reads the content folder again: when every file is fine the new pages (and their search
/// index) replace the old ones at once and the page cache is emptied; otherwise the running
/// version stays and the problems are logged, one per file.
pub(crate) async fn reload_content(
    content: &published::Content,
    cache: &middleware::PageCache,
    dir: &std::path::Path,
    why: &'static str,
) {
    let folder = dir.to_path_buf();
    let reloading = content.clone();
    let result = tokio::task::spawn_blocking(move || reloading.reload(&folder)).await;
    match result {
        Ok(Ok(pages)) => {
            cache.clear();
            tracing::info!(pages, dir = %dir.display(), why, "content reloaded");
            metrics::counter!("portal_content_reloads_total", "outcome" => "ok").increment(1);
        }
        Ok(Err(problems)) => {
            tracing::error!(dir = %dir.display(), %problems, why, "content not reloaded: the running version stays");
            metrics::counter!("portal_content_reloads_total", "outcome" => "refused").increment(1);
        }
        Err(e) => tracing::error!(error = %e, "content reload failed"),
    }
}

/// Reloads the content on `SIGHUP`, and whenever an operator publishes (the database's content
/// generation rises: every instance behind the balancer sees it within
/// [`PUBLISH_POLL_SECONDS`]).
pub(crate) fn spawn_reloader(
    content: published::Content,
    cache: Arc<middleware::PageCache>,
    dir: PathBuf,
    db: db::Db,
) {
    #[cfg(unix)]
    {
        let (content, cache, dir) = (content.clone(), cache.clone(), dir.clone());
        tokio::spawn(async move {
            use tokio::signal::unix::{SignalKind, signal};
            let Ok(mut hangups) = signal(SignalKind::hangup()) else {
                tracing::warn!("cannot listen for SIGHUP: reload by publishing from the console");
                return;
            };
            while hangups.recv().await.is_some() {
                reload_content(&content, &cache, &dir, "SIGHUP").await;
            }
        });
    }
    tokio::spawn(async move {
        let mut seen = db.content_generation().await.ok();
        let mut every = tokio::time::interval(std::time::Duration::from_secs(PUBLISH_POLL_SECONDS));
        loop {
            every.tick().await;
            match db.content_generation().await {
                Ok(now) if seen != Some(now) => {
                    if seen.is_some() {
                        reload_content(&content, &cache, &dir, "published").await;
                    }
                    seen = Some(now);
                }
                Ok(_) => {}
                Err(e) => tracing::warn!(error = %e, "reading the content generation failed"),
            }
        }
    });
}

/// How often each instance looks whether an operator published.
pub(crate) const PUBLISH_POLL_SECONDS: u64 = 2;
