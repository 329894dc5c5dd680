//! Consent statistics: decisions counted per day (UTC), decision, language, policy revision and
//! the categories granted, as they are logged (`Db::log_consent`), so the counts outlive the
//! log's pruning and a range of days is read without scanning the log.

use serde::Serialize;

use crate::db::{Db, on_pool};

/// Seconds in a day.
pub const DAY: i64 = 86_400;

/// Adds one decision to its day's count (`$1` day, `$2` decision, `$3` language, `$4`
/// revision, `$5` granted categories). The same statement on SQLite and PostgreSQL.
pub(crate) const COUNT_DECISION: &str =
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
