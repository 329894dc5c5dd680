//! Logo storage for an account: cleaning an uploaded file, storing it under its hash,
//! switching the account to it, removing it. The upload's HTTP side (multipart, permits,
//! streaming limits) is the server's.

use domain::{
    account::{FormFeedback, Notice, Viewer},
    logo::{LogoProblem, LogoRef},
};
use http::StatusCode;

use super::{AccountsState, Answer, Outcome, Submission, Unavailable};
use crate::logos::process;

/// A refused logo: the account page again with the problem.
pub fn logo_answer(page: String, status: StatusCode, problem: LogoProblem) -> Answer {
    Answer::feedback(
        status,
        page,
        FormFeedback {
            notice: Some(Notice::Logo(problem)),
            ..FormFeedback::default()
        },
    )
}

/// Cleans `bytes` (on the blocking pool, with an image permit), stores the PNG and switches
/// the account to it; the old logo goes once nothing uses it.
pub async fn store_logo(
    state: &AccountsState,
    viewer: &Viewer,
    bytes: Vec<u8>,
    page: String,
) -> Outcome {
    // The permit goes with the work, so it is held until the decoder really stops, even
    // when the answer has already been given up on below.
    let permit = state.image_permits.acquire().await?;
    let work = tokio::task::spawn_blocking(move || {
        let _permit = permit;
        process::clean(&bytes)
    });
    let cleaned = match tokio::time::timeout(process::MAX_TIME, work).await {
        Ok(Ok(result)) => result,
        Ok(Err(e)) => return Err(e.into()),
        Err(_) => {
            tracing::warn!("logo cleaning took too long");
            Err(LogoProblem::TooComplex)
        }
    };
    let logo = match cleaned {
        Ok(logo) => logo,
        Err(problem) => {
            return Ok(logo_answer(page, StatusCode::UNPROCESSABLE_ENTITY, problem));
        }
    };
    let reference = LogoRef {
        hash: logo.hash.clone(),
        width: logo.width,
        height: logo.height,
    };
    state
        .logos
        .put(&logo.hash, logo.png)
        .await
        .map_err(Unavailable::msg)?;
    let now = state.clock.now();
    match state
        .db
        .set_logo(viewer.account_id, Some(&reference), now)
        .await
    {
        Ok(old) => {
            if let Some(old) = old.filter(|old| *old != reference.hash) {
                forget_if_unused(state, &old).await;
            }
            tracing::info!(account = %viewer.account_id, "logo stored");
            Ok(Answer::Redirect(format!("{page}?done=logo")))
        }
        Err(e) => {
            // The account still points at its old logo: drop what this upload added.
            forget_if_unused(state, &reference.hash).await;
            Err(e.into())
        }
    }
}

/// Deletes a logo object unless an account still uses it.
pub async fn forget_if_unused(state: &AccountsState, hash: &str) {
    match state.db.logo_in_use(hash).await {
        Ok(false) => {
            if let Err(e) = state.logos.delete(hash).await {
                tracing::warn!(error = %e, "could not delete an unused logo");
            }
        }
        Ok(true) => {}
        Err(e) => tracing::warn!(error = %e, "could not check whether a logo is in use"),
    }
}

/// Removes the logo (the stored image goes once no account uses it).
pub async fn remove(state: &AccountsState, sub: &Submission) -> Outcome {
    let viewer = super::owner::owner(sub)?;
    let account = sub.page("account");
    let old = state
        .db
        .set_logo(viewer.account_id, None, state.clock.now())
        .await?;
    if let Some(old) = old {
        forget_if_unused(state, &old).await;
    }
    Ok(Answer::Redirect(format!("{account}?done=logo-removed")))
}
