//! The companies area: the approval queue (oldest first, with how long each has waited),
//! finding a company by name or address, and the buttons for each decision.

use domain::{i18n::strings, lang::Lang};
use leptos::prelude::*;
use portal_core::operators::companies::{CompanyRow, REASON_MAX};

use super::{post_button, table, words};

/// What the companies page shows.
#[derive(Debug, Clone)]
pub struct CompaniesView {
    /// Whether publication waits for approval (otherwise there is no queue).
    pub require_approval: bool,
    /// Now (Unix seconds), for the ages.
    pub now: i64,
    /// The companies waiting, oldest first.
    pub queue: Vec<CompanyRow>,
    /// What the operator searched for.
    pub query: String,
    /// What the search found, when there was one.
    pub found: Option<Vec<CompanyRow>>,
}

/// The page's body.
pub fn page(lang: Lang, view: CompaniesView) -> impl IntoView {
    let t = words(lang);
    let queue = view.require_approval.then(|| {
        let rows = view
            .queue
            .iter()
            .map(|row| {
                let id = row.id.to_string();
                let name_id = format!("queue-{id}");
                let reason_id = format!("reason-{id}");
                let kind = if row.is_change() {
                    t.queue_changed
                } else {
                    t.queue_new
                };
                view! {
                    <tr>
                        <th scope="row" id=name_id.clone()>
                            {row.company.clone()}
                        </th>
                        <td>
                            <p>{kind}</p>
                            <p>{row.description.clone()}</p>
                            {row
                                .website
                                .clone()
                                .map(|w| {
                                    view! {
                                        <p>
                                            <code>{w}</code>
                                        </p>
                                    }
                                })}
                        </td>
                        <td>{row.email.clone()}</td>
                        <td>{t.age(view.now - row.updated_at)}</td>
                        <td>
                            {post_button(
                                "/admin/companies/approve",
                                vec![("id", id.clone())],
                                t.approve,
                                Some(name_id.clone()),
                            )}
                            <form
                                class="inline-form"
                                method="post"
                                action="/admin/companies/reject"
                            >
                                <input type="hidden" name="id" value=id.clone() />
                                <label class="visually-hidden" for=reason_id.clone()>
                                    {t.reason}
                                </label>
                                <textarea
                                    id=reason_id.clone()
                                    name="reason"
                                    rows="2"
                                    cols="30"
                                    required
                                    maxlength=REASON_MAX
                                    placeholder=t.reason
                                ></textarea>
                                <button
                                    type="submit"
                                    class="button secondary"
                                    aria-describedby=name_id
                                >
                                    {t.reject}
                                </button>
                            </form>
                        </td>
                    </tr>
                }
            })
            .collect::<Vec<_>>();
        let table = table(
            vec![
                t.col_company,
                t.col_what,
                t.col_email,
                t.col_waiting,
                t.col_actions,
            ],
            rows,
            t.queue_empty,
        );
        view! {
            <section aria-labelledby="queue-title">
                <h2 id="queue-title">{t.queue_title} " (" {view.queue.len()} ")"</h2>
                {table}
            </section>
        }
    });
    let found = view.found.map(|found| {
        let s = strings(lang);
        let rows = found
            .iter()
            .map(|row| {
                let id = row.id.to_string();
                let name_id = format!("found-{id}");
                let (action, label) = if row.hidden {
                    ("/admin/companies/show", t.show)
                } else {
                    ("/admin/companies/hide", t.hide)
                };
                view! {
                    <tr>
                        <th scope="row" id=name_id.clone()>
                            {row.company.clone()}
                        </th>
                        <td>{row.email.clone()}</td>
                        <td>{s.listing(row.listing(view.require_approval))}</td>
                        <td>
                            {post_button(
                                action,
                                vec![("id", id.clone())],
                                label,
                                Some(name_id.clone()),
                            )}
                            {post_button(
                                "/admin/companies/end-sessions",
                                vec![("id", id)],
                                t.log_out_company,
                                Some(name_id),
                            )}
                        </td>
                    </tr>
                }
            })
            .collect::<Vec<_>>();
        let table = table(
            vec![t.col_company, t.col_email, t.col_state, t.col_actions],
            rows,
            t.none_found,
        );
        view! {
            <section aria-labelledby="found-title">
                <h2 id="found-title">{t.results_title}</h2>
                {table}
            </section>
        }
    });
    view! {
        <form class="filter-form" method="get" action="/admin/companies" role="search">
            <div class="field">
                <label for="q">{t.find}</label>
                <input id="q" name="q" type="search" value=view.query />
            </div>
            <button type="submit" class="button">
                {t.find_button}
            </button>
        </form>
        {found}
        {queue}
    }
}
