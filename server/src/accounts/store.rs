//! Accounts, the session-to-account map and rate-limit attempts in the database.
//!
//! Writes that touch several rows run in `BEGIN IMMEDIATE` transactions: SQLite takes the write
//! lock up front, so concurrent writers wait (busy timeout) instead of failing on a lock upgrade.

use app::domain::{
    account::{AccountView, Profile, Viewer},
    logo::{LogoRef, Showcase, ShowcaseEntry},
};
use serde_json::json;
use sqlx::Row;

use crate::db::Db;

/// Why an account could not be created.
#[derive(Debug, thiserror::Error)]
pub enum CreateError {
    /// The e-mail address has an account already.
    #[error("the e-mail address is registered")]
    Taken,
    /// The database failed.
    #[error(transparent)]
    Db(#[from] sqlx::Error),
}

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
    /// Creates an account; [`CreateError::Taken`] when the e-mail exists.
    pub async fn create_account(
        &self,
        email: &str,
        password_hash: &str,
        company: &str,
        now: i64,
    ) -> Result<i64, CreateError> {
        let result = sqlx::query(
            "INSERT INTO accounts (email, password_hash, company, created_at, updated_at)
             VALUES (?, ?, ?, ?, ?)",
        )
        .bind(email)
        .bind(password_hash)
        .bind(company)
        .bind(now)
        .bind(now)
        .execute(self.pool())
        .await;
        match result {
            Ok(done) => Ok(done.last_insert_rowid()),
            Err(sqlx::Error::Database(e)) if e.is_unique_violation() => Err(CreateError::Taken),
            Err(e) => Err(e.into()),
        }
    }

    /// The id and password hash of the account with this (normalised) e-mail.
    pub async fn login_record(&self, email: &str) -> Result<Option<(i64, String)>, sqlx::Error> {
        let row = sqlx::query("SELECT id, password_hash FROM accounts WHERE email = ?")
            .bind(email)
            .fetch_optional(self.pool())
            .await?;
        row.map(|r| Ok((r.try_get("id")?, r.try_get("password_hash")?)))
            .transpose()
    }

    /// The password hash of an account.
    pub async fn password_hash(&self, id: i64) -> Result<Option<String>, sqlx::Error> {
        sqlx::query_scalar("SELECT password_hash FROM accounts WHERE id = ?")
            .bind(id)
            .fetch_optional(self.pool())
            .await
    }

    /// The logged-in company as the header shows it.
    pub async fn viewer(&self, id: i64) -> Result<Option<Viewer>, sqlx::Error> {
        let company: Option<String> =
            sqlx::query_scalar("SELECT company FROM accounts WHERE id = ?")
                .bind(id)
                .fetch_optional(self.pool())
                .await?;
        Ok(company.map(|company| Viewer {
            account_id: id,
            company,
        }))
    }

    /// The account page's data.
    pub async fn account_view(&self, id: i64) -> Result<Option<AccountView>, sqlx::Error> {
        let row = sqlx::query(
            "SELECT email, company, description, website, social, published,
                    logo_hash, logo_width, logo_height
             FROM accounts WHERE id = ?",
        )
        .bind(id)
        .fetch_optional(self.pool())
        .await?;
        row.map(|r| {
            Ok(AccountView {
                email: r.try_get("email")?,
                profile: profile_of(&r)?,
                logo: logo_of(&r)?,
            })
        })
        .transpose()
    }

    /// Replaces the profile.
    pub async fn update_profile(
        &self,
        id: i64,
        profile: &Profile,
        now: i64,
    ) -> Result<(), sqlx::Error> {
        sqlx::query(
            "UPDATE accounts SET company = ?, description = ?, website = ?, social = ?,
               published = ?, updated_at = ?
             WHERE id = ?",
        )
        .bind(&profile.company)
        .bind(&profile.description)
        .bind(&profile.website)
        .bind(json!(profile.social).to_string())
        .bind(profile.published)
        .bind(now)
        .bind(id)
        .execute(self.pool())
        .await?;
        Ok(())
    }

