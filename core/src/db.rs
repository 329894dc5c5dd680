//! The database: a SQLite file in the data folder, with migrations applied at start-up, and the
//! consent log stored in it.

use std::{future::Future, path::Path, str::FromStr, time::Duration};

use serde::Serialize;
use sqlx::{
    PgPool, Postgres, Sqlite, Transaction,
    postgres::PgPoolOptions,
    sqlite::{
        SqliteConnectOptions, SqliteJournalMode, SqlitePool, SqlitePoolOptions, SqliteSynchronous,
    },
};

/// The connection pool of one of the two backends.
#[derive(Debug, Clone)]
pub enum Pool {
    /// A SQLite file (one machine).
    Sqlite(SqlitePool),
    /// PostgreSQL (several instances).
    Postgres(PgPool),
}

/// Runs the same code on whichever pool the database has: `on_pool!(pool, p => body)`, with
/// `p` the typed pool in `body`. Queries use `$1, $2, …` placeholders, which both accept.
macro_rules! on_pool {
    ($pool:expr, $p:ident => $body:expr) => {
        match $pool {
            $crate::db::Pool::Sqlite($p) => $body,
            $crate::db::Pool::Postgres($p) => $body,
        }
    };
}
pub(crate) use on_pool;

/// What differs between the backends.
pub(crate) trait Dialect {
    /// The database type.
    type Db: sqlx::Database;
    /// The table tower-sessions keeps its records in.
    const SESSIONS: &'static str;
    /// Deletes session records that expired before `$1` (Unix seconds).
    const DELETE_EXPIRED_SESSIONS: &'static str;
    /// Within a write transaction, waits until no other transaction holds bucket `$1` (a
    /// no-op where write transactions already exclude each other).
    const LOCK_BUCKET: Option<&'static str>;
    /// Deletes one attempt of bucket `$1` made at `$2`.
    const RELEASE_ATTEMPT: &'static str;
    /// A write transaction that takes the write lock at once (SQLite: `BEGIN IMMEDIATE`, so
    /// concurrent writers wait for each other instead of failing on a lock upgrade).
    fn begin_write(
        &self,
    ) -> impl Future<Output = Result<Transaction<'static, Self::Db>, sqlx::Error>> + Send;
    /// [`Dialect::SESSIONS`] of this pool.
    fn sessions(&self) -> &'static str {
        Self::SESSIONS
    }
    /// [`Dialect::DELETE_EXPIRED_SESSIONS`] of this pool.
    fn delete_expired(&self) -> &'static str {
        Self::DELETE_EXPIRED_SESSIONS
    }
    /// [`Dialect::LOCK_BUCKET`] of this pool.
    fn lock_bucket(&self) -> Option<&'static str> {
        Self::LOCK_BUCKET
    }
    /// [`Dialect::RELEASE_ATTEMPT`] of this pool.
    fn release_attempt(&self) -> &'static str {
        Self::RELEASE_ATTEMPT
    }
}

impl Dialect for SqlitePool {
    type Db = Sqlite;
    const SESSIONS: &'static str = "tower_sessions";
    const DELETE_EXPIRED_SESSIONS: &'static str =
        "DELETE FROM tower_sessions WHERE datetime(expiry_date) <= datetime($1, 'unixepoch')";
    // `BEGIN IMMEDIATE` already makes write transactions take turns.
    const LOCK_BUCKET: Option<&'static str> = None;
    const RELEASE_ATTEMPT: &'static str = "DELETE FROM auth_attempts WHERE rowid IN
           (SELECT rowid FROM auth_attempts WHERE bucket = $1 AND at_unix = $2 LIMIT 1)";
    fn begin_write(
        &self,
    ) -> impl Future<Output = Result<Transaction<'static, Sqlite>, sqlx::Error>> + Send {
        self.begin_with("BEGIN IMMEDIATE")
    }
}

impl Dialect for PgPool {
    type Db = Postgres;
    const SESSIONS: &'static str = "tower_sessions.session";
    const DELETE_EXPIRED_SESSIONS: &'static str =
        "DELETE FROM tower_sessions.session WHERE expiry_date <= to_timestamp($1)";
    const LOCK_BUCKET: Option<&'static str> =
        Some("SELECT pg_advisory_xact_lock(hashtextextended($1, 0))");
    const RELEASE_ATTEMPT: &'static str = "DELETE FROM auth_attempts WHERE ctid IN
           (SELECT ctid FROM auth_attempts WHERE bucket = $1 AND at_unix = $2 LIMIT 1)";
    fn begin_write(
        &self,
    ) -> impl Future<Output = Result<Transaction<'static, Postgres>, sqlx::Error>> + Send {
        self.begin()
    }
}

