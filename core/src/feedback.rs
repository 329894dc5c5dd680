//! "Was this page helpful?": the one function both the plain form and the island's server
//! function call, and the totals the analysts read. An answer is kept per page and language
//! with its day; the rate limit counts per masked address, in the attempts table, and nothing
//! that names the visitor is stored.

use domain::{
    feedback::{
        Feedback, FeedbackComment, FeedbackForm, FeedbackProblem, FeedbackTotal,
        PER_CLIENT_PER_HOUR,
    },
    lang::Lang,
};

use crate::{
    accounts::store::Limit,
    db::{Db, on_pool},
};

/// Why an answer was not kept.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refused {
    /// The page is not one of the site's.
    UnknownPage,
    /// The form's fields are wrong.
    Invalid(FeedbackProblem),
    /// Too many answers from this client; try again after this many seconds.
    Limited(u64),
    /// The database could not be reached: nothing was kept.
    Unavailable,
}

/// Keeps an answer about `form.page`, a page in `lang` when `page_lang` says so, from the
/// client at `masked_ip`, at `now`.
pub async fn record(
    db: &Db,
    now: i64,
    masked_ip: &str,
    page_lang: Option<Lang>,
    form: &FeedbackForm,
) -> Result<(), Refused> {
    let Some(lang) = page_lang else {
        return Err(Refused::UnknownPage);
    };
    let feedback = form.read().map_err(Refused::Invalid)?;
    let bucket = format!("feedback-ip:{masked_ip}");
    let limit = Limit {
        bucket: &bucket,
        limit: PER_CLIENT_PER_HOUR,
        since: now - 3600,
        window: 3600,
    };
    let unavailable = |e: sqlx::Error| {
        tracing::warn!(error = %e, "page feedback cannot be kept");
        Refused::Unavailable
    };
    if let Err(wait) = db
        .reserve_attempts(&[limit], now)
        .await
        .map_err(unavailable)?
    {
        return Err(Refused::Limited(wait));
    }
    db.keep_feedback(&feedback, lang, now.div_euclid(86_400))
        .await
        .map_err(unavailable)
}

#[derive(sqlx::FromRow)]
struct CommentRow {
    page: String,
    lang: String,
    day: i64,
    helpful: i64,
    comment: String,
}

impl Db {
    /// Stores one answer.
    pub async fn keep_feedback(
        &self,
        feedback: &Feedback,
        lang: Lang,
        day: i64,
    ) -> Result<(), sqlx::Error> {
        on_pool!(self.pool(), p => sqlx::query(
            "INSERT INTO page_feedback (page, lang, day, helpful, comment)
             VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(&feedback.page)
        .bind(lang.code())
        .bind(day)
        .bind(i64::from(feedback.helpful))
        .bind(&feedback.comment)
        .execute(p)
        .await
        .map(|_| ()))
    }

    /// Every page's answers per language, the most answered first.
    pub async fn feedback_totals(&self) -> Result<Vec<FeedbackTotal>, sqlx::Error> {
        on_pool!(self.pool(), p => sqlx::query_as::<_, (String, String, i64, i64, i64)>(
            "SELECT page, lang, CAST(SUM(helpful) AS BIGINT), CAST(SUM(1 - helpful) AS BIGINT),
                    CAST(SUM(CASE WHEN comment <> '' THEN 1 ELSE 0 END) AS BIGINT)
             FROM page_feedback GROUP BY page, lang
             ORDER BY COUNT(*) DESC, page, lang",
        )
        .fetch_all(p)
        .await)
        .map(|rows| {
            rows.into_iter()
                .map(|(page, lang, yes, no, comments)| FeedbackTotal {
                    page,
                    lang,
                    yes,
                    no,
                    comments,
                })
                .collect()
        })
    }

    /// The newest `n` comments.
    pub async fn feedback_comments(&self, n: i64) -> Result<Vec<FeedbackComment>, sqlx::Error> {
        on_pool!(self.pool(), p => sqlx::query_as::<_, CommentRow>(
            "SELECT page, lang, day, helpful, comment FROM page_feedback
             WHERE comment <> '' ORDER BY id DESC LIMIT $1",
        )
        .bind(n)
        .fetch_all(p)
        .await)
        .map(|rows| {
            rows.into_iter()
                .map(|r| FeedbackComment {
                    page: r.page,
                    lang: r.lang,
                    day: r.day,
                    helpful: r.helpful == 1,
                    comment: r.comment,
                })
                .collect()
        })
    }
}