    /// Sets a new password hash and ends every session of the account but `keep`.
    pub async fn change_password(
        &self,
        id: i64,
        password_hash: &str,
        keep: Option<&str>,
        now: i64,
    ) -> Result<(), sqlx::Error> {
        let mut tx = self.pool().begin_with("BEGIN IMMEDIATE").await?;
        sqlx::query("UPDATE accounts SET password_hash = ?, updated_at = ? WHERE id = ?")
            .bind(password_hash)
            .bind(now)
            .bind(id)
            .execute(&mut *tx)
            .await?;
        let keep = keep.unwrap_or("");
        sqlx::query(
            "DELETE FROM tower_sessions WHERE id IN
               (SELECT session_id FROM account_sessions WHERE account_id = ? AND session_id <> ?)",
        )
        .bind(id)
        .bind(keep)
        .execute(&mut *tx)
        .await?;
        sqlx::query("DELETE FROM account_sessions WHERE account_id = ? AND session_id <> ?")
            .bind(id)
            .bind(keep)
            .execute(&mut *tx)
            .await?;
        tx.commit().await
    }

    /// Deletes the account, every session of it and its login attempts; returns the hash of
    /// the logo it had, for the caller to delete once no other account uses it.
    pub async fn delete_account(
        &self,
        id: i64,
        attempts_bucket: &str,
    ) -> Result<Option<String>, sqlx::Error> {
        let mut tx = self.pool().begin_with("BEGIN IMMEDIATE").await?;
        let logo: Option<String> =
            sqlx::query_scalar("SELECT logo_hash FROM accounts WHERE id = ?")
                .bind(id)
                .fetch_optional(&mut *tx)
                .await?
                .flatten();
        sqlx::query(
            "DELETE FROM tower_sessions WHERE id IN
               (SELECT session_id FROM account_sessions WHERE account_id = ?)",
        )
        .bind(id)
        .execute(&mut *tx)
        .await?;
        sqlx::query("DELETE FROM account_sessions WHERE account_id = ?")
            .bind(id)
            .execute(&mut *tx)
            .await?;
        sqlx::query("DELETE FROM auth_attempts WHERE bucket = ?")
            .bind(attempts_bucket)
            .execute(&mut *tx)
            .await?;
        sqlx::query("DELETE FROM accounts WHERE id = ?")
            .bind(id)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(logo)
    }

    /// Sets (or with `None` removes) an account's logo; returns the hash it replaced.
    pub async fn set_logo(
        &self,
        id: i64,
        logo: Option<&LogoRef>,
        now: i64,
    ) -> Result<Option<String>, sqlx::Error> {
        let mut tx = self.pool().begin_with("BEGIN IMMEDIATE").await?;
        let old: Option<String> = sqlx::query_scalar("SELECT logo_hash FROM accounts WHERE id = ?")
            .bind(id)
            .fetch_optional(&mut *tx)
            .await?
            .flatten();
        sqlx::query(
            "UPDATE accounts SET logo_hash = ?, logo_width = ?, logo_height = ?, updated_at = ?
             WHERE id = ?",
        )
        .bind(logo.map(|l| l.hash.as_str()))
        .bind(logo.map(|l| l.width))
        .bind(logo.map(|l| l.height))
        .bind(now)
        .bind(id)
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(old)
    }

    /// Whether any account uses the logo (objects are shared by content).
    pub async fn logo_in_use(&self, hash: &str) -> Result<bool, sqlx::Error> {
        let n: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM accounts WHERE logo_hash = ?")
            .bind(hash)
            .fetch_one(self.pool())
            .await?;
        Ok(n > 0)
    }

