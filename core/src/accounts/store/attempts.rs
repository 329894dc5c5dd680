//! Rate-limit attempts (failed logins, registrations) by bucket: a hashed e-mail or a masked
//! address, never the value itself.
//!
//! An attempt is reserved *before* the expensive or sensitive work (password verification,
//! hashing a new account's password), in one transaction that counts and inserts under a lock
//! on each bucket, so concurrent requests cannot all pass the count: the `n`-th request within
//! the window sees the `n - 1` before it.

use crate::db::{Db, Dialect, on_pool};
use domain::account::AccountId;

/// One limit to check: `limit` attempts in `bucket` after `since` (Unix seconds).
#[derive(Debug, Clone, Copy)]
pub struct Limit<'a> {
    /// The bucket.
    pub bucket: &'a str,
    /// Attempts allowed within the window.
    pub limit: u32,
    /// The window's start.
    pub since: i64,
    /// The window's length in seconds (for the wait).
    pub window: i64,
}

impl Db {
    /// Records one attempt at `now` in every bucket of `limits`, unless one of them is at its
    /// limit: then nothing is recorded and the answer is the seconds until that bucket has
    /// room again. Atomic against concurrent reservations of the same buckets.
    pub async fn reserve_attempts(
        &self,
        limits: &[Limit<'_>],
        now: i64,
    ) -> Result<Result<(), u64>, sqlx::Error> {
        let mut ordered: Vec<&Limit<'_>> = limits.iter().collect();
        // One lock order for everyone, so two reservations never wait for each other in a
        // circle.
        ordered.sort_by_key(|l| l.bucket);
        on_pool!(self.pool(), p => {
            let lock = Dialect::lock_bucket(p);
            let mut tx = p.begin_write().await?;
            if let Some(lock) = lock {
                for l in &ordered {
                    sqlx::query(lock).bind(l.bucket).execute(&mut *tx).await?;
                }
            }
            for l in &ordered {
                let (n, oldest) = sqlx::query_as::<_, (i64, i64)>(
                    "SELECT COUNT(*), COALESCE(MIN(at_unix), 0) FROM auth_attempts
                     WHERE bucket = $1 AND at_unix > $2",
                )
                .bind(l.bucket)
                .bind(l.since)
                .fetch_one(&mut *tx)
                .await?;
                if n >= i64::from(l.limit) {
                    tx.rollback().await?;
                    let wait = u64::try_from(oldest + l.window - now).unwrap_or(1).max(1);
                    return Ok(Err(wait));
                }
            }
            for l in &ordered {
                sqlx::query("INSERT INTO auth_attempts (bucket, at_unix) VALUES ($1, $2)")
                    .bind(l.bucket)
                    .bind(now)
                    .execute(&mut *tx)
                    .await?;
            }
            tx.commit().await?;
            Ok(Ok(()))
        })
    }

    /// Gives back one attempt reserved at `at` in `bucket` (the attempt succeeded).
    pub async fn release_attempt(&self, bucket: &str, at: i64) -> Result<(), sqlx::Error> {
        on_pool!(self.pool(), p => sqlx::query(Dialect::release_attempt(p))
            .bind(bucket)
            .bind(at)
            .execute(p)
            .await
            .map(|_| ()))
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

/// How long a network stays known to an account after its last successful login.
pub const KNOWN_NETWORK_SECONDS: i64 = 90 * 86_400;

impl Db {
    /// Whether the account with this (normalised) address logged in from `network` (a masked
    /// address) after `since`.
    pub async fn known_network(
        &self,
        email: &str,
        network: &str,
        since: i64,
    ) -> Result<bool, sqlx::Error> {
        on_pool!(self.pool(), p => sqlx::query_scalar::<_, i64>(
            "SELECT COUNT(*) FROM account_networks n JOIN accounts a ON a.id = n.account_id
             WHERE a.email = $1 AND n.network = $2 AND n.seen_at > $3",
        )
        .bind(email)
        .bind(network)
        .bind(since)
        .fetch_one(p)
        .await
        .map(|n| n > 0))
    }

    /// Notes a successful login of `account` from `network` (a masked address) at `now`.
    pub async fn remember_network(
        &self,
        account: AccountId,
        network: &str,
        now: i64,
    ) -> Result<(), sqlx::Error> {
        on_pool!(self.pool(), p => sqlx::query(
            "INSERT INTO account_networks (account_id, network, seen_at) VALUES ($1, $2, $3)
             ON CONFLICT (account_id, network) DO UPDATE SET seen_at = excluded.seen_at",
        )
        .bind(account)
        .bind(network)
        .bind(now)
        .execute(p)
        .await
        .map(|_| ()))
    }

    /// Forgets networks not seen since `before`.
    pub async fn prune_networks(&self, before: i64) -> Result<u64, sqlx::Error> {
        on_pool!(self.pool(), p => sqlx::query("DELETE FROM account_networks WHERE seen_at < $1")
            .bind(before)
            .execute(p)
            .await
            .map(|r| r.rows_affected()))
    }
}
