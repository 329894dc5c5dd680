//! `POST /feedback`: "Was this page helpful?" sent without JavaScript. The answer goes through
//! the core's one function for it (the island's server function calls the same), then the
//! visitor is sent back to the page with what happened (`?feedback=thanks`, `limited`,
//! `invalid` or `failed`) at the form.

use axum::{
    Extension, Form, Router,
    extract::{State, rejection::FormRejection},
    response::{IntoResponse, Redirect, Response},
    routing::post,
};
use domain::{feedback::FeedbackForm, net::ClientAddr};
use http::StatusCode;
use portal_core::feedback::{Refused, record};

use crate::state::AppState;

/// The route.
pub fn routes() -> Router<AppState> {
    Router::new().route("/feedback", post(plain))
}

async fn plain(
    State(state): State<AppState>,
    client: Option<Extension<ClientAddr>>,
    form: Result<Form<FeedbackForm>, FormRejection>,
) -> Response {
    let Ok(Form(form)) = form else {
        return (StatusCode::BAD_REQUEST, "The form could not be read.\n").into_response();
    };
    let site = state.content.site();
    let Some(page) = site.page(&form.page) else {
        return (StatusCode::BAD_REQUEST, "No such page.\n").into_response();
    };
    let masked = client.map_or_else(|| "-".to_owned(), |Extension(c)| c.masked());
    let outcome = match record(
        &state.db,
        state.clock.now(),
        &masked,
        Some(page.lang),
        &form,
    )
    .await
    {
        Ok(()) => "thanks",
        Err(Refused::Limited(_)) => "limited",
        Err(Refused::Invalid(_) | Refused::UnknownPage) => "invalid",
        Err(Refused::Unavailable) => "failed",
    };
    Redirect::to(&format!("{}?feedback={outcome}#page-feedback", page.url)).into_response()
}
