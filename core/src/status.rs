//! The APIs' health checks, kept in the database so that one check runs per interval however
//! many instances run: each instance asks for a due API and the database hands it to one of
//! them (`claimed_until`, the same claim the mail queue uses). Each result updates the API's
//! current state, is kept for a week, and is counted in its day's uptime.

use std::future::Future;

use domain::{
    site::{Page, Site},
    status::{ApiHealth, ApiState, DAYS_SHOWN, StatusReport, UptimeDay},
};

use crate::db::{Db, on_pool};

/// How long checks are kept one by one (the days' counts stay).
pub const KEEP_CHECKS_SECONDS: i64 = 7 * 86_400;

/// One check's result.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CheckResult {
    /// A `2xx` or `3xx` answer came in time.
    pub up: bool,
    /// The answer's status, if one came.
    pub http_status: Option<u16>,
    /// How long it took.
    pub millis: i64,
}

#[derive(sqlx::FromRow)]
struct MonitorRow {
    api: String,
    checked_at: Option<i64>,
    up: Option<i64>,
    http_status: Option<i64>,
    millis: Option<i64>,
    since: Option<i64>,
}

#[derive(sqlx::FromRow)]
struct DayRow {
    api: String,
    day: i64,
    checks: i64,
    ups: i64,
}

impl Db {
    /// Makes the monitored APIs exactly `apis` (key and health URL): new ones are due at once,
    /// a changed URL is checked from now on, and a removed API is no longer checked (its past
    /// days stay).
    pub async fn sync_monitors(&self, apis: &[(String, String)]) -> Result<(), sqlx::Error> {
        on_pool!(self.pool(), p => async {
            let mut tx = p.begin().await?;
            let known: Vec<(String,)> = sqlx::query_as("SELECT api FROM api_monitors")
                .fetch_all(&mut *tx)
                .await?;
            for (api,) in known {
                if !apis.iter().any(|(key, _)| *key == api) {
                    sqlx::query("DELETE FROM api_monitors WHERE api = $1")
                        .bind(&api)
                        .execute(&mut *tx)
                        .await?;
                }
            }
            for (api, url) in apis {
                sqlx::query(
                    "INSERT INTO api_monitors (api, url) VALUES ($1, $2)
                     ON CONFLICT (api) DO UPDATE SET url = excluded.url",
                )
                .bind(api)
                .bind(url)
                .execute(&mut *tx)
                .await?;
            }
            tx.commit().await
        }.await)
    }

    /// Hands one due API (key and URL) to the caller until `now + lease`, or none.
    pub async fn claim_check(
        &self,
        now: i64,
        lease: i64,
    ) -> Result<Option<(String, String)>, sqlx::Error> {
        on_pool!(self.pool(), p => sqlx::query_as::<_, (String, String)>(
            "UPDATE api_monitors SET claimed_until = $1
             WHERE api = (SELECT api FROM api_monitors
                          WHERE next_at <= $2 AND claimed_until <= $2
                          ORDER BY next_at, api LIMIT 1)
               AND next_at <= $2 AND claimed_until <= $2
             RETURNING api, url",
        )
        .bind(now + lease)
        .bind(now)
        .fetch_optional(p)
        .await)
    }

    /// Records a check of `api` made at `now`, in one transaction: its current state (with
    /// the time it changed), the check itself, its day's count; the next check is due at
    /// `next_at`.
    pub async fn record_check(
        &self,
        api: &str,
        now: i64,
        result: CheckResult,
        next_at: i64,
    ) -> Result<(), sqlx::Error> {
        let up = i64::from(result.up);
        let status = result.http_status.map(i64::from);
        on_pool!(self.pool(), p => async {
            let mut tx = p.begin().await?;
            sqlx::query(
                "UPDATE api_monitors SET next_at = $1, claimed_until = 0, checked_at = $2,
                   since = CASE WHEN up = $3 THEN since ELSE $2 END,
                   up = $3, http_status = $4, millis = $5
                 WHERE api = $6",
            )
            .bind(next_at)
            .bind(now)
            .bind(up)
            .bind(status)
            .bind(result.millis)
            .bind(api)
            .execute(&mut *tx)
            .await?;
            sqlx::query(
                "INSERT INTO api_checks (api, at_unix, up, http_status, millis)
                 VALUES ($1, $2, $3, $4, $5)",
            )
            .bind(api)
            .bind(now)
            .bind(up)
            .bind(status)
            .bind(result.millis)
            .execute(&mut *tx)
            .await?;
            sqlx::query(
                "INSERT INTO api_uptime_days (api, day, checks, ups) VALUES ($1, $2, 1, $3)
                 ON CONFLICT (api, day) DO UPDATE SET checks = api_uptime_days.checks + 1,
                   ups = api_uptime_days.ups + excluded.ups",
            )
            .bind(api)
            .bind(now.div_euclid(86_400))
            .bind(up)
            .execute(&mut *tx)
            .await?;
            tx.commit().await
        }.await)
    }

