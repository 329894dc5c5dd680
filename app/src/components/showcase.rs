//! The company showcase: a grid of cards for the companies that chose to be shown, with logo,
//! name, description and plain links (no widgets, nothing loaded from another site), or an
//! invitation to register when there are none.

use leptos::prelude::*;

use crate::domain::{i18n::strings, lang::Lang, logo::Showcase};

/// The list, from the data the server read for this request, sorted by name.
#[component]
pub fn ShowcaseList(lang: Lang) -> impl IntoView {
    let t = strings(lang);
    // Read by the handler that renders the page; without them, say so.
    let Some(Showcase(companies)) = use_context::<Showcase>() else {
        return view! {
            <p class="showcase-empty" role="alert">
                {t.logos.showcase_unavailable_title}
            </p>
        }
        .into_any();
    };
    if companies.is_empty() {
        return view! {
            <div class="showcase-empty">
                <p>{t.logos.showcase_empty}</p>
                <a class="button" href=lang.path("register")>
                    {t.logos.showcase_join}
                </a>
            </div>
        }
        .into_any();
    }
    let items = companies
        .into_iter()
        .map(|c| {
            // Without a logo, the name's first letter holds the logo's place (decoration only).
            let initial = c
                .company
                .chars()
                .next()
                .unwrap_or(' ')
                .to_uppercase()
                .to_string();
            let logo = match c.logo {
                Some(logo) => view! {
                    <img
                        src=logo.url()
                        width=logo.width
                        height=logo.height
                        loading="lazy"
                        decoding="async"
                        alt=format!("{} {}", t.logos.logo_alt, c.company)
                    />
                }
                .into_any(),
                None => view! {
                    <span class="monogram" aria-hidden="true">
                        {initial}
                    </span>
                }
                .into_any(),
            };
            let website = c.website.map(|url| {
                view! {
                    <p class="showcase-website">
                        <a href=url rel="nofollow ugc noopener noreferrer">
                            {t.logos.showcase_website}
                        </a>
                    </p>
                }
            });
            let social = (!c.social.is_empty()).then(|| {
                let links = c
                    .social
                    .into_iter()
                    .map(|url| {
                        let href = url.clone();
                        view! {
                            <li>
                                <a href=href rel="nofollow ugc noopener noreferrer">
                                    {url}
                                </a>
                            </li>
                        }
                    })
                    .collect_view();
                view! {
                    <ul class="showcase-social" aria-label=t.logos.showcase_social>
                        {links}
                    </ul>
                }
            });
            view! {
                <li class="showcase-item">
                    <div class="showcase-logo">{logo}</div>
                    <div class="showcase-body">
                        <h2>{c.company}</h2>
                        <p class="showcase-description">{c.description}</p>
                        {website}
                        {social}
                    </div>
                </li>
            }
        })
        .collect_view();
    view! { <ul class="showcase">{items}</ul> }.into_any()
}
