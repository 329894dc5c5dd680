//! The companies as operators see them: the queue of companies waiting for approval (oldest
//! first), finding a company by name or address, and the decisions (approve, reject with a
//! reason mailed to the company in its language, hide, show), each written to the audit trail
//! in the same transaction. Every instance reads the showcase from the database, so a
//! decision shows everywhere on the next request.

use domain::account::{AccountId, Listing};

use super::AuditEntry;
use crate::{
    accounts::Unavailable,
    db::{Db, on_pool},
    mail::{Compose, MailKind, Mailer},
};

/// A company in the operator's lists.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct CompanyRow {
    /// The account.
    pub id: AccountId,
    /// The company's name.
    pub company: String,
    /// Its contact address.
    pub email: String,
    /// It asked to be shown.
    pub published: bool,
    /// An operator approved it.
    pub approved: bool,
    /// An operator hid it.
    pub hidden: bool,
    /// Its address is confirmed.
    pub email_verified: bool,
    /// Its last change (Unix seconds): how long it has waited.
    pub updated_at: i64,
    /// Its description (live).
    pub description: String,
    /// Its website (live).
    pub website: Option<String>,
    /// Approved before, with changes waiting for review.
    pub review_pending: bool,
}

impl CompanyRow {
    /// Where the company stands.
    pub fn listing(&self, require_approval: bool) -> Listing {
        Listing::of(
            self.published,
            self.approved,
            self.hidden,
            self.email_verified,
            require_approval,
        )
        .with_pending_changes(self.review_pending, require_approval)
    }

    /// Whether the company was shown before and only its changes wait.
    pub fn is_change(&self) -> bool {
        self.approved && self.review_pending
    }
}

const COLUMNS: &str = "id, company, email, published, approved, hidden, email_verified, \
     updated_at, description, website, review_pending";

/// An operator's decision about a company.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decision {
    /// Shown (approved), taken out of the queue.
    Approve,
    /// Not shown; back in the queue when the company changes its details.
    Reject,
    /// Taken off the showcase.
    Hide,
    /// Shown again (and approved).
    Show,
}

impl Decision {
    /// The audit trail's name of the decision.
    pub fn action(self) -> &'static str {
        match self {
            Decision::Approve => "company.approve",
            Decision::Reject => "company.reject",
            Decision::Hide => "company.hide",
            Decision::Show => "company.show",
        }
    }
}

/// A rejection's reason: what the operator wrote, trimmed; at most this many characters.
pub const REASON_MAX: usize = 1000;

/// The reason as it is mailed, or `None` when it is empty, too long or holds control
/// characters other than line breaks.
pub fn check_reason(raw: &str) -> Option<String> {
    let reason = raw.trim().replace("\r\n", "\n");
    let fine = !reason.is_empty()
        && reason.chars().count() <= REASON_MAX
        && !reason.chars().any(|c| c.is_control() && c != '\n');
    fine.then_some(reason)
}

impl Db {
    /// The companies waiting for approval, oldest first: published, address confirmed, not
    /// hidden, not approved (or approved with changes waiting), and not rejected since their
    /// last change.
    pub async fn review_queue(&self) -> Result<Vec<CompanyRow>, sqlx::Error> {
        let sql = format!(
            "SELECT {COLUMNS} FROM accounts
             WHERE published AND email_verified AND NOT hidden
               AND (NOT approved OR review_pending)
               AND (rejected_at IS NULL OR rejected_at < updated_at)
             ORDER BY updated_at, id"
        );
        on_pool!(self.pool(), p => sqlx::query_as::<_, CompanyRow>(&sql).fetch_all(p).await)
    }

