//! The cookie declaration as tables, one per category and a group per service, from the same
//! configuration the server uses to decide which cookies it may set.

use leptos::prelude::*;

use crate::{
    SiteContext,
    components::try_it::KEY_STORE_PREFIX,
    domain::{
        consent::{Category, ConsentMode, CookieDecl},
        i18n::{api_strings, strings},
        lang::Lang,
    },
};

/// The `{{< cookie-table >}}` shortcode: every declared cookie, grouped by category, with
/// whether the category needs consent in the configured mode.
#[component]
pub fn CookieTable(lang: Lang) -> impl IntoView {
    let ctx = expect_context::<SiteContext>();
    let t = strings(lang);
    let policy = ctx.consent.clone();
    let intro = match policy.mode {
        ConsentMode::AllOrNothing => t.consent.cookie_table_all_or_nothing,
        ConsentMode::Granular => t.consent.cookie_table_granular,
    };
    let row = |c: &CookieDecl| {
        let purpose = match lang {
            Lang::Sv => c.purpose_sv.clone(),
            Lang::En => c.purpose_en.clone(),
        };
        let party = if c.third_party {
            t.consent.third_party
        } else {
            t.consent.first_party
        };
        view! {
            <tr>
                <th scope="row">
                    <code>{c.name.clone()}</code>
                </th>
                <td>{c.provider.clone()}</td>
                <td>{purpose}</td>
                <td>{t.cookie_lifetime(c)}</td>
                <td>{party}</td>
            </tr>
        }
    };
    let tables = Category::ALL
        .into_iter()
        .filter_map(|category| {
            // The site's own cookies and those declared by category only, then one group of
            // rows per service: its name, provider, purpose and privacy policy, then what it
            // keeps in the browser.
            let mut own: Vec<_> = policy
                .cookies
                .iter()
                .filter(|c| c.category == category && c.service.is_none())
                .map(|c| row(c).into_any())
                .collect();
            // The key typed in an API page's "Try it" form, kept for the tab, set by whoever
            // sets the site's own cookies.
            if category == Category::Necessary && !ctx.try_servers.is_empty() {
                let own_provider = policy
                    .cookies
                    .iter()
                    .find(|c| c.service.is_none() && !c.third_party)
                    .map_or_else(|| ctx.name.to_string(), |c| c.provider.clone());
                let api = api_strings(lang);
                own.push(
                    view! {
                        <tr data-kind="storage">
                            <th scope="row">
                                <code>{format!("{KEY_STORE_PREFIX}*")}</code>
                            </th>
                            <td>{own_provider.clone()}</td>
                            <td>{api.key_storage_purpose}</td>
                            <td>{api.key_storage_lifetime}</td>
                            <td>{t.consent.first_party}</td>
                        </tr>
                    }
                    .into_any(),
                );
            }
            let services: Vec<_> = policy
                .services
                .iter()
                .enumerate()
                .filter(|(_, s)| s.category == category)
                .map(|(i, s)| {
                    let privacy = super::consent::privacy_link(&s.privacy_url, lang);
                    let storage = s
                        .storage
                        .iter()
                        .map(|key| {
                            view! {
                                <tr data-kind="storage">
                                    <th scope="row">
                                        <code>{key.clone()}</code>
                                    </th>
                                    <td>{s.provider.clone()}</td>
                                    <td>{t.consent.browser_storage}</td>
                                    <td>{t.consent.until_removed}</td>
                                    <td>{t.consent.first_party}</td>
                                </tr>
                            }
                        })
                        .collect_view();
                    // What it loads (URL prefixes), for the cookie audit and anyone reading the
                    // page's source: its scripts, its embeds, and Matomo's tracker.
                    let mut loads: Vec<String> = s
                        .scripts
                        .iter()
                        .map(|u| u.split(['?', '#']).next().unwrap_or(u).to_owned())
                        .collect();
                    if !s.embed_origin.is_empty() {
                        // The pages' videos load as `{origin}/embed/{id}`.
                        let origin = s.embed_origin.trim_end_matches('/');
                        let videos = policy.embed_service(&policy.video_origin) == Some(i);
                        loads.push(format!("{origin}/{}", if videos { "embed/" } else { "" }));
                    }
                    if s.matomo
                        && let Some(m) = &policy.matomo
                    {
                        loads.push(m.url.clone());
                    }
                    let loads = loads.join(" ");
                    view! {
                        <tbody data-service=s.id.clone() data-loads=loads>
                            <tr class="service-row">
                                <th colspan="5" scope="rowgroup">
                                    <strong>{s.name.clone()}</strong>
                                    {format!(" ({}). {}", s.provider, s.purpose(lang))}
                                    {privacy}
                                </th>
                            </tr>
                            {policy.cookies_of(i).map(row).collect_view()}
                            {storage}
                        </tbody>
                    }
                })
                .collect();
            let rows = (!own.is_empty()).then(|| view! { <tbody>{own}</tbody> });
            // Scripts declared by category only load with the category.
            let category_loads = policy
                .scripts
                .iter()
                .filter(|s| s.category == category)
                .map(|s| s.src.split(['?', '#']).next().unwrap_or(&s.src))
                .collect::<Vec<_>>()
                .join(" ");
            if rows.is_none() && services.is_empty() {
                return None;
            }
            let free = category == Category::Necessary && policy.mode == ConsentMode::Granular;
            let needs = if free {
                t.consent.no_consent_needed
            } else {
                t.consent.consent_needed
            };
            let caption = format!("{} ({needs})", t.category(category));
            let caption_id = format!("cookies-{}", category.id());
            let labelled_by = caption_id.clone();
            // On a narrow screen the table scrolls inside its own box, named by its caption and
            // reachable by keyboard, instead of widening the page.
            Some(view! {
                <div class="table-scroll" role="region" tabindex="0" aria-labelledby=labelled_by>
                    <table
                        class="cookie-table"
                        data-category=category.id()
                        data-loads=category_loads
                    >
                        <caption id=caption_id>{caption}</caption>
                        <thead>
                            <tr>
                                <th scope="col">{t.consent.col_cookie}</th>
                                <th scope="col">{t.consent.col_provider}</th>
                                <th scope="col">{t.consent.col_purpose}</th>
                                <th scope="col">{t.consent.col_lifetime}</th>
                                <th scope="col">{t.consent.col_party}</th>
                            </tr>
                        </thead>
                        {rows}
                        {services}
                    </table>
                </div>
            })
        })
        .collect_view();
    view! {
        <section class="cookie-declaration" aria-labelledby="cookie-declaration">
            <h2 id="cookie-declaration">{t.consent.cookie_table_heading}</h2>
            <p>{intro}</p>
            {tables}
        </section>
    }
}
