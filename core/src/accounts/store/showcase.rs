//! The public showcase: which companies it shows (the operators' decisions are in
//! `operators::companies`).

use domain::{
    account::{AccountId, Listing},
    logo::{Showcase, ShowcaseEntry},
};

use super::{PROFILE_COLUMNS, ProfileRow, SHOWN_COLUMNS};
use crate::db::{Db, on_pool};

/// A company as the operator's list shows it.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct ShowcaseRow {
    /// The account's id (what `server showcase hide|show` takes).
    pub id: AccountId,
    /// The company's name.
    pub company: String,
    /// The company asked to be shown.
    pub published: bool,
    /// An operator approved it.
    pub approved: bool,
    /// An operator hid it.
    pub hidden: bool,
    /// Its contact address is confirmed.
    pub email_verified: bool,
}

impl ShowcaseRow {
    /// Where the company stands.
    pub fn listing(&self, require_approval: bool) -> Listing {
        Listing::of(
            self.published,
            self.approved,
            self.hidden,
            self.email_verified,
            require_approval,
        )
    }
}

impl Db {
    /// The companies on the showcase, sorted by name (case aside): published, not hidden,
    /// with a confirmed address, and approved when publication needs approval (then each as
    /// approved: changes waiting for review are not shown).
    pub async fn showcase(&self, require_approval: bool) -> Result<Showcase, sqlx::Error> {
        let (columns, name) = if require_approval {
            (SHOWN_COLUMNS, "COALESCE(shown_company, company)")
        } else {
            (PROFILE_COLUMNS, "company")
        };
        let sql = format!(
            "SELECT {columns} FROM accounts
             WHERE published AND NOT hidden AND email_verified AND (approved OR NOT $1)
             ORDER BY lower({name}), id"
        );
        let rows = on_pool!(self.pool(), p => sqlx::query_as::<_, ProfileRow>(&sql)
            .bind(require_approval)
            .fetch_all(p)
            .await)?;
        Ok(Showcase(
            rows.into_iter()
                .map(|row| {
                    let profile = row.profile();
                    ShowcaseEntry {
                        logo: row.logo(),
                        company: profile.company,
                        description: profile.description,
                        website: profile.website,
                        social: profile.social,
                    }
                })
                .collect(),
        ))
    }

    /// Every company, for the operator, by id.
    pub async fn showcase_rows(&self) -> Result<Vec<ShowcaseRow>, sqlx::Error> {
        on_pool!(self.pool(), p => sqlx::query_as::<_, ShowcaseRow>(
            "SELECT id, company, published, approved, hidden, email_verified FROM accounts
             ORDER BY id",
        )
        .fetch_all(p)
        .await)
    }
}