    /// Deletes single checks made before `before` (the days' counts stay).
    pub async fn prune_checks(&self, before: i64) -> Result<u64, sqlx::Error> {
        on_pool!(self.pool(), p => sqlx::query("DELETE FROM api_checks WHERE at_unix < $1")
            .bind(before)
            .execute(p)
            .await
            .map(|r| r.rows_affected()))
    }

    /// The state of each of `keys` (in that order) and its last [`DAYS_SHOWN`] days to `now`.
    pub async fn status_report(
        &self,
        keys: &[String],
        now: i64,
    ) -> Result<StatusReport, sqlx::Error> {
        let first_day = now.div_euclid(86_400) - DAYS_SHOWN as i64 + 1;
        let (monitors, days) = on_pool!(self.pool(), p => async {
            let monitors = sqlx::query_as::<_, MonitorRow>(
                "SELECT api, checked_at, up, http_status, millis, since FROM api_monitors",
            )
            .fetch_all(p)
            .await?;
            let days = sqlx::query_as::<_, DayRow>(
                "SELECT api, day, checks, ups FROM api_uptime_days WHERE day >= $1
                 ORDER BY api, day",
            )
            .bind(first_day)
            .fetch_all(p)
            .await?;
            Ok::<_, sqlx::Error>((monitors, days))
        }.await)?;
        let apis = keys
            .iter()
            .map(|key| {
                let monitor = monitors.iter().find(|m| m.api == *key);
                let state = match monitor.and_then(|m| m.up) {
                    Some(1) => ApiState::Up,
                    Some(_) => ApiState::Down,
                    None => ApiState::Unknown,
                };
                ApiHealth {
                    key: key.clone(),
                    state,
                    since: monitor.and_then(|m| m.since),
                    checked_at: monitor.and_then(|m| m.checked_at),
                    http_status: monitor.and_then(|m| m.http_status),
                    millis: monitor.and_then(|m| m.millis),
                    days: days
                        .iter()
                        .filter(|d| d.api == *key)
                        .map(|d| UptimeDay {
                            day: d.day,
                            checks: d.checks,
                            ups: d.ups,
                        })
                        .collect(),
                }
            })
            .collect();
        Ok(StatusReport { now, apis })
    }
}

/// The checked APIs: each API page's key and health URL, once per key (the first language's
/// URL), in the order of the pages' weights.
pub fn monitored(site: &Site) -> Vec<(String, String)> {
    let mut pages: Vec<&Page> = site.pages().filter(|p| p.health.is_some()).collect();
    pages.sort_by(|a, b| {
        (a.weight == 0, a.weight, &a.key, a.lang.code()).cmp(&(
            b.weight == 0,
            b.weight,
            &b.key,
            b.lang.code(),
        ))
    });
    let mut apis: Vec<(String, String)> = Vec::new();
    for page in pages {
        if !apis.iter().any(|(key, _)| *key == page.key) {
            apis.push((page.key.clone(), page.health.clone().unwrap_or_default()));
        }
    }
    apis
}

/// The report the status page shows, read now.
pub async fn report(db: &Db, site: &Site, now: i64) -> Result<StatusReport, sqlx::Error> {
    let keys: Vec<String> = monitored(site).into_iter().map(|(key, _)| key).collect();
    db.status_report(&keys, now).await
}

/// Runs every check due now, one claim at a time, with `probe` (which fetches a URL); the
/// next check of each is due `interval` seconds after it started. Returns how many ran.
pub async fn run_due<F, Fut>(
    db: &Db,
    now: impl Fn() -> i64,
    interval: i64,
    lease: i64,
    probe: F,
) -> Result<usize, sqlx::Error>
where
    F: Fn(String) -> Fut,
    Fut: Future<Output = CheckResult>,
{
    let mut ran = 0;
    while let Some((api, url)) = db.claim_check(now(), lease).await? {
        let started = now();
        let result = probe(url).await;
        db.record_check(&api, now(), result, started + interval)
            .await?;
        ran += 1;
    }
    Ok(ran)
}
