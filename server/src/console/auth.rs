//! The console's doors: login, logout, the set-up link's page, and the home page.

use app::console::{Notice, auth as views, words};
use axum::{
    Form,
    extract::{
        Query, State,
        rejection::{FormRejection, QueryRejection},
    },
    response::{IntoResponse, Redirect, Response},
};
use domain::lang::Lang;
use http::{HeaderMap, HeaderValue, StatusCode, header, request::Parts};
use portal_core::operators::{
    login::{self as core, LoginResult, LoginTry, SetupProblem, SetupTry},
    totp,
};
use serde::Deserialize;

use super::{Console, Framing, Operator, masked_ip};

/// The language of a page shown before login: the browser's choice.
fn browser_lang(headers: &HeaderMap) -> Lang {
    Lang::negotiate(
        headers
            .get(header::ACCEPT_LANGUAGE)
            .and_then(|v| v.to_str().ok()),
    )
}

fn framing(lang: Lang, title: &str, notice: Option<Notice>) -> Framing {
    Framing {
        lang,
        title: title.to_owned(),
        who: None,
        area: None,
        notice,
    }
}

/// `?done=` on the login page.
#[derive(Deserialize, Default)]
pub struct Done {
    #[serde(default)]
    done: String,
}

/// `GET /admin/login`.
pub async fn login_page(
    State(console): State<Console>,
    headers: HeaderMap,
    query: Result<Query<Done>, QueryRejection>,
) -> Response {
    let lang = browser_lang(&headers);
    let t = words(lang);
    let notice = match query.map(|q| q.0.done).ok().as_deref() {
        Some("logged-out") => Some(Notice::Done(t.logged_out.to_owned())),
        Some("session-ended") => Some(Notice::Error(t.session_ended.to_owned())),
        _ => None,
    };
    console.page(
        StatusCode::OK,
        framing(lang, t.login_title, notice),
        views::login(lang, String::new()),
    )
}

/// The login form.
#[derive(Deserialize)]
pub struct LoginForm {
    email: String,
    password: String,
    code: String,
}

/// `POST /admin/login`: address, password and code; the same refusal for every failure.
pub async fn log_in(
    State(console): State<Console>,
    parts: Parts,
    form: Result<Form<LoginForm>, FormRejection>,
) -> Response {
    let lang = browser_lang(&parts.headers);
    let t = words(lang);
    let Ok(Form(form)) = form else {
        return console.page(
            StatusCode::BAD_REQUEST,
            framing(
                lang,
                t.login_title,
                Some(Notice::Error(t.bad_request.into())),
            ),
            views::login(lang, String::new()),
        );
    };
    let masked = masked_ip(&parts);
    let attempt = LoginTry {
        email: &form.email,
        password: &form.password,
        code: &form.code,
        masked_ip: &masked,
    };
    let now = console.clock.now();
    let result = core::log_in(&console.db, &console.hasher, console.limits, attempt, now).await;
    let refused = |status: StatusCode, text: String| {
        console.page(
            status,
            framing(lang, t.login_title, Some(Notice::Error(text))),
            views::login(lang, form.email.clone()),
        )
    };
    match result {
        Ok(LoginResult::LoggedIn { token, .. }) => {
            let mut response = Redirect::to("/admin").into_response();
            response
                .headers_mut()
                .insert(header::SET_COOKIE, console.cookie(&token));
            response
        }
        Ok(LoginResult::Failed) => refused(StatusCode::UNAUTHORIZED, t.login_failed.into()),
        Ok(LoginResult::Limited(retry)) => {
            let minutes = retry.div_ceil(60).max(1);
            let mut response = refused(
                StatusCode::TOO_MANY_REQUESTS,
                t.login_limited.replace("{minutes}", &minutes.to_string()),
            );
            response
                .headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from(retry));
            response
        }
        Err(e) => {
            tracing::error!(error = %e, "operator login failed");
            refused(StatusCode::SERVICE_UNAVAILABLE, t.unavailable.into())
        }
    }
}

/// `POST /admin/logout`: ends the session on the server and removes the cookie.
pub async fn log_out(operator: Operator) -> Response {
    let console = &operator.console;
    if let Err(e) = console.db.end_operator_session(&operator.token_hash).await {
        return operator.unavailable(e);
    }
    if let Err(stop) = operator.audit("operator.logout", "").await {
        return stop.into_response();
    }
    let mut response = Redirect::to("/admin/login?done=logged-out").into_response();
    response
        .headers_mut()
        .insert(header::SET_COOKIE, console.expired_cookie());
    response
}

