//! An operator's login and first set-up.
//!
//! Login is one form: address, password and second factor together, so nothing is half
//! logged in. Every failure gets the same answer. Attempts count against the same limits as a
//! company's login (per address from one client, per client), in buckets of their own. A
//! right password with a wrong second factor is written to the audit trail.
//!
//! Set-up is the one-time link's page: the operator chooses a password and adds the TOTP
//! secret to an app; the first code proves the app has it. The ten recovery codes are shown
//! once and kept as hashes.

use domain::account::normalise_email;

use super::{AuditEntry, Operator, OperatorId, credentials::second_factor, totp};
use crate::{
    accounts::{
        Unavailable, account_bucket,
        passwords::{Hasher, check_new_password},
        store::Limit,
    },
    db::Db,
    mail::{Compose, MailKind, Mailer},
    tokens::{new_token, token_hash},
};

/// The limits on failed logins.
#[derive(Debug, Clone, Copy)]
pub struct LoginLimits {
    /// Failures per address from one client within the window.
    pub per_account: u32,
    /// Failures per client within the window.
    pub per_ip: u32,
    /// The window in seconds.
    pub window: i64,
}

/// What an operator typed to log in.
#[derive(Debug, Clone, Copy)]
pub struct LoginTry<'a> {
    /// The address.
    pub email: &'a str,
    /// The password.
    pub password: &'a str,
    /// A TOTP code or a recovery code.
    pub code: &'a str,
    /// The client's masked address.
    pub masked_ip: &'a str,
}

/// How a login went.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LoginResult {
    /// Logged in: the session's token, for the cookie.
    LoggedIn {
        /// The token (only its hash is stored).
        token: String,
        /// Who.
        operator: OperatorId,
    },
    /// Refused, whatever the reason.
    Failed,
    /// Too many failures: try again in this many seconds.
    Limited(u64),
}

/// A line of the audit trail written from a request.
pub fn audit_entry(
    at: i64,
    operator: Option<OperatorId>,
    action: &str,
    subject: impl Into<String>,
    masked_ip: &str,
) -> AuditEntry {
    AuditEntry {
        at,
        operator_id: operator,
        action: action.to_owned(),
        subject: subject.into(),
        masked_ip: masked_ip.to_owned(),
    }
}

/// Logs an operator in at `now`.
pub async fn log_in(
    db: &Db,
    hasher: &Hasher,
    limits: LoginLimits,
    attempt: LoginTry<'_>,
    now: i64,
) -> Result<LoginResult, Unavailable> {
    let email = normalise_email(attempt.email)
        .map(|e| e.to_string())
        .unwrap_or_default();
    let account_here = format!("operator-{}:{}", account_bucket(&email), attempt.masked_ip);
    let ip_bucket = format!("operator-login-ip:{}", attempt.masked_ip);
    let since = now - limits.window;
    let buckets = [
        Limit {
            bucket: &account_here,
            limit: limits.per_account,
            since,
            window: limits.window,
        },
        Limit {
            bucket: &ip_bucket,
            limit: limits.per_ip,
            since,
            window: limits.window,
        },
    ];
    if let Err(retry) = db.reserve_attempts(&buckets, now).await? {
        metrics::counter!("portal_operator_logins_total", "outcome" => "limited").increment(1);
        return Ok(LoginResult::Limited(retry));
    }
    let record = if email.is_empty() {
        None
    } else {
        db.operator_login(&email).await?
    };
    let hash = record.as_ref().and_then(|r| r.password_hash.as_deref());
    // Checked against a dummy hash when there is none, so every answer takes as long.
    let verified = hasher
        .verify(attempt.password, hash)
        .await
        .map_err(Unavailable::from)?
        && hash.is_some();
    let Some(login) = record.filter(|r| verified && !r.disabled) else {
        metrics::counter!("portal_operator_logins_total", "outcome" => "failure").increment(1);
        return Ok(LoginResult::Failed);
    };
    if !second_factor(db, &login, attempt.code, now).await? {
        metrics::counter!("portal_operator_logins_total", "outcome" => "second-factor")
            .increment(1);
        db.audit(&audit_entry(
            now,
            Some(login.id),
            "operator.second-factor-failed",
            "",
            attempt.masked_ip,
        ))
        .await?;
        return Ok(LoginResult::Failed);
    }
    let (token, hash) = new_token().map_err(Unavailable::from)?;
    db.start_operator_session(login.id, &hash, now).await?;
    db.audit(&audit_entry(
        now,
        Some(login.id),
        "operator.login",
        "",
        attempt.masked_ip,
    ))
    .await?;
    if let Err(e) = async {
        db.clear_attempts(&account_here).await?;
        db.release_attempt(&ip_bucket, now).await
    }
    .await
    {
        tracing::warn!(error = %e, "could not clear operator login attempts");
    }
    metrics::counter!("portal_operator_logins_total", "outcome" => "success").increment(1);
    tracing::info!(operator = %login.id, "operator logged in");
    Ok(LoginResult::LoggedIn {
        token,
        operator: login.id,
    })
}

