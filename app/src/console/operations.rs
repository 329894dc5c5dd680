//! The admin's areas: the mail queue (retry, discard, a test mail), the content (its version,
//! publishing, what to fix) and the operators (disable, end sessions, a new set-up link).

use domain::lang::Lang;
use leptos::prelude::*;
use portal_core::{
    content_report::ContentReport,
    mail::review::{MailEntry, MailState},
    operators::Operator,
    published::LastReload,
};

use super::{post_button, table, utc, words};

/// The mail queue's page.
pub fn mail(lang: Lang, entries: Vec<MailEntry>) -> impl IntoView {
    let t = words(lang);
    let rows: Vec<_> = entries
        .into_iter()
        .map(|m| {
            let state = match m.state {
                MailState::Waiting => t.mail_waiting,
                MailState::Retrying => t.mail_retrying,
                MailState::Failed => t.mail_failed,
                MailState::Sent => t.mail_sent,
            };
            let waiting = matches!(m.state, MailState::Waiting | MailState::Retrying);
            let id = m.id.to_string();
            let row_id = format!("mail-{id}");
            let actions = waiting.then(|| {
                view! {
                    {post_button(
                        "/admin/mail/retry",
                        vec![("id", id.clone())],
                        t.retry,
                        Some(row_id.clone()),
                    )}
                    {post_button(
                        "/admin/mail/discard",
                        vec![("id", id.clone())],
                        t.discard,
                        Some(row_id.clone()),
                    )}
                }
            });
            view! {
                <tr>
                    <th scope="row" id=row_id.clone()>
                        {id.clone()}
                    </th>
                    <td>
                        <code>{m.kind}</code>
                    </td>
                    <td>{state}</td>
                    <td class="number">{m.attempts}</td>
                    <td>{m.next_at.map(utc).unwrap_or_default()}</td>
                    <td>{m.last_error}</td>
                    <td>{actions}</td>
                </tr>
            }
        })
        .collect();
    view! {
        {table(
            vec![
                "#",
                t.col_kind,
                t.col_state,
                t.col_attempts,
                t.col_next,
                t.col_error,
                t.col_actions,
            ],
            rows,
            t.nothing,
        )}
        <h2>{t.test_mail}</h2>
        <form class="filter-form" method="post" action="/admin/mail/test">
            <div class="field">
                <label for="address">{t.email}</label>
                <input id="address" name="address" type="email" required />
            </div>
            <div class="field">
                <label for="lang">{t.test_lang}</label>
                <select id="lang" name="lang">
                    {Lang::ALL
                        .into_iter()
                        .map(|l| {
                            view! {
                                <option value=l.code() selected=l == lang>
                                    {l.native_name()}
                                </option>
                            }
                        })
                        .collect_view()}
                </select>
            </div>
            <button type="submit" class="button">
                {t.send_test}
            </button>
        </form>
    }
}

/// What the content page shows.
#[derive(Debug, Clone)]
pub struct ContentView {
    /// The running version's hash.
    pub version: String,
    /// When it was loaded.
    pub loaded_at: i64,
    /// Pages in it.
    pub pages: usize,
    /// The last reload on this instance.
    pub last: LastReload,
    /// What to fix.
    pub report: ContentReport,
}

/// The content's page.
pub fn content(lang: Lang, view: ContentView) -> impl IntoView {
    let t = words(lang);
    let last = match (&view.last.problems, view.last.at) {
        (_, 0) => "–".to_owned(),
        (None, at) => format!("{} – {}", utc(at), t.no_errors),
        (Some(_), at) => utc(at),
    };
    let problems = view
        .last
        .problems
        .clone()
        .map(|p| view! { <pre class="problems">{p}</pre> });
    let one: Vec<_> = view
        .report
        .one_language
        .into_iter()
        .map(|(url, title)| {
            view! {
                <tr>
                    <td>
                        <a href=url.clone()>{url.clone()}</a>
                    </td>
                    <td>{title}</td>
                </tr>
            }
        })
        .collect();
    let broken: Vec<_> = view
        .report
        .broken_links
        .into_iter()
        .map(|(url, link)| {
            view! {
                <tr>
                    <td>
                        <a href=url.clone()>{url.clone()}</a>
                    </td>
                    <td>
                        <code>{link}</code>
                    </td>
                </tr>
            }
        })
        .collect();
    view! {
        <dl class="facts">
            <dt>{t.version}</dt>
            <dd>
                <code>{view.version}</code>
                " ("
                {view.pages}
                ")"
            </dd>
            <dt>{t.loaded_at}</dt>
            <dd>{utc(view.loaded_at)}</dd>
            <dt>{t.last_errors}</dt>
            <dd>{last} {problems}</dd>
        </dl>
        <form class="account-form" method="post" action="/admin/content/publish">
            <p class="hint" id="publish-hint">
                {t.publish_hint}
            </p>
            <button type="submit" aria-describedby="publish-hint">
                {t.publish}
            </button>
        </form>
        <h2>{t.one_language}</h2>
        {table(vec![t.col_page, t.col_subject], one, t.nothing_to_fix)}
        <h2>{t.broken_links}</h2>
        {table(vec![t.col_page, t.col_link], broken, t.nothing_to_fix)}
    }
}

/// An operator as the operators' page lists them.
#[derive(Debug, Clone)]
pub struct OperatorLine {
    /// The operator.
    pub operator: Operator,
    /// Their live sessions.
    pub sessions: i64,
}

/// The operators' page.
pub fn operators(lang: Lang, lines: Vec<OperatorLine>) -> impl IntoView {
    let t = words(lang);
    let rows: Vec<_> = lines
        .into_iter()
        .map(|line| {
            let o = line.operator;
            let state = match (o.disabled_at, o.set_up) {
                (Some(_), _) => t.state_disabled,
                (None, true) => t.state_active,
                (None, false) => t.state_pending,
            };
            let id = o.id.to_string();
            let row_id = format!("operator-{id}");
            let actions = o.disabled_at.is_none().then(|| {
                view! {
                    {post_button(
                        "/admin/operators/disable",
                        vec![("id", id.clone())],
                        t.disable,
                        Some(row_id.clone()),
                    )}
                    {post_button(
                        "/admin/operators/end-sessions",
                        vec![("id", id.clone())],
                        t.end_sessions,
                        Some(row_id.clone()),
                    )}
                    {post_button(
                        "/admin/operators/link",
                        vec![("id", id.clone())],
                        t.send_link,
                        Some(row_id.clone()),
                    )}
                }
            });
            view! {
                <tr>
                    <th scope="row" id=row_id.clone()>
                        {o.email}
                    </th>
                    <td>{t.role(o.role)}</td>
                    <td>{state}</td>
                    <td class="number">{line.sessions}</td>
                    <td>{actions}</td>
                </tr>
            }
        })
        .collect();
    view! {
        <p>{t.operators_hint}</p>
        {table(
            vec![t.email, t.col_role, t.col_state, t.col_sessions, t.col_actions],
            rows,
            t.nothing,
        )}
    }
}