    /// The published companies, sorted by name.
    pub async fn showcase(&self) -> Result<Showcase, sqlx::Error> {
        let rows = sqlx::query(
            "SELECT company, description, website, social, published,
                    logo_hash, logo_width, logo_height
             FROM accounts WHERE published = 1 ORDER BY company COLLATE NOCASE, id",
        )
        .fetch_all(self.pool())
        .await?;
        rows.iter()
            .map(|r| {
                let p = profile_of(r)?;
                Ok(ShowcaseEntry {
                    company: p.company,
                    description: p.description,
                    website: p.website,
                    social: p.social,
                    logo: logo_of(r)?,
                })
            })
            .collect::<Result<Vec<_>, sqlx::Error>>()
            .map(Showcase)
    }

    /// Everything stored about an account, for its owner.
    pub async fn export_account(&self, id: i64) -> Result<Option<serde_json::Value>, sqlx::Error> {
        let Some(row) = sqlx::query(
            "SELECT email, company, description, website, social, published, logo_hash,
                    logo_width, logo_height, created_at, updated_at
             FROM accounts WHERE id = ?",
        )
        .bind(id)
        .fetch_optional(self.pool())
        .await?
        else {
            return Ok(None);
        };
        let sessions = sqlx::query(
            "SELECT created_at, seen_at, expires_at FROM account_sessions
             WHERE account_id = ? ORDER BY created_at",
        )
        .bind(id)
        .fetch_all(self.pool())
        .await?;
        let sessions: Vec<serde_json::Value> = sessions
            .iter()
            .map(|s| {
                Ok(json!({
                    "logged_in_at": unix_to_rfc3339(s.try_get("created_at")?),
                    "last_seen_at": unix_to_rfc3339(s.try_get("seen_at")?),
                    "expires_at": unix_to_rfc3339(s.try_get("expires_at")?),
                }))
            })
            .collect::<Result<_, sqlx::Error>>()?;
        let social: String = row.try_get("social")?;
        Ok(Some(json!({
            "account": {
                "email": row.try_get::<String, _>("email")?,
                "created_at": unix_to_rfc3339(row.try_get("created_at")?),
                "updated_at": unix_to_rfc3339(row.try_get("updated_at")?),
                "password": "stored only as an Argon2id hash, not exported",
            },
            "profile": {
                "company": row.try_get::<String, _>("company")?,
                "description": row.try_get::<String, _>("description")?,
                "website": row.try_get::<Option<String>, _>("website")?,
                "social": serde_json::from_str::<serde_json::Value>(&social).unwrap_or_default(),
                "published_on_showcase": row.try_get::<bool, _>("published")?,
                "logo": logo_of(&row)?.map(|l| json!({
                    "url": l.url(), "width": l.width, "height": l.height,
                })),
            },
            "sessions": sessions,
        })))
    }

    /// Records which account a session belongs to, and its times.
    pub async fn map_session(
        &self,
        session_id: &str,
        account_id: i64,
        times: SessionTimes,
    ) -> Result<(), sqlx::Error> {
        sqlx::query(
            "INSERT INTO account_sessions (session_id, account_id, created_at, seen_at, expires_at)
             SELECT ?, id, ?, ?, ? FROM accounts WHERE id = ?
             ON CONFLICT (session_id) DO UPDATE SET seen_at = excluded.seen_at,
               expires_at = excluded.expires_at",
        )
        .bind(session_id)
        .bind(times.created)
        .bind(times.seen)
        .bind(times.expires)
        .bind(account_id)
        .execute(self.pool())
        .await?;
        Ok(())
    }

    /// Forgets a session's account.
    pub async fn unmap_session(&self, session_id: &str) -> Result<(), sqlx::Error> {
        sqlx::query("DELETE FROM account_sessions WHERE session_id = ?")
            .bind(session_id)
            .execute(self.pool())
            .await?;
        Ok(())
    }

