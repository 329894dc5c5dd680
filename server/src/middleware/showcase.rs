//! The showcase's live data: the published companies, read for the pages that show them.

use std::sync::Arc;

use axum::{
    extract::{Request, State},
    middleware::Next,
    response::Response,
};
use domain::{lang::Lang, site::Site};
use http::StatusCode;

use crate::{config::ShowcaseSettings, consent, db::Db};

/// Reads the published companies for a page with a `{{< showcase >}}` (such pages are never
/// served from the page cache); a clear 503 when the database is unreachable.
pub(super) async fn load_showcase(
    State(site): State<Arc<Site>>,
    State(db): State<Db>,
    State(rules): State<ShowcaseSettings>,
    mut request: Request,
    next: Next,
) -> Response {
    let live_page = matches!(*request.method(), http::Method::GET | http::Method::HEAD)
        && site.page(request.uri().path()).is_some_and(|p| p.is_live());
    if live_page {
        match db.showcase(rules.require_approval).await {
            Ok(showcase) => {
                request.extensions_mut().insert(showcase);
            }
            Err(e) => {
                tracing::error!(error = %e, "showcase unavailable");
                let lang = Lang::from_path(request.uri().path()).unwrap_or_default();
                return consent::simple_page(
                    lang,
                    StatusCode::SERVICE_UNAVAILABLE,
                    |t| t.showcase_unavailable_title,
                    |t| t.n_unavailable,
                );
            }
        }
    }
    next.run(request).await
}