/// A set-up link works this long (seconds).
pub const SETUP_LINK_SECONDS: i64 = 24 * 3600;

/// The path of the set-up page.
pub const SETUP_PATH: &str = "/admin/setup";

/// Mails `operator` a new set-up link (their earlier links end), in their language.
pub async fn send_setup_link(
    db: &Db,
    mailer: &Mailer,
    operator: &Operator,
    now: i64,
) -> Result<(), Unavailable> {
    let (token, hash) = new_token().map_err(Unavailable::from)?;
    db.add_operator_link(operator.id, &hash, now + SETUP_LINK_SECONDS, now)
        .await?;
    let compose = Compose {
        link: mailer.link(&format!("{SETUP_PATH}?token={token}")),
        ..Compose::default()
    };
    mailer
        .queue(
            MailKind::OperatorSetup,
            operator.lang,
            &operator.email,
            compose,
        )
        .await?;
    Ok(())
}

/// What the set-up form sends back.
#[derive(Debug, Clone, Copy)]
pub struct SetupTry<'a> {
    /// The link's token.
    pub token: &'a str,
    /// The TOTP secret the page showed, base32.
    pub secret: &'a str,
    /// The chosen password.
    pub password: &'a str,
    /// The password again.
    pub confirm: &'a str,
    /// The app's current code.
    pub code: &'a str,
    /// The client's masked address.
    pub masked_ip: &'a str,
}

/// Why a set-up was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SetupProblem {
    /// The link is unknown, used, expired, or its operator disabled.
    LinkInvalid,
    /// The password is too short, too long or too common.
    WeakPassword(domain::account::Problem),
    /// The two passwords differ.
    PasswordsDiffer,
    /// The code does not match the secret now.
    WrongCode,
}

/// The operator a live set-up link is for (without using it), and their address.
pub async fn setup_link(
    db: &Db,
    token: &str,
    now: i64,
) -> Result<Option<(OperatorId, String)>, Unavailable> {
    Ok(db.peek_operator_link(&token_hash(token), now).await?)
}

/// Sets up an operator from their link: on success the link is used and the recovery codes
/// come back, to be shown once.
pub async fn set_up(
    db: &Db,
    hasher: &Hasher,
    form: SetupTry<'_>,
    now: i64,
) -> Result<Result<Vec<String>, SetupProblem>, Unavailable> {
    let hash = token_hash(form.token);
    if db.peek_operator_link(&hash, now).await?.is_none() {
        return Ok(Err(SetupProblem::LinkInvalid));
    }
    if let Err(p) = check_new_password(form.password) {
        return Ok(Err(SetupProblem::WeakPassword(p)));
    }
    if form.password != form.confirm {
        return Ok(Err(SetupProblem::PasswordsDiffer));
    }
    let secret = totp::secret_from_base32(form.secret).filter(|s| s.len() == 20);
    let Some(secret) = secret else {
        return Ok(Err(SetupProblem::WrongCode));
    };
    let Some(step) = totp::check(&secret, form.code, now, None) else {
        return Ok(Err(SetupProblem::WrongCode));
    };
    let password_hash = hasher
        .hash(form.password)
        .await
        .map_err(Unavailable::from)?;
    let codes = totp::recovery_codes().map_err(Unavailable::from)?;
    // Used now: a second request with the same link finds it gone.
    let Some(operator) = db.take_operator_link(&hash, now).await? else {
        return Ok(Err(SetupProblem::LinkInvalid));
    };
    let hashes: Vec<String> = codes.iter().map(|(_, h)| h.clone()).collect();
    db.set_operator_credentials(operator, &password_hash, &secret, &hashes)
        .await?;
    // The code that proved the app is spent: it cannot log in as well.
    db.accept_totp_step(operator, step).await?;
    db.audit(&audit_entry(
        now,
        Some(operator),
        "operator.setup",
        "",
        form.masked_ip,
    ))
    .await?;
    Ok(Ok(codes.into_iter().map(|(c, _)| c).collect()))
}
