//! The home page's own parts: a hero that says what the portal is with one call to action per
//! audience, and cards leading to the main sections.

use leptos::prelude::*;

use crate::{
    SiteContext,
    domain::{
        i18n::strings,
        lang::Lang,
        site::{GET_STARTED_KEY, Page, SHOWCASE_KEY, home_url},
    },
};

/// The page's title and description, then "for developers" and "for companies" links (each
/// shown only when its page exists in this language).
#[component]
pub fn HomeHero(page: Page) -> impl IntoView {
    let ctx = expect_context::<SiteContext>();
    let lang = page.lang;
    let t = strings(lang);
    let action = |key: &str, audience: &'static str, text: &'static str, class: &'static str| {
        ctx.site.by_key(lang, key).map(|target| {
            view! {
                <div class="hero-action">
                    <p class="hero-audience">{audience}</p>
                    <a class=class href=target.url.clone()>
                        {text}
                    </a>
                </div>
            }
        })
    };
    let developers = action(
        GET_STARTED_KEY,
        t.site.hero_developers,
        t.site.hero_developers_cta,
        "button",
    );
    let companies = action(
        SHOWCASE_KEY,
        t.site.hero_companies,
        t.site.hero_companies_cta,
        "button secondary",
    );
    view! {
        <section class="hero">
            <h1>{page.title.clone()}</h1>
            {page.description.clone().map(|d| view! { <p class="lead">{d}</p> })}
            <div class="hero-actions">{developers} {companies}</div>
        </section>
    }
}

/// A card for each page of the main menu (the home page itself left out), with its description.
#[component]
pub fn SectionCards(lang: Lang) -> impl IntoView {
    let ctx = expect_context::<SiteContext>();
    let t = strings(lang);
    let home = home_url(lang);
    let cards = ctx
        .site
        .menu(lang)
        .filter(|p| p.url != home)
        .map(|p| {
            view! {
                <li class="card">
                    <h3>
                        <a href=p.url.clone()>{p.title.clone()}</a>
                    </h3>
                    {p.description.clone().map(|d| view! { <p>{d}</p> })}
                </li>
            }
        })
        .collect_view();
    view! {
        <section class="home-sections" aria-labelledby="home-sections">
            <h2 id="home-sections">{t.site.home_sections}</h2>
            <ul class="cards">{cards}</ul>
        </section>
    }
}
