//! One-time links: address verification and password reset. Only the SHA-256 of a token is
//! stored; a token is used up by the `DELETE` that reads it, so it works once even when two
//! requests race with it.
//!
//! A token also stores the account's `credentials_version` (how often its password or address
//! has changed) when it was issued, and works only while the account's count is the same: a
//! password change or reset, or a new address, ends every link sent before it. Those changes
//! also delete the account's tokens in the same transaction; the count is the second lock.

use domain::account::AccountId;
use domain::lang::Lang;

use super::is_unique_violation;
use crate::db::{Db, Dialect, on_pool};

/// What a link is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Purpose {
    /// Confirms the address it was sent to (a new account's, or a new contact address).
    Verify,
    /// Lets the owner choose a new password.
    Reset,
}

impl Purpose {
    fn name(self) -> &'static str {
        match self {
            Purpose::Verify => "verify",
            Purpose::Reset => "reset",
        }
    }
}

/// What the mails to an account need to know about it.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct MailIdentity {
    /// The account.
    pub id: AccountId,
    /// Its contact address.
    pub email: String,
    /// The company's name.
    pub company: String,
    /// `sv` or `en`.
    lang: String,
    /// Whether the address is confirmed.
    pub email_verified: bool,
}

impl MailIdentity {
    /// The language its mails are written in.
    pub fn lang(&self) -> Lang {
        Lang::from_code(&self.lang).unwrap_or_default()
    }
}

/// What opening a verification link did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verified {
    /// The account's address is confirmed.
    Confirmed,
    /// The contact address changed from the old one (returned, to be told).
    Changed {
        /// The address before.
        old: String,
    },
    /// The new address has an account of its own by now: nothing changed.
    Taken,
}

const IDENTITY: &str = "SELECT id, email, company, lang, email_verified FROM accounts";

impl Db {
    /// The account with this (normalised) address.
    pub async fn identity_by_email(
        &self,
        email: &str,
    ) -> Result<Option<MailIdentity>, sqlx::Error> {
        let sql = format!("{IDENTITY} WHERE email = $1");
        on_pool!(self.pool(), p => sqlx::query_as::<_, MailIdentity>(&sql)
            .bind(email)
            .fetch_optional(p)
            .await)
    }

    /// The account with this id.
    pub async fn identity(&self, id: AccountId) -> Result<Option<MailIdentity>, sqlx::Error> {
        let sql = format!("{IDENTITY} WHERE id = $1");
        on_pool!(self.pool(), p => sqlx::query_as::<_, MailIdentity>(&sql)
            .bind(id)
            .fetch_optional(p)
            .await)
    }

    /// Stores a token (by its hash) for `account`, sent to `email`; earlier tokens of the same
    /// purpose stop working.
    pub async fn issue_token(
        &self,
        account: AccountId,
        purpose: Purpose,
        email: &str,
        token_hash: &str,
        now: i64,
        expires_at: i64,
    ) -> Result<(), sqlx::Error> {
        on_pool!(self.pool(), p => {
            let mut tx = p.begin_write().await?;
            sqlx::query("DELETE FROM account_tokens WHERE account_id = $1 AND purpose = $2")
                .bind(account)
                .bind(purpose.name())
                .execute(&mut *tx)
                .await?;
            sqlx::query(
                "INSERT INTO account_tokens
                   (token_hash, account_id, purpose, email, created_at, expires_at,
                    credentials_version)
                 SELECT $1, $2, $3, $4, $5, $6, credentials_version FROM accounts WHERE id = $2",
            )
            .bind(token_hash)
            .bind(account)
            .bind(purpose.name())
            .bind(email)
            .bind(now)
            .bind(expires_at)
            .execute(&mut *tx)
            .await?;
            tx.commit().await
        })
    }