    /// Companies whose name or address contains `text` (case aside), by name; at most `limit`.
    pub async fn find_companies(
        &self,
        text: &str,
        limit: i64,
    ) -> Result<Vec<CompanyRow>, sqlx::Error> {
        // `%` and `_` typed by the operator match themselves.
        let escaped = text
            .trim()
            .to_lowercase()
            .replace('\\', "\\\\")
            .replace('%', "\\%")
            .replace('_', "\\_");
        let pattern = format!("%{escaped}%");
        let sql = format!(
            "SELECT {COLUMNS} FROM accounts
             WHERE lower(company) LIKE $1 ESCAPE '\\' OR lower(email) LIKE $1 ESCAPE '\\'
             ORDER BY lower(company), id LIMIT $2"
        );
        on_pool!(self.pool(), p => sqlx::query_as::<_, CompanyRow>(&sql)
            .bind(&pattern)
            .bind(limit)
            .fetch_all(p)
            .await)
    }

    /// One company, by id.
    pub async fn company_row(&self, id: AccountId) -> Result<Option<CompanyRow>, sqlx::Error> {
        let sql = format!("SELECT {COLUMNS} FROM accounts WHERE id = $1");
        on_pool!(self.pool(), p => sqlx::query_as::<_, CompanyRow>(&sql)
            .bind(id)
            .fetch_optional(p)
            .await)
    }

    /// Carries out `decision` on company `id` and writes `audit`, in one transaction; `false`
    /// when there is no such company (nothing is written).
    pub async fn decide_company(
        &self,
        id: AccountId,
        decision: Decision,
        audit: &AuditEntry,
    ) -> Result<bool, sqlx::Error> {
        let sql = match decision {
            // What is approved is what the showcase shows from now on.
            Decision::Approve | Decision::Show => {
                "UPDATE accounts SET approved = TRUE, hidden = FALSE, rejected_at = NULL,
                   review_pending = FALSE, shown_company = company,
                   shown_description = description, shown_website = website,
                   shown_social = social, shown_logo_hash = logo_hash,
                   shown_logo_width = logo_width, shown_logo_height = logo_height
                 WHERE id = $1"
            }
            // A first publication stays off the showcase; a change is dropped from review and
            // the approved version stays shown.
            Decision::Reject => {
                "UPDATE accounts SET approved = (approved AND shown_company IS NOT NULL),
                   review_pending = FALSE, rejected_at = $2
                 WHERE id = $1"
            }
            Decision::Hide => "UPDATE accounts SET hidden = TRUE WHERE id = $1",
        };
        on_pool!(self.pool(), p => async {
            let mut tx = p.begin().await?;
            let mut query = sqlx::query(sql).bind(id);
            if decision == Decision::Reject {
                query = query.bind(audit.at);
            }
            let changed = query.execute(&mut *tx).await?.rows_affected();
            if changed != 1 {
                tx.rollback().await?;
                return Ok(false);
            }
            insert_audit!(&mut *tx, audit)?;
            tx.commit().await?;
            Ok(true)
        }.await)
    }
}

/// Rejects company `id` and mails it `reason` in its language, with a link to its account
/// page; `false` when there is no such company.
pub async fn reject(
    db: &Db,
    mailer: &Mailer,
    id: AccountId,
    reason: &str,
    audit: &AuditEntry,
) -> Result<bool, Unavailable> {
    let Some(account) = db.identity(id).await? else {
        return Ok(false);
    };
    if !db.decide_company(id, Decision::Reject, audit).await? {
        return Ok(false);
    }
    let lang = account.lang();
    let compose = Compose {
        link: mailer.link(&lang.path("account")),
        company: account.company.clone(),
        reason: reason.to_owned(),
        ..Compose::default()
    };
    mailer
        .queue(MailKind::CompanyRejected, lang, &account.email, compose)
        .await?;
    Ok(true)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_reason_is_text_of_a_sensible_length() {
        assert_eq!(
            check_reason("  The description is empty.\r\nAdd one.  ").as_deref(),
            Some("The description is empty.\nAdd one.")
        );
        assert_eq!(check_reason("   "), None);
        assert_eq!(check_reason("bell\u{7}"), None);
        assert!(check_reason(&"a".repeat(REASON_MAX)).is_some());
        assert_eq!(check_reason(&"a".repeat(REASON_MAX + 1)), None);
    }
}
