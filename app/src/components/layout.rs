//! The frame of every page: skip link, header, main content, footer; the document language and
//! the `hreflang` alternates.

use leptos::prelude::*;
use leptos_meta::{Html, Link};

use crate::{
    SiteContext,
    components::{footer::Footer, header::Header},
    domain::{i18n::strings, lang::Lang},
};

/// Wraps a page. `current` is the page's URL (empty for error pages); `alternates` are the
/// page's versions by language, itself included.
#[component]
pub fn Layout(
    lang: Lang,
    current: String,
    alternates: Vec<(Lang, String)>,
    children: Children,
) -> impl IntoView {
    let ctx = expect_context::<SiteContext>();
    let t = strings(lang);
    let other = lang.other();
    let switch_to = alternates
        .iter()
        .find(|(l, _)| *l == other)
        .map(|(_, url)| url.clone())
        .unwrap_or_else(|| crate::domain::site::home_url(other));
    let meta_links = alternates
        .iter()
        .map(|(l, url)| {
            view! { <Link rel="alternate" hreflang=l.code() href=format!("{}{url}", ctx.public_url) /> }
        })
        .collect_view();
    let canonical = (!current.is_empty())
        .then(|| view! { <Link rel="canonical" href=format!("{}{current}", ctx.public_url) /> });
    view! {
        <Html attr:lang=lang.code() />
        {meta_links}
        {canonical}
        <a class="skip-link" href="#main">
            {t.skip_to_content}
        </a>
        <Header lang switch_to />
        <main id="main" tabindex="-1">
            {children()}
        </main>
        <Footer lang />
    }
}
