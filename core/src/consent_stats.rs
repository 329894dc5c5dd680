//! The consent log's writes and its statistics: each decision is appended to the log and
//! counted per day (UTC), decision, language, policy revision and the categories granted in
//! the same transaction, so the counts outlive the log's pruning and a range of days is read
//! without scanning the log.

use domain::consent::Category;
use serde::Serialize;

use crate::db::{ConsentLogRow, Db, on_pool};

/// Seconds in a day.
pub const DAY: i64 = 86_400;

/// Adds one decision to its day's count (`$1` day, `$2` decision, `$3` language, `$4`
/// revision, `$5` granted categories). The same statement on SQLite and PostgreSQL.
const COUNT_DECISION: &str =
    "INSERT INTO consent_daily (day, decision, lang, revision, granted, decisions)
     VALUES ($1, $2, $3, $4, $5, 1)
     ON CONFLICT (day, decision, lang, revision, granted)
     DO UPDATE SET decisions = consent_daily.decisions + 1";

/// The decisions of one kind on one day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, sqlx::FromRow)]
pub struct ConsentDay {
    /// The day: days since 1970-01-01 (UTC).
    pub day: i64,
    /// `accept_all`, `reject_all`, `save` or `withdraw`.
    pub decision: String,
    /// The language of the page the choice was made on.
    pub lang: String,
    /// The policy revision answered.
    pub revision: i64,
    /// The categories granted, comma-separated.
    pub granted: String,
    /// How many.
    pub decisions: i64,
}

impl Db {
    /// Appends a decision to the consent log and counts it in its day's statistics
    /// , in one transaction.
    pub async fn log_consent(&self, row: &ConsentLogRow) -> Result<(), sqlx::Error> {
        on_pool!(self.pool(), p => async {
            let mut tx = p.begin().await?;
            sqlx::query(
                "INSERT INTO consent_log (consent_id, at_unix, mode, revision, decision, granted, denied,
                                          lang, masked_ip, services)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
            )
            .bind(&row.consent_id)
            .bind(row.at_unix)
            .bind(&row.mode)
            .bind(row.revision)
            .bind(&row.decision)
            .bind(&row.granted)
            .bind(&row.denied)
            .bind(&row.lang)
            .bind(&row.masked_ip)
            .bind(&row.services)
            .execute(&mut *tx)
            .await?;
            sqlx::query(COUNT_DECISION)
                .bind(row.at_unix.div_euclid(DAY))
                .bind(&row.decision)
                .bind(&row.lang)
                .bind(row.revision)
                .bind(&row.granted)
                .execute(&mut *tx)
                .await?;
            tx.commit().await
        }.await)
    }

    /// The counts of the days `from..=to` (days since 1970-01-01), by day, then decision,
    /// language, revision and categories.
    pub async fn consent_stats(&self, from: i64, to: i64) -> Result<Vec<ConsentDay>, sqlx::Error> {
        on_pool!(self.pool(), p => sqlx::query_as::<_, ConsentDay>(
            "SELECT day, decision, lang, revision, granted, decisions FROM consent_daily
             WHERE day BETWEEN $1 AND $2
             ORDER BY day, decision, lang, revision, granted",
        )
        .bind(from)
        .bind(to)
        .fetch_all(p)
        .await)
    }
}

/// One day's decisions by kind.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct DayCounts {
    /// The day: days since 1970-01-01 (UTC).
    pub day: i64,
    /// "Accept all".
    pub accept_all: i64,
    /// "Reject all".
    pub reject_all: i64,
    /// A choice of categories.
    pub save: i64,
    /// A withdrawal.
    pub withdraw: i64,
}

impl DayCounts {
    /// Every decision of the day.
    pub fn total(&self) -> i64 {
        self.accept_all + self.reject_all + self.save + self.withdraw
    }
}

