//! The operator console at `/admin`: its own login (password and second factor), its own
//! short sessions, and one part per area, each open to the roles that may use it.
//!
//! Without an operator's cookie every console path but the login and set-up pages answers
//! 404, so a company's session (or nobody's) learns nothing. A dead operator session goes
//! back to the login page. A role that does not open an area gets 403. Every change is a
//! plain form POST (the cross-site check in front of all routes refuses one from elsewhere),
//! written to the audit trail with who, what and the masked client address. Pages are never
//! stored by caches.

mod audit;
mod auth;
mod companies;
mod operations;
mod statistics;

use std::sync::Arc;

use app::console::{Frame, Notice, Who, document, words};
use axum::{
    Router,
    extract::{FromRef, FromRequestParts},
    response::{IntoResponse, Redirect, Response},
    routing::{get, post},
};
use domain::{
    lang::Lang,
    net::ClientAddr,
    operator::{Area, Role},
};
use http::{HeaderValue, StatusCode, header, request::Parts};
use leptos::prelude::{IntoView, LeptosOptions};
use portal_core::{
    accounts::passwords::Hasher,
    clock::Clock,
    db::Db,
    mail::Mailer,
    operators::{
        companies::Decision,
        login::{LoginLimits, audit_entry},
        sessions::OperatorSession,
    },
    tokens::token_hash,
};

/// What the console's handlers share.
#[derive(Clone)]
pub struct Console {
    /// The database.
    pub db: Db,
    /// Password hashing.
    pub hasher: Hasher,
    /// The mail queue.
    pub mailer: Mailer,
    /// The clock.
    pub clock: Arc<dyn Clock>,
    /// The limits on failed logins.
    pub limits: LoginLimits,
    /// Leptos' options (the stylesheet's name).
    pub options: LeptosOptions,
    /// The site's name.
    pub site_name: Arc<str>,
    /// The session cookie's name: `__Host-operator` on https.
    pub cookie_name: &'static str,
    /// Whether the site is on https (the cookie is `Secure`).
    pub secure: bool,
    /// Whether a company's publication waits for approval.
    pub require_approval: bool,
    /// The content, current version.
    pub content: portal_core::published::Content,
    /// The site folder (static files), for the report of links that lead nowhere.
    pub site_dir: std::path::PathBuf,
}

/// The console's routes.
pub fn routes<S>() -> Router<S>
where
    S: Clone + Send + Sync + 'static,
    Console: FromRef<S>,
{
    Router::new()
        .route("/admin", get(auth::home))
        .route("/admin/login", get(auth::login_page).post(auth::log_in))
        .route("/admin/logout", post(auth::log_out))
        .route("/admin/audit", get(audit::page))
        .route("/admin/audit.csv", get(audit::csv))
        .route("/admin/statistics", get(statistics::page))
        .route("/admin/statistics.csv", get(statistics::csv))
        .route("/admin/statistics.json", get(statistics::json))
        .route("/admin/feedback", get(statistics::feedback))
        .route("/admin/mail", get(operations::mail))
        .route("/admin/mail/retry", operations::mail_route(true))
        .route("/admin/mail/discard", operations::mail_route(false))
        .route("/admin/mail/test", post(operations::mail_test))
        .route("/admin/content", get(operations::content))
        .route("/admin/content/publish", post(operations::publish))
        .route("/admin/operators", get(operations::operators))
        .route(
            "/admin/operators/disable",
            operations::operator_route(operations::Change::Disable),
        )
        .route(
            "/admin/operators/end-sessions",
            operations::operator_route(operations::Change::EndSessions),
        )
        .route(
            "/admin/operators/link",
            operations::operator_route(operations::Change::Link),
        )
        .route("/admin/companies", get(companies::page))
        .route(
            "/admin/companies/approve",
            companies::decision(Decision::Approve),
        )
        .route(
            "/admin/companies/reject",
            companies::decision(Decision::Reject),
        )
        .route("/admin/companies/hide", companies::decision(Decision::Hide))
        .route("/admin/companies/show", companies::decision(Decision::Show))
        .route(
            "/admin/companies/end-sessions",
            post(companies::end_sessions),
        )
        .route(
            "/admin/setup",
            get(auth::setup_page)
                .post(auth::set_up)
                .layer(crate::accounts::no_referrer()),
        )
}

