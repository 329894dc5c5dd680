//! The cookie declaration as tables, one per category, from the same configuration the server
//! uses to decide which cookies it may set.

use leptos::prelude::*;

use crate::{
    SiteContext,
    domain::{
        consent::{Category, ConsentMode},
        i18n::strings,
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
    let tables = Category::ALL
        .into_iter()
        .filter_map(|category| {
            let rows: Vec<_> = policy
                .cookies
                .iter()
                .filter(|c| c.category == category)
                .map(|c| {
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
                            <td>{t.lifetime(c.lifetime_days)}</td>
                            <td>{party}</td>
                        </tr>
                    }
                })
                .collect();
            if rows.is_empty() {
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
                    <table class="cookie-table" data-category=category.id()>
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
                        <tbody>{rows}</tbody>
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
