//! Reading the audit trail: newest first, filtered by what was done and when, with each
//! operator's address; the same rows for the CSV export. Nothing here changes it.

use crate::db::{Db, on_pool};

/// What the trail is filtered by.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AuditFilter {
    /// Actions starting with this (`company.`, `operator.login`); empty for all.
    pub action: String,
    /// From this time on (Unix seconds).
    pub from: Option<i64>,
    /// Before this time (Unix seconds).
    pub until: Option<i64>,
}

/// One line of the trail as the console lists it.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct AuditRow {
    /// When (Unix seconds).
    pub at: i64,
    /// Who: the operator's address, or `None` for the command line.
    pub operator: Option<String>,
    /// What.
    pub action: String,
    /// To what.
    pub subject: String,
    /// From where (masked).
    pub masked_ip: String,
}

impl Db {
    /// The lines matching `filter`, newest first, at most `limit`.
    pub async fn audit_search(
        &self,
        filter: &AuditFilter,
        limit: i64,
    ) -> Result<Vec<AuditRow>, sqlx::Error> {
        let prefix = filter
            .action
            .trim()
            .replace('\\', "\\\\")
            .replace('%', "\\%")
            .replace('_', "\\_");
        on_pool!(self.pool(), p => sqlx::query_as::<_, AuditRow>(
            "SELECT a.at, o.email AS operator, a.action, a.subject, a.masked_ip
             FROM operator_audit a LEFT JOIN operators o ON o.id = a.operator_id
             WHERE a.action LIKE $1 ESCAPE '\\' AND a.at >= $2 AND a.at < $3
             ORDER BY a.id DESC LIMIT $4",
        )
        .bind(format!("{prefix}%"))
        .bind(filter.from.unwrap_or(i64::MIN))
        .bind(filter.until.unwrap_or(i64::MAX))
        .bind(limit)
        .fetch_all(p)
        .await)
    }
}
