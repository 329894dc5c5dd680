//! The consent log's writes and its statistics: each decision is appended to the log and
//! counted per day (UTC), decision, language, policy revision and the categories granted in
//! the same transaction, so the counts outlive the log's pruning and a range of days is read
//! without scanning the log.

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
                "INSERT INTO consent_log (consent_id, at_unix, mode, revision, decision, granted, denied, lang, masked_ip)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
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
