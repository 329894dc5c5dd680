//! The consent statistics page: a range of days as a bar chart drawn on the server (SVG, no
//! script) and the same numbers as tables, with CSV and JSON downloads.

use domain::{
    consent::Category,
    feedback::{FeedbackComment, FeedbackTotal},
    i18n::{feedback_strings, strings},
    lang::Lang,
};
use leptos::prelude::*;
use portal_core::consent_stats::{ConsentSummary, DayCounts};

use super::{date, words};

/// What the statistics page shows.
#[derive(Debug, Clone)]
pub struct StatisticsView {
    /// The range as typed (`YYYY-MM-DD`).
    pub from: String,
    /// See `from`.
    pub to: String,
    /// The downloads' query (`from=…&to=…`).
    pub query: String,
    /// The numbers.
    pub summary: ConsentSummary,
}

/// The chart's drawing area.
const WIDTH: f64 = 720.0;
const HEIGHT: f64 = 200.0;
const LEFT: f64 = 48.0;
const BOTTOM: f64 = 24.0;

/// A day's bar: one rectangle per kind of decision, stacked.
fn bar(i: usize, n: usize, day: &DayCounts, max: i64) -> impl IntoView + use<> {
    let slot = (WIDTH - LEFT) / n.max(1) as f64;
    let x = LEFT + slot * i as f64;
    let w = (slot * 0.8).max(0.5);
    let scale = (HEIGHT - BOTTOM) / max.max(1) as f64;
    let mut y = HEIGHT - BOTTOM;
    [
        (day.accept_all, "accept"),
        (day.save, "custom"),
        (day.reject_all, "reject"),
        (day.withdraw, "withdraw"),
    ]
    .into_iter()
    .filter(|(count, _)| *count > 0)
    .map(|(count, class)| {
        let h = count as f64 * scale;
        y -= h;
        view! {
            <rect
                class=class
                x=format!("{x:.1}")
                y=format!("{y:.1}")
                width=format!("{w:.1}")
                height=format!("{h:.1}")
            />
        }
    })
    .collect_view()
}

/// The chart of `days`.
fn chart(lang: Lang, days: &[DayCounts]) -> impl IntoView + use<> {
    let t = words(lang);
    let max = days.iter().map(DayCounts::total).max().unwrap_or(0);
    let n = days.len();
    let bars = days
        .iter()
        .enumerate()
        .map(|(i, d)| bar(i, n, d, max))
        .collect_view();
    let first = days.first().map(|d| date(d.day)).unwrap_or_default();
    let last = days.last().map(|d| date(d.day)).unwrap_or_default();
    let label = t
        .chart_label
        .replace("{from}", &first)
        .replace("{to}", &last);
    let base = HEIGHT - BOTTOM;
    view! {
        <svg
            class="chart"
            role="img"
            aria-label=label
            viewBox=format!("0 0 {WIDTH} {HEIGHT}")
            width=WIDTH
            height=HEIGHT
            xmlns="http://www.w3.org/2000/svg"
        >
            <line x1=LEFT y1=base x2=WIDTH y2=base class="axis" stroke="currentColor" />
            <line x1=LEFT y1="0" x2=LEFT y2=base class="axis" stroke="currentColor" />
            <text x=LEFT - 4.0 y="12" text-anchor="end">
                {max}
            </text>
            <text x=LEFT - 4.0 y=base text-anchor="end">
                "0"
            </text>
            <text x=LEFT y=HEIGHT - 6.0>
                {first}
            </text>
            <text x=WIDTH y=HEIGHT - 6.0 text-anchor="end">
                {last}
            </text>
            {bars}
        </svg>
    }
}

/// A share of `total` as a percentage with one decimal.
fn share(n: i64, total: i64) -> String {
    if total == 0 {
        return "–".into();
    }
    format!("{:.1} %", n as f64 * 100.0 / total as f64)
}

