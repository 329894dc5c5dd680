//! The search page (`/sv/sok`, `/en/search`): a GET form and the server's results, with the
//! matched words marked. Works without JavaScript.

use leptos::prelude::*;
use leptos_meta::{Meta, Title};

use super::account::page_lang;
use crate::{
    SiteContext,
    components::layout::Layout,
    domain::{
        i18n::strings,
        lang::Lang,
        search::{SearchResults, search_url},
    },
    routes::not_found::NotFound,
};

/// `/sv/sok`, `/en/search`
#[component]
pub fn SearchPage() -> impl IntoView {
    let path = leptos_router::hooks::use_location()
        .pathname
        .get_untracked();
    let Some(lang) = page_lang().filter(|l| search_url(*l) == path) else {
        return view! { <NotFound /> }.into_any();
    };
    let ctx = expect_context::<SiteContext>();
    let t = strings(lang);
    // Computed by the handler that renders this page; without them, say so.
    let Some(results) = use_context::<SearchResults>() else {
        return view! {
            <Title text=format!("{} | {}", t.search.search, ctx.name) />
            <Meta name="robots" content="noindex" />
            <Layout lang current=search_url(lang).to_owned() alternates=Vec::new()>
                <article class="page search-page">
                    <h1>{t.search.search}</h1>
                    <p role="alert">{t.search.search_unavailable}</p>
                </article>
            </Layout>
        }
        .into_any();
    };
    let alternates = Lang::ALL
        .into_iter()
        .map(|l| (l, search_url(l).to_owned()))
        .collect();
    let query = results.query.clone();
    let body = if query.trim().is_empty() {
        view! { <p>{t.search.search_empty}</p> }.into_any()
    } else if results.hits.is_empty() {
        let suggestion = results.suggestion.clone().map(|s| {
            let href = format!("{}?q={}", search_url(lang), encode(&s));
            view! { <p class="suggestion">{t.search.search_did_you_mean} " " <a href=href>{s}</a> "?"</p> }
        });
        view! {
            <p role="status">{t.search.search_none}</p>
            {suggestion}
        }
        .into_any()
    } else {
        let count = results.hits.len();
        let hits = results
            .hits
            .into_iter()
            .map(|hit| {
                let snippet = hit
                    .snippet
                    .into_iter()
                    .map(|piece| {
                        if piece.marked {
                            view! { <mark>{piece.text}</mark> }.into_any()
                        } else {
                            piece.text.into_any()
                        }
                    })
                    .collect_view();
                view! {
                    <li>
                        <h2>
                            <a href=hit.url>{hit.title}</a>
                        </h2>
                        <p class="hit-section">{hit.section}</p>
                        <p class="snippet">{snippet}</p>
                    </li>
                }
            })
            .collect_view();
        view! {
            <p role="status">{format!("{}: {count}", t.search.search_results)}</p>
            <ol class="search-results">{hits}</ol>
        }
        .into_any()
    };
    let truncated = results
        .truncated
        .then(|| view! { <p class="hint">{t.search.search_too_long}</p> });
    view! {
        <Title text=format!("{} | {}", t.search.search, ctx.name) />
        <Meta name="robots" content="noindex" />
        <Meta name="description" content=t.search.search_empty />
        <Layout lang current=search_url(lang).to_owned() alternates>
            <article class="page search-page">
                <h1>{t.search.search}</h1>
                <form role="search" method="get" action=search_url(lang) class="search-page-form">
                    <label for="search-query">{t.search.search_label}</label>
                    <input id="search-query" type="search" name="q" value=query maxlength="200" />
                    <button type="submit">{t.search.search_button}</button>
                </form>
                {truncated}
                {body}
            </article>
        </Layout>
    }
    .into_any()
}

/// A query string value, percent-encoded.
fn encode(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            b' ' => "+".to_owned(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}
