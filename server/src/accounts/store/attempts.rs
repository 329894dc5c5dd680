//! Rate-limit attempts (failed logins, registrations) by bucket: a hashed e-mail or a masked
//! address, never the value itself.

use crate::db::{Db, Dialect, on_pool};

impl Db {
    /// How many attempts `bucket` has since `since`, and when the oldest of them was.
    pub async fn attempts(&self, bucket: &str, since: i64) -> Result<(u32, i64), sqlx::Error> {
        let (n, oldest) = on_pool!(self.pool(), p => sqlx::query_as::<_, (i64, i64)>(
            "SELECT COUNT(*), COALESCE(MIN(at_unix), 0) FROM auth_attempts
             WHERE bucket = $1 AND at_unix > $2",
        )
        .bind(bucket)
        .bind(since)
        .fetch_one(p)
        .await)?;
        Ok((u32::try_from(n).unwrap_or(u32::MAX), oldest))
    }

    /// Records one attempt for each bucket.
    pub async fn add_attempts(&self, buckets: &[&str], now: i64) -> Result<(), sqlx::Error> {
        on_pool!(self.pool(), p => {
            let mut tx = p.begin_write().await?;
            for bucket in buckets {
                sqlx::query("INSERT INTO auth_attempts (bucket, at_unix) VALUES ($1, $2)")
                    .bind(bucket)
                    .bind(now)
                    .execute(&mut *tx)
                    .await?;
            }
            tx.commit().await
        })
    }

    /// Forgets a bucket's attempts (after a successful login).
    pub async fn clear_attempts(&self, bucket: &str) -> Result<(), sqlx::Error> {
        on_pool!(self.pool(), p => sqlx::query("DELETE FROM auth_attempts WHERE bucket = $1")
            .bind(bucket)
            .execute(p)
            .await
            .map(|_| ()))
    }

    /// Deletes attempts older than `before`.
    pub async fn prune_attempts(&self, before: i64) -> Result<u64, sqlx::Error> {
        on_pool!(self.pool(), p => sqlx::query("DELETE FROM auth_attempts WHERE at_unix < $1")
            .bind(before)
            .execute(p)
            .await
            .map(|done| done.rows_affected()))
    }
}
