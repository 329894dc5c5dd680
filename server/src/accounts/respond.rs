//! How the account handlers answer: a redirect, or the form page again with its problems —
//! as JSON for scripts, as the page rendered through the app for plain forms.

use app::domain::{
    account::{Field, FormFeedback, Notice, Problem, Viewer},
    consent::{ConsentMode, ConsentStatus},
    i18n::strings,
    lang::Lang,
};
use axum::{
    Json,
    body::Body,
    extract::Request,
    response::{IntoResponse, Redirect, Response},
};
use http::{HeaderValue, StatusCode, header, request::Parts};
use tower::ServiceExt;
use tower_sessions::Session;

use crate::{client_addr::ClientAddr, consent::parse_form};

use super::*;

/// The language of a request, from its path's first segment (every account route has one).
pub struct PathLang(pub Lang);

impl<S: Send + Sync> axum::extract::FromRequestParts<S> for PathLang {
    type Rejection = StatusCode;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        parts
            .uri
            .path()
            .split('/')
            .nth(1)
            .and_then(Lang::from_code)
            .map(PathLang)
            .ok_or(StatusCode::NOT_FOUND)
    }
}

/// A handler's answer before it is shaped for a browser with or without JavaScript.
pub(super) enum Answer {
    /// Go on to this path (303).
    Redirect(String),
    /// Show `page` again with this feedback and status.
    Feedback {
        status: StatusCode,
        page: String,
        feedback: FormFeedback,
        retry_after: Option<u64>,
    },
}

impl Answer {
    pub(super) fn feedback(status: StatusCode, page: String, feedback: FormFeedback) -> Answer {
        Answer::Feedback {
            status,
            page,
            feedback,
            retry_after: None,
        }
    }

    pub(super) fn notice(status: StatusCode, page: String, notice: Notice) -> Answer {
        Answer::feedback(status, page, FormFeedback::notice(notice))
    }

    pub(super) fn fields(
        page: String,
        errors: Vec<(Field, Problem)>,
        values: Vec<(Field, String)>,
    ) -> Answer {
        Answer::feedback(
            StatusCode::UNPROCESSABLE_ENTITY,
            page,
            FormFeedback {
                errors,
                values,
                notice: Some(Notice::FixFields),
            },
        )
    }
}

/// A request's form, language and extensions, read once.
pub(super) struct Submission {
    pub(super) lang: Lang,
    pub(super) parts: Parts,
    form: Vec<(String, String)>,
    client: ClientAddr,
}

/// A form post to an account page, read in full (at most 16 KiB) with the page's language
/// and the client's address.
impl<S: Send + Sync> axum::extract::FromRequest<S> for Submission {
    type Rejection = Response;

    async fn from_request(request: Request, state: &S) -> Result<Self, Self::Rejection> {
        use axum::extract::FromRequestParts;
        let (mut parts, body) = request.into_parts();
        let PathLang(lang) = PathLang::from_request_parts(&mut parts, state)
            .await
            .map_err(IntoResponse::into_response)?;
        let client = parts
            .extensions
            .get::<ClientAddr>()
            .copied()
            .ok_or_else(|| StatusCode::INTERNAL_SERVER_ERROR.into_response())?;
        let bytes = axum::body::to_bytes(body, 16 * 1024)
            .await
            .map_err(|_| StatusCode::PAYLOAD_TOO_LARGE.into_response())?;
        Ok(Submission {
            lang,
            form: parse_form(&bytes),
            parts,
            client,
        })
    }
}

impl Submission {
    pub(super) fn field(&self, name: &str) -> &str {
        self.form
            .iter()
            .find(|(k, _)| k == name)
            .map_or("", |(_, v)| v.as_str())
    }

    pub(super) fn viewer(&self) -> Option<Viewer> {
        self.parts.extensions.get::<Viewer>().cloned()
    }

    pub(super) fn session(&self) -> Option<Session> {
        self.parts.extensions.get::<Session>().cloned()
    }

    pub(super) fn page(&self, rest: &str) -> String {
        format!("/{}/{rest}", self.lang.code())
    }

