//! What goes through the company's mailbox: address verification (at registration, again on
//! request, and for a new contact address) and password reset.
//!
//! A link carries a random token (32 bytes); only its SHA-256 is stored, with the account, the
//! address it was sent to, and an expiry (24 h to verify, 1 h to reset). Opening a link shows
//! a form; sending the form uses the token up.

use domain::account::AccountId;
use domain::{
    account::{Field, Notice, Problem, normalise_email},
    api::{EmailForm, ForgotForm, ResetForm, TokenForm},
};
use http::StatusCode;

use super::*;
use super::{
    owner::{owner, recheck_password},
    passwords::check_new_password,
    store::{MailIdentity, Purpose, Verified},
};
use crate::mail::{Compose, MailKind};
use crate::tokens::token_hash;

/// A verification link works this long.
pub const VERIFY_SECONDS: i64 = 24 * 3600;
/// A reset link works this long.
const RESET_SECONDS: i64 = 3600;

/// A new token and the hash that is stored.
fn new_token() -> Result<(String, String), Unavailable> {
    crate::tokens::new_token().map_err(|e| Unavailable::msg(format!("no randomness: {e}")))
}

/// Issues a link token for `purpose` and `email`, live for `lifetime` seconds: only its hash
/// is stored; the token itself goes into the mail.
async fn issue(
    state: &AccountsState,
    account: AccountId,
    purpose: Purpose,
    email: &str,
    lifetime: i64,
) -> Result<String, Unavailable> {
    let (token, hash) = new_token()?;
    let now = state.clock.now();
    state
        .db
        .issue_token(account, purpose, email, &hash, now, now + lifetime)
        .await?;
    Ok(token)
}

/// A bucket keyed by an address's hash.
fn address_bucket(prefix: &str, email: &str) -> String {
    let hex = token_hash(email);
    format!("{prefix}:{hex}")
}

/// Sends `account` a link to confirm `email` (its own address, or a new one).
pub async fn send_verification(
    state: &AccountsState,
    account: &MailIdentity,
    email: &str,
) -> Result<(), Unavailable> {
    let token = issue(state, account.id, Purpose::Verify, email, VERIFY_SECONDS).await?;
    let lang = account.lang();
    let kind = if email == account.email {
        MailKind::Verify
    } else {
        MailKind::VerifyNewAddress
    };
    let compose = Compose {
        link: state
            .mailer
            .link(&lang.path(&format!("verify?token={token}"))),
        company: account.company.clone(),
        ..Compose::default()
    };
    state.mailer.queue(kind, lang, email, compose).await?;
    Ok(())
}

/// [`send_verification`] on the owner's request (sending again, a new address): a few an hour
/// per account; `Err` holds the seconds to wait.
async fn send_owners_verification(
    state: &AccountsState,
    account: &MailIdentity,
    email: &str,
) -> Result<Result<(), u64>, Unavailable> {
    let bucket = format!("verify-resend:{}", account.id);
    let per_hour = state.settings.verification_mails_per_account_per_hour;
    let limit = state.limit(&bucket, per_hour, 3600);
    if let Err(retry) = state
        .db
        .reserve_attempts(&[limit], state.clock.now())
        .await?
    {
        return Ok(Err(retry));
    }
    send_verification(state, account, email).await?;
    Ok(Ok(()))
}

/// A note to an address that has an account already (someone registered with it).
pub async fn note_already_registered(
    state: &AccountsState,
    account: &MailIdentity,
) -> Result<(), Unavailable> {
    // At most a few such notes an hour, however often the address is tried.
    let bucket = address_bucket("register-note", &account.email);
    let limit = state.limit(&bucket, 3, 3600);
    if state
        .db
        .reserve_attempts(&[limit], state.clock.now())
        .await?
        .is_err()
    {
        return Ok(());
    }
    let lang = account.lang();
    let compose = Compose {
        link: state.mailer.link(&lang.path("login")),
        other_link: state.mailer.link(&lang.path("forgot")),
        company: account.company.clone(),
        ..Compose::default()
    };
    let lang = account.lang();
    state
        .mailer
        .queue(MailKind::AlreadyRegistered, lang, &account.email, compose)
        .await?;
    Ok(())
}

/// "Forgot your password?": the same answer whether or not the address has an account.
pub async fn forgot(state: &AccountsState, sub: &Submission, form: ForgotForm) -> Outcome {
    let page = sub.page("forgot");
    let email = match normalise_email(&form.email) {
        Ok(email) => email,
        Err(problem) => {
            return Ok(Answer::fields(
                page,
                vec![(Field::Email, problem)],
                vec![(Field::Email, form.email)],
            ));
        }
    };
    let s = &state.settings;
    let by_address = address_bucket("reset-account", &email);
    let by_client = format!("reset-ip:{}", sub.masked_ip());
    let limits = [
        state.limit(&by_address, s.reset_requests_per_address_per_hour, 3600),
        state.limit(&by_client, s.reset_requests_per_ip_per_hour, 3600),
    ];
    if let Err(retry) = state
        .db
        .reserve_attempts(&limits, state.clock.now())
        .await?
    {
        return Ok(limited(page, retry));
    }
    if let Some(account) = state.db.identity_by_email(&email).await? {
        let token = issue(state, account.id, Purpose::Reset, &email, RESET_SECONDS).await?;
        let lang = account.lang();
        let compose = Compose {
            link: state
                .mailer
                .link(&lang.path(&format!("reset?token={token}"))),
            company: account.company.clone(),
            ..Compose::default()
        };
        state
            .mailer
            .queue(MailKind::Reset, lang, &email, compose)
            .await?;
    }
    Ok(Answer::done(page, Notice::ResetSent))
}

