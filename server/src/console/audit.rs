//! `/admin/audit`: the trail with filters, and its CSV export (`/admin/audit.csv`).

use app::console::{Notice, audit as views, parse_date, words};
use axum::{
    extract::{Query, State, rejection::QueryRejection},
    response::{IntoResponse, Response},
};
use domain::operator::Area;
use http::{HeaderValue, StatusCode, header};
use portal_core::operators::audit::AuditFilter;
use serde::Deserialize;

use super::{Console, Operator, Stop};

/// The most lines the page lists.
const PAGE_MAX: i64 = 500;
/// The most lines an export holds.
const EXPORT_MAX: i64 = 100_000;

/// The filter as typed.
#[derive(Deserialize, Default, Clone)]
pub struct AuditQuery {
    #[serde(default)]
    action: String,
    #[serde(default)]
    from: String,
    #[serde(default)]
    to: String,
}

impl AuditQuery {
    /// The filter, or `None` when a date cannot be read.
    fn filter(&self) -> Option<AuditFilter> {
        let day = |text: &str| -> Result<Option<i64>, ()> {
            if text.trim().is_empty() {
                Ok(None)
            } else {
                parse_date(text).map(Some).ok_or(())
            }
        };
        let from = day(&self.from).ok()?;
        let to = day(&self.to).ok()?;
        Some(AuditFilter {
            action: self.action.chars().take(100).collect(),
            from: from.map(|d| d * 86_400),
            until: to.map(|d| (d + 1) * 86_400),
        })
    }

    fn query_string(&self) -> String {
        form_urlencoded::Serializer::new(String::new())
            .append_pair("action", &self.action)
            .append_pair("from", &self.from)
            .append_pair("to", &self.to)
            .finish()
    }
}

/// `GET /admin/audit`.
pub async fn page(
    operator: Operator,
    State(console): State<Console>,
    query: Result<Query<AuditQuery>, QueryRejection>,
) -> Result<Response, Stop> {
    operator.may(Area::Audit)?;
    let t = words(operator.lang());
    let mut query = query.map(|q| q.0).unwrap_or_default();
    let mut notice = None;
    let filter = query.filter().unwrap_or_else(|| {
        notice = Some(Notice::Error(t.bad_date.to_owned()));
        query.from.clear();
        query.to.clear();
        AuditFilter::default()
    });
    let rows = console
        .db
        .audit_search(&filter, PAGE_MAX)
        .await
        .map_err(|e| Stop::from(operator.unavailable(e)))?;
    let mut frame = operator.frame(t.area_audit.0, Some(Area::Audit));
    frame.notice = notice;
    let view = views::AuditView {
        csv: format!("/admin/audit.csv?{}", query.query_string()),
        action: query.action,
        from: query.from,
        to: query.to,
        rows,
    };
    Ok(console.page(StatusCode::OK, frame, views::page(operator.lang(), view)))
}

/// A CSV field: quoted, quotes doubled, and a leading `=`, `+`, `-` or `@` defused so a
/// spreadsheet never reads it as a formula (a lone `-` stays as it is).
pub fn csv_field(text: &str) -> String {
    let text = if text.len() > 1 && text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{text}")
    } else {
        text.to_owned()
    };
    format!("\"{}\"", text.replace('"', "\"\""))
}

/// A download: `body` as `file`, never stored by caches.
pub fn download(content_type: &'static str, file: &str, body: String) -> Response {
    let mut response = body.into_response();
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    if let Ok(value) = HeaderValue::from_str(&format!("attachment; filename=\"{file}\"")) {
        headers.insert(header::CONTENT_DISPOSITION, value);
    }
    response
}

/// `GET /admin/audit.csv`: the filtered trail, oldest last as on the page.
pub async fn csv(
    operator: Operator,
    State(console): State<Console>,
    query: Result<Query<AuditQuery>, QueryRejection>,
) -> Result<Response, Stop> {
    operator.may(Area::Audit)?;
    let query = query.map(|q| q.0).unwrap_or_default();
    let Some(filter) = query.filter() else {
        return Ok((StatusCode::BAD_REQUEST, words(operator.lang()).bad_date).into_response());
    };
    let rows = console
        .db
        .audit_search(&filter, EXPORT_MAX)
        .await
        .map_err(|e| Stop::from(operator.unavailable(e)))?;
    let mut out = String::from("at_utc,operator,action,subject,masked_ip\n");
    for row in rows {
        out.push_str(&format!(
            "{},{},{},{},{}\n",
            app::console::utc(row.at),
            csv_field(row.operator.as_deref().unwrap_or("-")),
            csv_field(&row.action),
            csv_field(&row.subject),
            csv_field(&row.masked_ip),
        ));
    }
    Ok(download("text/csv; charset=utf-8", "audit.csv", out))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_fields_are_quoted_and_never_formulas() {
        assert_eq!(csv_field("plain"), "\"plain\"");
        assert_eq!(csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(csv_field("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
        assert_eq!(csv_field("@SUM(A1)"), "\"'@SUM(A1)\"");
        assert_eq!(csv_field("a,b\nc"), "\"a,b\nc\"");
        assert_eq!(csv_field("-"), "\"-\"");
        assert_eq!(csv_field("-1+1"), "\"'-1+1\"");
    }
}
