//! The frame of every page: skip link, header, main content, footer; the document language and
//! the `hreflang` alternates.

use leptos::prelude::*;
use leptos_meta::{Html, Link};

use crate::{
    SiteContext,
    components::{
        consent::{ConsentDialog, DialogMarkup, ServiceItem},
        footer::Footer,
        header::Header,
        request::consent_status,
        scripts::ConsentedScripts,
    },
    domain::{consent::Category, i18n::strings, lang::Lang},
};

/// The query that opens the consent dialog without JavaScript (`?consent=settings`).
pub const SETTINGS_QUERY: &str = "consent=settings";

/// Wraps a page. `current` is the page's URL (empty for error pages); `alternates` are the
/// page's versions by language, itself included. A `private` page (where a password or a
/// link's token is typed or carried) loads no third-party script, whatever the consent.
#[component]
pub fn Layout(
    lang: Lang,
    current: String,
    alternates: Vec<(Lang, String)>,
    #[prop(optional)] private: bool,
    children: Children,
) -> impl IntoView {
    let ctx = expect_context::<SiteContext>();
    let t = strings(lang);
    let other = lang.other();
    let switch_to = alternates
        .iter()
        .find(|(l, _)| *l == other)
        .map(|(_, url)| url.clone())
        .unwrap_or_else(|| domain::site::home_url(other));
    let meta_links = alternates
        .iter()
        .map(|(l, url)| {
            view! { <Link rel="alternate" hreflang=l.code() href=format!("{}{url}", ctx.public_url) /> }
        })
        .collect_view();
    let canonical = (!current.is_empty())
        .then(|| view! { <Link rel="canonical" href=format!("{}{current}", ctx.public_url) /> });
    let status = consent_status();
    let location = leptos_router::hooks::use_location();
    let path = location.pathname.get_untracked();
    let wants_settings = location.search.get_untracked() == SETTINGS_QUERY;
    let settings_href = format!("{path}?{SETTINGS_QUERY}");
    let policy_url = ctx
        .site
        .cookie_policy(lang)
        .map(|p| p.url.clone())
        .unwrap_or_else(|| domain::site::home_url(lang));
    let (mode, offered) = (
        ctx.consent.mode,
        ctx.consent.offered().without(Category::Necessary),
    );
    let services = ServiceItem::all(&ctx.consent, lang);
    view! {
        <Html attr:lang=lang.code() />
        <Link
            rel="alternate"
            type_="application/atom+xml"
            href=domain::search::feed_url(lang)
            title=t.site.news_feed
        />
        {meta_links}
        {canonical}
        <a class="skip-link" href="#main">
            {t.site.skip_to_content}
        </a>
        <DialogMarkup
            lang
            mode
            open=!status.answered || wants_settings
            answered=status.answered
            granted=status.grant()
            gpc=status.gpc
            return_to=path
            policy_url
            offered
            services
        />
        <ConsentDialog />
        <Header lang switch_to />
        <main id="main" tabindex="-1">
            {children()}
        </main>
        <Footer lang settings_href />
        {(!private)
            .then(|| {
                view! { <ConsentedScripts policy=ctx.consent.clone() granted=status.grant() /> }
            })}
    }
}
