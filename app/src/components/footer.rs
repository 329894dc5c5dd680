//! The site footer: who publishes the site, and the links every page needs (cookie policy,
//! cookie settings, accessibility statement, contact).

use leptos::prelude::*;

use crate::{
    SiteContext,
    components::consent::CookieSettingsLink,
    domain::{
        i18n::strings,
        lang::Lang,
        site::{ACCESSIBILITY_KEY, CONTACT_KEY},
    },
};

/// The footer of every page.
#[component]
pub fn Footer(lang: Lang, settings_href: String) -> impl IntoView {
    let ctx = expect_context::<SiteContext>();
    let t = strings(lang);
    let link = |key: &str, text: &'static str| {
        ctx.site.by_key(lang, key).map(|page| {
            view! {
                <li>
                    <a href=page.url.clone()>{text}</a>
                </li>
            }
        })
    };
    let policy = ctx.site.cookie_policy(lang).map(|p| {
        view! {
            <li>
                <a href=p.url.clone()>{t.site.cookie_policy}</a>
            </li>
        }
    });
    let accessibility = link(ACCESSIBILITY_KEY, t.site.accessibility);
    let contact = link(CONTACT_KEY, t.site.contact);
    view! {
        <footer class="site-footer">
            <div class="footer-inner">
                <div class="publisher">
                    <p class="footer-site">{ctx.name.to_string()}</p>
                    <address>
                        {t.site.published_by} ": " {t.site.publisher_name} <br />
                        {t.site.publisher_org_number} <br /> {t.site.publisher_address}
                    </address>
                </div>
                <nav aria-label=t.site.footer_navigation>
                    <ul>
                        {policy} <li>
                            <a href=settings_href data-open-consent>
                                {t.consent.cookie_settings}
                            </a>
                            <CookieSettingsLink />
                        </li> {accessibility} {contact}
                    </ul>
                </nav>
            </div>
        </footer>
    }
}