/// A connection pool with the schema in place.
#[derive(Debug, Clone)]
pub struct Db {
    pool: Pool,
}

/// One row of the consent log.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, sqlx::FromRow)]
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
    /// Granted services (inside the granted categories), comma-separated ids.
    pub services: String,
    /// Language of the page the choice was made on.
    pub lang: String,
    /// The visitor's IP address, masked (IPv4 /24, IPv6 /48).
    pub masked_ip: String,
}

impl Db {
    /// Opens (creating when missing) `portal.db` in `data_dir`: WAL journal, a busy timeout so
    /// concurrent writers wait instead of failing, and the migrations applied.
    pub async fn open(data_dir: &Path) -> Result<Db, sqlx::Error> {
        Db::connect("", data_dir).await
    }

    /// Connects by URL: `postgres://…` (or `postgresql://…`) for PostgreSQL, `sqlite://…` for a
    /// SQLite file, empty for `portal.db` in `data_dir`; then applies that backend's
    /// migrations.
    pub async fn connect(url: &str, data_dir: &Path) -> Result<Db, sqlx::Error> {
        if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            let pool = PgPoolOptions::new()
                .max_connections(16)
                .acquire_timeout(Duration::from_secs(5))
                .connect(url)
                .await?;
            sqlx::migrate!("./migrations/postgres").run(&pool).await?;
            return Ok(Db {
                pool: Pool::Postgres(pool),
            });
        }
        let url = if url.is_empty() {
            format!("sqlite://{}", data_dir.join("portal.db").display())
        } else {
            url.to_owned()
        };
        let options = SqliteConnectOptions::from_str(&url)?
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            .synchronous(SqliteSynchronous::Normal)
            .busy_timeout(Duration::from_secs(5))
            .foreign_keys(true);
        // Four connections: SQLite writes one at a time anyway, WAL lets the readers share,
        // and each connection is a thread with its own caches (eight cost about 2 MB more).
        let pool = SqlitePoolOptions::new()
            .max_connections(4)
            .connect_with(options)
            .await?;
        sqlx::migrate!("./migrations/sqlite").run(&pool).await?;
        Ok(Db {
            pool: Pool::Sqlite(pool),
        })
    }

    /// The connection pool, for the stores (and the session store of the server).
    pub fn pool(&self) -> &Pool {
        &self.pool
    }

    /// Whether the database answers.
    pub async fn ping(&self) -> Result<(), sqlx::Error> {
        on_pool!(&self.pool, p => sqlx::query("SELECT 1").execute(p).await.map(|_| ()))
    }

    /// A count, for checks and tests (`SELECT COUNT(*) …`).
    pub async fn count(&self, sql: &str) -> Result<i64, sqlx::Error> {
        on_pool!(&self.pool, p => sqlx::query_scalar::<_, i64>(sql).fetch_one(p).await)
    }

    /// Runs one statement, for checks and tests; the rows it changed.
    pub async fn execute(&self, sql: &str) -> Result<u64, sqlx::Error> {
        on_pool!(&self.pool, p => sqlx::query(sql).execute(p).await.map(|r| r.rows_affected()))
    }

    /// Every row of the consent log, oldest first.
    pub async fn consent_log(&self) -> Result<Vec<ConsentLogRow>, sqlx::Error> {
        on_pool!(&self.pool, p => sqlx::query_as::<_, ConsentLogRow>(
            "SELECT consent_id, at_unix, mode, revision, decision, granted, denied, services, lang,
                    masked_ip
             FROM consent_log ORDER BY at_unix, id",
        )
        .fetch_all(p)
        .await)
    }

    /// Deletes consent log rows older than `before` (Unix seconds); returns how many.
    pub async fn prune_consent_log(&self, before: i64) -> Result<u64, sqlx::Error> {
        on_pool!(&self.pool, p => sqlx::query("DELETE FROM consent_log WHERE at_unix < $1")
            .bind(before)
            .execute(p)
            .await
            .map(|done| done.rows_affected()))
    }
}
