//! What is stored about companies, on SQLite or PostgreSQL (the same queries; `$n`
//! placeholders work on both): accounts and profiles here; logos and the showcase, the
//! session-to-account map, and rate-limit attempts in the modules below.
//!
//! Writes that touch several rows run in write transactions that take the lock up front
//! (SQLite: `BEGIN IMMEDIATE`), so concurrent writers wait (busy timeout) instead of failing.

use domain::{
    account::{AccountId, AccountView, Listing, Profile, Viewer},
    lang::Lang,
    logo::LogoRef,
};
use serde_json::json;

use crate::db::{Db, Dialect, on_pool};

/// Within the write transaction `$tx` of pool `$p`: every link sent to account `$id` ends and
/// its credentials version moves on, so a link issued before stays refused even if its row
/// survived (`$now`: the account's `updated_at`).
macro_rules! end_links {
    ($p:ident, $tx:ident, $id:expr, $now:expr) => {{
        sqlx::query("DELETE FROM account_tokens WHERE account_id = $1")
            .bind($id)
            .execute(&mut *$tx)
            .await?;
        sqlx::query(
            "UPDATE accounts SET credentials_version = credentials_version + 1, updated_at = $2
             WHERE id = $1",
        )
        .bind($id)
        .bind($now)
        .execute(&mut *$tx)
        .await?;
    }};
}

/// Within the write transaction `$tx` of pool `$p`: every session of account `$id` ends, and
/// (see [`end_links`]) every link sent to it.
macro_rules! end_sessions_and_links {
    ($p:ident, $tx:ident, $id:expr, $now:expr) => {{
        let sessions = format!(
            "DELETE FROM {} WHERE id IN
               (SELECT session_id FROM account_sessions WHERE account_id = $1)",
            Dialect::sessions($p)
        );
        sqlx::query(&sessions).bind($id).execute(&mut *$tx).await?;
        sqlx::query("DELETE FROM account_sessions WHERE account_id = $1")
            .bind($id)
            .execute(&mut *$tx)
            .await?;
        end_links!($p, $tx, $id, $now);
    }};
}

mod attempts;
mod logos;
mod sessions;
mod showcase;
mod tokens;

pub use attempts::{KNOWN_NETWORK_SECONDS, Limit};
pub use sessions::SessionTimes;
pub use showcase::ShowcaseRow;
pub use tokens::{MailIdentity, Purpose, Verified};

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

/// An account's profile columns.
#[derive(Debug, sqlx::FromRow)]
struct ProfileRow {
    email: String,
    company: String,
    description: String,
    website: Option<String>,
    social: String,
    published: bool,
    approved: bool,
    hidden: bool,
    email_verified: bool,
    logo_hash: Option<String>,
    logo_width: Option<i32>,
    logo_height: Option<i32>,
    created_at: i64,
    updated_at: i64,
    review_pending: bool,
}

impl ProfileRow {
    fn profile(&self) -> Profile {
        Profile {
            company: self.company.clone(),
            description: self.description.clone(),
            website: self.website.clone(),
            social: serde_json::from_str(&self.social).unwrap_or_default(),
            published: self.published,
        }
    }

    fn logo(&self) -> Option<LogoRef> {
        match (&self.logo_hash, self.logo_width, self.logo_height) {
            (Some(hash), Some(width), Some(height)) => Some(LogoRef {
                hash: hash.clone(),
                width: u32::try_from(width).unwrap_or_default(),
                height: u32::try_from(height).unwrap_or_default(),
            }),
            _ => None,
        }
    }
}

const PROFILE_COLUMNS: &str = "email, company, description, website, social, published, \
     approved, hidden, email_verified, logo_hash, logo_width, logo_height, created_at, updated_at, \
     review_pending";

/// The same columns with the showcase's approved version in place of the live one, where
/// there is one (with `showcase.require_approval`, changes wait for review).
const SHOWN_COLUMNS: &str = "email, COALESCE(shown_company, company) AS company, \
     COALESCE(shown_description, description) AS description, \
     CASE WHEN shown_company IS NULL THEN website ELSE shown_website END AS website, \
     COALESCE(shown_social, social) AS social, published, approved, hidden, email_verified, \
     CASE WHEN shown_company IS NULL THEN logo_hash ELSE shown_logo_hash END AS logo_hash, \
     CASE WHEN shown_company IS NULL THEN logo_width ELSE shown_logo_width END AS logo_width, \
     CASE WHEN shown_company IS NULL THEN logo_height ELSE shown_logo_height END AS logo_height, \
     created_at, updated_at, review_pending";

