//! An operator's credentials: the one-time set-up link, the password and the second factor set
//! through it, and what a login checks (a TOTP step accepted once across every instance, a
//! recovery code used once).

use domain::operator::Role;

use super::{OperatorId, totp};
use crate::db::{Db, on_pool};

/// What a login checks about an operator.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OperatorLogin {
    /// The id.
    pub id: OperatorId,
    /// The role.
    pub role: Role,
    /// The password's hash, once set up.
    pub password_hash: Option<String>,
    /// The TOTP secret, once set up.
    pub totp_secret: Option<Vec<u8>>,
    /// The last TOTP step accepted.
    pub totp_last_step: Option<i64>,
    /// Whether the operator is disabled.
    pub disabled: bool,
}

#[derive(sqlx::FromRow)]
struct LoginRow {
    id: OperatorId,
    role: String,
    password_hash: Option<String>,
    totp_secret: Option<Vec<u8>>,
    totp_last_step: Option<i64>,
    disabled: bool,
}

impl Db {
    /// Stores a set-up link for `operator` (its token's hash), working until `expires_at`; the
    /// operator's earlier links end.
    pub async fn add_operator_link(
        &self,
        operator: OperatorId,
        token_hash: &str,
        expires_at: i64,
        now: i64,
    ) -> Result<(), sqlx::Error> {
        on_pool!(self.pool(), p => async {
            let mut tx = p.begin().await?;
            sqlx::query(
                "UPDATE operator_links SET used_at = $2 WHERE operator_id = $1 AND used_at IS NULL",
            )
            .bind(operator)
            .bind(now)
            .execute(&mut *tx)
            .await?;
            sqlx::query(
                "INSERT INTO operator_links (token_hash, operator_id, expires_at) VALUES ($1, $2, $3)",
            )
            .bind(token_hash)
            .bind(operator)
            .bind(expires_at)
            .execute(&mut *tx)
            .await?;
            tx.commit().await
        }.await)
    }

    /// The operator a set-up link is for, and their address, while it works and the operator
    /// is not disabled (the link stays unused).
    pub async fn peek_operator_link(
        &self,
        token_hash: &str,
        now: i64,
    ) -> Result<Option<(OperatorId, String)>, sqlx::Error> {
        on_pool!(self.pool(), p => sqlx::query_as::<_, (OperatorId, String)>(
            "SELECT o.id, o.email FROM operator_links l JOIN operators o ON o.id = l.operator_id
             WHERE l.token_hash = $1 AND l.used_at IS NULL AND l.expires_at > $2
               AND o.disabled_at IS NULL",
        )
        .bind(token_hash)
        .bind(now)
        .fetch_optional(p)
        .await)
    }

    /// Uses a set-up link: the operator it is for, once, while it works and the operator is
    /// not disabled.
    pub async fn take_operator_link(
        &self,
        token_hash: &str,
        now: i64,
    ) -> Result<Option<OperatorId>, sqlx::Error> {
        on_pool!(self.pool(), p => sqlx::query_scalar::<_, OperatorId>(
            "UPDATE operator_links SET used_at = $2
             WHERE token_hash = $1 AND used_at IS NULL AND expires_at > $2
               AND operator_id IN (SELECT id FROM operators WHERE disabled_at IS NULL)
             RETURNING operator_id",
        )
        .bind(token_hash)
        .bind(now)
        .fetch_optional(p)
        .await)
    }

    /// Sets the password's hash, the TOTP secret and the recovery codes' hashes, replacing any
    /// earlier ones.
    pub async fn set_operator_credentials(
        &self,
        operator: OperatorId,
        password_hash: &str,
        totp_secret: &[u8],
        recovery_hashes: &[String],
    ) -> Result<(), sqlx::Error> {
        on_pool!(self.pool(), p => async {
            let mut tx = p.begin().await?;
            sqlx::query(
                "UPDATE operators SET password_hash = $2, totp_secret = $3, totp_last_step = NULL
                 WHERE id = $1",
            )
            .bind(operator)
            .bind(password_hash)
            .bind(totp_secret)
            .execute(&mut *tx)
            .await?;
            sqlx::query("DELETE FROM operator_recovery_codes WHERE operator_id = $1")
                .bind(operator)
                .execute(&mut *tx)
                .await?;
            for hash in recovery_hashes {
                sqlx::query(
                    "INSERT INTO operator_recovery_codes (operator_id, code_hash) VALUES ($1, $2)",
                )
                .bind(operator)
                .bind(hash)
                .execute(&mut *tx)
                .await?;
            }
            tx.commit().await
        }.await)
    }

