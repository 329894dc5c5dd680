//! Login sessions on tower-sessions: the records live in the database (`tower_sessions`), the
//! cookie holds only the record's random 128-bit id. This store wraps the sqlx store to bound
//! every record by the idle and absolute timeouts and to keep the session-to-account map, so
//! all sessions of an account can be ended (password change, deletion).

use domain::account::AccountId;
use std::sync::Arc;

use async_trait::async_trait;
use domain::account::Viewer;
use tower_sessions::{
    Session, SessionStore,
    session::{Id, Record},
    session_store,
};
use tower_sessions_sqlx_store::{PostgresStore, SqliteStore};

use super::store::SessionTimes;
use crate::{clock::Clock, db::Db};

/// Session keys: the account id, the login time and the last request time (Unix seconds).
pub const ACCOUNT: &str = "account";
/// See [`ACCOUNT`].
pub const CREATED: &str = "created";
/// See [`ACCOUNT`].
pub const SEEN: &str = "seen";

/// Marks a request whose session just ended by timeout (for a "log in again" notice).
#[derive(Debug, Clone, Copy)]
pub struct SessionEnded;

/// The timeouts, in seconds.
#[derive(Debug, Clone, Copy)]
pub struct Timeouts {
    /// Without a request for this long, a session ends.
    pub idle: i64,
    /// This long after login, a session ends.
    pub absolute: i64,
}

impl Timeouts {
    /// When a session created at `created` and last seen at `seen` expires.
    pub fn expires(self, created: i64, seen: i64) -> i64 {
        (seen + self.idle).min(created + self.absolute)
    }

    /// Whether that session has expired at `now`.
    pub fn expired(self, created: i64, seen: i64, now: i64) -> bool {
        now >= self.expires(created, seen)
    }
}

/// tower-sessions' own store for the database's backend.
#[derive(Debug, Clone)]
enum Inner {
    Sqlite(SqliteStore),
    Postgres(PostgresStore),
}

#[async_trait]
impl SessionStore for Inner {
    async fn create(&self, record: &mut Record) -> session_store::Result<()> {
        match self {
            Inner::Sqlite(s) => s.create(record).await,
            Inner::Postgres(s) => s.create(record).await,
        }
    }
    async fn save(&self, record: &Record) -> session_store::Result<()> {
        match self {
            Inner::Sqlite(s) => s.save(record).await,
            Inner::Postgres(s) => s.save(record).await,
        }
    }
    async fn load(&self, session_id: &Id) -> session_store::Result<Option<Record>> {
        match self {
            Inner::Sqlite(s) => s.load(session_id).await,
            Inner::Postgres(s) => s.load(session_id).await,
        }
    }
    async fn delete(&self, session_id: &Id) -> session_store::Result<()> {
        match self {
            Inner::Sqlite(s) => s.delete(session_id).await,
            Inner::Postgres(s) => s.delete(session_id).await,
        }
    }
}

/// The session store: tower-sessions' sqlx store, bounded and mapped to accounts.
#[derive(Debug, Clone)]
pub struct AccountSessionStore {
    inner: Inner,
    db: Db,
    clock: Arc<dyn Clock>,
    timeouts: Timeouts,
}

fn backend(e: impl std::fmt::Display) -> session_store::Error {
    session_store::Error::Backend(e.to_string())
}

impl AccountSessionStore {
    /// A store on the database's pool.
    pub fn new(db: Db, clock: Arc<dyn Clock>, timeouts: Timeouts) -> AccountSessionStore {
        let inner = match db.pool() {
            crate::db::Pool::Sqlite(pool) => Inner::Sqlite(SqliteStore::new(pool.clone())),
            crate::db::Pool::Postgres(pool) => Inner::Postgres(PostgresStore::new(pool.clone())),
        };
        AccountSessionStore {
            inner,
            db,
            clock,
            timeouts,
        }
    }

    fn times(&self, record: &Record) -> Option<(AccountId, SessionTimes)> {
        let get = |key: &str| record.data.get(key).and_then(serde_json::Value::as_i64);
        let account = AccountId(get(ACCOUNT)?);
        let now = self.clock.now();
        let created = get(CREATED).unwrap_or(now);
        let seen = get(SEEN).unwrap_or(now);
        Some((
            account,
            SessionTimes {
                created,
                seen,
                expires: self.timeouts.expires(created, seen),
            },
        ))
    }

    /// Bounds the record's expiry by the timeouts and records its account.
    async fn bound_and_map(&self, record: &mut Record) -> session_store::Result<()> {
        let expires = match self.times(record) {
            Some((_, times)) => times.expires,
            None => self.clock.now() + self.timeouts.idle,
        };
        record.expiry_date = time::OffsetDateTime::from_unix_timestamp(expires).map_err(backend)?;
        Ok(())
    }

