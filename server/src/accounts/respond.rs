//! How the account actions answer: a redirect or the form page again with its problems for a
//! plain form, the path to go to or a typed [`Refusal`] for a server function.

use app::{
    api::Refusal,
    domain::{
        account::{Field, FormFeedback, Notice, Problem, Viewer},
        consent::{ConsentMode, ConsentStatus},
        lang::Lang,
    },
};
use axum::{
    body::Body,
    extract::Request,
    response::{IntoResponse, Redirect, Response},
};
use http::{HeaderValue, StatusCode, header, request::Parts};
use tower::ServiceExt;
use tower_sessions::Session;

use crate::client_addr::ClientAddr;

use super::*;

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

/// A handler's answer before it is shaped for a browser with or without JavaScript.
#[derive(Debug)]
pub(crate) enum Answer {
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

    /// Go on to `page` with a success `notice` (`?done=`).
    pub(super) fn done(page: String, notice: Notice) -> Answer {
        let done = notice.done_id().unwrap_or_default();
        Answer::Redirect(format!("{page}?done={done}"))
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

/// A request's language and extensions (session, viewer, consent, client address): what
/// every core function reads besides its form.
pub(crate) struct Submission {
    pub(super) lang: Lang,
    pub(super) parts: Parts,
    client: ClientAddr,
}

impl Submission {
    /// From a request's parts (the server functions' way in).
    pub(crate) fn from_parts(parts: Parts, lang: Lang) -> Option<Submission> {
        let client = parts.extensions.get::<ClientAddr>().copied()?;
        Some(Submission {
            lang,
            parts,
            client,
        })
    }
}

/// A plain form post to an account page: its [`Submission`] and its body (at most 16 KiB)
/// read into the action's typed form.
pub(super) struct Posted<T>(pub(super) Submission, pub(super) T);

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
            crate::consent::simple_page(
                lang,
                StatusCode::BAD_REQUEST,
                |t| t.site_forbidden_title,
                |t| t.form_unreadable,
            )
        })?;
        let sub = Submission::from_parts(parts, lang)
            .ok_or_else(|| StatusCode::INTERNAL_SERVER_ERROR.into_response())?;
        Ok(Posted(sub, form))
    }
}

impl Submission {
    pub(super) fn viewer(&self) -> Option<Viewer> {
        self.parts.extensions.get::<Viewer>().cloned()
    }

    pub(super) fn session(&self) -> Option<Session> {
        self.parts.extensions.get::<Session>().cloned()
    }

    pub(super) fn page(&self, rest: &str) -> String {
        self.lang.path(rest)
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

impl Answer {
    /// The answer for a server function: where to go next, or the refusal.
    pub(crate) fn into_result(self) -> Result<String, Refusal> {
        match self {
            Answer::Redirect(to) => Ok(to),
            Answer::Feedback {
                status,
                feedback,
                retry_after,
                ..
            } => Err(Refusal {
                status: status.as_u16(),
                notice: feedback.notice,
                errors: feedback.errors,
                retry_after,
            }),
        }
    }
}

/// Shapes an answer for a plain form: a redirect, or the page rendered again with the
/// problems marked (the account page with the owner's data).
pub(super) async fn answer(state: &AccountsState, mut parts: Parts, answer: Answer) -> Response {
    match answer {
        Answer::Redirect(to) => Redirect::to(&to).into_response(),
        Answer::Feedback {
            status,
            page,
            feedback,
            retry_after,
        } => {
            if page
                .split('?')
                .next()
                .is_some_and(|p| p.ends_with("/account"))
                && let Some(viewer) = parts.extensions.get::<Viewer>()
                && let Ok(Some(view)) = state
                    .db
                    .account_view(viewer.account_id, state.require_approval, state.clock.now())
                    .await
            {
                parts.extensions.insert(view);
            }
            let mut response = render(state, parts, &page, Some(feedback)).await;
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

/// Something an action needed did not answer (the database, password hashing, the session
/// store, logo storage, a full queue). Core functions return it with `?`; [`super::run`] turns
/// it into the form's page again with "try again later" (503), once. It is logged, never shown.
#[derive(Debug)]
pub(crate) struct Unavailable(Box<dyn std::error::Error + Send + Sync>);

impl<E: std::error::Error + Send + Sync + 'static> From<E> for Unavailable {
    fn from(e: E) -> Unavailable {
        Unavailable(Box::new(e))
    }
}

impl Unavailable {
    /// For a failure that has only a message.
    pub(super) fn msg(text: impl std::fmt::Display) -> Unavailable {
        Unavailable(text.to_string().into())
    }

    /// The answer: the form's `page` again, 503.
    pub(super) fn answer(self, page: String) -> Answer {
        unavailable(page, &self.0)
    }
}

/// Why a core function stopped before it was done: a refusal it answers with (the form's
/// page with its problems, a limit, "log in first"), or something it needed that did not
/// answer. Both convert with `?`: an [`Answer`], an [`Unavailable`], or any error.
#[derive(Debug)]
pub(crate) enum Stop {
    /// Refused: this is the answer.
    Refused(Answer),
    /// Not carried out: the form's page again with 503.
    Unavailable(Unavailable),
}

impl From<Answer> for Stop {
    fn from(answer: Answer) -> Stop {
        Stop::Refused(answer)
    }
}

impl From<Unavailable> for Stop {
    fn from(e: Unavailable) -> Stop {
        Stop::Unavailable(e)
    }
}

impl<E: std::error::Error + Send + Sync + 'static> From<E> for Stop {
    fn from(e: E) -> Stop {
        Stop::Unavailable(e.into())
    }
}

impl Stop {
    /// The answer: the refusal, or the form's `page` again with 503.
    pub(super) fn answer(self, page: String) -> Answer {
        match self {
            Stop::Refused(answer) => answer,
            Stop::Unavailable(e) => e.answer(page),
        }
    }
}

/// What a core function gives back: an answer, or what stopped it.
pub(super) type Outcome = Result<Answer, Stop>;

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
    let page = lang.path(&format!("login?{query}"));
    Answer::notice(StatusCode::UNAUTHORIZED, page, Notice::SessionEnded)
}
