//! The account pages over HTTP: a request's language and posted form, a plain form's answer
//! (a redirect, or the page again with its problems marked), and the pages that read data:
//! the account page, the data export, the cookie check after login.

use axum::{
    extract::{Request, State},
    response::{IntoResponse, Redirect, Response},
};
use domain::{
    account::{AccountView, FormFeedback, Notice, Viewer, safe_next},
    lang::Lang,
};
use http::{HeaderValue, StatusCode, header, request::Parts};
use portal_core::accounts::{Answer, Submission, login_first, next_query, sessions::SessionEnded};

use super::Handlers;
use crate::{error::Failure, pages::PageData};

/// The language of a request, from its path's first segment (every account route has one).
pub struct PathLang(pub Lang);

impl<S: Send + Sync> axum::extract::FromRequestParts<S> for PathLang {
    type Rejection = StatusCode;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        Lang::from_path(parts.uri.path())
            .map(PathLang)
            .ok_or(StatusCode::NOT_FOUND)
    }
}

/// A plain form post to an account page: its [`Submission`] and its body (at most 16 KiB)
/// read into the action's typed form.
pub struct Posted<T>(pub Submission, pub T);

impl<S: Send + Sync, T: serde::de::DeserializeOwned> axum::extract::FromRequest<S> for Posted<T> {
    type Rejection = Response;

    async fn from_request(request: Request, state: &S) -> Result<Self, Self::Rejection> {
        use axum::extract::FromRequestParts;
        let (mut parts, body) = request.into_parts();
        let PathLang(lang) = PathLang::from_request_parts(&mut parts, state)
            .await
            .map_err(IntoResponse::into_response)?;
        let bytes = axum::body::to_bytes(body, 16 * 1024)
            .await
            .map_err(|_| StatusCode::PAYLOAD_TOO_LARGE.into_response())?;
        // Every field has a default, so only a malformed body (a field given twice) fails.
        let form = serde_urlencoded::from_bytes(&bytes).map_err(|_| {
            Failure::refused(
                StatusCode::BAD_REQUEST,
                |t| t.notices.site_forbidden_title,
                |t| t.notices.form_unreadable,
            )
            .into_response()
        })?;
        let sub = Submission::from_parts(parts, lang)
            .ok_or_else(|| StatusCode::INTERNAL_SERVER_ERROR.into_response())?;
        Ok(Posted(sub, form))
    }
}

/// Shapes an answer for a plain form: a redirect, or the page rendered again with the
/// problems marked (the account page with the owner's data).
pub async fn answer(state: &Handlers, parts: Parts, answer: Answer) -> Response {
    match answer {
        Answer::Redirect(to) => Redirect::to(&to).into_response(),
        Answer::Feedback {
            status,
            page,
            feedback,
            retry_after,
        } => {
            let on_account = page
                .split('?')
                .next()
                .is_some_and(|p| p.ends_with("/account"));
            let viewer = parts.extensions.get::<Viewer>().cloned();
            let account = match viewer.filter(|_| on_account) {
                Some(viewer) => match account_view(state, &viewer).await {
                    Ok(view) => view,
                    Err(failure) => return failure.into_response(),
                },
                None => None,
            };
            let data = PageData {
                feedback: Some(feedback),
                account,
                ..PageData::default()
            };
            let mut response = state.pages.render(parts, &page, data).await;
            *response.status_mut() = status;
            if let Some(secs) = retry_after {
                response
                    .headers_mut()
                    .insert(header::RETRY_AFTER, HeaderValue::from(secs));
            }
            response
        }
    }
}

/// Renders `page` with a form's feedback (or none).
pub async fn render(
    state: &Handlers,
    parts: Parts,
    page: &str,
    feedback: Option<FormFeedback>,
) -> Response {
    let data = PageData {
        feedback,
        ..PageData::default()
    };
    state.pages.render(parts, page, data).await
}

/// The owner's data for the account page; a clear 503 page when it cannot be read.
async fn account_view(state: &Handlers, viewer: &Viewer) -> Result<Option<AccountView>, Failure> {
    let view = state
        .db
        .account_view(viewer.account_id, state.require_approval, state.clock.now())
        .await
        .map_err(|e| {
            Failure::from(e).worded(|t| t.account.account_title, |t| t.notices.n_unavailable)
        })?;
    Ok(view)
}

pub fn done_notice(parts: &Parts) -> Option<Notice> {
    form_urlencoded::parse(parts.uri.query().unwrap_or_default().as_bytes())
        .find(|(k, _)| k == "done")
        .and_then(|(_, v)| Notice::from_done_id(&v))
}

/// `GET /{lang}/login/check?next=…`: the cookie set at login came back, so go on; otherwise
/// the browser blocks cookies, and the login page says that login needs them.
pub async fn login_check(
    State(state): State<Handlers>,
    PathLang(lang): PathLang,
    request: Request,
) -> Response {
    let (parts, _) = request.into_parts();
    let next = form_urlencoded::parse(parts.uri.query().unwrap_or_default().as_bytes())
        .find(|(k, _)| k == "next")
        .and_then(|(_, v)| safe_next(&v))
        .unwrap_or_else(|| lang.path("account"));
    let answer_ = if parts.extensions.get::<Viewer>().is_some() {
        Answer::Redirect(next)
    } else {
        Answer::notice(StatusCode::OK, lang.path("login"), Notice::CookiesBlocked)
    };
    answer(&state, parts, answer_).await
}

/// `GET /{lang}/account`: the page with the company's data; without a session, the login page
/// (no data is loaded for anyone but the logged-in owner).
pub async fn account_page(
    State(state): State<Handlers>,
    PathLang(lang): PathLang,
    request: Request,
) -> Result<Response, Failure> {
    let (parts, _) = request.into_parts();
    let account = lang.path("account");
    let Some(viewer) = parts.extensions.get::<Viewer>().cloned() else {
        let query = next_query(&account);
        let ended = parts.extensions.get::<SessionEnded>().is_some();
        let mut to = lang.path(&format!("login?{query}"));
        if ended {
            to.push_str("&done=ended");
        }
        return Ok(Redirect::to(&to).into_response());
    };
    match account_view(&state, &viewer).await? {
        Some(view) => {
            let done = done_notice(&parts);
            let data = PageData {
                feedback: done.map(FormFeedback::notice),
                account: Some(view),
                ..PageData::default()
            };
            Ok(state.pages.render(parts, &account, data).await)
        }
        None => Ok(Redirect::to(&lang.path("login")).into_response()),
    }
}

/// `GET /{lang}/account/export`: everything stored about the company, as a JSON download.
pub async fn export(
    State(state): State<Handlers>,
    PathLang(lang): PathLang,
    request: Request,
) -> Result<Response, Failure> {
    let (parts, _) = request.into_parts();
    let Some(viewer) = parts.extensions.get::<Viewer>().cloned() else {
        let back = lang.path("account");
        return Ok(answer(&state, parts, login_first(lang, &back)).await);
    };
    let exported = state
        .db
        .export_account(viewer.account_id)
        .await
        .map_err(|e| {
            Failure::from(e).worded(|t| t.account.export_heading, |t| t.notices.n_unavailable)
        })?;
    Ok(match exported {
        Some(data) => {
            let body = serde_json::to_string_pretty(&data).unwrap_or_default();
            (
                [
                    (header::CONTENT_TYPE, "application/json; charset=utf-8"),
                    (
                        header::CONTENT_DISPOSITION,
                        "attachment; filename=\"account-data.json\"",
                    ),
                ],
                body,
            )
                .into_response()
        }
        None => StatusCode::NOT_FOUND.into_response(),
    })
}
