//! The mail queue in the database (the same queries on SQLite and PostgreSQL).
//!
//! A row is *due* when it is neither sent nor given up, its `next_at` has come and no instance
//! holds a claim on it (`claimed_until` in the past). [`Db::claim_mail`] takes one due row in a
//! single `UPDATE` whose condition is checked again on the row it changes, so of two instances
//! racing for a row exactly one gets it (PostgreSQL re-evaluates the condition after waiting
//! for the other's row lock; SQLite runs one writer at a time).

use crate::db::{Db, on_pool};

/// A mail claimed for delivery.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct QueuedMail {
    /// Its row.
    pub id: i64,
    /// [`super::MailKind::name`].
    pub kind: String,
    /// The address it goes to.
    pub recipient: String,
    /// The whole formatted message.
    pub message: Vec<u8>,
    /// The link it carries (logged for the outbox only).
    pub link: String,
    /// Deliveries tried, this one included.
    pub attempts: i32,
}

impl Db {
    /// Queues a formatted message; returns its id.
    pub async fn queue_mail(
        &self,
        kind: &str,
        recipient: &str,
        message: &[u8],
        link: &str,
        now: i64,
    ) -> Result<i64, sqlx::Error> {
        on_pool!(self.pool(), p => sqlx::query_scalar::<_, i64>(
            "INSERT INTO mail_queue (kind, recipient, message, link, created_at, next_at)
             VALUES ($1, $2, $3, $4, $5, $5) RETURNING id",
        )
        .bind(kind)
        .bind(recipient)
        .bind(message)
        .bind(link)
        .bind(now)
        .fetch_one(p)
        .await)
    }

    /// Claims the next due mail until `now + lease` and counts the attempt.
    pub async fn claim_mail(
        &self,
        now: i64,
        lease: i64,
    ) -> Result<Option<QueuedMail>, sqlx::Error> {
        on_pool!(self.pool(), p => sqlx::query_as::<_, QueuedMail>(
            "UPDATE mail_queue SET claimed_until = $1, attempts = attempts + 1
             WHERE id = (SELECT id FROM mail_queue
                         WHERE sent_at IS NULL AND failed_at IS NULL
                           AND next_at <= $2 AND claimed_until <= $2
                         ORDER BY next_at, id LIMIT 1)
               AND sent_at IS NULL AND failed_at IS NULL AND claimed_until <= $2
             RETURNING id, kind, recipient, message, link, attempts",
        )
        .bind(now + lease)
        .bind(now)
        .fetch_optional(p)
        .await)
    }

    /// Marks a mail sent and forgets its contents (the link in it is a secret, the address
    /// personal data).
    pub async fn mail_sent(&self, id: i64, now: i64) -> Result<(), sqlx::Error> {
        on_pool!(self.pool(), p => sqlx::query(
            "UPDATE mail_queue SET sent_at = $1, claimed_until = 0, message = $2, link = '',
               recipient = '', last_error = ''
             WHERE id = $3",
        )
        .bind(now)
        .bind(Vec::<u8>::new())
        .bind(id)
        .execute(p)
        .await
        .map(|_| ()))
    }

    /// Records a failed delivery: tried again at `retry_at`, or given up when `None` (its
    /// contents then forgotten too).
    pub async fn mail_failed(
        &self,
        id: i64,
        now: i64,
        retry_at: Option<i64>,
        error: &str,
    ) -> Result<(), sqlx::Error> {
        on_pool!(self.pool(), p => match retry_at {
            Some(at) => sqlx::query(
                "UPDATE mail_queue SET next_at = $1, claimed_until = 0, last_error = $2
                 WHERE id = $3",
            )
            .bind(at)
            .bind(error)
            .bind(id)
            .execute(p)
            .await
            .map(|_| ()),
            None => sqlx::query(
                "UPDATE mail_queue SET failed_at = $1, claimed_until = 0, last_error = $2,
                   message = $3, link = '', recipient = ''
                 WHERE id = $4",
            )
            .bind(now)
            .bind(error)
            .bind(Vec::<u8>::new())
            .bind(id)
            .execute(p)
            .await
            .map(|_| ()),
        })
    }

    /// Deletes rows sent or given up before `before`; returns how many.
    pub async fn purge_mail(&self, before: i64) -> Result<u64, sqlx::Error> {
        on_pool!(self.pool(), p => sqlx::query(
            "DELETE FROM mail_queue WHERE sent_at < $1 OR failed_at < $1",
        )
        .bind(before)
        .execute(p)
        .await
        .map(|r| r.rows_affected()))
    }

    /// Mails waiting (not sent, not given up), for `/metrics` and the tests.
    pub async fn mail_waiting(&self) -> Result<i64, sqlx::Error> {
        on_pool!(self.pool(), p => sqlx::query_scalar::<_, i64>(
            "SELECT COUNT(*) FROM mail_queue WHERE sent_at IS NULL AND failed_at IS NULL",
        )
        .fetch_one(p)
        .await)
    }
}
