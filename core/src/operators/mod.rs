//! The agency's operators, apart from the companies: who they are and their role, their second
//! factor ([`totp`]), and the audit trail of what they do (only ever added to; the database
//! refuses to change or delete a row).

/// Adds `$entry` to the audit trail through `$executor` (a pool or a transaction, on either
/// database).
macro_rules! insert_audit {
    ($executor:expr, $entry:expr) => {
        sqlx::query(
            "INSERT INTO operator_audit (at, operator_id, action, subject, masked_ip)
             VALUES ($1, $2, $3, $4, $5)",
        )
        .bind($entry.at)
        .bind($entry.operator_id)
        .bind($entry.action.as_str())
        .bind($entry.subject.as_str())
        .bind($entry.masked_ip.as_str())
        .execute($executor)
        .await
        .map(|_| ())
    };
}

pub mod audit;
pub mod companies;
pub mod credentials;
pub mod login;
pub mod sessions;
pub mod totp;

use domain::{account::Email, lang::Lang, operator::Role};

use crate::db::{Db, on_pool};

/// An operator's id.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, sqlx::Type)]
#[sqlx(transparent)]
pub struct OperatorId(pub i64);

impl std::fmt::Display for OperatorId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.fmt(f)
    }
}

/// An operator as the command line lists them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Operator {
    /// The id.
    pub id: OperatorId,
    /// The address they log in with.
    pub email: String,
    /// What they may do.
    pub role: Role,
    /// The language of their mail and console.
    pub lang: Lang,
    /// Whether the password and the second factor are set.
    pub set_up: bool,
    /// When they were disabled, if they were (Unix seconds).
    pub disabled_at: Option<i64>,
}

#[derive(sqlx::FromRow)]
struct OperatorRow {
    id: OperatorId,
    email: String,
    role: String,
    lang: String,
    set_up: bool,
    disabled_at: Option<i64>,
}

const OPERATOR_COLUMNS: &str = "id, email, role, lang,
    (password_hash IS NOT NULL AND totp_secret IS NOT NULL) AS set_up, disabled_at";

impl OperatorRow {
    fn operator(self) -> Option<Operator> {
        Some(Operator {
            id: self.id,
            role: Role::parse(&self.role)?,
            lang: Lang::from_code(&self.lang)?,
            email: self.email,
            set_up: self.set_up,
            disabled_at: self.disabled_at,
        })
    }
}

/// Why an operator was not added.
#[derive(Debug, thiserror::Error)]
pub enum AddError {
    /// The address already belongs to an operator.
    #[error("an operator with this address exists")]
    Exists,
    /// The database did not answer.
    #[error(transparent)]
    Database(#[from] sqlx::Error),
}

/// One line of the audit trail.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct AuditEntry {
    /// When (Unix seconds).
    pub at: i64,
    /// Who: an operator, or the command line (`None`).
    pub operator_id: Option<OperatorId>,
    /// What was done (`operator.add`, `operator.disable`, …).
    pub action: String,
    /// What it was done to.
    pub subject: String,
    /// From where: the masked client address, `-` on the command line.
    pub masked_ip: String,
}

impl Db {
    /// Adds an operator with `role` (not yet set up) and writes it to the audit trail, in one
    /// transaction.
    pub async fn add_operator(
        &self,
        email: &Email,
        role: Role,
        lang: Lang,
        audit: &AuditEntry,
    ) -> Result<OperatorId, AddError> {
        let result = on_pool!(self.pool(), p => async {
            let mut tx = p.begin().await?;
            let id = sqlx::query_scalar::<_, OperatorId>(
                "INSERT INTO operators (email, role, lang, created_at) VALUES ($1, $2, $3, $4)
                 RETURNING id",
            )
            .bind(email.as_str())
            .bind(role.as_str())
            .bind(lang.code())
            .bind(audit.at)
            .fetch_one(&mut *tx)
            .await?;
            insert_audit!(&mut *tx, audit)?;
            tx.commit().await?;
            Ok::<_, sqlx::Error>(id)
        }.await);
        result.map_err(|e| match &e {
            sqlx::Error::Database(d) if d.is_unique_violation() => AddError::Exists,
            _ => AddError::Database(e),
        })
    }

    /// Every operator, by id.
    pub async fn operators(&self) -> Result<Vec<Operator>, sqlx::Error> {
        let sql = format!("SELECT {OPERATOR_COLUMNS} FROM operators ORDER BY id");
        let rows = on_pool!(self.pool(), p => sqlx::query_as::<_, OperatorRow>(&sql)
            .fetch_all(p)
            .await)?;
        Ok(rows.into_iter().filter_map(OperatorRow::operator).collect())
    }

    /// The operator with this address, if any.
    pub async fn operator(&self, email: &Email) -> Result<Option<Operator>, sqlx::Error> {
        let sql = format!("SELECT {OPERATOR_COLUMNS} FROM operators WHERE email = $1");
        let row = on_pool!(self.pool(), p => sqlx::query_as::<_, OperatorRow>(&sql)
            .bind(email.as_str())
            .fetch_optional(p)
            .await)?;
        Ok(row.and_then(OperatorRow::operator))
    }

    /// Disables the operator with this address (their recovery codes and sessions go too) and
    /// writes it to the audit trail; `false` when there is no such operator or they are disabled already.
    pub async fn disable_operator(
        &self,
        email: &Email,
        audit: &AuditEntry,
    ) -> Result<bool, sqlx::Error> {
        on_pool!(self.pool(), p => async {
            let mut tx = p.begin().await?;
            let id = sqlx::query_scalar::<_, OperatorId>(
                "UPDATE operators SET disabled_at = $1
                 WHERE email = $2 AND disabled_at IS NULL RETURNING id",
            )
            .bind(audit.at)
            .bind(email.as_str())
            .fetch_optional(&mut *tx)
            .await?;
            let Some(id) = id else {
                return Ok(false);
            };
            for table in ["operator_recovery_codes", "operator_sessions"] {
                sqlx::query(&format!("DELETE FROM {table} WHERE operator_id = $1"))
                    .bind(id)
                    .execute(&mut *tx)
                    .await?;
            }
            insert_audit!(&mut *tx, audit)?;
            tx.commit().await?;
            Ok(true)
        }.await)
    }

    /// Adds a line to the audit trail.
    pub async fn audit(&self, entry: &AuditEntry) -> Result<(), sqlx::Error> {
        on_pool!(self.pool(), p => insert_audit!(p, entry))
    }

    /// The audit trail from `since` on (Unix seconds), oldest first.
    pub async fn audit_trail(&self, since: i64) -> Result<Vec<AuditEntry>, sqlx::Error> {
        on_pool!(self.pool(), p => sqlx::query_as::<_, AuditEntry>(
            "SELECT at, operator_id, action, subject, masked_ip FROM operator_audit
             WHERE at >= $1 ORDER BY id",
        )
        .bind(since)
        .fetch_all(p)
        .await)
    }
}
