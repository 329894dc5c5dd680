//! The search page's results: computed here for the page to show.

use axum::{
    extract::{Request, State},
    middleware::Next,
    response::Response,
};
use domain::{lang::Lang, search::search_url};
use http::{HeaderValue, Method, header};

use crate::{
    config::ShowcaseSettings,
    db::Db,
    published::Content,
    search::{Sources, search},
};

/// The middleware: on `GET /sv/sok` and `GET /en/search`, puts the results into the request
/// for the page to show. Results are for one query: never stored by caches.
pub async fn with_results(
    State(db): State<Db>,
    State(showcase): State<ShowcaseSettings>,
    State(content): State<Content>,
    mut request: Request,
    next: Next,
) -> Response {
    let lang = Lang::ALL
        .into_iter()
        .find(|l| search_url(*l) == request.uri().path());
    let Some(lang) = lang.filter(|_| matches!(*request.method(), Method::GET | Method::HEAD))
    else {
        return next.run(request).await;
    };
    let query = form_urlencoded::parse(request.uri().query().unwrap_or_default().as_bytes())
        .find(|(k, _)| k == "q")
        .map(|(_, v)| v.into_owned())
        .unwrap_or_default();
    let published = content.current();
    let sources = Sources {
        site: &published.site,
        index: &published.search,
        db: &db,
        require_approval: showcase.require_approval,
    };
    let results = search(sources, lang, &query).await;
    metrics::counter!("portal_searches_total", "lang" => lang.code(), "hits" => if results.hits.is_empty() { "none" } else { "some" }).increment(1);
    request.extensions_mut().insert(results);
    let mut response = next.run(request).await;
    response
        .headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}
