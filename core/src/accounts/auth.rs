//! Registration, login (with rate limits and the cookie check) and logout.

use domain::account::AccountId;
use domain::{
    account::{Field, FormFeedback, Notice, check_company, normalise_email, safe_next},
    api::{LoginForm, RegisterForm},
};
use http::StatusCode;
use sha2::{Digest, Sha256};

use super::{
    passwords::check_new_password,
    store::{self, CreateError, Limit},
};

use super::*;

/// The rate-limit bucket of an e-mail address: a hash, never the address. Failures from one
/// client address go to `<bucket>:<masked address>` as well.
pub fn account_bucket(email: &str) -> String {
    let digest = Sha256::digest(email.as_bytes());
    let hex: String = digest.iter().map(|b| format!("{b:02x}")).collect();
    format!("login-account:{hex}")
}

impl AccountsState {
    pub fn window(&self) -> i64 {
        i64::try_from(self.settings.failure_window_minutes * 60).unwrap_or(i64::MAX)
    }

    /// A limit of `limit` attempts in `bucket` over the last `window` seconds.
    pub fn limit<'a>(&self, bucket: &'a str, limit: u32, window: i64) -> Limit<'a> {
        Limit {
            bucket,
            limit,
            since: self.clock.now() - window,
            window,
        }
    }
}

/// Registration: checks the form, counts against the address's limit, creates the account and
/// sends the link that confirms its address. The answer is the same when the address has an
/// account already (that address gets a note instead), so the form tells nobody which
/// addresses are registered; the new account logs in like any other.
pub async fn register(state: &AccountsState, sub: &Submission, form: RegisterForm) -> Outcome {
    let page = sub.page("register");
    if sub.lacks_consent(state.mode) {
        return Ok(Answer::notice(
            StatusCode::FORBIDDEN,
            page,
            Notice::NeedsConsent,
        ));
    }
    let company = check_company(&form.company);
    let email = normalise_email(&form.email);
    let password = form.password.as_str();
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
    let values = vec![(Field::Company, form.company), (Field::Email, form.email)];
    let (Ok(company), Ok(email), true) = (company, email, errors.is_empty()) else {
        return Ok(Answer::fields(page, errors, values));
    };
    let bucket = format!("register-ip:{}", sub.masked_ip());
    let now = state.clock.now();
    let limit = state.limit(&bucket, state.settings.registrations_per_ip_per_hour, 3600);
    if let Err(retry) = state.db.reserve_attempts(&[limit], now).await? {
        return Ok(limited(page, retry));
    }
    // Hashed either way, so both answers take as long.
    let hash = state.hasher.hash(password).await?;
    match state
        .db
        .create_account(&email, &hash, &company, sub.lang, now)
        .await
    {
        Ok(id) => {
            tracing::info!(account = %id, "account registered");
            metrics::counter!("portal_registrations_total").increment(1);
            if let Some(account) = state.db.identity(id).await? {
                recovery::send_verification(state, &account, &email).await?;
            }
        }
        Err(CreateError::Taken) => {
            if let Some(account) = state.db.identity_by_email(&email).await? {
                recovery::note_already_registered(state, &account).await?;
            }
        }
        Err(CreateError::Db(e)) => return Err(e.into()),
    }
    Ok(Answer::done(sub.page("login"), Notice::CheckEmail))
}

/// Starts the session and sends the browser to the check that its cookie came back.
pub async fn log_in(
    state: &AccountsState,
    sub: &Submission,
    account: AccountId,
    next: &str,
) -> Outcome {
    let session = sub
        .session()
        .ok_or_else(|| Unavailable::msg("no session layer"))?;
    sessions::start(&session, account, state.clock.now()).await?;
    let query = next_query(next);
    Ok(Answer::Redirect(format!(
        "/{}/login/check?{query}",
        sub.lang.code()
    )))
}

/// Login, within the limits; the same answer for every failure.
pub async fn login(state: &AccountsState, sub: &Submission, form: LoginForm) -> Outcome {
    let next = safe_next(&form.next);
    let page = login_page(sub, &form.next);
    if sub.lacks_consent(state.mode) {
        return Ok(Answer::notice(
            StatusCode::FORBIDDEN,
            page,
            Notice::NeedsConsent,
        ));
    }
    let failed = |page: String| {
        Answer::feedback(
            StatusCode::UNAUTHORIZED,
            page,
            FormFeedback {
                errors: Vec::new(),
                values: vec![(Field::Email, form.email.clone())],
                notice: Some(Notice::LoginFailed),
            },
        )
    };
    // Every failure below looks the same, whatever the reason.
    let email = normalise_email(&form.email).unwrap_or_default();
    let password = form.password.as_str();
    let masked = sub.masked_ip();
    // Per account from this address (what one attacker hits first), per address, and per
    // account from everywhere (a ceiling far above the first, against guesses spread over
    // many addresses). A stranger cannot lock the owner out: the owner's address has its own
    // bucket, and a network the owner logged in from before is not held by the ceiling.
    let account_total = account_bucket(&email);
    let account_here = format!("{account_total}:{masked}");
    let ip_bucket = format!("login-ip:{masked}");
    let window = state.window();
    let s = &state.settings;
    let now = state.clock.now();
    let known = !email.is_empty()
        && state
            .db
            .known_network(&email, &masked, now - store::KNOWN_NETWORK_SECONDS)
            .await?;
    let mut limits = vec![
        state.limit(&account_here, s.login_failures_per_account, window),
        state.limit(&ip_bucket, s.login_failures_per_ip, window),
    ];
    if !known {
        limits.push(state.limit(&account_total, s.login_failures_per_account_total, window));
    }
    // The attempt is counted before the password is checked, so parallel guesses cannot all
    // pass the limit; a successful login gives it back.
    if let Err(retry) = state.db.reserve_attempts(&limits, now).await? {
        metrics::counter!("portal_logins_total", "outcome" => "limited").increment(1);
        return Ok(limited(page, retry));
    }
    let record = if email.is_empty() || password.is_empty() {
        None
    } else {
        state.db.login_record(&email).await?
    };
    let verified = state
        .hasher
        .verify(password, record.as_ref().map(|(_, h)| h.as_str()))
        .await?;
    let Some((id, _)) = record.filter(|_| verified) else {
        metrics::counter!("portal_logins_total", "outcome" => "failure").increment(1);
        return Ok(failed(page));
    };
    metrics::counter!("portal_logins_total", "outcome" => "success").increment(1);
    let released = async {
        state.db.clear_attempts(&account_here).await?;
        state.db.release_attempt(&ip_bucket, now).await?;
        if !known {
            state.db.release_attempt(&account_total, now).await?;
        }
        state.db.remember_network(id, &masked, now).await
    };
    if let Err(e) = released.await {
        tracing::warn!(error = %e, "could not clear login attempts");
    }
    tracing::info!(account = %id, "logged in");
    let next = next.unwrap_or_else(|| sub.lang.path("account"));
    log_in(state, sub, id, &next).await
}

/// Logout: ends the session on the server; the old cookie no longer works.
pub async fn logout(sub: &Submission) -> Outcome {
    if let Some(session) = sub.session() {
        session.flush().await?;
    }
    Ok(Answer::Redirect(format!(
        "/{}/login?done=logged-out",
        sub.lang.code()
    )))
}

/// The login page, with `next` when it is a path on this site.
pub fn login_page(sub: &Submission, next: &str) -> String {
    match safe_next(next) {
        Some(next) => format!("{}?{}", sub.page("login"), next_query(&next)),
        None => sub.page("login"),
    }
}