/// A range of days summed up for the console: per day and decision, per category granted,
/// per language and per policy revision. Every sum is computed by the database.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct ConsentSummary {
    /// The first day (days since 1970-01-01).
    pub from: i64,
    /// The last day.
    pub to: i64,
    /// Each day of the range, days without decisions included.
    pub days: Vec<DayCounts>,
    /// Decisions that granted each optional category.
    pub by_category: Vec<(Category, i64)>,
    /// Decisions per language.
    pub by_lang: Vec<(String, i64)>,
    /// Decisions per policy revision.
    pub by_revision: Vec<(i64, i64)>,
    /// Every decision of the range.
    pub total: i64,
}

impl Db {
    /// The days `from..=to` summed up (at most 3660 days).
    pub async fn consent_summary(&self, from: i64, to: i64) -> Result<ConsentSummary, sqlx::Error> {
        let to = to.min(from + 3659);
        let per_day = on_pool!(self.pool(), p => sqlx::query_as::<_, (i64, String, i64)>(
            "SELECT day, decision, CAST(SUM(decisions) AS BIGINT) FROM consent_daily
             WHERE day BETWEEN $1 AND $2 GROUP BY day, decision ORDER BY day",
        )
        .bind(from)
        .bind(to)
        .fetch_all(p)
        .await)?;
        let by_lang = on_pool!(self.pool(), p => sqlx::query_as::<_, (String, i64)>(
            "SELECT lang, CAST(SUM(decisions) AS BIGINT) FROM consent_daily
             WHERE day BETWEEN $1 AND $2 GROUP BY lang ORDER BY lang",
        )
        .bind(from)
        .bind(to)
        .fetch_all(p)
        .await)?;
        let by_revision = on_pool!(self.pool(), p => sqlx::query_as::<_, (i64, i64)>(
            "SELECT revision, CAST(SUM(decisions) AS BIGINT) FROM consent_daily
             WHERE day BETWEEN $1 AND $2 GROUP BY revision ORDER BY revision",
        )
        .bind(from)
        .bind(to)
        .fetch_all(p)
        .await)?;
        // One sum per optional category: the decisions whose granted list names it.
        let sums: Vec<String> = Category::OPTIONAL
            .iter()
            .map(|c| {
                format!(
                    "CAST(COALESCE(SUM(CASE WHEN ',' || granted || ',' LIKE '%,{},%' \
                     THEN decisions ELSE 0 END), 0) AS BIGINT)",
                    c.id()
                )
            })
            .collect();
        let sql = format!(
            "SELECT CAST(COALESCE(SUM(decisions), 0) AS BIGINT), {} FROM consent_daily
             WHERE day BETWEEN $1 AND $2",
            sums.join(", ")
        );
        let totals: Vec<i64> = on_pool!(self.pool(), p => {
            use sqlx::Row;
            let row = sqlx::query(&sql).bind(from).bind(to).fetch_one(p).await?;
            (0..=Category::OPTIONAL.len())
                .map(|i| row.try_get::<i64, _>(i))
                .collect::<Result<Vec<i64>, sqlx::Error>>()
        })?;
        let mut days: Vec<DayCounts> = (from..=to)
            .map(|day| DayCounts {
                day,
                ..DayCounts::default()
            })
            .collect();
        for (day, decision, n) in per_day {
            let Some(counts) = usize::try_from(day - from)
                .ok()
                .and_then(|i| days.get_mut(i))
            else {
                continue;
            };
            match decision.as_str() {
                "accept_all" => counts.accept_all += n,
                "reject_all" => counts.reject_all += n,
                "withdraw" => counts.withdraw += n,
                _ => counts.save += n,
            }
        }
        Ok(ConsentSummary {
            from,
            to,
            days,
            by_category: Category::OPTIONAL
                .iter()
                .copied()
                .zip(totals.iter().skip(1).copied())
                .collect(),
            by_lang,
            by_revision,
            total: totals.first().copied().unwrap_or_default(),
        })
    }
}