    /// Deletes sessions that expired before `now`; returns how many.
    pub async fn purge_sessions(&self, now: i64) -> Result<u64, sqlx::Error> {
        let mut tx = self.pool().begin_with("BEGIN IMMEDIATE").await?;
        let mapped = sqlx::query(
            "DELETE FROM tower_sessions WHERE id IN
               (SELECT session_id FROM account_sessions WHERE expires_at <= ?)",
        )
        .bind(now)
        .execute(&mut *tx)
        .await?
        .rows_affected();
        sqlx::query("DELETE FROM account_sessions WHERE expires_at <= ?")
            .bind(now)
            .execute(&mut *tx)
            .await?;
        let stray = sqlx::query(
            "DELETE FROM tower_sessions WHERE datetime(expiry_date) <= datetime(?, 'unixepoch')",
        )
        .bind(now)
        .execute(&mut *tx)
        .await?
        .rows_affected();
        tx.commit().await?;
        Ok(mapped + stray)
    }

    /// How many attempts `bucket` has since `since`, and when the oldest of them was.
    pub async fn attempts(&self, bucket: &str, since: i64) -> Result<(u32, i64), sqlx::Error> {
        let row = sqlx::query(
            "SELECT COUNT(*) AS n, COALESCE(MIN(at_unix), 0) AS oldest FROM auth_attempts
             WHERE bucket = ? AND at_unix > ?",
        )
        .bind(bucket)
        .bind(since)
        .fetch_one(self.pool())
        .await?;
        let n: i64 = row.try_get("n")?;
        Ok((u32::try_from(n).unwrap_or(u32::MAX), row.try_get("oldest")?))
    }

    /// Records one attempt for each bucket.
    pub async fn add_attempts(&self, buckets: &[&str], now: i64) -> Result<(), sqlx::Error> {
        let mut tx = self.pool().begin_with("BEGIN IMMEDIATE").await?;
        for bucket in buckets {
            sqlx::query("INSERT INTO auth_attempts (bucket, at_unix) VALUES (?, ?)")
                .bind(bucket)
                .bind(now)
                .execute(&mut *tx)
                .await?;
        }
        tx.commit().await
    }

    /// Forgets a bucket's attempts (after a successful login).
    pub async fn clear_attempts(&self, bucket: &str) -> Result<(), sqlx::Error> {
        sqlx::query("DELETE FROM auth_attempts WHERE bucket = ?")
            .bind(bucket)
            .execute(self.pool())
            .await?;
        Ok(())
    }

    /// Deletes attempts older than `before`.
    pub async fn prune_attempts(&self, before: i64) -> Result<u64, sqlx::Error> {
        Ok(sqlx::query("DELETE FROM auth_attempts WHERE at_unix < ?")
            .bind(before)
            .execute(self.pool())
            .await?
            .rows_affected())
    }
}

fn profile_of(r: &sqlx::sqlite::SqliteRow) -> Result<Profile, sqlx::Error> {
    let social: String = r.try_get("social")?;
    Ok(Profile {
        company: r.try_get("company")?,
        description: r.try_get("description")?,
        website: r.try_get("website")?,
        social: serde_json::from_str(&social).unwrap_or_default(),
        published: r.try_get("published")?,
    })
}

fn logo_of(r: &sqlx::sqlite::SqliteRow) -> Result<Option<LogoRef>, sqlx::Error> {
    let hash: Option<String> = r.try_get("logo_hash")?;
    let width: Option<u32> = r.try_get("logo_width")?;
    let height: Option<u32> = r.try_get("logo_height")?;
    Ok(match (hash, width, height) {
        (Some(hash), Some(width), Some(height)) => Some(LogoRef {
            hash,
            width,
            height,
        }),
        _ => None,
    })
}

/// `2026-11-30T06:28:33Z` for Unix seconds.
pub fn unix_to_rfc3339(secs: i64) -> String {
    time::OffsetDateTime::from_unix_timestamp(secs)
        .ok()
        .and_then(|t| {
            t.format(&time::format_description::well_known::Rfc3339)
                .ok()
        })
        .unwrap_or_default()
}
