//! The `/api/…` route: Leptos' server functions (`app::api`), which call the core directly;
//! the route gives them the core as context. Mounted behind the same middleware as every
//! other route.

use axum::{
    Router,
    extract::{Request, State},
    response::{IntoResponse, Response},
    routing::post,
};
use http::StatusCode;
use leptos::prelude::provide_context;
use portal_core::Core;

use crate::{accounts, state::AppState};

/// Largest server function request body (the longest form is a profile: well under this).
const MAX_BODY: usize = 16 * 1024;

/// The `/api/{*fn}` route: Leptos' server function handler with the [`Core`] in context,
/// request bodies bounded, answers never stored.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/api/{*fn_name}", post(handle))
        .layer(tower_http::limit::RequestBodyLimitLayer::new(MAX_BODY))
        .layer(accounts::no_store())
}

async fn handle(State(state): State<AppState>, request: Request) -> Response {
    let core = Core {
        accounts: state.accounts.core.clone(),
        consent: state.consent.clone(),
        content: state.content.clone(),
    };
    let response =
        leptos_axum::handle_server_fns_with_context(move || provide_context(core.clone()), request)
            .await
            .into_response();
    refusal_status(response).await
}

/// Leptos answers every error its server function machinery raises with `500`, a body that
/// did not decode included; that one is the caller's mistake, which [`app::api::ApiError`]
/// encodes as a refusal: the refusal's own status (`400`) is sent instead, so a malformed
/// request is neither an outage to the caller nor an error in the log.
async fn refusal_status(response: Response) -> Response {
    if response.status() != StatusCode::INTERNAL_SERVER_ERROR {
        return response;
    }
    let (mut parts, body) = response.into_parts();
    let Ok(bytes) = axum::body::to_bytes(body, MAX_BODY).await else {
        return StatusCode::INTERNAL_SERVER_ERROR.into_response();
    };
    if let Ok(app::api::ApiError::Refused(refusal)) = serde_json::from_slice(&bytes)
        && let Ok(status) = StatusCode::from_u16(refusal.status)
        && status.is_client_error()
    {
        parts.status = status;
    }
    Response::from_parts(parts, axum::body::Body::from(bytes))
}
