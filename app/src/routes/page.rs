//! A content page rendered from markdown.

use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::use_location;

use crate::{
    SiteContext,
    components::{
        api_reference::ApiReferenceView,
        cookie_table::CookieTable,
        embed::YouTubeEmbed,
        feedback::PageFeedback,
        home::{HomeHero, SectionCards},
        layout::Layout,
        request::consent_status,
        sections::{Breadcrumbs, ChildList, NewsList, SectionNav},
        showcase::ShowcaseList,
        status::ApiStatusView,
    },
    domain::{
        i18n::strings,
        site::{Block, Page, home_url},
    },
    routes::not_found::NotFound,
};

/// Looks the path up among the content pages; a 404 page when there is none.
#[component]
pub fn ContentPage() -> impl IntoView {
    let ctx = expect_context::<SiteContext>();
    let path = use_location().pathname.get_untracked();
    match ctx.site.page(&path) {
        Some(page) => {
            let page = page.clone();
            view! { <PageView page /> }.into_any()
        }
        None => view! { <NotFound /> }.into_any(),
    }
}

#[component]
fn PageView(page: Page) -> impl IntoView {
    let ctx = expect_context::<SiteContext>();
    let t = strings(page.lang);
    let alternates: Vec<(domain::lang::Lang, String)> = domain::lang::Lang::ALL
        .into_iter()
        .filter_map(|lang| {
            ctx.site
                .translation(&page, lang)
                .map(|p| (lang, p.url.clone()))
        })
        .collect();
    let title = if page.title == *ctx.name {
        page.title.clone()
    } else {
        format!("{} | {}", page.title, ctx.name)
    };
    let description = page.description.clone();
    let updated = page.updated.map(|date| {
        view! {
            <p class="updated">
                {t.site.last_updated} ": "
                <time datetime=date.to_string()>{date.long(page.lang)}</time>
            </p>
        }
    });
    let status = consent_status();
    let body = page
        .body
        .iter()
        .map(|block| match block {
            Block::Html(html) => view! { <div inner_html=html.clone()></div> }.into_any(),
            Block::YouTube { id, title } => view! {
                <YouTubeEmbed
                    video=id.clone()
                    title=title.clone().unwrap_or_else(|| t.consent.video_title.to_owned())
                    lang=page.lang
                    mode=ctx.consent.mode
                    granted=status.grant()
                    origin=ctx.consent.video_origin.clone()
                    return_to=page.url.clone()
                    service=ctx.consent.embed_service(&ctx.consent.video_origin)
                    services=ctx.consent.services.iter().map(|s| s.id.clone()).collect()
                />
            }
            .into_any(),
            Block::CookieTable => view! { <CookieTable lang=page.lang /> }.into_any(),
            Block::Showcase => view! { <ShowcaseList lang=page.lang /> }.into_any(),
            Block::Children => view! { <ChildList page=page.clone() /> }.into_any(),
            Block::NewsList(n) => view! { <NewsList page=page.clone() n=*n /> }.into_any(),
            Block::ApiReference(api) => view! { <ApiReferenceView api=(**api).clone() lang=page.lang page_url=page.url.clone() /> }
            .into_any(),
            Block::ApiStatus => view! { <ApiStatusView page=page.clone() /> }.into_any(),
        })
        .collect_view();
    let toc = (!page.toc.is_empty()).then(|| {
        let entries = page
            .toc
            .iter()
            .map(|e| {
                view! {
                    <li class=format!("toc-level-{}", e.level)>
                        <a href=format!("#{}", e.id)>{e.text.clone()}</a>
                    </li>
                }
            })
            .collect_view();
        view! {
            <nav class="toc" aria-labelledby="toc-heading">
                <h2 id="toc-heading">{t.site.on_this_page}</h2>
                <ul>{entries}</ul>
            </nav>
        }
    });
    // Every page but a language's home asks whether it helped.
    let feedback = (page.url != home_url(page.lang))
        .then(|| view! { <PageFeedback page_url=page.url.clone() lang=page.lang /> });
    // The home page opens with its hero and the cards to the main sections; every other page
    // with its title and date.
    let head = if page.url == home_url(page.lang) {
        view! {
            <HomeHero page=page.clone() />
            <SectionCards lang=page.lang />
        }
        .into_any()
    } else {
        view! {
            <h1>{page.title.clone()}</h1>
            {updated}
        }
        .into_any()
    };
    view! {
        <Title text=title />
        {description.map(|d| view! { <Meta name="description" content=d /> })}
        <Layout lang=page.lang current=page.url.clone() alternates>
            <Breadcrumbs page=page.clone() />
            <div class="page-columns">
                <SectionNav page=page.clone() />
                <article class="page">
                    {head} {toc} <div class="content">{body}</div> {feedback}
                </article>
            </div>
        </Layout>
    }
}
