//! How pages hang together: breadcrumbs, the section sidebar, a section's list of pages and a
//! news section's list of articles with its pagination. All plain links: no JavaScript.

use leptos::prelude::*;

use crate::{
    SiteContext,
    domain::{
        i18n::strings,
        site::{Page, Site},
    },
};

/// Home › Section › … › this page; not on a language's home page.
#[component]
pub fn Breadcrumbs(page: Page) -> impl IntoView {
    let ctx = expect_context::<SiteContext>();
    let t = strings(page.lang);
    let ancestors = ctx.site.ancestors(&page);
    (!ancestors.is_empty()).then(|| {
        let trail = ancestors
            .into_iter()
            .map(|p| {
                view! {
                    <li>
                        <a href=p.url.clone()>{p.title.clone()}</a>
                    </li>
                }
            })
            .collect_view();
        view! {
            <nav class="breadcrumbs" aria-label=t.site.breadcrumbs>
                <ol>
                    {trail} <li>
                        <a href=page.url.clone() aria-current="page">
                            {page.title.clone()}
                        </a>
                    </li>
                </ol>
            </nav>
        }
    })
}

/// The tree of the top-level section `page` is in, ordered by weight, the page marked with
/// `aria-current`. A news section lists itself, not its articles.
#[component]
pub fn SectionNav(page: Page) -> impl IntoView {
    let ctx = expect_context::<SiteContext>();
    let t = strings(page.lang);
    let section = ctx.site.top_section(&page)?.clone();
    let tree = tree(&ctx.site, &section, &page.url);
    Some(view! {
        <nav class="section-nav" aria-label=format!("{} {}", t.site.in_this_section, section.title)>
            <ul>
                <li>
                    <a
                        href=section.url.clone()
                        aria-current=(section.url == page.url).then_some("page")
                    >
                        {section.title.clone()}
                    </a>
                    {tree}
                </li>
            </ul>
        </nav>
    })
}

fn tree(site: &Site, section: &Page, current: &str) -> Option<AnyView> {
    if section.is_news {
        return None;
    }
    let items: Vec<AnyView> = site
        .children(section)
        .filter(|p| p.in_menu)
        .map(|p| {
            let below = if p.is_section {
                tree(site, p, current)
            } else {
                None
            };
            view! {
                <li>
                    <a href=p.url.clone() aria-current=(p.url == current).then_some("page")>
                        {p.title.clone()}
                    </a>
                    {below}
                </li>
            }
            .into_any()
        })
        .collect();
    (!items.is_empty()).then(|| view! { <ul>{items}</ul> }.into_any())
}

/// A section's pages with their descriptions.
#[component]
pub fn ChildList(page: Page) -> impl IntoView {
    let ctx = expect_context::<SiteContext>();
    let items = ctx
        .site
        .children(&page)
        .filter(|p| p.in_menu)
        .map(|p| {
            view! {
                <li>
                    <a href=p.url.clone()>{p.title.clone()}</a>
                    {p.description.clone().map(|d| view! { <p>{d}</p> })}
                </li>
            }
        })
        .collect_view();
    view! { <ul class="section-children">{items}</ul> }
}

/// Page `n` of a news section's articles, newest first, with links to newer and older ones.
#[component]
pub fn NewsList(page: Page, n: u32) -> impl IntoView {
    let ctx = expect_context::<SiteContext>();
    let t = strings(page.lang);
    let (articles, pages) = ctx.site.news_list(&page, n);
    let section_url = ctx
        .site
        .parent(&page)
        .filter(|_| !page.is_section)
        .map_or_else(|| page.url.clone(), |p| p.url.clone());
    let list_url = |k: u32| {
        if k <= 1 {
            section_url.clone()
        } else {
            format!("{section_url}page/{k}")
        }
    };
    let items = articles
        .into_iter()
        .map(|a| {
            view! {
                <li>
                    <h2>
                        <a href=a.url.clone()>{a.title.clone()}</a>
                    </h2>
                    {a
                        .date
                        .map(|d| {
                            view! {
                                <p class="news-date">
                                    {t.site.published} ": "
                                    <time datetime=d.to_string()>{d.long(page.lang)}</time>
                                </p>
                            }
                        })}
                    {a.description.clone().map(|d| view! { <p>{d}</p> })}
                </li>
            }
        })
        .collect_view();
    let empty = (pages == 1 && ctx.site.children(&page).next().is_none() && page.is_section)
        .then(|| view! { <p>{t.site.no_news}</p> });
    let newer = (n > 1).then(|| {
        view! {
            <a href=list_url(n - 1) rel="prev">
                {t.site.newer}
            </a>
        }
    });
    let older = (n < pages).then(|| {
        view! {
            <a href=list_url(n + 1) rel="next">
                {t.site.older}
            </a>
        }
    });
    let pagination = (pages > 1).then(|| {
        view! {
            <nav
                class="pagination"
                aria-label=format!("{} {n} {} {pages}", t.site.page_label, t.site.of)
            >
                {newer}
                <span>{format!("{} {n} {} {pages}", t.site.page_label, t.site.of)}</span>
                {older}
            </nav>
        }
    });
    view! {
        <ul class="news-list">{items}</ul>
        {empty}
        {pagination}
    }
}
