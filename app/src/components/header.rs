//! The site header: name, language switcher and the main navigation.

use leptos::{prelude::*, server_fn::ServerFn};

use crate::{
    SiteContext, api,
    components::{forms::EnhancedForm, nav_menu::MainNav, request::from_request},
    domain::{account::Viewer, i18n::strings, lang::Lang, search::search_url, site::home_url},
};

/// The header. `switch_to` is the URL of this page in the other language (or that language's
/// home when the page has no translation).
#[component]
pub fn Header(lang: Lang, switch_to: String) -> impl IntoView {
    let ctx = expect_context::<SiteContext>();
    let t = strings(lang);
    let other = lang.other();
    let links = ctx
        .site
        .menu(lang)
        .map(|page| {
            // A section's own pages, one level down (not a news section's articles).
            let below: Vec<_> = if page.is_news {
                Vec::new()
            } else {
                ctx.site
                    .children(page)
                    .filter(|p| p.in_menu)
                    .map(|p| {
                        view! {
                            <li>
                                <a href=p.url.clone()>{p.title.clone()}</a>
                            </li>
                        }
                    })
                    .collect()
            };
            let below = (!below.is_empty()).then(|| view! { <ul class="submenu">{below}</ul> });
            view! {
                <li>
                    <a href=page.url.clone()>{page.title.clone()}</a>
                    {below}
                </li>
            }
        })
        .collect_view();
    let code = lang.code();
    let account = match from_request::<Viewer>() {
        Some(viewer) => view! {
            <nav class="account-nav" aria-label=t.account.account_navigation>
                <span class="logged-in">
                    {t.account.logged_in_as} " " <strong>{viewer.company}</strong>
                </span>
                <a href=lang.path("account")>{t.account.account}</a>
                <EnhancedForm>
                    <form
                        method="post"
                        action=lang.path("logout")
                        data-api=api::LogOut::PATH
                        data-lang=code
                    >
                        <button type="submit">{t.account.log_out}</button>
                    </form>
                </EnhancedForm>
            </nav>
        }
        .into_any(),
        None => view! {
            <nav class="account-nav" aria-label=t.account.account_navigation>
                <a href=lang.path("login")>{t.account.log_in}</a>
            </nav>
        }
        .into_any(),
    };
    view! {
        <header class="site-header">
            <div class="header-bar">
                <a
                    class="site-name"
                    href=home_url(lang)
                    aria-label=format!("{} – {}", ctx.name, t.site.home)
                >
                    {ctx.name.to_string()}
                </a>
                <a
                    class="lang-switch"
                    href=switch_to
                    hreflang=other.code()
                    lang=other.code()
                    aria-label=format!("{}: {}", t.site.language, other.native_name())
                >
                    {other.native_name()}
                </a>
                <form class="search-form" role="search" method="get" action=search_url(lang)>
                    <label for="site-search">{t.search.search_label}</label>
                    <input
                        id="site-search"
                        type="search"
                        name="q"
                        maxlength="200"
                        placeholder=t.search.search_placeholder
                    />
                    <button type="submit">{t.search.search_button}</button>
                </form>
                {account}
            </div>
            <MainNav menu=t.site.menu.to_owned() navigation=t.site.main_navigation.to_owned()>
                <ul>{links}</ul>
            </MainNav>
        </header>
    }
}