/// `GET /admin`: the areas the operator's role opens.
pub async fn home(operator: Operator) -> Response {
    let t = words(operator.lang());
    operator.console.page(
        StatusCode::OK,
        operator.frame(t.home_title, None),
        views::home(operator.lang(), operator.role()),
    )
}

/// `?token=` of a set-up link.
#[derive(Deserialize)]
pub struct Token {
    #[serde(default)]
    token: String,
}

/// The "this link does not work" page.
fn link_invalid(console: &Console, lang: Lang) -> Response {
    let t = words(lang);
    console.page(
        StatusCode::NOT_FOUND,
        framing(
            lang,
            t.setup_title,
            Some(Notice::Error(t.setup_link_invalid.into())),
        ),
        (),
    )
}

/// The set-up form for `token` and `email` with `secret` (a new one, or the one the form
/// sent back, so an app that has it keeps working).
fn setup_form(
    console: &Console,
    status: StatusCode,
    lang: Lang,
    notice: Option<Notice>,
    token: String,
    email: String,
    secret: Vec<u8>,
) -> Response {
    let t = words(lang);
    let uri = totp::otpauth_uri(&secret, &console.site_name, &email);
    let view = views::SetupView {
        token,
        email,
        secret: totp::secret_base32(&secret),
        qr_svg: totp::qr_svg(&uri).unwrap_or_default(),
    };
    console.page(
        status,
        framing(lang, t.setup_title, notice),
        views::setup(lang, view),
    )
}

/// `GET /admin/setup?token=…`: the form, with a new TOTP secret; the link stays unused.
pub async fn setup_page(
    State(console): State<Console>,
    headers: HeaderMap,
    query: Result<Query<Token>, QueryRejection>,
) -> Response {
    let lang = browser_lang(&headers);
    let token = query.map(|q| q.0.token).unwrap_or_default();
    let now = console.clock.now();
    let found = match core::setup_link(&console.db, &token, now).await {
        Ok(found) => found,
        Err(e) => {
            tracing::error!(error = %e, "set-up link lookup failed");
            return StatusCode::SERVICE_UNAVAILABLE.into_response();
        }
    };
    let Some((_, email)) = found else {
        return link_invalid(&console, lang);
    };
    let Ok(secret) = totp::new_secret() else {
        return StatusCode::SERVICE_UNAVAILABLE.into_response();
    };
    setup_form(&console, StatusCode::OK, lang, None, token, email, secret)
}

/// The set-up form.
#[derive(Deserialize)]
pub struct SetupForm {
    token: String,
    secret: String,
    password: String,
    confirm: String,
    code: String,
}

/// `POST /admin/setup`: the password and the second factor; the recovery codes, once.
pub async fn set_up(
    State(console): State<Console>,
    parts: Parts,
    form: Result<Form<SetupForm>, FormRejection>,
) -> Response {
    let lang = browser_lang(&parts.headers);
    let t = words(lang);
    let Ok(Form(form)) = form else {
        return link_invalid(&console, lang);
    };
    let masked = masked_ip(&parts);
    let now = console.clock.now();
    let attempt = SetupTry {
        token: &form.token,
        secret: &form.secret,
        password: &form.password,
        confirm: &form.confirm,
        code: &form.code,
        masked_ip: &masked,
    };
    let problem = match core::set_up(&console.db, &console.hasher, attempt, now).await {
        Ok(Ok(codes)) => {
            return console.page(
                StatusCode::OK,
                framing(lang, t.recovery_title, None),
                views::recovery_codes(lang, codes),
            );
        }
        Ok(Err(problem)) => problem,
        Err(e) => {
            tracing::error!(error = %e, "operator set-up failed");
            return StatusCode::SERVICE_UNAVAILABLE.into_response();
        }
    };
    let text = match problem {
        SetupProblem::LinkInvalid => return link_invalid(&console, lang),
        SetupProblem::WeakPassword(p) => domain::i18n::strings(lang).problem(p),
        SetupProblem::PasswordsDiffer => t.setup_differ.into(),
        SetupProblem::WrongCode => t.setup_wrong_code.into(),
    };
    let email = core::setup_link(&console.db, &form.token, now)
        .await
        .ok()
        .flatten()
        .map(|(_, e)| e)
        .unwrap_or_default();
    let secret = totp::secret_from_base32(&form.secret)
        .filter(|s| s.len() == 20)
        .or_else(|| totp::new_secret().ok())
        .unwrap_or_default();
    setup_form(
        &console,
        StatusCode::UNPROCESSABLE_ENTITY,
        lang,
        Some(Notice::Error(text)),
        form.token,
        email,
        secret,
    )
}