impl Console {
    /// A console page: `title`, in its frame, with `status`, never stored by caches.
    pub fn page<V: IntoView + 'static>(
        &self,
        status: StatusCode,
        frame: Framing,
        body: V,
    ) -> Response {
        let html = document(
            Frame {
                options: &self.options,
                lang: frame.lang,
                site_name: &self.site_name,
                title: frame.title,
                who: frame.who,
                area: frame.area,
                notice: frame.notice,
            },
            body,
        );
        let mut response = (status, axum::response::Html(html)).into_response();
        response
            .headers_mut()
            .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
        response
    }

    /// The session cookie for `token`: for this site only, never sent cross-site, gone with
    /// the browser.
    fn cookie(&self, token: &str) -> HeaderValue {
        let secure = if self.secure { "; Secure" } else { "" };
        HeaderValue::from_str(&format!(
            "{}={token}; Path=/; HttpOnly; SameSite=Strict{secure}",
            self.cookie_name
        ))
        .unwrap_or_else(|_| HeaderValue::from_static(""))
    }

    /// The cookie that removes the session cookie.
    fn expired_cookie(&self) -> HeaderValue {
        let secure = if self.secure { "; Secure" } else { "" };
        HeaderValue::from_str(&format!(
            "{}=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0{secure}",
            self.cookie_name
        ))
        .unwrap_or_else(|_| HeaderValue::from_static(""))
    }

    /// The token of the request's operator cookie, if it carries one.
    fn token(&self, parts: &Parts) -> Option<String> {
        parts
            .headers
            .get_all(header::COOKIE)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .flat_map(|v| v.split(';'))
            .filter_map(|pair| pair.trim().split_once('='))
            .find(|(name, _)| *name == self.cookie_name)
            .map(|(_, value)| value.to_owned())
            .filter(|v| !v.is_empty())
    }
}

/// The frame of a page: language, title, who, area, notice.
pub struct Framing {
    /// The language.
    pub lang: Lang,
    /// The heading and title.
    pub title: String,
    /// The logged-in operator.
    pub who: Option<Who>,
    /// The area.
    pub area: Option<Area>,
    /// A notice.
    pub notice: Option<Notice>,
}

/// The masked address of the request's client (`-` when the middleware did not run).
fn masked_ip(parts: &Parts) -> String {
    parts
        .extensions
        .get::<ClientAddr>()
        .map_or_else(|| "-".to_owned(), |c| c.masked())
}

/// The operator behind a request, from a live session. Without an operator cookie the
/// request gets 404 (the console does not exist for it); with a dead one, the login page.
pub struct Operator {
    /// The session's operator.
    pub session: OperatorSession,
    /// The client's masked address, for the audit trail.
    pub masked_ip: String,
    /// The session token's hash (logout ends it).
    token_hash: String,
    console: Console,
}

impl<S> FromRequestParts<S> for Operator
where
    S: Send + Sync,
    Console: FromRef<S>,
{
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Operator, Response> {
        let console = Console::from_ref(state);
        let Some(token) = console.token(parts) else {
            return Err(StatusCode::NOT_FOUND.into_response());
        };
        let hash = token_hash(&token);
        match console
            .db
            .operator_session(&hash, console.clock.now())
            .await
        {
            Ok(Some(session)) => Ok(Operator {
                session,
                masked_ip: masked_ip(parts),
                token_hash: hash,
                console,
            }),
            Ok(None) => {
                let mut response = Redirect::to("/admin/login?done=session-ended").into_response();
                response
                    .headers_mut()
                    .insert(header::SET_COOKIE, console.expired_cookie());
                Err(response)
            }
            Err(e) => {
                tracing::error!(error = %e, "operator session lookup failed");
                Err(StatusCode::SERVICE_UNAVAILABLE.into_response())
            }
        }
    }
}

impl Operator {
    /// The console's language for this operator.
    pub fn lang(&self) -> Lang {
        self.session.lang
    }

    /// The frame of one of this operator's pages.
    pub fn frame(&self, title: impl Into<String>, area: Option<Area>) -> Framing {
        Framing {
            lang: self.lang(),
            title: title.into(),
            who: Some(Who {
                email: self.session.email.clone(),
                role: self.session.role,
            }),
            area,
            notice: None,
        }
    }

    /// Refuses (403, a page that says so) unless the operator's role opens `area`.
    pub fn may(&self, area: Area) -> Result<(), Stop> {
        if self.session.role.may(area) {
            return Ok(());
        }
        let t = words(self.lang());
        let mut frame = self.frame(t.area(area).0, None);
        frame.notice = Some(Notice::Error(t.forbidden.to_owned()));
        Err(Stop::from(self.console.page(
            StatusCode::FORBIDDEN,
            frame,
            (),
        )))
    }

    /// Writes `action` on `subject` to the audit trail as this operator's.
    pub async fn audit(&self, action: &str, subject: impl Into<String>) -> Result<(), Stop> {
        let entry = audit_entry(
            self.console.clock.now(),
            Some(self.session.id),
            action,
            subject,
            &self.masked_ip,
        );
        self.console
            .db
            .audit(&entry)
            .await
            .map_err(|e| Stop::from(self.unavailable(e)))
    }

    /// The "could not be done" page (503), after logging why.
    pub fn unavailable(&self, e: impl std::fmt::Display) -> Response {
        tracing::error!(error = %e, "console action failed");
        let t = words(self.lang());
        let mut frame = self.frame(t.home_title, None);
        frame.notice = Some(Notice::Error(t.unavailable.to_owned()));
        self.console
            .page(StatusCode::SERVICE_UNAVAILABLE, frame, ())
    }

    /// The role.
    pub fn role(&self) -> Role {
        self.session.role
    }
}

/// A page that ends a handler early (a refusal, a failure): `?` returns it.
pub struct Stop(Box<Response>);

impl From<Response> for Stop {
    fn from(response: Response) -> Stop {
        Stop(Box::new(response))
    }
}

impl IntoResponse for Stop {
    fn into_response(self) -> Response {
        *self.0
    }
}
