//! Renders the app's pages. A page gets what it shows from the handler that renders it, as
//! context ([`PageData`]): a content page (with the showcase's companies when it lists them),
//! the search page with its results, an account page with its form's feedback and the
//! account's data. No middleware looks at paths to put data in the request.

use app::SiteContext;
use axum::{
    body::Body,
    extract::{Request, State},
    response::{IntoResponse, Response},
};
use domain::{
    account::{AccountView, FormFeedback},
    lang::Lang,
    logo::Showcase,
    search::{SearchResults, search_url},
};
use http::{HeaderValue, StatusCode, header, request::Parts};
use leptos::prelude::{LeptosOptions, provide_context};

use crate::{
    config::ShowcaseSettings,
    db::Db,
    error::Failure,
    published::Content,
    search::{Sources, search},
};

/// What the pages are rendered with: Leptos' options, the site's context, the content.
#[derive(Clone)]
pub struct Pages {
    options: LeptosOptions,
    context: SiteContext,
    content: Content,
}

/// What one page shows besides the content, provided to it as context.
#[derive(Debug, Clone, Default)]
pub struct PageData {
    /// A form's problems, values and notice (or a `?done=` notice).
    pub feedback: Option<FormFeedback>,
    /// The logged-in company's data, for its account page.
    pub account: Option<AccountView>,
    /// The search page's results.
    pub results: Option<SearchResults>,
    /// The published companies, for a page that lists them.
    pub showcase: Option<Showcase>,
    /// The APIs' health, for the status page.
    pub status: Option<domain::status::StatusReport>,
}

impl PageData {
    fn provide(&self) {
        if let Some(feedback) = &self.feedback {
            provide_context(feedback.clone());
        }
        if let Some(account) = &self.account {
            provide_context(account.clone());
        }
        if let Some(results) = &self.results {
            provide_context(results.clone());
        }
        if let Some(showcase) = &self.showcase {
            provide_context(showcase.clone());
        }
        if let Some(status) = &self.status {
            provide_context(status.clone());
        }
    }
}

impl Pages {
    /// Pages rendered with `options` and `context`, each with the content current when it is
    /// rendered (a reload swaps it for the next requests).
    pub fn new(options: LeptosOptions, context: SiteContext, content: Content) -> Pages {
        // Rendering spawns its tasks on Leptos' executor: tokio's (set once per process).
        let _ = any_spawner::Executor::init_tokio();
        Pages {
            options,
            context,
            content,
        }
    }

    /// Renders `page` (a path with an optional query) as a `GET` with the request's headers
    /// and extensions (consent, session, viewer), and `data` as context.
    pub async fn render(&self, parts: Parts, page: &str, data: PageData) -> Response {
        let context = SiteContext {
            site: self.content.site(),
            ..self.context.clone()
        };
        let options = self.options.clone();
        let handler = leptos_axum::render_app_to_stream_with_context(
            move || {
                provide_context(context.clone());
                data.provide();
            },
            move || app::shell(options.clone()),
        );
        let mut request = Request::new(Body::empty());
        *request.uri_mut() = page.parse().unwrap_or_default();
        *request.headers_mut() = parts.headers;
        request.headers_mut().remove(header::CONTENT_TYPE);
        request.headers_mut().remove(header::CONTENT_LENGTH);
        *request.extensions_mut() = parts.extensions;
        handler(request).await
    }
}

/// `GET /{*path}`, every path no other route serves: a content page (the app's router picks
/// it, or its 404), with the published companies when the page lists them (a clear 503 when
/// they cannot be read) and the APIs' health on the status page (which says so, with a 503,
/// when it cannot be read).
pub async fn content_page(
    State(pages): State<Pages>,
    State(db): State<Db>,
    State(rules): State<ShowcaseSettings>,
    State(clock): State<std::sync::Arc<dyn crate::clock::Clock>>,
    request: Request,
) -> Result<Response, Failure> {
    let (parts, _) = request.into_parts();
    let mut data = PageData::default();
    let site = pages.content.site();
    let page = site.page(parts.uri.path());
    let mut status = StatusCode::OK;
    if page.is_some_and(domain::site::Page::is_status) {
        match portal_core::status::report(&db, &site, clock.now()).await {
            Ok(report) => data.status = Some(report),
            Err(e) => {
                tracing::warn!(error = %e, "the status report cannot be read");
                status = StatusCode::SERVICE_UNAVAILABLE;
            }
        }
    }
    let showcase = page.is_some_and(|p| p.body.contains(&domain::site::Block::Showcase));
    if showcase {
        let showcase = db.showcase(rules.require_approval).await.map_err(|e| {
            Failure::from(e).worded(
                |t| t.logos.showcase_unavailable_title,
                |t| t.notices.n_unavailable,
            )
        })?;
        data.showcase = Some(showcase);
    }
    let page = page_of(&parts);
    let mut response = pages.render(parts, &page, data).await;
    if status != StatusCode::OK && response.status() == StatusCode::OK {
        *response.status_mut() = status;
    }
    Ok(response)
}

/// `GET /sv/sok`, `GET /en/search`: the results for `q`, never stored by caches.
pub async fn search_page(
    State(pages): State<Pages>,
    State(db): State<Db>,
    State(rules): State<ShowcaseSettings>,
    request: Request,
) -> Response {
    let (parts, _) = request.into_parts();
    let Some(lang) = Lang::ALL
        .into_iter()
        .find(|l| search_url(*l) == parts.uri.path())
    else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let query = form_urlencoded::parse(parts.uri.query().unwrap_or_default().as_bytes())
        .find(|(k, _)| k == "q")
        .map(|(_, v)| v.into_owned())
        .unwrap_or_default();
    let published = pages.content.current();
    let sources = Sources {
        site: &published.site,
        index: &published.search,
        db: &db,
        require_approval: rules.require_approval,
    };
    let results = search(sources, lang, &query).await;
    metrics::counter!("portal_searches_total", "lang" => lang.code(), "hits" => if results.hits.is_empty() { "none" } else { "some" }).increment(1);
    let page = page_of(&parts);
    let data = PageData {
        results: Some(results),
        ..PageData::default()
    };
    let mut response = pages.render(parts, &page, data).await;
    response
        .headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

/// The path and query a request asked for.
fn page_of(parts: &Parts) -> String {
    parts
        .uri
        .path_and_query()
        .map_or_else(|| parts.uri.path().to_owned(), |p| p.as_str().to_owned())
}
