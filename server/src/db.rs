//! The database: a SQLite file in the data folder, with migrations applied at start-up, and the
//! consent log stored in it.

use std::{path::Path, str::FromStr, time::Duration};

use serde::Serialize;
use sqlx::{
    Row,
    sqlite::{
        SqliteConnectOptions, SqliteJournalMode, SqlitePool, SqlitePoolOptions, SqliteSynchronous,
    },
};

/// A connection pool with the schema in place.
#[derive(Debug, Clone)]
pub struct Db {
    pool: SqlitePool,
}

/// One row of the consent log.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ConsentLogRow {
    /// Random id shared with the visitor's consent cookie.
    pub consent_id: String,
    /// Seconds since the Unix epoch (UTC).
    pub at_unix: i64,
    /// `all-or-nothing` or `granular`.
    pub mode: String,
    /// Policy revision answered.
    pub revision: i64,
    /// `accept_all`, `reject_all`, `save` or `withdraw`.
    pub decision: String,
    /// Granted categories, comma-separated.
    pub granted: String,
    /// Denied categories, comma-separated.
    pub denied: String,
    /// Language of the page the choice was made on.
    pub lang: String,
    /// The visitor's IP address, masked (IPv4 /24, IPv6 /48).
    pub masked_ip: String,
}

impl Db {
    /// Opens (creating when missing) `portal.db` in `data_dir`: WAL journal, a busy timeout so
    /// concurrent writers wait instead of failing, and the migrations applied.
    pub async fn open(data_dir: &Path) -> Result<Db, sqlx::Error> {
        let url = format!("sqlite://{}", data_dir.join("portal.db").display());
        let options = SqliteConnectOptions::from_str(&url)?
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            .synchronous(SqliteSynchronous::Normal)
            .busy_timeout(Duration::from_secs(5))
            .foreign_keys(true);
        let pool = SqlitePoolOptions::new()
            .max_connections(8)
            .connect_with(options)
            .await?;
        sqlx::migrate!("./migrations").run(&pool).await?;
        Ok(Db { pool })
    }

    /// The connection pool, for the other stores in this crate.
    pub(crate) fn pool(&self) -> &SqlitePool {
        &self.pool
    }

    /// Whether the database answers.
    pub async fn ping(&self) -> Result<(), sqlx::Error> {
        sqlx::query("SELECT 1")
            .execute(&self.pool)
            .await
            .map(|_| ())
    }

    /// Appends a decision to the consent log.
    pub async fn log_consent(&self, row: &ConsentLogRow) -> Result<(), sqlx::Error> {
        sqlx::query(
            "INSERT INTO consent_log (consent_id, at_unix, mode, revision, decision, granted, denied, lang, masked_ip)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
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
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    /// Every row of the consent log, oldest first.
    pub async fn consent_log(&self) -> Result<Vec<ConsentLogRow>, sqlx::Error> {
        let rows = sqlx::query(
            "SELECT consent_id, at_unix, mode, revision, decision, granted, denied, lang, masked_ip
             FROM consent_log ORDER BY at_unix, id",
        )
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|r| {
                Ok(ConsentLogRow {
                    consent_id: r.try_get("consent_id")?,
                    at_unix: r.try_get("at_unix")?,
                    mode: r.try_get("mode")?,
                    revision: r.try_get("revision")?,
                    decision: r.try_get("decision")?,
                    granted: r.try_get("granted")?,
                    denied: r.try_get("denied")?,
                    lang: r.try_get("lang")?,
                    masked_ip: r.try_get("masked_ip")?,
                })
            })
            .collect()
    }

    /// Deletes consent log rows older than `before` (Unix seconds); returns how many.
    pub async fn prune_consent_log(&self, before: i64) -> Result<u64, sqlx::Error> {
        let done = sqlx::query("DELETE FROM consent_log WHERE at_unix < ?")
            .bind(before)
            .execute(&self.pool)
            .await?;
        Ok(done.rows_affected())
    }
}
