//! The site footer: the cookie policy link and the site's name.

use leptos::prelude::*;

use crate::{
    SiteContext,
    components::consent::CookieSettingsLink,
    domain::{i18n::strings, lang::Lang},
};

/// The footer of every page.
#[component]
pub fn Footer(lang: Lang, settings_href: String) -> impl IntoView {
    let ctx = expect_context::<SiteContext>();
    let t = strings(lang);
    let policy = ctx.site.cookie_policy(lang).map(|p| p.url.clone());
    view! {
        <footer class="site-footer">
            <nav aria-label=t.footer_navigation>
                <ul>
                    {policy
                        .map(|url| {
                            view! {
                                <li>
                                    <a href=url>{t.cookie_policy}</a>
                                </li>
                            }
                        })} <li>
                        <CookieSettingsLink lang href=settings_href />
                    </li>
                </ul>
            </nav>
            <p class="site-owner">{ctx.name.to_string()}</p>
        </footer>
    }
}
