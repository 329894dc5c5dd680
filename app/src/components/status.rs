//! The status page's block: each API's state now and its uptime per day over the last 90 days
//! (bars drawn on the server as SVG, the same figures in a table for screen readers and anyone
//! who wants the numbers), then the incidents (the section's pages, newest first), and where
//! machines get the same (`/status.json`, the Atom feed). No script.

use leptos::prelude::*;

use crate::{
    SiteContext,
    domain::{
        date::PageDate,
        i18n::{ApiStrings, api_strings},
        lang::Lang,
        site::Page,
        status::{ApiHealth, ApiState, DAYS_SHOWN, StatusReport, UptimeDay, percent},
    },
};

/// Width of one day's bar and the gap after it, in SVG units.
const BAR: usize = 4;
const GAP: usize = 1;
const HEIGHT: usize = 28;

/// `10:05 UTC` (with the date when it is not `today`).
fn clock_time(unix: i64, today: i64, lang: Lang) -> String {
    let day = unix.div_euclid(86_400);
    let s = unix.rem_euclid(86_400);
    let time = format!("{:02}:{:02} UTC", s / 3600, s / 60 % 60);
    if day == today {
        time
    } else {
        format!("{} {time}", PageDate::from_days(day).long(lang))
    }
}

/// A day's class: good (≥ 99.9 %), fair (≥ 95 %), bad, or no checks.
fn day_class(day: Option<&UptimeDay>) -> &'static str {
    match day.and_then(UptimeDay::basis_points) {
        None => "bar bar-none",
        Some(b) if b >= 9990 => "bar bar-good",
        Some(b) if b >= 9500 => "bar bar-fair",
        Some(_) => "bar bar-bad",
    }
}

/// The block, from the report the server read for this request.
#[component]
pub fn ApiStatusView(page: Page) -> impl IntoView {
    let ctx = expect_context::<SiteContext>();
    let lang = page.lang;
    let t = api_strings(lang);
    let incidents: Vec<Page> = ctx.site.children(&page).cloned().collect();
    let apis = match use_context::<StatusReport>() {
        Some(report) => {
            let today = report.now.div_euclid(86_400);
            let items = report
                .apis
                .iter()
                .map(|api| api_item(api, &ctx, lang, today, t))
                .collect_view();
            view! {
                <p class="hint">
                    {t.status_read_at} " "
                    <time datetime=report
                        .now
                        .to_string()>{clock_time(report.now, today, lang)}</time> "."
                </p>
                <ul class="status-apis">{items}</ul>
            }
            .into_any()
        }
        None => view! {
            <p class="status-unavailable" role="alert">
                {t.status_unavailable}
            </p>
        }
        .into_any(),
    };
    let incident_list = if incidents.is_empty() {
        view! { <p>{t.status_no_incidents}</p> }.into_any()
    } else {
        let items = incidents
            .into_iter()
            .map(|i| {
                view! {
                    <li>
                        <a href=i.url.clone()>{i.title.clone()}</a>
                        {i
                            .date
                            .map(|d| {
                                view! {
                                    " "
                                    <time datetime=d.to_string()>{d.long(lang)}</time>
                                }
                            })}
                        {i.description.clone().map(|d| view! { <p>{d}</p> })}
                    </li>
                }
            })
            .collect_view();
        view! { <ul class="status-incidents">{items}</ul> }.into_any()
    };
    view! {
        <section class="api-status" aria-labelledby="status-apis">
            <h2 id="status-apis">{t.status_heading}</h2>
            {apis}
            <h2 id="status-incidents">{t.status_incidents}</h2>
            {incident_list}
            <p class="status-links">
                <a href=format!("/{}/status/feed.xml", lang.code()) type="application/atom+xml">
                    {t.status_feed}
                </a>
                " · "
                <a href="/status.json" type="application/json">
                    {t.status_json}
                </a>
            </p>
        </section>
    }
}

