//! Registration, login (with rate limits and the cookie check) and logout.

use app::domain::account::{
    Field, FormFeedback, Notice, Problem, Viewer, check_company, normalise_email, safe_next,
};
use axum::{
    extract::{Request, State},
    response::Response,
};
use http::StatusCode;
use sha2::{Digest, Sha256};

use super::{passwords::check_new_password, store::CreateError};

use super::*;

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
pub(super) async fn register(State(state): State<AccountsState>, sub: Submission) -> Response {
    let result = register_inner(&state, &sub).await;
    answer(&state, sub.lang, sub.parts, result).await
}

pub(super) async fn register_inner(state: &AccountsState, sub: &Submission) -> Answer {
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
pub(super) async fn log_in(
    state: &AccountsState,
    sub: &Submission,
    account: i64,
    next: &str,
) -> Answer {
    let page = sub.page("login");
    let Some(session) = sub.session() else {
        return unavailable(page, &"no session layer");
    };
    if let Err(e) = sessions::start(&session, account, state.clock.now()).await {
        return unavailable(page, &e);
    }
    let query = next_query(next);
    Answer::Redirect(format!("/{}/login/check?{query}", sub.lang.code()))
}

/// `POST /{lang}/login`
pub(super) async fn login(State(state): State<AccountsState>, sub: Submission) -> Response {
    let result = login_inner(&state, &sub).await;
    answer(&state, sub.lang, sub.parts, result).await
}

pub(super) async fn login_inner(state: &AccountsState, sub: &Submission) -> Answer {
    let next = safe_next(sub.field("next"));
    let page = match &next {
        Some(next) => {
            let query = next_query(next);
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
pub(super) async fn login_check(
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
pub(super) async fn logout(State(state): State<AccountsState>, sub: Submission) -> Response {
    if let Some(session) = sub.session()
        && let Err(e) = session.flush().await
    {
        let page = sub.page("login");
        return answer(&state, sub.lang, sub.parts, unavailable(page, &e)).await;
    }
    let to = format!("/{}/login?done=logged-out", sub.lang.code());
    answer(&state, sub.lang, sub.parts, Answer::Redirect(to)).await
}
