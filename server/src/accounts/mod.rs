//! Company accounts over HTTP: registration, login, logout, the account page's forms, data
//! export and deletion.
//!
//! Every form is a plain POST to its page's own URL. Without JavaScript a refused form comes
//! back as its page with the problems marked (the page is rendered by the Leptos app with a
//! [`FormFeedback`] in the request); with JavaScript (`Accept: application/json`) the answer is
//! JSON — `{"redirect": …}` or `{"notice": …, "errors": [{"field", "message"}]}` — and the page
//! marks the fields without a reload. Each handler checks the session itself; the cross-site
//! check for every non-GET request sits in front of all routes.

mod logo;
pub mod passwords;
pub mod sessions;
pub mod store;

use std::{net::SocketAddr, sync::Arc};

use app::domain::{
    account::{
        Field, FormFeedback, Notice, Problem, Profile, Viewer, check_company, normalise_email,
        safe_next,
    },
    consent::{ConsentMode, ConsentStatus},
    i18n::strings,
    lang::Lang,
    net::mask_ip,
};
use axum::{
    Json, Router,
    body::Body,
    extract::{ConnectInfo, Request, State},
    response::{IntoResponse, Redirect, Response},
    routing::{get, post},
};
use http::{HeaderValue, StatusCode, header, request::Parts};
use sha2::{Digest, Sha256};
use tower::ServiceExt;
use tower_sessions::Session;

use self::{
    passwords::{Hasher, check_new_password},
    sessions::SessionEnded,
    store::CreateError,
};
use crate::{clock::Clock, config::AccountSettings, consent::parse_form, db::Db};

/// What the account handlers share.
#[derive(Clone)]
pub struct AccountsState {
    /// The database.
    pub db: Db,
    /// Password hashing.
    pub hasher: Hasher,
    /// The clock.
    pub clock: Arc<dyn Clock>,
    /// Timeouts and limits.
    pub settings: AccountSettings,
    /// The consent mode (all-or-nothing: no login without consent).
    pub mode: ConsentMode,
    /// The rendered pages, to show a form page again with its problems.
    pub pages: Router,
    /// Where logos are kept.
    pub logos: crate::logos::LogoStore,
    /// Largest logo upload in bytes.
    pub logo_max_bytes: u64,
    /// Images cleaned at once (each may take up to the decoder's memory cap).
    pub image_permits: Arc<tokio::sync::Semaphore>,
}

/// The app's routes for the pages this module serves: left out of the Leptos route list, as
/// the handlers here render those pages through the app themselves.
pub const LEPTOS_PATHS: [&str; 3] = ["/{lang}/register", "/{lang}/login", "/{lang}/account"];

/// The account routes, one set per language (static paths: the content pages' catch-all route
/// leaves no room for a `/{lang}/…` parameter).
pub fn routes(state: AccountsState) -> Router {
    let mut router = Router::new();
    for lang in Lang::ALL {
        let at = |rest: &str| format!("/{}/{rest}", lang.code());
        router = router
            .route(&at("register"), get(show_page).post(register))
            .route(&at("login"), get(show_page).post(login))
            .route(&at("login/check"), get(login_check))
            .route(&at("logout"), post(logout))
            .route(&at("account"), get(account_page).post(save_profile))
            .route(&at("account/password"), post(change_password))
            .route(&at("account/delete"), post(delete_account))
            .route(&at("account/export"), get(export))
            .route(&at("account/logo/remove"), post(logo::remove))
            .route(
                &at("account/logo"),
                post(logo::upload).layer(axum::extract::DefaultBodyLimit::max(
                    usize::try_from(state.logo_max_bytes + logo::FRAMING).unwrap_or(usize::MAX),
                )),
            );
    }
    router
        .route("/logos/{file}", get(logo::serve))
        .with_state(state)
}

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
enum Answer {
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
    fn feedback(status: StatusCode, page: String, feedback: FormFeedback) -> Answer {
        Answer::Feedback {
            status,
            page,
            feedback,
            retry_after: None,
        }
    }

    fn notice(status: StatusCode, page: String, notice: Notice) -> Answer {
        Answer::feedback(status, page, FormFeedback::notice(notice))
    }

