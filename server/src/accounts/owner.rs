//! What only the logged-in owner may do: the account page, profile, password, deletion and
//! the data export. Every handler checks the session itself.

use app::domain::account::{Field, FormFeedback, Problem, Profile, Viewer};
use axum::{
    extract::{Request, State},
    response::{IntoResponse, Redirect, Response},
};
use http::{HeaderValue, StatusCode, header};

use super::{passwords::check_new_password, sessions::SessionEnded};

use super::*;

/// `GET /{lang}/account`: the page with the company's data; without a session, the login page
/// (no data is loaded for anyone but the logged-in owner).
pub(super) async fn account_page(
    State(state): State<AccountsState>,
    PathLang(lang): PathLang,
    request: Request,
) -> Response {
    let (mut parts, _) = request.into_parts();
    let account = format!("/{}/account", lang.code());
    let Some(viewer) = parts.extensions.get::<Viewer>().cloned() else {
        let query = next_query(&account);
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
pub(super) async fn account_feedback(
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

/// A submission from the logged-in owner of the account. Handlers that take it check the
/// login themselves, before anything else: without one the caller is sent to log in.
pub(super) struct Owner {
    pub(super) sub: Submission,
    pub(super) viewer: Viewer,
}

impl axum::extract::FromRequest<AccountsState> for Owner {
    type Rejection = Response;

    async fn from_request(request: Request, state: &AccountsState) -> Result<Self, Response> {
        let sub = Submission::from_request(request, state).await?;
        match sub.viewer() {
            Some(viewer) => Ok(Owner { sub, viewer }),
            None => {
                let back = sub.page("account");
                let lang = sub.lang;
                Err(answer(state, lang, sub.parts, login_first(lang, &back)).await)
            }
        }
    }
}

/// `POST /{lang}/account`: saves the profile.
pub(super) async fn save_profile(
    State(state): State<AccountsState>,
    Owner { sub, viewer }: Owner,
) -> Response {
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
pub(super) async fn confirm_password(
    state: &AccountsState,
    viewer: &Viewer,
    password: &str,
) -> Result<bool, Box<dyn std::error::Error + Send + Sync>> {
    let hash = state.db.password_hash(viewer.account_id).await?;
    Ok(state.hasher.verify(password, hash.as_deref()).await?)
}

/// `POST /{lang}/account/password`: asks for the current password; ends the other sessions.
pub(super) async fn change_password(
    State(state): State<AccountsState>,
    Owner { sub, viewer }: Owner,
) -> Response {
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

pub(super) async fn change_password_inner(
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
pub(super) async fn delete_account(
    State(state): State<AccountsState>,
    Owner { sub, viewer }: Owner,
) -> Response {
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
pub(super) async fn export(
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