    async fn map(&self, record: &Record) -> session_store::Result<()> {
        if let Some((account, times)) = self.times(record) {
            self.db
                .map_session(&record.id.to_string(), account, times)
                .await
                .map_err(backend)?;
        }
        Ok(())
    }
}

#[async_trait]
impl SessionStore for AccountSessionStore {
    async fn create(&self, record: &mut Record) -> session_store::Result<()> {
        self.bound_and_map(record).await?;
        self.inner.create(record).await?;
        self.map(record).await
    }

    /// Saves a session a request changed. A logged-in session is only ever updated, never
    /// brought back: when it was ended while the request was in flight (password change,
    /// deletion, logout elsewhere), its map row is gone and nothing is written. Should the
    /// record be written anyway in a race, [`SessionStore::load`] still refuses it.
    async fn save(&self, record: &Record) -> session_store::Result<()> {
        let mut record = record.clone();
        self.bound_and_map(&mut record).await?;
        if let Some((_, times)) = self.times(&record) {
            let alive = self
                .db
                .touch_session(&record.id.to_string(), times)
                .await
                .map_err(backend)?;
            if !alive {
                return Ok(());
            }
        }
        self.inner.save(&record).await
    }

    /// Loads a session; a logged-in one only while it is still mapped to its account.
    async fn load(&self, session_id: &Id) -> session_store::Result<Option<Record>> {
        let Some(record) = self.inner.load(session_id).await? else {
            return Ok(None);
        };
        if record.data.contains_key(ACCOUNT)
            && !self
                .db
                .session_mapped(&session_id.to_string())
                .await
                .map_err(backend)?
        {
            return Ok(None);
        }
        Ok(Some(record))
    }

    async fn delete(&self, session_id: &Id) -> session_store::Result<()> {
        self.inner.delete(session_id).await?;
        self.db
            .unmap_session(&session_id.to_string())
            .await
            .map_err(backend)
    }
}

/// What the viewer middleware needs.
#[derive(Debug, Clone)]
pub struct ViewerState {
    /// The database.
    pub db: Db,
    /// The clock.
    pub clock: Arc<dyn Clock>,
    /// The timeouts.
    pub timeouts: Timeouts,
}

/// What a request's session says about its company.
pub enum Current {
    /// No one is logged in.
    Anonymous,
    /// A session that has timed out or whose account is gone (now ended).
    Ended,
    /// The logged-in company.
    Viewer(Viewer),
}

/// Reads the session: checks its timeouts against the clock (ending it when one has
/// passed), loads the account (ending the session when it is gone) and notes the request
/// time at most once a minute.
pub async fn current(
    state: &ViewerState,
    session: &Session,
) -> Result<Current, Box<dyn std::error::Error>> {
    if session.id().is_none() {
        return Ok(Current::Anonymous);
    }
    let Some(account) = session.get::<AccountId>(ACCOUNT).await? else {
        return Ok(Current::Anonymous);
    };
    let now = state.clock.now();
    let created = session.get::<i64>(CREATED).await?.unwrap_or(0);
    let seen = session.get::<i64>(SEEN).await?.unwrap_or(0);
    if state.timeouts.expired(created, seen, now) {
        session.flush().await?;
        return Ok(Current::Ended);
    }
    let Some(viewer) = state.db.viewer(account).await? else {
        session.flush().await?;
        return Ok(Current::Ended);
    };
    if now - seen >= 60 {
        session.insert(SEEN, now).await?;
    }
    Ok(Current::Viewer(viewer))
}

/// Starts a logged-in session for `account` under a new id (the old one, if any, is deleted).
pub async fn start(
    session: &Session,
    account: AccountId,
    now: i64,
) -> Result<(), tower_sessions::session::Error> {
    session.cycle_id().await?;
    session.insert(ACCOUNT, account).await?;
    session.insert(CREATED, now).await?;
    session.insert(SEEN, now).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sessions_end_at_the_first_timeout() {
        let t = Timeouts {
            idle: 1800,
            absolute: 8 * 3600,
        };
        assert_eq!(t.expires(0, 0), 1800);
        assert!(!t.expired(0, 0, 1799));
        assert!(t.expired(0, 0, 1800), "idle");
        let late = 8 * 3600 - 60;
        assert_eq!(t.expires(0, late), 8 * 3600, "absolute wins over idle");
        assert!(t.expired(0, late, 8 * 3600));
    }
}