    /// What a login checks about the operator with this (normalised) address.
    pub async fn operator_login(&self, email: &str) -> Result<Option<OperatorLogin>, sqlx::Error> {
        let row = on_pool!(self.pool(), p => sqlx::query_as::<_, LoginRow>(
            "SELECT id, role, password_hash, totp_secret, totp_last_step,
                    (disabled_at IS NOT NULL) AS disabled
             FROM operators WHERE email = $1",
        )
        .bind(email)
        .fetch_optional(p)
        .await)?;
        Ok(row.and_then(|row| {
            Some(OperatorLogin {
                id: row.id,
                role: Role::parse(&row.role)?,
                password_hash: row.password_hash,
                totp_secret: row.totp_secret,
                totp_last_step: row.totp_last_step,
                disabled: row.disabled,
            })
        }))
    }

    /// Accepts TOTP step `step` unless it, or a later one, was accepted before, on any
    /// instance: `true` when accepted now.
    pub async fn accept_totp_step(
        &self,
        operator: OperatorId,
        step: i64,
    ) -> Result<bool, sqlx::Error> {
        let changed = on_pool!(self.pool(), p => sqlx::query(
            "UPDATE operators SET totp_last_step = $2
             WHERE id = $1 AND disabled_at IS NULL
               AND (totp_last_step IS NULL OR totp_last_step < $2)",
        )
        .bind(operator)
        .bind(step)
        .execute(p)
        .await
        .map(|r| r.rows_affected()))?;
        Ok(changed == 1)
    }

    /// Uses a recovery code (by its hash) once: `true` when it was unused.
    pub async fn use_recovery_code(
        &self,
        operator: OperatorId,
        code_hash: &str,
        now: i64,
    ) -> Result<bool, sqlx::Error> {
        let changed = on_pool!(self.pool(), p => sqlx::query(
            "UPDATE operator_recovery_codes SET used_at = $3
             WHERE operator_id = $1 AND code_hash = $2 AND used_at IS NULL
               AND operator_id IN (SELECT id FROM operators WHERE disabled_at IS NULL)",
        )
        .bind(operator)
        .bind(code_hash)
        .bind(now)
        .execute(p)
        .await
        .map(|r| r.rows_affected()))?;
        Ok(changed == 1)
    }

    /// How many of the operator's recovery codes are unused.
    pub async fn recovery_codes_left(&self, operator: OperatorId) -> Result<i64, sqlx::Error> {
        on_pool!(self.pool(), p => sqlx::query_scalar::<_, i64>(
            "SELECT COUNT(*) FROM operator_recovery_codes WHERE operator_id = $1 AND used_at IS NULL",
        )
        .bind(operator)
        .fetch_one(p)
        .await)
    }
}

/// The second factor at login: a TOTP code not accepted before, or an unused recovery code.
/// Refused for a disabled operator or one not set up.
pub async fn second_factor(
    db: &Db,
    login: &OperatorLogin,
    code: &str,
    now: i64,
) -> Result<bool, sqlx::Error> {
    let Some(secret) = login.totp_secret.as_deref().filter(|_| !login.disabled) else {
        return Ok(false);
    };
    if let Some(step) = totp::check(secret, code, now, login.totp_last_step) {
        return db.accept_totp_step(login.id, step).await;
    }
    if code.chars().any(|c| c.is_ascii_alphabetic()) {
        return db
            .use_recovery_code(login.id, &totp::recovery_hash(code), now)
            .await;
    }
    Ok(false)
}