    /// In all-or-nothing mode a login session is a cookie like any other: consent first.
    pub(super) fn lacks_consent(&self, mode: ConsentMode) -> bool {
        mode == ConsentMode::AllOrNothing
            && !self
                .parts
                .extensions
                .get::<ConsentStatus>()
                .is_some_and(|s| s.answered)
    }

    pub(super) fn masked_ip(&self) -> String {
        self.client.masked()
    }
}

pub(super) fn wants_json(parts: &Parts) -> bool {
    parts
        .headers
        .get(header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.contains("application/json"))
}

/// Shapes an answer: a redirect or JSON for scripts, a redirect or the re-rendered page for
/// plain forms.
pub(super) async fn answer(
    state: &AccountsState,
    lang: Lang,
    parts: Parts,
    answer: Answer,
) -> Response {
    let json = wants_json(&parts);
    let mut response = match answer {
        Answer::Redirect(to) if json => Json(serde_json::json!({ "redirect": to })).into_response(),
        Answer::Redirect(to) => Redirect::to(&to).into_response(),
        Answer::Feedback {
            status,
            page,
            feedback,
            retry_after,
        } => {
            let mut response = if json {
                let t = strings(lang);
                let errors: Vec<serde_json::Value> = feedback
                    .errors
                    .iter()
                    .map(|(field, problem)| {
                        serde_json::json!({ "field": field.name(), "message": t.problem(*problem) })
                    })
                    .collect();
                let notice = feedback.notice.map(|n| t.notice(n));
                (
                    status,
                    Json(serde_json::json!({ "notice": notice, "errors": errors })),
                )
                    .into_response()
            } else {
                let mut response = render(state, parts, &page, Some(feedback)).await;
                *response.status_mut() = status;
                response
            };
            if let Some(secs) = retry_after
                && let Ok(value) = HeaderValue::from_str(&secs.to_string())
            {
                response.headers_mut().insert(header::RETRY_AFTER, value);
            }
            response
        }
    };
    response
        .headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

/// Renders `page` (a path with an optional query) through the app, with the request's
/// extensions (consent, session, viewer) and the feedback.
pub(super) async fn render(
    state: &AccountsState,
    parts: Parts,
    page: &str,
    feedback: Option<FormFeedback>,
) -> Response {
    let mut request = Request::new(Body::empty());
    *request.uri_mut() = page.parse().unwrap_or_default();
    *request.headers_mut() = parts.headers;
    request.headers_mut().remove(header::CONTENT_TYPE);
    request.headers_mut().remove(header::CONTENT_LENGTH);
    *request.extensions_mut() = parts.extensions;
    if let Some(feedback) = feedback {
        request.extensions_mut().insert(feedback);
    }
    match state.pages.clone().oneshot(request).await {
        Ok(response) => response.into_response(),
        Err(never) => match never {},
    }
}

pub(super) fn done_notice(parts: &Parts) -> Option<Notice> {
    form_urlencoded::parse(parts.uri.query().unwrap_or_default().as_bytes())
        .find(|(k, _)| k == "done")
        .and_then(|(_, v)| Notice::from_done_id(&v))
}

pub(super) fn limited(page: String, retry: u64) -> Answer {
    Answer::Feedback {
        status: StatusCode::TOO_MANY_REQUESTS,
        page,
        feedback: FormFeedback::notice(Notice::TooManyAttempts(retry)),
        retry_after: Some(retry),
    }
}

pub(super) fn unavailable(page: String, e: &dyn std::fmt::Display) -> Answer {
    tracing::error!(error = %e, "account request failed");
    Answer::notice(StatusCode::SERVICE_UNAVAILABLE, page, Notice::Unavailable)
}

/// `next=<path>`, encoded: where to go back to after login.
pub(super) fn next_query(path: &str) -> String {
    form_urlencoded::Serializer::new(String::new())
        .append_pair("next", path)
        .finish()
}

/// The login page for a request that needs a session but has none.
pub(super) fn login_first(lang: Lang, back: &str) -> Answer {
    let query = next_query(back);
    let page = format!("/{}/login?{query}", lang.code());
    Answer::notice(StatusCode::UNAUTHORIZED, page, Notice::SessionEnded)
}
