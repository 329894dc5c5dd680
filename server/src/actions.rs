//! The server's side of `app::api`: the server functions reach the same core functions as the
//! plain forms ([`crate::accounts::run`], [`crate::consent::decide`]) through [`ServerActions`],
//! provided to them as context. Mounted at `/api/…` behind the same middleware as every
//! other route.

use std::sync::Arc;

use app::{
    api::{Refusal, account::Action},
    domain::{
        consent::{CategorySet, Decision},
        lang::Lang,
    },
    ssr::actions::{Actions, ActionsContext, Pending, Reply},
};
use axum::{
    Router,
    extract::{Request, State},
    response::{IntoResponse, Response},
    routing::post,
};
use http::{HeaderValue, StatusCode, header, request::Parts};

use crate::{
    accounts::{self, Submission},
    consent,
    state::AppState,
};

/// Largest server function request body (the longest form is a profile: well under this).
const MAX_BODY: usize = 16 * 1024;

/// What the server functions act on: the application state.
pub struct ServerActions(pub AppState);

impl Actions for ServerActions {
    fn consent(&self, parts: Parts, lang: Lang, decision: Decision) -> Pending<CategorySet> {
        let state = self.0.clone();
        Box::pin(async move {
            let decided = consent::decide(
                &state.consent,
                &state.db,
                state.clock.as_ref(),
                &parts,
                lang,
                decision,
            );
            match decided.await {
                Ok(decided) => Reply {
                    result: Ok(decided.granted),
                    headers: decided
                        .cookies
                        .iter()
                        .filter_map(|c| HeaderValue::from_str(c).ok())
                        .map(|v| (header::SET_COOKIE, v))
                        .collect(),
                },
                Err(status) => Reply::plain(Err(refusal(status))),
            }
        })
    }

    fn account(&self, parts: Parts, lang: Lang, action: Action) -> Pending<String> {
        let state = self.0.accounts.clone();
        Box::pin(async move {
            let Some(sub) = Submission::from_parts(parts, lang) else {
                return Reply::plain(Err(refusal(StatusCode::INTERNAL_SERVER_ERROR)));
            };
            Reply::plain(accounts::run(&state, &sub, action).await.into_result())
        })
    }
}

fn refusal(status: StatusCode) -> Refusal {
    Refusal {
        status: status.as_u16(),
        notice: None,
        errors: Vec::new(),
        retry_after: None,
    }
}

/// The `/api/{*fn}` route: Leptos' server function handler with [`ServerActions`] in context,
/// request bodies bounded, answers never stored.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/api/{*fn_name}", post(handle))
        .layer(tower_http::limit::RequestBodyLimitLayer::new(MAX_BODY))
        .layer(accounts::no_store())
}

/// The paths of every server function (all under `/api/`).
pub fn paths() -> impl Iterator<Item = String> {
    leptos::server_fn::axum::server_fn_paths().map(|(path, _)| path.to_owned())
}

async fn handle(State(state): State<AppState>, request: Request) -> Response {
    let context = ActionsContext(Arc::new(ServerActions(state)));
    let response = leptos_axum::handle_server_fns_with_context(move || context.provide(), request)
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