fn api_item(
    api: &ApiHealth,
    ctx: &SiteContext,
    lang: Lang,
    today: i64,
    t: &'static ApiStrings,
) -> impl IntoView + use<> {
    let page = ctx.site.by_key(lang, &api.key);
    let name = page.map_or_else(|| api.key.clone(), |p| p.title.clone());
    let href = page.map(|p| p.url.clone());
    let (state, class) = match api.state {
        ApiState::Up => (t.status_up, "status-api status-up"),
        ApiState::Down => (t.status_down, "status-api status-down"),
        ApiState::Unknown => (t.status_unknown, "status-api status-unknown"),
    };
    let since = api.since.map(|s| {
        view! {
            <p>
                {t.status_since} " "
                <time datetime=s.to_string()>{clock_time(s, today, lang)}</time> "."
            </p>
        }
    });
    let last = api.checked_at.map(|at| {
        let answer = match api.http_status {
            Some(code) => format!("HTTP {code}"),
            None => t.status_no_answer.to_owned(),
        };
        let took = api.millis.map(|m| format!(", {m} ms")).unwrap_or_default();
        view! {
            <p>
                {t.status_last_check} ": "
                <time datetime=at.to_string()>{clock_time(at, today, lang)}</time> ", " {answer}
                {took} "."
            </p>
        }
    });
    let uptime = api
        .uptime()
        .map_or_else(|| t.status_no_data.to_owned(), |b| percent(b, t.decimal));
    let first = today - DAYS_SHOWN as i64 + 1;
    let bars = (0..DAYS_SHOWN)
        .map(|i| {
            let day = first + i as i64;
            let found = api.days.iter().find(|d| d.day == day);
            let label = format!(
                "{}: {}",
                PageDate::from_days(day),
                found
                    .and_then(UptimeDay::basis_points)
                    .map_or_else(|| t.status_no_data.to_owned(), |b| percent(b, t.decimal))
            );
            view! {
                <rect
                    class=day_class(found)
                    x=(i * (BAR + GAP)).to_string()
                    y="0"
                    width=BAR.to_string()
                    height=HEIGHT.to_string()
                >
                    <title>{label}</title>
                </rect>
            }
        })
        .collect_view();
    let rows = api
        .days
        .iter()
        .rev()
        .map(|d| {
            let date = PageDate::from_days(d.day);
            view! {
                <tr>
                    <th scope="row">
                        <time datetime=date.to_string()>{date.to_string()}</time>
                    </th>
                    <td>{d.checks}</td>
                    <td>{d.basis_points().map(|b| percent(b, t.decimal)).unwrap_or_default()}</td>
                </tr>
            }
        })
        .collect_view();
    let id = format!("status-{}", api.key.replace('/', "-"));
    let label_id = format!("{id}-days");
    let labelled = label_id.clone();
    let width = DAYS_SHOWN * (BAR + GAP) - GAP;
    view! {
        <li class=class id=id.clone() data-state=api.state.id()>
            <h3>
                {match href {
                    Some(href) => view! { <a href=href>{name}</a> }.into_any(),
                    None => view! { <span>{name}</span> }.into_any(),
                }} " " <span class="status-badge">{state}</span>
            </h3>
            {since}
            {last}
            <p>{t.status_uptime} ": " <strong>{uptime}</strong></p>
            <svg
                class="status-bars"
                viewBox=format!("0 0 {width} {HEIGHT}")
                role="img"
                aria-labelledby=labelled
                preserveAspectRatio="none"
            >
                <title id=label_id>{t.status_days_label}</title>
                {bars}
            </svg>
            <details>
                <summary>{t.status_table}</summary>
                <div class="table-scroll" role="region" tabindex="0" aria-label=t.status_table>
                    <table class="status-days">
                        <thead>
                            <tr>
                                <th scope="col">{t.status_col_date}</th>
                                <th scope="col">{t.status_col_checks}</th>
                                <th scope="col">{t.status_col_uptime}</th>
                            </tr>
                        </thead>
                        <tbody>{rows}</tbody>
                    </table>
                </div>
            </details>
        </li>
    }
}