    /// The account and address of a live token, leaving it in place.
    pub async fn peek_token(
        &self,
        token_hash: &str,
        purpose: Purpose,
        now: i64,
    ) -> Result<Option<(AccountId, String)>, sqlx::Error> {
        on_pool!(self.pool(), p => sqlx::query_as::<_, (AccountId, String)>(
            "SELECT account_id, email FROM account_tokens
             WHERE token_hash = $1 AND purpose = $2 AND expires_at > $3 AND credentials_version =
               (SELECT a.credentials_version FROM accounts a WHERE a.id = account_tokens.account_id)",
        )
        .bind(token_hash)
        .bind(purpose.name())
        .bind(now)
        .fetch_optional(p)
        .await)
    }

    /// Uses a live token up: the account and address, once.
    pub async fn take_token(
        &self,
        token_hash: &str,
        purpose: Purpose,
        now: i64,
    ) -> Result<Option<(AccountId, String)>, sqlx::Error> {
        on_pool!(self.pool(), p => sqlx::query_as::<_, (AccountId, String)>(
            "DELETE FROM account_tokens
             WHERE token_hash = $1 AND purpose = $2 AND expires_at > $3 AND credentials_version =
               (SELECT a.credentials_version FROM accounts a WHERE a.id = account_tokens.account_id)
             RETURNING account_id, email",
        )
        .bind(token_hash)
        .bind(purpose.name())
        .bind(now)
        .fetch_optional(p)
        .await)
    }

    /// Confirms `email` for `account`: its own address becomes verified, or a new address
    /// replaces the old one (verified; every other link of the account stops working).
    pub async fn confirm_email(
        &self,
        account: AccountId,
        email: &str,
        now: i64,
    ) -> Result<Option<Verified>, sqlx::Error> {
        let Some(current) = self.identity(account).await? else {
            return Ok(None);
        };
        if current.email == email {
            self.mark_verified(account, email, now).await?;
            return Ok(Some(Verified::Confirmed));
        }
        let changed = on_pool!(self.pool(), p => {
            let mut tx = p.begin_write().await?;
            let updated = sqlx::query(
                "UPDATE accounts SET email = $1, email_verified = TRUE, updated_at = $2
                 WHERE id = $3 AND email = $4",
            )
            .bind(email)
            .bind(now)
            .bind(account)
            .bind(&current.email)
            .execute(&mut *tx)
            .await;
            match updated {
                Err(e) if is_unique_violation(&e) => return Ok(Some(Verified::Taken)),
                Err(e) => return Err(e),
                Ok(r) if r.rows_affected() == 0 => return Ok(None),
                Ok(_) => {}
            }
            end_links!(p, tx, account, now);
            tx.commit().await?;
            Ok::<_, sqlx::Error>(())
        });
        changed?;
        Ok(Some(Verified::Changed { old: current.email }))
    }

    /// Marks the account's address verified, if it still is `email`; `false` otherwise.
    pub async fn mark_verified(
        &self,
        account: AccountId,
        email: &str,
        now: i64,
    ) -> Result<bool, sqlx::Error> {
        on_pool!(self.pool(), p => sqlx::query(
            "UPDATE accounts SET email_verified = TRUE, updated_at = $1 WHERE id = $2 AND email = $3",
        )
        .bind(now)
        .bind(account)
        .bind(email)
        .execute(p)
        .await
        .map(|r| r.rows_affected() == 1))
    }

    /// The new address an owner asked to change to, while its link is live.
    pub(super) async fn pending_email(
        &self,
        account: AccountId,
        current: &str,
        now: i64,
    ) -> Result<Option<String>, sqlx::Error> {
        on_pool!(self.pool(), p => sqlx::query_scalar::<_, String>(
            "SELECT email FROM account_tokens
             WHERE account_id = $1 AND purpose = 'verify' AND email <> $2 AND expires_at > $3
             ORDER BY created_at DESC LIMIT 1",
        )
        .bind(account)
        .bind(current)
        .bind(now)
        .fetch_optional(p)
        .await)
    }

    /// Deletes tokens that ran out before `now`.
    pub async fn purge_tokens(&self, now: i64) -> Result<u64, sqlx::Error> {
        on_pool!(self.pool(), p => sqlx::query("DELETE FROM account_tokens WHERE expires_at <= $1")
            .bind(now)
            .execute(p)
            .await
            .map(|r| r.rows_affected()))
    }
}
