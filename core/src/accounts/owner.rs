//! What only the logged-in owner may do: the profile, the password, logging out everywhere
//! and deletion. Every function checks the session itself.

use domain::{
    account::{Field, Problem, Profile, Viewer},
    api::{DeleteForm, PasswordForm, ProfileForm},
};

use super::passwords::check_new_password;

use super::*;

/// The logged-in owner of the account, or the answer that sends the caller to log in.
pub fn owner(sub: &Submission) -> Result<Viewer, Answer> {
    sub.viewer()
        .ok_or_else(|| login_first(sub.lang, &sub.page("account")))
}

/// Saves the profile (the showcase toggle included).
pub async fn save_profile(state: &AccountsState, sub: &Submission, form: ProfileForm) -> Outcome {
    let viewer = owner(sub)?;
    let page = sub.page("account");
    let profile = match Profile::from_form(
        &form.company,
        &form.description,
        &form.website,
        &form.social,
        form.published,
    ) {
        Ok(profile) => profile,
        Err(errors) => {
            let values = vec![
                (Field::Company, form.company),
                (Field::Description, form.description),
                (Field::Website, form.website),
                (Field::Social, form.social),
            ];
            return Ok(Answer::fields(page, errors, values));
        }
    };
    state
        .db
        .update_profile(viewer.account_id, &profile, state.clock.now())
        .await?;
    Ok(Answer::Redirect(format!("{page}?done=saved")))
}

/// Checks the owner's password for a change that needs it: `Ok(())` when it is right;
/// otherwise the form's answer, with `field` marked (and `values` kept), or the limit. Wrong
/// passwords count like failed logins (per account, within the login window), so a stolen
/// session cannot guess the password through these forms.
pub async fn recheck_password(
    state: &AccountsState,
    viewer: &Viewer,
    password: &str,
    page: &str,
    field: Field,
    values: Vec<(Field, String)>,
) -> Result<(), Stop> {
    let bucket = format!("recheck:{}", viewer.account_id);
    let limit = state.limit(
        &bucket,
        state.settings.login_failures_per_account,
        state.window(),
    );
    let now = state.clock.now();
    if let Err(retry) = state.db.reserve_attempts(&[limit], now).await? {
        return Err(limited(page.to_owned(), retry).into());
    }
    let hash = state.db.password_hash(viewer.account_id).await?;
    if !state.hasher.verify(password, hash.as_deref()).await? {
        let errors = vec![(field, Problem::WrongPassword)];
        return Err(Answer::fields(page.to_owned(), errors, values).into());
    }
    state.db.release_attempt(&bucket, now).await?;
    Ok(())
}

/// A refusal of one field.
fn refused(page: String, field: Field, problem: Problem) -> Outcome {
    Ok(Answer::fields(page, vec![(field, problem)], Vec::new()))
}

/// Changes the password: asks for the current one; ends the other sessions.
pub async fn change_password(
    state: &AccountsState,
    sub: &Submission,
    form: PasswordForm,
) -> Outcome {
    let viewer = owner(sub)?;
    let page = sub.page("account");
    let current = form.current_password.as_str();
    let new = form.new_password.as_str();
    recheck_password(
        state,
        &viewer,
        current,
        &page,
        Field::CurrentPassword,
        Vec::new(),
    )
    .await?;
    if let Err(problem) = check_new_password(new) {
        return refused(page, Field::NewPassword, problem);
    }
    if new == current {
        return refused(page, Field::NewPassword, Problem::SamePassword);
    }
    let hash = state.hasher.hash(new).await?;
    let session = sub
        .session()
        .ok_or_else(|| Unavailable::msg("no session layer"))?;
    let now = state.clock.now();
    // This browser stays logged in under a new id; every other session ends.
    state
        .db
        .change_password(viewer.account_id, &hash, now)
        .await?;
    sessions::start(&session, viewer.account_id, now).await?;
    tracing::info!(account = %viewer.account_id, "password changed");
    Ok(Answer::Redirect(format!("{page}?done=password")))
}

/// "Log out everywhere": ends every session of the account, this one too, and every link sent
/// to it (links issued before stay refused: the account's credentials version moves on).
pub async fn log_out_everywhere(state: &AccountsState, sub: &Submission) -> Outcome {
    let viewer = owner(sub)?;
    state
        .db
        .end_sessions_and_links(viewer.account_id, state.clock.now())
        .await?;
    if let Some(session) = sub.session() {
        let _ = session.flush().await;
    }
    tracing::info!(account = %viewer.account_id, "logged out everywhere");
    Ok(Answer::Redirect(format!(
        "{}?done=logged-out-everywhere",
        sub.page("login")
    )))
}

/// Deletes the account: asks for the password; removes the account and every session of it.
pub async fn delete_account(state: &AccountsState, sub: &Submission, form: DeleteForm) -> Outcome {
    let viewer = owner(sub)?;
    let page = sub.page("account");
    recheck_password(
        state,
        &viewer,
        &form.password,
        &page,
        Field::Password,
        Vec::new(),
    )
    .await?;
    let email = state
        .db
        .account_view(viewer.account_id, state.require_approval, state.clock.now())
        .await?
        .map(|v| v.email)
        .unwrap_or_default();
    let old_logo = state
        .db
        .delete_account(viewer.account_id, &account_bucket(&email))
        .await?;
    if let Some(old) = old_logo {
        logo::forget_if_unused(state, &old).await;
    }
    if let Some(session) = sub.session() {
        let _ = session.flush().await;
    }
    tracing::info!(account = %viewer.account_id, "account deleted");
    Ok(Answer::Redirect(format!(
        "/{}/login?done=deleted",
        sub.lang.code()
    )))
}