/// A link that does not work (used, expired, malformed), on its page.
fn link_invalid(page: String) -> Outcome {
    Ok(Answer::notice(StatusCode::GONE, page, Notice::LinkInvalid))
}

/// A new password through a reset link: ends every session of the account, confirms its
/// address (the link reached it), and tells the owner.
pub async fn reset(state: &AccountsState, sub: &Submission, form: ResetForm) -> Outcome {
    let page = sub.page("reset");
    let hash = token_hash(&form.token);
    let now = state.clock.now();
    if state
        .db
        .peek_token(&hash, Purpose::Reset, now)
        .await?
        .is_none()
    {
        return link_invalid(page);
    }
    if let Err(problem) = check_new_password(&form.new_password) {
        return Ok(Answer::fields(
            page,
            vec![(Field::NewPassword, problem)],
            vec![(Field::Token, form.token)],
        ));
    }
    let password_hash = state.hasher.hash(&form.new_password).await?;
    // Used up here: of two requests with one token, one gets it.
    let Some((account, email)) = state.db.take_token(&hash, Purpose::Reset, now).await? else {
        return link_invalid(page);
    };
    state
        .db
        .change_password(account, &password_hash, now)
        .await?;
    // The link reached the account's address (never changes it: that takes a verify link).
    state.db.mark_verified(account, &email, now).await?;
    if let Some(session) = sub.session() {
        // This browser too: whoever was logged in here logs in again.
        let _ = session.flush().await;
    }
    tracing::info!(account = %account, "password reset");
    if let Some(identity) = state.db.identity(account).await? {
        let lang = identity.lang();
        let compose = Compose {
            link: state.mailer.link(&lang.path("forgot")),
            company: identity.company.clone(),
            ..Compose::default()
        };
        state
            .mailer
            .queue(MailKind::PasswordReset, lang, &identity.email, compose)
            .await?;
    }
    Ok(Answer::done(sub.page("login"), Notice::PasswordReset))
}

/// Confirms an address through its link; a new contact address replaces the old one, which is
/// told.
pub async fn confirm(state: &AccountsState, sub: &Submission, form: TokenForm) -> Outcome {
    let page = sub.page("verify");
    let now = state.clock.now();
    let hash = token_hash(&form.token);
    let Some((account, email)) = state.db.take_token(&hash, Purpose::Verify, now).await? else {
        return link_invalid(page);
    };
    let notice = match state.db.confirm_email(account, &email, now).await? {
        None => return link_invalid(page),
        Some(Verified::Taken) => {
            return Ok(Answer::notice(
                StatusCode::CONFLICT,
                page,
                Notice::AddressTaken,
            ));
        }
        Some(Verified::Confirmed) => Notice::Verified,
        Some(Verified::Changed { old }) => {
            tracing::info!(account = %account, "contact address changed");
            if let Some(identity) = state.db.identity(account).await? {
                let lang = identity.lang();
                let compose = Compose {
                    link: state.mailer.link(&lang.path("")),
                    company: identity.company.clone(),
                    new_address: email.clone(),
                    ..Compose::default()
                };
                state
                    .mailer
                    .queue(MailKind::AddressChanged, lang, &old, compose)
                    .await?;
            }
            Notice::EmailChanged
        }
    };
    let to = match sub.viewer() {
        Some(viewer) if viewer.account_id == account => "account",
        _ => "login",
    };
    Ok(Answer::done(sub.page(to), notice))
}

/// Sends the logged-in owner's verification link again (a few times an hour at most).
pub async fn resend(state: &AccountsState, sub: &Submission) -> Outcome {
    let viewer = owner(sub)?;
    let page = sub.page("account");
    let Some(identity) = state.db.identity(viewer.account_id).await? else {
        return Ok(login_first(sub.lang, &page));
    };
    if identity.email_verified {
        return Ok(Answer::done(page, Notice::Verified));
    }
    if let Err(retry) = send_owners_verification(state, &identity, &identity.email).await? {
        return Ok(limited(page, retry));
    }
    Ok(Answer::done(page, Notice::LinkSent))
}

/// Asks for a new contact address: the password confirms it is the owner; a link goes to the
/// new address, and the account keeps the old one until it is opened. Whether the new address
/// has an account of its own is not said here (the link's page says it to whoever owns it).
pub async fn change_email(state: &AccountsState, sub: &Submission, form: EmailForm) -> Outcome {
    let viewer = owner(sub)?;
    let page = sub.page("account");
    let values = vec![(Field::NewEmail, form.new_email.clone())];
    let email = match normalise_email(&form.new_email) {
        Ok(email) => email,
        Err(problem) => {
            return Ok(Answer::fields(
                page,
                vec![(Field::NewEmail, problem)],
                values,
            ));
        }
    };
    recheck_password(
        state,
        &viewer,
        &form.email_password,
        &page,
        Field::EmailPassword,
        values.clone(),
    )
    .await?;
    let Some(identity) = state.db.identity(viewer.account_id).await? else {
        return Ok(login_first(sub.lang, &page));
    };
    if identity.email == email.as_str() {
        return Ok(Answer::fields(
            page,
            vec![(Field::NewEmail, Problem::SameEmail)],
            values,
        ));
    }
    if let Err(retry) = send_owners_verification(state, &identity, &email).await? {
        return Ok(limited(page, retry));
    }
    Ok(Answer::done(page, Notice::EmailPending))
}
