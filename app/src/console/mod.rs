//! The operator console's pages, rendered on the server only: plain HTML and forms, no
//! islands and no script, so every page works without JavaScript and the browser build never
//! carries them. Each area has its own file; [`document`] puts a page in its frame (header,
//! the areas the operator's role opens, the notice, the logout button).

pub mod audit;
pub mod auth;
pub mod companies;
pub mod operations;
pub mod statistics;

use domain::{
    date::PageDate,
    i18n::{ConsoleStrings, console_strings},
    lang::Lang,
    operator::{Area, Role},
};
use leptos::prelude::*;
use leptos_meta::HashedStylesheet;

/// The areas in the order the navigation lists them.
pub const AREAS: [Area; 6] = [
    Area::Companies,
    Area::Statistics,
    Area::Audit,
    Area::Mail,
    Area::Content,
    Area::Operators,
];

/// An area's path.
pub fn area_path(area: Area) -> &'static str {
    match area {
        Area::Companies => "/admin/companies",
        Area::Statistics => "/admin/statistics",
        Area::Audit => "/admin/audit",
        Area::Mail => "/admin/mail",
        Area::Content => "/admin/content",
        Area::Operators => "/admin/operators",
    }
}

/// The logged-in operator, as the frame shows them.
#[derive(Debug, Clone)]
pub struct Who {
    /// Their address.
    pub email: String,
    /// Their role.
    pub role: Role,
}

/// A line at the top of a page: what happened.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Notice {
    /// Something was done.
    Done(String),
    /// Something was refused or failed.
    Error(String),
}

/// What frames a page.
pub struct Frame<'a> {
    /// Leptos' options (for the stylesheet's hashed name).
    pub options: &'a LeptosOptions,
    /// The page's language.
    pub lang: Lang,
    /// The site's name.
    pub site_name: &'a str,
    /// The page's heading and title.
    pub title: String,
    /// The logged-in operator, if any.
    pub who: Option<Who>,
    /// The area the page belongs to, if any.
    pub area: Option<Area>,
    /// A notice to show.
    pub notice: Option<Notice>,
}

/// The console's words in `lang` (shorthand for the pages).
pub fn words(lang: Lang) -> &'static ConsoleStrings {
    console_strings(lang)
}

/// The whole HTML document of a console page.
pub fn document<V: IntoView + 'static>(frame: Frame<'_>, body: V) -> String {
    let t = words(frame.lang);
    let title = format!("{} – {} – {}", frame.title, t.console, frame.site_name);
    let options = frame.options.clone();
    let nav = frame.who.clone().map(|who| {
        let links = AREAS
            .into_iter()
            .filter(|a| who.role.may(*a))
            .map(|a| {
                let current = (frame.area == Some(a)).then_some("page");
                view! {
                    <li>
                        <a href=area_path(a) aria-current=current>
                            {t.area(a).0}
                        </a>
                    </li>
                }
            })
            .collect_view();
        view! {
            <nav class="site-nav console-nav" aria-label=t.nav_label>
                <ul>{links}</ul>
            </nav>
            <form class="console-logout" method="post" action="/admin/logout">
                <span>{t.logged_in_as} " " {who.email} " (" {t.role(who.role)} ")"</span>
                " "
                <button type="submit" class="button secondary">
                    {t.log_out}
                </button>
            </form>
        }
    });
    let notice = frame.notice.map(|n| match n {
        Notice::Done(text) => view! {
            <p class="form-notice success" role="status">
                {text}
            </p>
        }
        .into_any(),
        Notice::Error(text) => view! {
            <p class="form-notice error" role="alert">
                {text}
            </p>
        }
        .into_any(),
    });
    let heading = frame.title.clone();
    let page = view! {
        <!DOCTYPE html>
        <html lang=frame.lang.code()>
            <head>
                <meta charset="utf-8" />
                <meta name="viewport" content="width=device-width, initial-scale=1" />
                <meta name="robots" content="noindex, nofollow" />
                <title>{title}</title>
                <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
                <HashedStylesheet options id="leptos" />
            </head>
            <body class="console">
                <a class="skip-link" href="#main">
                    {t.skip}
                </a>
                <header class="site-header">
                    <div class="header-bar">
                        <a class="site-name" href="/admin">
                            {t.console}
                        </a>
                    </div>
                    <div class="nav-wrap">{nav}</div>
                </header>
                <main id="main" tabindex="-1">
                    <h1>{heading}</h1>
                    {notice}
                    {body}
                </main>
            </body>
        </html>
    };
    Owner::new().with(|| page.to_html())
}

/// A console table: a header row of `heads` and `rows`, scrolling in its own box on a narrow
/// screen; the text `empty` when there are no rows.
pub fn table<V: IntoView + 'static>(
    heads: Vec<&'static str>,
    rows: Vec<V>,
    empty: &'static str,
) -> AnyView {
    if rows.is_empty() {
        return view! { <p>{empty}</p> }.into_any();
    }
    let heads = heads
        .into_iter()
        .map(|h| view! { <th scope="col">{h}</th> })
        .collect_view();
    view! {
        <div class="table-wrap">
            <table class="console-table">
                <thead>
                    <tr>{heads}</tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
    .into_any()
}

/// A button that posts `fields` to `action` (an action on one row of a table).
pub fn post_button(
    action: &'static str,
    fields: Vec<(&'static str, String)>,
    label: &'static str,
    described_by: Option<String>,
) -> impl IntoView {
    let hidden = fields
        .into_iter()
        .map(|(name, value)| view! { <input type="hidden" name=name value=value /> })
        .collect_view();
    view! {
        <form class="inline-form" method="post" action=action>
            {hidden}
            <button type="submit" class="button secondary" aria-describedby=described_by>
                {label}
            </button>
        </form>
    }
}

/// A Unix time as `YYYY-MM-DD HH:MM` (UTC).
pub fn utc(at: i64) -> String {
    let days = at.div_euclid(86_400);
    let secs = at.rem_euclid(86_400);
    format!(
        "{} {:02}:{:02}",
        date(days),
        secs / 3600,
        (secs % 3600) / 60
    )
}

/// A day number (days since 1970-01-01) as `YYYY-MM-DD`.
pub fn date(day: i64) -> String {
    PageDate::from_days(day).to_string()
}

/// `YYYY-MM-DD` (nothing else) as a day number, if it is a date from 1970 on.
pub fn parse_date(text: &str) -> Option<i64> {
    let text = text.trim();
    let day = PageDate::parse(text).ok()?.days();
    (text.len() == 10 && day >= 0).then_some(day)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_read_and_write_back() {
        assert_eq!(date(0), "1970-01-01");
        assert_eq!(date(20_454), "2026-01-01");
        assert_eq!(parse_date("2026-01-01"), Some(20_454));
        assert_eq!(
            parse_date("2024-02-29").map(date).as_deref(),
            Some("2024-02-29")
        );
        for bad in [
            "2026-02-30",
            "2026-13-01",
            "26-01-01",
            "",
            "2026-1",
            "x-y-z",
            "1969-12-31",
        ] {
            assert_eq!(parse_date(bad), None, "{bad}");
        }
        assert_eq!(utc(86_400 + 3_723), "1970-01-02 01:02");
    }
}
