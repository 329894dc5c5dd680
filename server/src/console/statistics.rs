//! `/admin/statistics`: consent decisions over a range of days, as a chart and tables, and as
//! CSV and JSON downloads (`/admin/statistics.csv`, `.json`).

use app::console::{Notice, date, parse_date, statistics as views, words};
use axum::{
    extract::{Query, State, rejection::QueryRejection},
    response::{IntoResponse, Response},
};
use domain::operator::Area;
use http::StatusCode;
use portal_core::consent_stats::{ConsentSummary, DAY};
use serde::Deserialize;

use super::{Console, Operator, Stop, audit::download};

/// The range as typed.
#[derive(Deserialize, Default)]
pub struct Range {
    #[serde(default)]
    from: String,
    #[serde(default)]
    to: String,
}

/// The longest range (days).
const RANGE_MAX: i64 = 3660;

impl Range {
    /// The days asked for (the last 30 when nothing was typed), or `None` when a date cannot
    /// be read or the range runs backwards.
    fn days(&self, today: i64) -> Option<(i64, i64)> {
        let to = if self.to.trim().is_empty() {
            today
        } else {
            parse_date(&self.to)?
        };
        let from = if self.from.trim().is_empty() {
            to - 29
        } else {
            parse_date(&self.from)?
        };
        (from <= to && to - from < RANGE_MAX).then_some((from, to))
    }
}

async fn summary(
    operator: &Operator,
    console: &Console,
    range: Option<Range>,
) -> Result<(ConsentSummary, bool), Stop> {
    let today = console.clock.now().div_euclid(DAY);
    let range = range.unwrap_or_default();
    let (days, understood) = match range.days(today) {
        Some(days) => (days, true),
        None => ((today - 29, today), false),
    };
    let summary = console
        .db
        .consent_summary(days.0, days.1)
        .await
        .map_err(|e| Stop::from(operator.unavailable(e)))?;
    Ok((summary, understood))
}

/// `GET /admin/statistics`.
pub async fn page(
    operator: Operator,
    State(console): State<Console>,
    range: Result<Query<Range>, QueryRejection>,
) -> Result<Response, Stop> {
    operator.may(Area::Statistics)?;
    let t = words(operator.lang());
    let (summary, understood) = summary(&operator, &console, range.ok().map(|q| q.0)).await?;
    let mut frame = operator.frame(t.area_statistics.0, Some(Area::Statistics));
    if !understood {
        frame.notice = Some(Notice::Error(t.bad_date.to_owned()));
    }
    let (from, to) = (date(summary.from), date(summary.to));
    let view = views::StatisticsView {
        query: format!("from={from}&to={to}"),
        from,
        to,
        summary,
    };
    Ok(console.page(StatusCode::OK, frame, views::page(operator.lang(), view)))
}

/// `GET /admin/statistics.csv`: one line per day.
pub async fn csv(
    operator: Operator,
    State(console): State<Console>,
    range: Result<Query<Range>, QueryRejection>,
) -> Result<Response, Stop> {
    operator.may(Area::Statistics)?;
    let (summary, understood) = summary(&operator, &console, range.ok().map(|q| q.0)).await?;
    if !understood {
        return Ok((StatusCode::BAD_REQUEST, words(operator.lang()).bad_date).into_response());
    }
    let mut out = String::from("date,accept_all,reject_all,save,withdraw,total\n");
    for d in &summary.days {
        out.push_str(&format!(
            "{},{},{},{},{},{}\n",
            date(d.day),
            d.accept_all,
            d.reject_all,
            d.save,
            d.withdraw,
            d.total()
        ));
    }
    Ok(download(
        "text/csv; charset=utf-8",
        "consent-statistics.csv",
        out,
    ))
}

/// `GET /admin/statistics.json`: the whole summary.
pub async fn json(
    operator: Operator,
    State(console): State<Console>,
    range: Result<Query<Range>, QueryRejection>,
) -> Result<Response, Stop> {
    operator.may(Area::Statistics)?;
    let (summary, understood) = summary(&operator, &console, range.ok().map(|q| q.0)).await?;
    if !understood {
        return Ok((StatusCode::BAD_REQUEST, words(operator.lang()).bad_date).into_response());
    }
    let body =
        serde_json::to_string_pretty(&summary).map_err(|e| Stop::from(operator.unavailable(e)))?;
    Ok(download(
        "application/json",
        "consent-statistics.json",
        body,
    ))
}

/// `GET /admin/feedback`: the answers to "Was this page helpful?" per page and language, and
/// the newest comments.
pub async fn feedback(
    operator: Operator,
    State(console): State<Console>,
) -> Result<Response, Stop> {
    operator.may(Area::Statistics)?;
    let unavailable = |e| Stop::from(operator.unavailable(e));
    let totals = console.db.feedback_totals().await.map_err(unavailable)?;
    let comments = console
        .db
        .feedback_comments(50)
        .await
        .map_err(unavailable)?;
    let lang = operator.lang();
    let frame = operator.frame(
        domain::i18n::feedback_strings(lang).console_title,
        Some(Area::Statistics),
    );
    Ok(console.page(
        StatusCode::OK,
        frame,
        views::feedback(lang, totals, comments),
    ))
}
