//! The logged-in company of a request, from its session (the core's `accounts::sessions`).

use axum::{
    extract::{Request, State},
    middleware::Next,
    response::Response,
};
use http::{HeaderValue, header};
use portal_core::accounts::sessions::{Current, SessionEnded, ViewerState, current};
use tower_sessions::Session;

/// Finds the logged-in company of a request: checks the session's timeouts against the clock
/// (ending it when one has passed), loads the account (ending the session when it is gone),
/// notes the request time at most once a minute, and leaves a [`Viewer`] in the request's
/// extensions for the pages and handlers.
pub async fn load_viewer(
    State(state): State<ViewerState>,
    mut request: Request,
    next: Next,
) -> Response {
    let mut personal = false;
    if let Some(session) = request.extensions().get::<Session>().cloned() {
        match current(&state, &session).await {
            Ok(Current::Viewer(viewer)) => {
                personal = true;
                request.extensions_mut().insert(viewer);
            }
            Ok(Current::Ended) => {
                request.extensions_mut().insert(SessionEnded);
            }
            Ok(Current::Anonymous) => {}
            Err(e) => tracing::warn!(error = %e, "session could not be read"),
        }
    }
    let mut response = next.run(request).await;
    // A page for a logged-in company (its name in the header) is for that browser only.
    let html = response
        .headers()
        .get(header::CONTENT_TYPE)
        .is_some_and(|v| v.as_bytes().starts_with(b"text/html"));
    if personal && html {
        response.headers_mut().insert(
            header::CACHE_CONTROL,
            HeaderValue::from_static("private, no-store"),
        );
    }
    response
}
