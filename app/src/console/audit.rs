//! The audit trail's page: a filter (what, from, to), the lines newest first, and the CSV
//! download of the same filter.

use domain::lang::Lang;
use leptos::prelude::*;
use portal_core::operators::audit::AuditRow;

use super::{table, utc, words};

/// What the audit page shows.
#[derive(Debug, Clone)]
pub struct AuditView {
    /// The filter as typed: action prefix, from date, to date.
    pub action: String,
    /// See `action`.
    pub from: String,
    /// See `action`.
    pub to: String,
    /// The CSV download's address (the same filter).
    pub csv: String,
    /// The lines.
    pub rows: Vec<AuditRow>,
}

/// The page's body.
pub fn page(lang: Lang, view: AuditView) -> impl IntoView {
    let t = words(lang);
    let rows = view
        .rows
        .iter()
        .map(|row| {
            view! {
                <tr>
                    <td>{utc(row.at)}</td>
                    <td>{row.operator.clone().unwrap_or_else(|| t.command_line.to_owned())}</td>
                    <td>
                        <code>{row.action.clone()}</code>
                    </td>
                    <td>{row.subject.clone()}</td>
                    <td>{row.masked_ip.clone()}</td>
                </tr>
            }
        })
        .collect::<Vec<_>>();
    let table = table(
        vec![t.col_when, t.col_who, t.col_what, t.col_subject, t.col_from],
        rows,
        t.nothing,
    );
    view! {
        <form class="filter-form" method="get" action="/admin/audit">
            <div class="field">
                <label for="action">{t.filter_action}</label>
                <input id="action" name="action" type="text" value=view.action />
            </div>
            <div class="field">
                <label for="from">{t.filter_from}</label>
                <input id="from" name="from" type="date" value=view.from />
            </div>
            <div class="field">
                <label for="to">{t.filter_to}</label>
                <input id="to" name="to" type="date" value=view.to />
            </div>
            <button type="submit" class="button">
                {t.filter}
            </button>
        </form>
        <p>
            <a href=view.csv download>
                {t.download_csv}
            </a>
        </p>
        {table}
    }
}
