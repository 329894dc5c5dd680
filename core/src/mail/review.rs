//! The mail queue as operators see it: what waits, what is being retried (when next, and the
//! last error) and what was given up; a waiting mail sent again at once, or discarded (its
//! contents forgotten, as for a mail given up).

use serde::Serialize;

use crate::db::{Db, on_pool};

/// Where a mail stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum MailState {
    /// Not tried yet.
    Waiting,
    /// Tried, and to be tried again.
    Retrying,
    /// Given up (or discarded): its contents are forgotten.
    Failed,
    /// Delivered.
    Sent,
}

/// A mail in the queue, without its contents or address.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MailEntry {
    /// Its row.
    pub id: i64,
    /// Its kind (`verify`, `reset`, …).
    pub kind: String,
    /// Where it stands.
    pub state: MailState,
    /// Deliveries tried.
    pub attempts: i32,
    /// When it was queued (Unix seconds).
    pub created_at: i64,
    /// When it is tried next, while it waits (Unix seconds).
    pub next_at: Option<i64>,
    /// The last delivery's error.
    pub last_error: String,
}

#[derive(sqlx::FromRow)]
struct Row {
    id: i64,
    kind: String,
    attempts: i32,
    created_at: i64,
    next_at: i64,
    sent: bool,
    failed: bool,
    last_error: String,
}

impl Db {
    /// The queue, newest first, at most `limit` rows.
    pub async fn mail_entries(&self, limit: i64) -> Result<Vec<MailEntry>, sqlx::Error> {
        let rows = on_pool!(self.pool(), p => sqlx::query_as::<_, Row>(
            "SELECT id, kind, attempts, created_at, next_at, (sent_at IS NOT NULL) AS sent,
                    (failed_at IS NOT NULL) AS failed, last_error
             FROM mail_queue ORDER BY id DESC LIMIT $1",
        )
        .bind(limit)
        .fetch_all(p)
        .await)?;
        Ok(rows
            .into_iter()
            .map(|row| {
                let state = match (row.sent, row.failed, row.attempts) {
                    (true, _, _) => MailState::Sent,
                    (_, true, _) => MailState::Failed,
                    (_, _, 0) => MailState::Waiting,
                    _ => MailState::Retrying,
                };
                MailEntry {
                    id: row.id,
                    kind: row.kind,
                    state,
                    attempts: row.attempts,
                    created_at: row.created_at,
                    next_at: matches!(state, MailState::Waiting | MailState::Retrying)
                        .then_some(row.next_at),
                    last_error: row.last_error,
                }
            })
            .collect())
    }

    /// Makes a waiting or retrying mail due at `now`; `false` when it is sent or given up.
    pub async fn retry_mail_now(&self, id: i64, now: i64) -> Result<bool, sqlx::Error> {
        let changed = on_pool!(self.pool(), p => sqlx::query(
            "UPDATE mail_queue SET next_at = $2
             WHERE id = $1 AND sent_at IS NULL AND failed_at IS NULL",
        )
        .bind(id)
        .bind(now)
        .execute(p)
        .await
        .map(|r| r.rows_affected()))?;
        Ok(changed == 1)
    }

    /// Gives up a mail that has not been sent, forgetting its contents and address; `false`
    /// when it is sent or given up already, or an instance is sending it right now.
    pub async fn discard_mail(&self, id: i64, now: i64) -> Result<bool, sqlx::Error> {
        let changed = on_pool!(self.pool(), p => sqlx::query(
            "UPDATE mail_queue SET failed_at = $2, last_error = 'discarded by an operator',
               message = $3, link = '', recipient = ''
             WHERE id = $1 AND sent_at IS NULL AND failed_at IS NULL AND claimed_until <= $2",
        )
        .bind(id)
        .bind(now)
        .bind(Vec::<u8>::new())
        .execute(p)
        .await
        .map(|r| r.rows_affected()))?;
        Ok(changed == 1)
    }
}