fn is_unique_violation(e: &sqlx::Error) -> bool {
    matches!(e, sqlx::Error::Database(d) if d.is_unique_violation())
}

impl Db {
    /// Creates an account; [`CreateError::Taken`] when the e-mail exists.
    pub async fn create_account(
        &self,
        email: &str,
        password_hash: &str,
        company: &str,
        lang: Lang,
        now: i64,
    ) -> Result<AccountId, CreateError> {
        let result = on_pool!(self.pool(), p => sqlx::query_scalar::<_, AccountId>(
            "INSERT INTO accounts (email, password_hash, company, lang, created_at, updated_at)
             VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
        )
        .bind(email)
        .bind(password_hash)
        .bind(company)
        .bind(lang.code())
        .bind(now)
        .bind(now)
        .fetch_one(p)
        .await);
        match result {
            Ok(id) => Ok(id),
            Err(e) if is_unique_violation(&e) => Err(CreateError::Taken),
            Err(e) => Err(e.into()),
        }
    }

    /// The id and password hash of the account with this (normalised) e-mail.
    pub async fn login_record(
        &self,
        email: &str,
    ) -> Result<Option<(AccountId, String)>, sqlx::Error> {
        on_pool!(self.pool(), p => sqlx::query_as::<_, (AccountId, String)>(
            "SELECT id, password_hash FROM accounts WHERE email = $1",
        )
        .bind(email)
        .fetch_optional(p)
        .await)
    }

    /// The password hash of an account.
    pub async fn password_hash(&self, id: AccountId) -> Result<Option<String>, sqlx::Error> {
        on_pool!(self.pool(), p => sqlx::query_scalar::<_, String>(
            "SELECT password_hash FROM accounts WHERE id = $1",
        )
        .bind(id)
        .fetch_optional(p)
        .await)
    }

    /// The logged-in company as the header shows it.
    pub async fn viewer(&self, id: AccountId) -> Result<Option<Viewer>, sqlx::Error> {
        let company = on_pool!(self.pool(), p => sqlx::query_scalar::<_, String>(
            "SELECT company FROM accounts WHERE id = $1",
        )
        .bind(id)
        .fetch_optional(p)
        .await)?;
        Ok(company.map(|company| Viewer {
            account_id: id,
            company,
        }))
    }

    async fn profile_row(&self, id: AccountId) -> Result<Option<ProfileRow>, sqlx::Error> {
        let sql = format!("SELECT {PROFILE_COLUMNS} FROM accounts WHERE id = $1");
        on_pool!(self.pool(), p => sqlx::query_as::<_, ProfileRow>(&sql)
            .bind(id)
            .fetch_optional(p)
            .await)
    }

    /// The account page's data (`require_approval`: whether publishing needs an operator's
    /// approval, for the showcase state).
    pub async fn account_view(
        &self,
        id: AccountId,
        require_approval: bool,
        now: i64,
    ) -> Result<Option<AccountView>, sqlx::Error> {
        let Some(row) = self.profile_row(id).await? else {
            return Ok(None);
        };
        let pending_email = self.pending_email(id, &row.email, now).await?;
        Ok(Some(AccountView {
            profile: row.profile(),
            logo: row.logo(),
            listing: Listing::of(
                row.published,
                row.approved,
                row.hidden,
                row.email_verified,
                require_approval,
            )
            .with_pending_changes(row.review_pending, require_approval),
            email: row.email,
            email_verified: row.email_verified,
            pending_email,
        }))
    }

    /// Replaces the profile.
    pub async fn update_profile(
        &self,
        id: AccountId,
        profile: &Profile,
        now: i64,
    ) -> Result<(), sqlx::Error> {
        on_pool!(self.pool(), p => sqlx::query(
            // A change to what the showcase shows waits for review (when approval is required).
            "UPDATE accounts SET company = $1, description = $2, website = $3, social = $4,
               published = $5, updated_at = $6,
               review_pending = (review_pending OR company <> $1 OR description <> $2
                 OR COALESCE(website, '') <> COALESCE($3, '') OR social <> $4)
             WHERE id = $7",
        )
        .bind(&profile.company)
        .bind(&profile.description)
        .bind(&profile.website)
        .bind(json!(profile.social).to_string())
        .bind(profile.published)
        .bind(now)
        .bind(id)
        .execute(p)
        .await
        .map(|_| ()))
    }