    fn fields(page: String, errors: Vec<(Field, Problem)>, values: Vec<(Field, String)>) -> Answer {
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
struct Submission {
    lang: Lang,
    parts: Parts,
    form: Vec<(String, String)>,
    peer: SocketAddr,
}

impl Submission {
    async fn read(lang: Lang, peer: SocketAddr, request: Request) -> Result<Submission, Response> {
        let (parts, body) = request.into_parts();
        let bytes = axum::body::to_bytes(body, 16 * 1024)
            .await
            .map_err(|_| StatusCode::PAYLOAD_TOO_LARGE.into_response())?;
        Ok(Submission {
            lang,
            form: parse_form(&bytes),
            parts,
            peer,
        })
    }

    fn field(&self, name: &str) -> &str {
        self.form
            .iter()
            .find(|(k, _)| k == name)
            .map_or("", |(_, v)| v.as_str())
    }

    fn viewer(&self) -> Option<Viewer> {
        self.parts.extensions.get::<Viewer>().cloned()
    }

    fn session(&self) -> Option<Session> {
        self.parts.extensions.get::<Session>().cloned()
    }

    fn page(&self, rest: &str) -> String {
        format!("/{}/{rest}", self.lang.code())
    }

    /// In all-or-nothing mode a login session is a cookie like any other: consent first.
    fn lacks_consent(&self, mode: ConsentMode) -> bool {
        mode == ConsentMode::AllOrNothing
            && !self
                .parts
                .extensions
                .get::<ConsentStatus>()
                .is_some_and(|s| s.answered)
    }

    fn masked_ip(&self) -> String {
        mask_ip(self.peer.ip()).to_string()
    }
}

fn wants_json(parts: &Parts) -> bool {
    parts
        .headers
        .get(header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.contains("application/json"))
}

/// Shapes an answer: a redirect or JSON for scripts, a redirect or the re-rendered page for
/// plain forms.
async fn answer(state: &AccountsState, lang: Lang, parts: Parts, answer: Answer) -> Response {
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
async fn render(
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

/// `GET /{lang}/login`, `/{lang}/register`: the page (with a `?done=` notice, if any).
async fn show_page(
    State(state): State<AccountsState>,
    PathLang(_): PathLang,
    request: Request,
) -> Response {
    let (parts, _) = request.into_parts();
    let done = done_notice(&parts);
    let page = parts.uri.to_string();
    render(&state, parts, &page, done.map(FormFeedback::notice)).await
}

fn done_notice(parts: &Parts) -> Option<Notice> {
    form_urlencoded::parse(parts.uri.query().unwrap_or_default().as_bytes())
        .find(|(k, _)| k == "done")
        .and_then(|(_, v)| Notice::from_done_id(&v))
}

fn limited(page: String, retry: u64) -> Answer {
    Answer::Feedback {
        status: StatusCode::TOO_MANY_REQUESTS,
        page,
        feedback: FormFeedback::notice(Notice::TooManyAttempts(retry)),
        retry_after: Some(retry),
    }
}

fn unavailable(page: String, e: &dyn std::fmt::Display) -> Answer {
    tracing::error!(error = %e, "account request failed");
    Answer::notice(StatusCode::SERVICE_UNAVAILABLE, page, Notice::Unavailable)
}

/// The rate-limit bucket of an e-mail address: a hash, never the address.
pub fn account_bucket(email: &str) -> String {
    let digest = Sha256::digest(email.as_bytes());
    let hex: String = digest.iter().map(|b| format!("{b:02x}")).collect();
    format!("login-account:{hex}")
}

impl AccountsState {
    /// Seconds until `bucket` is below `limit` again within `window`; `None` when it is now.
    async fn blocked(
        &self,
        bucket: &str,
        limit: u32,
        window: i64,
    ) -> Result<Option<u64>, sqlx::Error> {
        let now = self.clock.now();
        let (count, oldest) = self.db.attempts(bucket, now - window).await?;
        Ok((count >= limit).then(|| u64::try_from(oldest + window - now).unwrap_or(1).max(1)))
    }

    fn window(&self) -> i64 {
        i64::try_from(self.settings.failure_window_minutes * 60).unwrap_or(i64::MAX)
    }
}

/// `POST /{lang}/register`
async fn register(
    State(state): State<AccountsState>,
    PathLang(lang): PathLang,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    request: Request,
) -> Response {
    let sub = match Submission::read(lang, peer, request).await {
        Ok(sub) => sub,
        Err(response) => return response,
    };
    let result = register_inner(&state, &sub).await;
    answer(&state, sub.lang, sub.parts, result).await
}

async fn register_inner(state: &AccountsState, sub: &Submission) -> Answer {
    let page = sub.page("register");
    if sub.lacks_consent(state.mode) {
        return Answer::notice(StatusCode::FORBIDDEN, page, Notice::NeedsConsent);
    }
    let company = check_company(sub.field("company"));
    let email = normalise_email(sub.field("email"));
    let password = sub.field("password");
    let mut errors = Vec::new();
    if let Err(p) = &company {
        errors.push((Field::Company, *p));
    }
    if let Err(p) = &email {
        errors.push((Field::Email, *p));
    }
    if let Err(p) = check_new_password(password) {
        errors.push((Field::Password, p));
    }
    let values = vec![
        (Field::Company, sub.field("company").to_owned()),
        (Field::Email, sub.field("email").to_owned()),
    ];
    let (Ok(company), Ok(email), true) = (company, email, errors.is_empty()) else {
        return Answer::fields(page, errors, values);
    };
    let bucket = format!("register-ip:{}", sub.masked_ip());
    let hour = 3600;
    match state
        .blocked(&bucket, state.settings.registrations_per_ip_per_hour, hour)
        .await
    {
        Ok(Some(retry)) => return limited(page, retry),
        Ok(None) => {}
        Err(e) => return unavailable(page, &e),
    }
    let now = state.clock.now();
    if let Err(e) = state.db.add_attempts(&[&bucket], now).await {
        return unavailable(page, &e);
    }
    let hash = match state.hasher.hash(password).await {
        Ok(hash) => hash,
        Err(e) => return unavailable(page, &e),
    };
    let id = match state.db.create_account(&email, &hash, &company, now).await {
        Ok(id) => id,
        Err(CreateError::Taken) => {
            return Answer::fields(page, vec![(Field::Email, Problem::EmailTaken)], values);
        }
        Err(CreateError::Db(e)) => return unavailable(page, &e),
    };
    tracing::info!(account = id, "account registered");
    metrics::counter!("portal_registrations_total").increment(1);
    log_in(state, sub, id, &format!("/{}/account", sub.lang.code())).await
}

/// Starts the session and sends the browser to the check that its cookie came back.
async fn log_in(state: &AccountsState, sub: &Submission, account: i64, next: &str) -> Answer {
    let page = sub.page("login");
    let Some(session) = sub.session() else {
        return unavailable(page, &"no session layer");
    };
    if let Err(e) = sessions::start(&session, account, state.clock.now()).await {
        return unavailable(page, &e);
    }
    let query: String = form_urlencoded::Serializer::new(String::new())
        .append_pair("next", next)
        .finish();
    Answer::Redirect(format!("/{}/login/check?{query}", sub.lang.code()))
}

/// `POST /{lang}/login`
async fn login(
    State(state): State<AccountsState>,
    PathLang(lang): PathLang,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    request: Request,
) -> Response {
    let sub = match Submission::read(lang, peer, request).await {
        Ok(sub) => sub,
        Err(response) => return response,
    };
    let result = login_inner(&state, &sub).await;
    answer(&state, sub.lang, sub.parts, result).await
}

async fn login_inner(state: &AccountsState, sub: &Submission) -> Answer {
    let next = safe_next(sub.field("next"));
    let page = match &next {
        Some(next) => {
            let query: String = form_urlencoded::Serializer::new(String::new())
                .append_pair("next", next)
                .finish();
            format!("{}?{query}", sub.page("login"))
        }
        None => sub.page("login"),
    };
    if sub.lacks_consent(state.mode) {
        return Answer::notice(StatusCode::FORBIDDEN, page, Notice::NeedsConsent);
    }
    let failed = |page: String| {
        Answer::feedback(
            StatusCode::UNAUTHORIZED,
            page,
            FormFeedback {
                errors: Vec::new(),
                values: vec![(Field::Email, sub.field("email").to_owned())],
                notice: Some(Notice::LoginFailed),
            },
        )
    };
    // Every failure below looks the same, whatever the reason.
    let email = normalise_email(sub.field("email")).unwrap_or_default();
    let password = sub.field("password");
    let account_bucket = account_bucket(&email);
    let ip_bucket = format!("login-ip:{}", sub.masked_ip());
    let window = state.window();
    for (bucket, limit) in [
        (&account_bucket, state.settings.login_failures_per_account),
        (&ip_bucket, state.settings.login_failures_per_ip),
    ] {
        match state.blocked(bucket, limit, window).await {
            Ok(Some(retry)) => {
                metrics::counter!("portal_logins_total", "outcome" => "limited").increment(1);
                return limited(page, retry);
            }
            Ok(None) => {}
            Err(e) => return unavailable(page, &e),
        }
    }
    let record = if email.is_empty() || password.is_empty() {
        None
    } else {
        match state.db.login_record(&email).await {
            Ok(record) => record,
            Err(e) => return unavailable(page, &e),
        }
    };
    let verified = match state
        .hasher
        .verify(password, record.as_ref().map(|(_, h)| h.as_str()))
        .await
    {
        Ok(verified) => verified,
        Err(e) => return unavailable(page, &e),
    };
    let Some((id, _)) = record.filter(|_| verified) else {
        if let Err(e) = state
            .db
            .add_attempts(&[&account_bucket, &ip_bucket], state.clock.now())
            .await
        {
            return unavailable(page, &e);
        }
        metrics::counter!("portal_logins_total", "outcome" => "failure").increment(1);
        return failed(page);
    };
    metrics::counter!("portal_logins_total", "outcome" => "success").increment(1);
    if let Err(e) = state.db.clear_attempts(&account_bucket).await {
        tracing::warn!(error = %e, "could not clear login attempts");
    }
    tracing::info!(account = id, "logged in");
    let next = next.unwrap_or_else(|| format!("/{}/account", sub.lang.code()));
    log_in(state, sub, id, &next).await
}

/// `GET /{lang}/login/check?next=…`: the cookie set at login came back, so go on; otherwise
/// the browser blocks cookies, and the login page says that login needs them.
async fn login_check(
    State(state): State<AccountsState>,
    PathLang(lang): PathLang,
    request: Request,
) -> Response {
    let (parts, _) = request.into_parts();
    let next = form_urlencoded::parse(parts.uri.query().unwrap_or_default().as_bytes())
        .find(|(k, _)| k == "next")
        .and_then(|(_, v)| safe_next(&v))
        .unwrap_or_else(|| format!("/{}/account", lang.code()));
    let answer_ = if parts.extensions.get::<Viewer>().is_some() {
        Answer::Redirect(next)
    } else {
        Answer::notice(
            StatusCode::OK,
            format!("/{}/login", lang.code()),
            Notice::CookiesBlocked,
        )
    };
    answer(&state, lang, parts, answer_).await
}

/// `POST /{lang}/logout`: ends the session on the server; the old cookie no longer works.
async fn logout(
    State(state): State<AccountsState>,
    PathLang(lang): PathLang,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    request: Request,
) -> Response {
    let sub = match Submission::read(lang, peer, request).await {
        Ok(sub) => sub,
        Err(response) => return response,
    };
    if let Some(session) = sub.session()
        && let Err(e) = session.flush().await
    {
        let page = sub.page("login");
        return answer(&state, sub.lang, sub.parts, unavailable(page, &e)).await;
    }
    let to = format!("/{}/login?done=logged-out", sub.lang.code());
    answer(&state, sub.lang, sub.parts, Answer::Redirect(to)).await
}

/// The login page for a request that needs a session but has none.
fn login_first(lang: Lang, back: &str) -> Answer {
    let query: String = form_urlencoded::Serializer::new(String::new())
        .append_pair("next", back)
        .finish();
    let page = format!("/{}/login?{query}", lang.code());
    Answer::notice(StatusCode::UNAUTHORIZED, page, Notice::SessionEnded)
}

/// `GET /{lang}/account`: the page with the company's data; without a session, the login page
/// (no data is loaded for anyone but the logged-in owner).
async fn account_page(
    State(state): State<AccountsState>,
    PathLang(lang): PathLang,
    request: Request,
) -> Response {
    let (mut parts, _) = request.into_parts();
    let account = format!("/{}/account", lang.code());
    let Some(viewer) = parts.extensions.get::<Viewer>().cloned() else {
        let query: String = form_urlencoded::Serializer::new(String::new())
            .append_pair("next", &account)
            .finish();
        let ended = parts.extensions.get::<SessionEnded>().is_some();
        let mut to = format!("/{}/login?{query}", lang.code());
        if ended {
            to.push_str("&done=ended");
        }
        let mut response = Redirect::to(&to).into_response();
        response
            .headers_mut()
            .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
        return response;
    };
    match state.db.account_view(viewer.account_id).await {
        Ok(Some(view)) => {
            let done = done_notice(&parts);
            parts.extensions.insert(view);
            let mut response =
                render(&state, parts, &account, done.map(FormFeedback::notice)).await;
            response
                .headers_mut()
                .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
            response
        }
        Ok(None) => Redirect::to(&format!("/{}/login", lang.code())).into_response(),
        Err(e) => answer(&state, lang, parts, unavailable(account, &e)).await,
    }
}

/// Renders the account page again with feedback (the page needs the account's data).
async fn account_feedback(
    state: &AccountsState,
    mut sub: Submission,
    viewer: &Viewer,
    answer_: Answer,
) -> Response {
    if let Ok(Some(view)) = state.db.account_view(viewer.account_id).await {
        sub.parts.extensions.insert(view);
    }
    answer(state, sub.lang, sub.parts, answer_).await
}

/// Reads a submission that needs the logged-in owner; answers for the caller otherwise.
async fn owner_submission(
    state: &AccountsState,
    lang: Lang,
    peer: SocketAddr,
    request: Request,
) -> Result<(Submission, Viewer), Response> {
    let sub = Submission::read(lang, peer, request).await?;
    match sub.viewer() {
        Some(viewer) => Ok((sub, viewer)),
        None => {
            let back = sub.page("account");
            let lang = sub.lang;
            Err(answer(state, lang, sub.parts, login_first(lang, &back)).await)
        }
    }
}

/// `POST /{lang}/account`: saves the profile.
async fn save_profile(
    State(state): State<AccountsState>,
    PathLang(lang): PathLang,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    request: Request,
) -> Response {
    let (sub, viewer) = match owner_submission(&state, lang, peer, request).await {
        Ok(found) => found,
        Err(response) => return response,
    };
    let page = sub.page("account");
    let fields = [
        Field::Company,
        Field::Description,
        Field::Website,
        Field::Social,
    ];
    let result = match Profile::from_form(
        sub.field("company"),
        sub.field("description"),
        sub.field("website"),
        sub.field("social"),
        !sub.field("published").is_empty(),
    ) {
        Err(errors) => {
            let values = fields
                .iter()
                .map(|f| (*f, sub.field(f.name()).to_owned()))
                .collect();
            Answer::fields(page, errors, values)
        }
        Ok(profile) => match state
            .db
            .update_profile(viewer.account_id, &profile, state.clock.now())
            .await
        {
            Ok(()) => Answer::Redirect(format!("{page}?done=saved")),
            Err(e) => unavailable(page, &e),
        },
    };
    account_feedback(&state, sub, &viewer, result).await
}

/// Checks the owner's password (for changes that need it).
async fn confirm_password(
    state: &AccountsState,
    viewer: &Viewer,
    password: &str,
) -> Result<bool, Box<dyn std::error::Error + Send + Sync>> {
    let hash = state.db.password_hash(viewer.account_id).await?;
    Ok(state.hasher.verify(password, hash.as_deref()).await?)
}

/// `POST /{lang}/account/password`: asks for the current password; ends the other sessions.
async fn change_password(
    State(state): State<AccountsState>,
    PathLang(lang): PathLang,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    request: Request,
) -> Response {
    let (sub, viewer) = match owner_submission(&state, lang, peer, request).await {
        Ok(found) => found,
        Err(response) => return response,
    };
    let page = sub.page("account");
    let current = sub.field("current_password");
    let new = sub.field("new_password");
    let result = match confirm_password(&state, &viewer, current).await {
        Err(e) => unavailable(page, &e),
        Ok(false) => Answer::fields(
            page,
            vec![(Field::CurrentPassword, Problem::WrongPassword)],
            Vec::new(),
        ),
        Ok(true) => match check_new_password(new) {
            Err(p) => Answer::fields(page, vec![(Field::NewPassword, p)], Vec::new()),
            Ok(()) if new == current => Answer::fields(
                page,
                vec![(Field::NewPassword, Problem::SamePassword)],
                Vec::new(),
            ),
            Ok(()) => change_password_inner(&state, &sub, &viewer, new, page).await,
        },
    };
    account_feedback(&state, sub, &viewer, result).await
}

async fn change_password_inner(
    state: &AccountsState,
    sub: &Submission,
    viewer: &Viewer,
    new: &str,
    page: String,
) -> Answer {
    let hash = match state.hasher.hash(new).await {
        Ok(hash) => hash,
        Err(e) => return unavailable(page, &e),
    };
    let Some(session) = sub.session() else {
        return unavailable(page, &"no session layer");
    };
    let now = state.clock.now();
    // This browser stays logged in under a new id; every other session ends.
    if let Err(e) = state
        .db
        .change_password(viewer.account_id, &hash, None, now)
        .await
    {
        return unavailable(page, &e);
    }
    if let Err(e) = sessions::start(&session, viewer.account_id, now).await {
        return unavailable(page, &e);
    }
    tracing::info!(account = viewer.account_id, "password changed");
    Answer::Redirect(format!("{page}?done=password"))
}

/// `POST /{lang}/account/delete`: asks for the password; removes the account and every
/// session of it.
async fn delete_account(
    State(state): State<AccountsState>,
    PathLang(lang): PathLang,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    request: Request,
) -> Response {
    let (sub, viewer) = match owner_submission(&state, lang, peer, request).await {
        Ok(found) => found,
        Err(response) => return response,
    };
    let page = sub.page("account");
    let result = match confirm_password(&state, &viewer, sub.field("password")).await {
        Err(e) => unavailable(page, &e),
        Ok(false) => Answer::fields(
            page,
            vec![(Field::Password, Problem::WrongPassword)],
            Vec::new(),
        ),
        Ok(true) => {
            let email = match state.db.account_view(viewer.account_id).await {
                Ok(view) => view.map(|v| v.email).unwrap_or_default(),
                Err(e) => {
                    return account_feedback(&state, sub, &viewer, unavailable(page, &e)).await;
                }
            };
            match state
                .db
                .delete_account(viewer.account_id, &account_bucket(&email))
                .await
            {
                Err(e) => unavailable(page, &e),
                Ok(old_logo) => {
                    if let Some(old) = old_logo {
                        logo::forget_if_unused(&state, &old).await;
                    }
                    if let Some(session) = sub.session() {
                        let _ = session.flush().await;
                    }
                    tracing::info!(account = viewer.account_id, "account deleted");
                    Answer::Redirect(format!("/{}/login?done=deleted", sub.lang.code()))
                }
            }
        }
    };
    if matches!(result, Answer::Redirect(_)) {
        return answer(&state, sub.lang, sub.parts, result).await;
    }
    account_feedback(&state, sub, &viewer, result).await
}

/// `GET /{lang}/account/export`: everything stored about the company, as a JSON download.
async fn export(
    State(state): State<AccountsState>,
    PathLang(lang): PathLang,
    request: Request,
) -> Response {
    let (parts, _) = request.into_parts();
    let Some(viewer) = parts.extensions.get::<Viewer>().cloned() else {
        let back = format!("/{}/account", lang.code());
        return answer(&state, lang, parts, login_first(lang, &back)).await;
    };
    match state.db.export_account(viewer.account_id).await {
        Ok(Some(data)) => {
            let body = serde_json::to_string_pretty(&data).unwrap_or_default();
            (
                [
                    (header::CONTENT_TYPE, "application/json; charset=utf-8"),
                    (
                        header::CONTENT_DISPOSITION,
                        "attachment; filename=\"account-data.json\"",
                    ),
                    (header::CACHE_CONTROL, "no-store"),
                ],
                body,
            )
                .into_response()
        }
        Ok(None) => StatusCode::NOT_FOUND.into_response(),
        Err(e) => {
            let page = format!("/{}/account", lang.code());
            answer(&state, lang, parts, unavailable(page, &e)).await
        }
    }
}
