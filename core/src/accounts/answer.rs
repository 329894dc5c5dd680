//! How the account actions answer: a redirect or the form page again with its problems for a
//! plain form, the path to go to or a typed [`Refusal`] for a server function.

use domain::{
    account::{Field, FormFeedback, Notice, Problem, Viewer},
    api::Refusal,
    consent::{ConsentMode, ConsentStatus},
    lang::Lang,
    net::ClientAddr,
};
use http::{StatusCode, request::Parts};
use tower_sessions::Session;

/// A handler's answer before it is shaped for a browser with or without JavaScript.
#[derive(Debug)]
pub enum Answer {
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
    pub fn feedback(status: StatusCode, page: String, feedback: FormFeedback) -> Answer {
        Answer::Feedback {
            status,
            page,
            feedback,
            retry_after: None,
        }
    }

    /// Go on to `page` with a success `notice` (`?done=`).
    pub fn done(page: String, notice: Notice) -> Answer {
        let done = notice.done_id().unwrap_or_default();
        Answer::Redirect(format!("{page}?done={done}"))
    }

    pub fn notice(status: StatusCode, page: String, notice: Notice) -> Answer {
        Answer::feedback(status, page, FormFeedback::notice(notice))
    }

    pub fn fields(
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
pub struct Submission {
    pub lang: Lang,
    pub parts: Parts,
    client: ClientAddr,
}

impl Submission {
    /// From a request's parts (the server functions' way in).
    pub fn from_parts(parts: Parts, lang: Lang) -> Option<Submission> {
        let client = parts.extensions.get::<ClientAddr>().copied()?;
        Some(Submission {
            lang,
            parts,
            client,
        })
    }
}

impl Submission {
    pub fn viewer(&self) -> Option<Viewer> {
        self.parts.extensions.get::<Viewer>().cloned()
    }

    pub fn session(&self) -> Option<Session> {
        self.parts.extensions.get::<Session>().cloned()
    }

    pub fn page(&self, rest: &str) -> String {
        self.lang.path(rest)
    }

    /// In all-or-nothing mode a login session is a cookie like any other: consent first.
    pub fn lacks_consent(&self, mode: ConsentMode) -> bool {
        mode == ConsentMode::AllOrNothing
            && !self
                .parts
                .extensions
                .get::<ConsentStatus>()
                .is_some_and(|s| s.answered)
    }

    pub fn masked_ip(&self) -> String {
        self.client.masked()
    }
}

impl Answer {
    /// The answer for a server function: where to go next, or the refusal.
    pub fn into_result(self) -> Result<String, Refusal> {
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

pub fn limited(page: String, retry: u64) -> Answer {
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
pub struct Unavailable(Box<dyn std::error::Error + Send + Sync>);

impl<E: std::error::Error + Send + Sync + 'static> From<E> for Unavailable {
    fn from(e: E) -> Unavailable {
        Unavailable(Box::new(e))
    }
}

impl std::fmt::Display for Unavailable {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.fmt(f)
    }
}

impl Unavailable {
    /// For a failure that has only a message.
    pub fn msg(text: impl std::fmt::Display) -> Unavailable {
        Unavailable(text.to_string().into())
    }

    /// The answer: the form's `page` again, 503.
    pub fn answer(self, page: String) -> Answer {
        unavailable(page, &self.0)
    }
}

/// Why a core function stopped before it was done: a refusal it answers with (the form's
/// page with its problems, a limit, "log in first"), or something it needed that did not
/// answer. Both convert with `?`: an [`Answer`], an [`Unavailable`], or any error.
#[derive(Debug)]
pub enum Stop {
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
    pub fn answer(self, page: String) -> Answer {
        match self {
            Stop::Refused(answer) => answer,
            Stop::Unavailable(e) => e.answer(page),
        }
    }
}

/// What a core function gives back: an answer, or what stopped it.
pub type Outcome = Result<Answer, Stop>;

pub fn unavailable(page: String, e: &dyn std::fmt::Display) -> Answer {
    tracing::error!(error = %e, "account request failed");
    Answer::notice(StatusCode::SERVICE_UNAVAILABLE, page, Notice::Unavailable)
}

/// `next=<path>`, encoded: where to go back to after login.
pub fn next_query(path: &str) -> String {
    form_urlencoded::Serializer::new(String::new())
        .append_pair("next", path)
        .finish()
}

/// The login page for a request that needs a session but has none.
pub fn login_first(lang: Lang, back: &str) -> Answer {
    let query = next_query(back);
    let page = lang.path(&format!("login?{query}"));
    Answer::notice(StatusCode::UNAUTHORIZED, page, Notice::SessionEnded)
}
