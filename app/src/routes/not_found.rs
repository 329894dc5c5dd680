//! The 404 page, answered with status 404.

use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::use_location;

use crate::{
    SiteContext,
    components::layout::Layout,
    domain::{i18n::strings, lang::Lang, site::home_url},
};

/// "Page not found", in the language of the path when it names one, else Swedish.
#[component]
pub fn NotFound() -> impl IntoView {
    #[cfg(feature = "ssr")]
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        response.set_status(http::StatusCode::NOT_FOUND);
    }
    let ctx = expect_context::<SiteContext>();
    let path = use_location().pathname.get_untracked();
    let lang = Lang::from_path(&path).unwrap_or_default();
    let t = strings(lang);
    view! {
        <Title text=format!("{} | {}", t.site.not_found_title, ctx.name) />
        <Meta name="robots" content="noindex" />
        <Layout lang current=String::new() alternates=Vec::new()>
            <article class="page not-found">
                <h1>{t.site.not_found_title}</h1>
                <p>{t.site.not_found_text}</p>
                <p>
                    <a href=home_url(lang)>{t.site.not_found_home}</a>
                </p>
            </article>
        </Layout>
    }
}
