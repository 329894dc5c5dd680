//! Operators' login sessions, apart from the companies': the cookie holds a random token, the
//! database its hash. Shorter than a company's: 30 minutes without a request, 12 hours after
//! login. Disabling an operator ends them all, on every instance.

use domain::{lang::Lang, operator::Role};

use super::OperatorId;
use crate::db::{Db, on_pool};

/// Without a request for this long (seconds), an operator's session ends.
pub const IDLE: i64 = 30 * 60;
/// This long after login (seconds), an operator's session ends.
pub const ABSOLUTE: i64 = 12 * 3600;

/// The operator behind a live session.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OperatorSession {
    /// The operator.
    pub id: OperatorId,
    /// Their address.
    pub email: String,
    /// Their role.
    pub role: Role,
    /// The console's language for them.
    pub lang: Lang,
}

#[derive(sqlx::FromRow)]
struct SessionRow {
    id: OperatorId,
    email: String,
    role: String,
    lang: String,
}

impl Db {
    /// Starts a session for `operator` under the token's hash.
    pub async fn start_operator_session(
        &self,
        operator: OperatorId,
        token_hash: &str,
        now: i64,
    ) -> Result<(), sqlx::Error> {
        on_pool!(self.pool(), p => sqlx::query(
            "INSERT INTO operator_sessions (token_hash, operator_id, created_at, seen_at)
             VALUES ($1, $2, $3, $3)",
        )
        .bind(token_hash)
        .bind(operator)
        .bind(now)
        .execute(p)
        .await
        .map(|_| ()))
    }

    /// The operator of the live session with this token's hash, its last request moved to
    /// `now`; `None` (and the session gone) when it timed out, was ended, or the operator is
    /// disabled.
    pub async fn operator_session(
        &self,
        token_hash: &str,
        now: i64,
    ) -> Result<Option<OperatorSession>, sqlx::Error> {
        let row = on_pool!(self.pool(), p => sqlx::query_as::<_, SessionRow>(
            "UPDATE operator_sessions SET seen_at = $2
             WHERE token_hash = $1 AND seen_at > $2 - $3 AND created_at > $2 - $4
               AND operator_id IN (SELECT id FROM operators WHERE disabled_at IS NULL)
             RETURNING operator_id AS id,
               (SELECT email FROM operators WHERE id = operator_id) AS email,
               (SELECT role FROM operators WHERE id = operator_id) AS role,
               (SELECT lang FROM operators WHERE id = operator_id) AS lang",
        )
        .bind(token_hash)
        .bind(now)
        .bind(IDLE)
        .bind(ABSOLUTE)
        .fetch_optional(p)
        .await)?;
        let Some(row) = row else {
            self.end_operator_session(token_hash).await?;
            return Ok(None);
        };
        Ok(Role::parse(&row.role).map(|role| OperatorSession {
            id: row.id,
            email: row.email,
            role,
            lang: Lang::from_code(&row.lang).unwrap_or_default(),
        }))
    }

    /// Ends the session with this token's hash (logout).
    pub async fn end_operator_session(&self, token_hash: &str) -> Result<(), sqlx::Error> {
        on_pool!(self.pool(), p => sqlx::query("DELETE FROM operator_sessions WHERE token_hash = $1")
            .bind(token_hash)
            .execute(p)
            .await
            .map(|_| ()))
    }

    /// Ends every session of `operator`.
    pub async fn end_operator_sessions(&self, operator: OperatorId) -> Result<u64, sqlx::Error> {
        on_pool!(self.pool(), p => sqlx::query("DELETE FROM operator_sessions WHERE operator_id = $1")
            .bind(operator)
            .execute(p)
            .await
            .map(|r| r.rows_affected()))
    }

    /// How many live sessions `operator` has at `now`.
    pub async fn operator_sessions(
        &self,
        operator: OperatorId,
        now: i64,
    ) -> Result<i64, sqlx::Error> {
        on_pool!(self.pool(), p => sqlx::query_scalar::<_, i64>(
            "SELECT COUNT(*) FROM operator_sessions
             WHERE operator_id = $1 AND seen_at > $2 - $3 AND created_at > $2 - $4",
        )
        .bind(operator)
        .bind(now)
        .bind(IDLE)
        .bind(ABSOLUTE)
        .fetch_one(p)
        .await)
    }

    /// Removes sessions that timed out before `now`.
    pub async fn purge_operator_sessions(&self, now: i64) -> Result<u64, sqlx::Error> {
        on_pool!(self.pool(), p => sqlx::query(
            "DELETE FROM operator_sessions WHERE seen_at <= $1 - $2 OR created_at <= $1 - $3",
        )
        .bind(now)
        .bind(IDLE)
        .bind(ABSOLUTE)
        .execute(p)
        .await
        .map(|r| r.rows_affected()))
    }
}