/// A two-column table: a label and a count (with its share of the total).
fn totals(
    caption: &'static str,
    head: &'static str,
    rows: Vec<(String, i64)>,
    total: i64,
    lang: Lang,
) -> impl IntoView + use<> {
    let t = words(lang);
    let body = rows
        .into_iter()
        .map(|(label, n)| {
            view! {
                <tr>
                    <th scope="row">{label}</th>
                    <td class="number">{n}</td>
                    <td class="number">{share(n, total)}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <table class="console-table">
            <caption>{caption}</caption>
            <thead>
                <tr>
                    <th scope="col">{head}</th>
                    <th scope="col" class="number">
                        {t.col_decisions}
                    </th>
                    <th scope="col" class="number">
                        {t.col_share}
                    </th>
                </tr>
            </thead>
            <tbody>{body}</tbody>
        </table>
    }
}

/// The page's body.
pub fn page(lang: Lang, view: StatisticsView) -> impl IntoView {
    let t = words(lang);
    let s = strings(lang);
    let summary = view.summary;
    let total = summary.total;
    let day_rows = summary
        .days
        .iter()
        .rev()
        .filter(|d| d.total() > 0)
        .map(|d| {
            view! {
                <tr>
                    <th scope="row">{date(d.day)}</th>
                    <td class="number">{d.accept_all}</td>
                    <td class="number">{d.reject_all}</td>
                    <td class="number">{d.save}</td>
                    <td class="number">{d.withdraw}</td>
                    <td class="number">{d.total()}</td>
                </tr>
            }
        })
        .collect_view();
    let categories: Vec<(String, i64)> = summary
        .by_category
        .iter()
        .map(|(c, n): &(Category, i64)| (s.category(*c).to_owned(), *n))
        .collect();
    let langs: Vec<(String, i64)> = summary
        .by_lang
        .iter()
        .map(|(code, n)| {
            let name =
                Lang::from_code(code).map_or_else(|| code.clone(), |l| l.native_name().to_owned());
            (name, *n)
        })
        .collect();
    let revisions: Vec<(String, i64)> = summary
        .by_revision
        .iter()
        .map(|(r, n)| (r.to_string(), *n))
        .collect();
    view! {
        <form class="filter-form" method="get" action="/admin/statistics">
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
            <a href=format!("/admin/statistics.csv?{}", view.query) download>
                {t.download_csv}
            </a>
            " · "
            <a href=format!("/admin/statistics.json?{}", view.query) download>
                {t.download_json}
            </a>
            " · "
            <a href="/admin/feedback">{feedback_strings(lang).console_title}</a>
        </p>
        <figure>
            {chart(lang, &summary.days)} <figcaption>
                <ul class="chart-legend">
                    <li>
                        <span class="accept"></span>
                        {t.accept_all}
                    </li>
                    <li>
                        <span class="custom"></span>
                        {t.custom}
                    </li>
                    <li>
                        <span class="reject"></span>
                        {t.reject_all}
                    </li>
                    <li>
                        <span class="withdraw"></span>
                        {t.withdrawn}
                    </li>
                </ul>
            </figcaption>
        </figure>
        <div class="table-wrap">
            <table class="console-table">
                <caption>{t.stats_caption}</caption>
                <thead>
                    <tr>
                        <th scope="col">{t.col_date}</th>
                        <th scope="col" class="number">
                            {t.accept_all}
                        </th>
                        <th scope="col" class="number">
                            {t.reject_all}
                        </th>
                        <th scope="col" class="number">
                            {t.custom}
                        </th>
                        <th scope="col" class="number">
                            {t.withdrawn}
                        </th>
                        <th scope="col" class="number">
                            {t.total}
                        </th>
                    </tr>
                </thead>
                <tbody>{day_rows}</tbody>
                <tfoot>
                    <tr>
                        <th scope="row">{t.total}</th>
                        <td class="number">
                            {summary.days.iter().map(|d| d.accept_all).sum::<i64>()}
                        </td>
                        <td class="number">
                            {summary.days.iter().map(|d| d.reject_all).sum::<i64>()}
                        </td>
                        <td class="number">{summary.days.iter().map(|d| d.save).sum::<i64>()}</td>
                        <td class="number">
                            {summary.days.iter().map(|d| d.withdraw).sum::<i64>()}
                        </td>
                        <td class="number">{total}</td>
                    </tr>
                </tfoot>
            </table>
        </div>
        {totals(t.by_category, t.col_category, categories, total, lang)}
        {totals(t.by_lang, t.test_lang, langs, total, lang)}
        {totals(t.by_revision, t.version, revisions, total, lang)}
    }
}

/// The feedback page's body: per page and language the answers and the share that helped,
/// then the newest comments.
pub fn feedback(
    lang: Lang,
    totals: Vec<FeedbackTotal>,
    comments: Vec<FeedbackComment>,
) -> impl IntoView {
    let f = feedback_strings(lang);
    if totals.is_empty() {
        return view! {
            <p>{f.console_intro}</p>
            <p>{f.none}</p>
        }
        .into_any();
    }
    let rows = totals
        .into_iter()
        .map(|row| {
            let all = row.yes + row.no;
            let share = format!("{} %", (row.yes * 100 + all / 2) / all.max(1));
            view! {
                <tr>
                    <th scope="row">
                        <a href=row.page.clone()>{row.page.clone()}</a>
                    </th>
                    <td>{row.lang}</td>
                    <td class="number">{row.yes}</td>
                    <td class="number">{row.no}</td>
                    <td class="number">{share}</td>
                    <td class="number">{row.comments}</td>
                </tr>
            }
        })
        .collect_view();
    let comment_rows = comments
        .into_iter()
        .map(|c| {
            let answer = if c.helpful { f.yes } else { f.no };
            view! {
                <tr>
                    <td>{date(c.day)}</td>
                    <td>
                        <a href=c.page.clone()>{c.page.clone()}</a>
                        " ("
                        {c.lang}
                        ")"
                    </td>
                    <td>{answer}</td>
                    <td class="feedback-text">{c.comment}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <p>{f.console_intro}</p>
        <div class="table-wrap">
            <table class="console-table">
                <caption>{f.console_title}</caption>
                <thead>
                    <tr>
                        <th scope="col">{f.col_page}</th>
                        <th scope="col">{f.col_lang}</th>
                        <th scope="col" class="number">
                            {f.yes}
                        </th>
                        <th scope="col" class="number">
                            {f.no}
                        </th>
                        <th scope="col" class="number">
                            {f.col_share}
                        </th>
                        <th scope="col" class="number">
                            {f.col_comments}
                        </th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
        <h2>{f.newest}</h2>
        <div class="table-wrap">
            <table class="console-table">
                <caption>{f.newest}</caption>
                <thead>
                    <tr>
                        <th scope="col">{f.col_day}</th>
                        <th scope="col">{f.col_page}</th>
                        <th scope="col">{f.col_share}</th>
                        <th scope="col">{f.col_comment}</th>
                    </tr>
                </thead>
                <tbody>{comment_rows}</tbody>
            </table>
        </div>
    }
    .into_any()
}
