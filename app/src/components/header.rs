//! The site header: name, language switcher and the main navigation.

use leptos::prelude::*;

use crate::{
    SiteContext,
    components::nav_menu::NavMenu,
    domain::{i18n::strings, lang::Lang, site::home_url},
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
            view! {
                <li>
                    <a href=page.url.clone()>{page.title.clone()}</a>
                </li>
            }
        })
        .collect_view();
    view! {
        <header class="site-header">
            <div class="header-bar">
                <a
                    class="site-name"
                    href=home_url(lang)
                    aria-label=format!("{} – {}", ctx.name, t.home)
                >
                    {ctx.name.to_string()}
                </a>
                <a
                    class="lang-switch"
                    href=switch_to
                    hreflang=other.code()
                    lang=other.code()
                    aria-label=format!("{}: {}", t.language, other.native_name())
                >
                    {other.native_name()}
                </a>
            </div>
            <NavMenu label=t.menu.to_owned() nav_label=t.main_navigation.to_owned()>
                <ul>{links}</ul>
            </NavMenu>
        </header>
    }
}