    /// Sets a new password hash, ends every session of the account and every link sent to it
    /// (a pending address change, a reset, a verification).
    pub async fn change_password(
        &self,
        id: AccountId,
        password_hash: &str,
        now: i64,
    ) -> Result<(), sqlx::Error> {
        on_pool!(self.pool(), p => {
            let mut tx = p.begin_write().await?;
            sqlx::query("UPDATE accounts SET password_hash = $1 WHERE id = $2")
                .bind(password_hash)
                .bind(id)
                .execute(&mut *tx)
                .await?;
            end_sessions_and_links!(p, tx, id, now);
            tx.commit().await
        })
    }

    /// Ends every session of the account and every link sent to it; links issued before stay
    /// refused (the credentials version moves on).
    pub async fn end_sessions_and_links(&self, id: AccountId, now: i64) -> Result<(), sqlx::Error> {
        on_pool!(self.pool(), p => {
            let mut tx = p.begin_write().await?;
            end_sessions_and_links!(p, tx, id, now);
            tx.commit().await
        })
    }

    /// Deletes the account, every session of it and its login attempts; returns the hash of
    /// the logo it had, for the caller to delete once no other account uses it.
    pub async fn delete_account(
        &self,
        id: AccountId,
        attempts_bucket: &str,
    ) -> Result<Option<String>, sqlx::Error> {
        on_pool!(self.pool(), p => {
            let mut tx = p.begin_write().await?;
            let logo: Option<String> =
                sqlx::query_scalar::<_, Option<String>>("SELECT logo_hash FROM accounts WHERE id = $1")
                    .bind(id)
                    .fetch_optional(&mut *tx)
                    .await?
                    .flatten();
            // The row goes below: its `updated_at` does not matter (typed, for PostgreSQL).
            end_sessions_and_links!(p, tx, id, 0_i64);
            sqlx::query("DELETE FROM account_networks WHERE account_id = $1")
                .bind(id)
                .execute(&mut *tx)
                .await?;
            // The account's own bucket and its per-address buckets (`bucket:address`).
            sqlx::query("DELETE FROM auth_attempts WHERE bucket = $1 OR bucket LIKE $2")
                .bind(attempts_bucket)
                .bind(format!("{attempts_bucket}:%"))
                .execute(&mut *tx)
                .await?;
            sqlx::query("DELETE FROM accounts WHERE id = $1")
                .bind(id)
                .execute(&mut *tx)
                .await?;
            tx.commit().await?;
            Ok(logo)
        })
    }

    /// Everything stored about an account, for its owner.
    pub async fn export_account(
        &self,
        id: AccountId,
    ) -> Result<Option<serde_json::Value>, sqlx::Error> {
        let Some(row) = self.profile_row(id).await? else {
            return Ok(None);
        };
        let sessions = on_pool!(self.pool(), p => sqlx::query_as::<_, (i64, i64, i64)>(
            "SELECT created_at, seen_at, expires_at FROM account_sessions
             WHERE account_id = $1 ORDER BY created_at",
        )
        .bind(id)
        .fetch_all(p)
        .await)?;
        let sessions: Vec<serde_json::Value> = sessions
            .into_iter()
            .map(|(created, seen, expires)| {
                json!({
                    "logged_in_at": unix_to_rfc3339(created),
                    "last_seen_at": unix_to_rfc3339(seen),
                    "expires_at": unix_to_rfc3339(expires),
                })
            })
            .collect();
        let networks = on_pool!(self.pool(), p => sqlx::query_as::<_, (String, i64)>(
            "SELECT network, seen_at FROM account_networks WHERE account_id = $1 ORDER BY seen_at",
        )
        .bind(id)
        .fetch_all(p)
        .await)?;
        let networks: Vec<serde_json::Value> = networks
            .into_iter()
            .map(|(network, seen)| {
                json!({ "network": network, "last_login_at": unix_to_rfc3339(seen) })
            })
            .collect();
        let profile = row.profile();
        Ok(Some(json!({
            "account": {
                "email": row.email,
                "email_verified": row.email_verified,
                "created_at": unix_to_rfc3339(row.created_at),
                "updated_at": unix_to_rfc3339(row.updated_at),
                "password": "stored only as an Argon2id hash, not exported",
            },
            "profile": {
                "company": profile.company,
                "description": profile.description,
                "website": profile.website,
                "social": profile.social,
                "published_on_showcase": profile.published,
                "logo": row.logo().map(|l| json!({
                    "url": l.url(), "width": l.width, "height": l.height,
                })),
            },
            "sessions": sessions,
            "login_networks": networks,
        })))
    }
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
