//! Which account each login session belongs to, with its times, and the purge of expired ones.

use crate::db::{Db, Dialect, on_pool};
use domain::account::AccountId;

/// Session bookkeeping for one account session.
#[derive(Debug, Clone, Copy)]
pub struct SessionTimes {
    /// Login time (Unix seconds).
    pub created: i64,
    /// Last request (Unix seconds).
    pub seen: i64,
    /// When it expires (Unix seconds).
    pub expires: i64,
}

impl Db {
    /// Records which account a session belongs to, and its times.
    pub async fn map_session(
        &self,
        session_id: &str,
        account_id: AccountId,
        times: SessionTimes,
    ) -> Result<(), sqlx::Error> {
        on_pool!(self.pool(), p => sqlx::query(
            "INSERT INTO account_sessions (session_id, account_id, created_at, seen_at, expires_at)
             SELECT $1, id, $2, $3, $4 FROM accounts WHERE id = $5
             ON CONFLICT (session_id) DO UPDATE SET seen_at = excluded.seen_at,
               expires_at = excluded.expires_at",
        )
        .bind(session_id)
        .bind(times.created)
        .bind(times.seen)
        .bind(times.expires)
        .bind(account_id)
        .execute(p)
        .await
        .map(|_| ()))
    }

    /// Notes a request of a live session; `false` when the session has been ended (its map
    /// row is gone), in which case nothing is written.
    pub async fn touch_session(
        &self,
        session_id: &str,
        times: SessionTimes,
    ) -> Result<bool, sqlx::Error> {
        on_pool!(self.pool(), p => sqlx::query(
            "UPDATE account_sessions SET seen_at = $2, expires_at = $3 WHERE session_id = $1",
        )
        .bind(session_id)
        .bind(times.seen)
        .bind(times.expires)
        .execute(p)
        .await
        .map(|done| done.rows_affected() > 0))
    }

    /// Whether a session still belongs to an account (ending a session removes this row
    /// first, in one transaction with its record).
    pub async fn session_mapped(&self, session_id: &str) -> Result<bool, sqlx::Error> {
        on_pool!(self.pool(), p => sqlx::query_scalar::<_, i64>(
            "SELECT COUNT(*) FROM account_sessions WHERE session_id = $1",
        )
        .bind(session_id)
        .fetch_one(p)
        .await
        .map(|n| n > 0))
    }

    /// Forgets a session's account.
    pub async fn unmap_session(&self, session_id: &str) -> Result<(), sqlx::Error> {
        on_pool!(self.pool(), p => sqlx::query("DELETE FROM account_sessions WHERE session_id = $1")
            .bind(session_id)
            .execute(p)
            .await
            .map(|_| ()))
    }

    /// Deletes sessions that expired before `now`; returns how many.
    pub async fn purge_sessions(&self, now: i64) -> Result<u64, sqlx::Error> {
        on_pool!(self.pool(), p => {
            let mapped_sql = format!(
                "DELETE FROM {} WHERE id IN
                   (SELECT session_id FROM account_sessions WHERE expires_at <= $1)",
                Dialect::sessions(p)
            );
            let stray_sql = Dialect::delete_expired(p);
            let mut tx = p.begin_write().await?;
            let mapped = sqlx::query(&mapped_sql)
                .bind(now)
                .execute(&mut *tx)
                .await?
                .rows_affected();
            sqlx::query("DELETE FROM account_sessions WHERE expires_at <= $1")
                .bind(now)
                .execute(&mut *tx)
                .await?;
            let stray = sqlx::query(stray_sql)
                .bind(now as f64)
                .execute(&mut *tx)
                .await?
                .rows_affected();
            tx.commit().await?;
            Ok(mapped + stray)
        })
    }
}
