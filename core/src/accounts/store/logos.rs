//! Which logo an account has, and whether an object is still in use.

use domain::account::AccountId;
use domain::logo::LogoRef;

use crate::db::{Db, Dialect, on_pool};

impl Db {
    /// Sets (or with `None` removes) an account's logo; returns the hash it replaced.
    pub async fn set_logo(
        &self,
        id: AccountId,
        logo: Option<&LogoRef>,
        now: i64,
    ) -> Result<Option<String>, sqlx::Error> {
        let width = logo.map(|l| i32::try_from(l.width).unwrap_or(i32::MAX));
        let height = logo.map(|l| i32::try_from(l.height).unwrap_or(i32::MAX));
        on_pool!(self.pool(), p => {
            let mut tx = p.begin_write().await?;
            let old: Option<String> =
                sqlx::query_scalar::<_, Option<String>>("SELECT logo_hash FROM accounts WHERE id = $1")
                    .bind(id)
                    .fetch_optional(&mut *tx)
                    .await?
                    .flatten();
            sqlx::query(
                "UPDATE accounts SET logo_hash = $1, logo_width = $2, logo_height = $3,
                   updated_at = $4,
                   review_pending = (review_pending OR COALESCE(logo_hash, '') <> COALESCE($1, ''))
                 WHERE id = $5",
            )
            .bind(logo.map(|l| l.hash.as_str()))
            .bind(width)
            .bind(height)
            .bind(now)
            .bind(id)
            .execute(&mut *tx)
            .await?;
            tx.commit().await?;
            Ok(old)
        })
    }

    /// Whether any account uses the logo, live or as the showcase's approved version (objects
    /// are shared by content).
    pub async fn logo_in_use(&self, hash: &str) -> Result<bool, sqlx::Error> {
        let n = on_pool!(self.pool(), p => sqlx::query_scalar::<_, i64>(
            "SELECT COUNT(*) FROM accounts WHERE logo_hash = $1 OR shown_logo_hash = $1",
        )
        .bind(hash)
        .fetch_one(p)
        .await)?;
        Ok(n > 0)
    }
}
