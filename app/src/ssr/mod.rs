//! The server functions' way to the core (compiled only with the `ssr` feature, so none of it
//! reaches the wasm build): the server provides the [`Core`] and the request's parts as
//! context for each call; the answer's status, `Retry-After` and cookies are written through
//! Leptos' `ResponseOptions`.

use domain::{
    api::{Action, ApiError, Refusal},
    consent::{Decision, Grant},
    lang::Lang,
};
use http::{HeaderValue, StatusCode, header, request::Parts};
use leptos::prelude::use_context;
use leptos_axum::ResponseOptions;
use portal_core::{
    Core,
    accounts::{self, Submission},
    consent,
};

/// A consent decision through the core's one function for it; a choice that does not read
/// (an unknown category or service) is a 400 and changes nothing.
pub(crate) async fn consent(
    lang: Lang,
    choice: &str,
    categories: &[String],
    services: &[String],
) -> Result<Grant, ApiError> {
    let (core, parts) = context()?;
    let accounts = &core.accounts;
    let ticked: Vec<&str> = categories.iter().map(String::as_str).collect();
    let chosen: Vec<&str> = services.iter().map(String::as_str).collect();
    let Some(decision) =
        Decision::from_form(choice, &ticked, &chosen, &core.consent.policy.services)
    else {
        return Err(refused(Refusal {
            status: StatusCode::BAD_REQUEST.as_u16(),
            notice: None,
            errors: Vec::new(),
            retry_after: None,
        }));
    };
    let decided = consent::decide(
        &core.consent,
        &accounts.db,
        accounts.clock.as_ref(),
        &parts,
        lang,
        decision,
    )
    .await;
    match decided {
        Ok(decided) => {
            if let Some(response) = use_context::<ResponseOptions>() {
                for cookie in decided.cookies.iter() {
                    if let Ok(value) = HeaderValue::from_str(cookie) {
                        response.append_header(header::SET_COOKIE, value);
                    }
                }
            }
            Ok(decided.granted)
        }
        Err(status) => Err(refused(Refusal {
            status: status.as_u16(),
            notice: None,
            errors: Vec::new(),
            retry_after: None,
        })),
    }
}

/// An account action through the core's one function for it; the answer is the path to go
/// to next.
pub(crate) async fn account(lang: Lang, action: Action) -> Result<String, ApiError> {
    let (core, parts) = context()?;
    let sub = Submission::from_parts(parts, lang)
        .ok_or_else(|| ApiError::Failed("the request has no client address".into()))?;
    accounts::run(&core.accounts, &sub, action)
        .await
        .into_result()
        .map_err(refused)
}

/// An answer to "Was this page helpful?" through the core's one function for it.
pub(crate) async fn feedback(form: domain::feedback::FeedbackForm) -> Result<(), ApiError> {
    let (core, parts) = context()?;
    let lang = core.content.site().page(&form.page).map(|p| p.lang);
    let masked = parts
        .extensions
        .get::<domain::net::ClientAddr>()
        .map_or_else(|| "-".to_owned(), |c| c.masked());
    let now = core.accounts.clock.now();
    portal_core::feedback::record(&core.accounts.db, now, &masked, lang, &form)
        .await
        .map_err(|refusal| {
            let (status, retry_after) = feedback_status(refusal);
            refused(Refusal {
                status: status.as_u16(),
                notice: None,
                errors: Vec::new(),
                retry_after,
            })
        })
}

/// The status (and wait) of a refused answer, for the island and the plain form alike.
pub fn feedback_status(refusal: portal_core::feedback::Refused) -> (StatusCode, Option<u64>) {
    use portal_core::feedback::Refused;
    match refusal {
        Refused::UnknownPage => (StatusCode::BAD_REQUEST, None),
        Refused::Invalid(_) => (StatusCode::UNPROCESSABLE_ENTITY, None),
        Refused::Limited(wait) => (StatusCode::TOO_MANY_REQUESTS, Some(wait)),
        Refused::Unavailable => (StatusCode::SERVICE_UNAVAILABLE, None),
    }
}

fn context() -> Result<(Core, Parts), ApiError> {
    let missing = |what: &str| ApiError::Failed(format!("server functions lack {what}"));
    let core = use_context::<Core>().ok_or_else(|| missing("the core"))?;
    let parts = use_context::<Parts>().ok_or_else(|| missing("the request"))?;
    Ok((core, parts))
}

/// A refusal, with its status and `Retry-After` written to the response.
fn refused(refusal: Refusal) -> ApiError {
    if let Some(response) = use_context::<ResponseOptions>() {
        response
            .set_status(StatusCode::from_u16(refusal.status).unwrap_or(StatusCode::BAD_REQUEST));
        if let Some(secs) = refusal.retry_after {
            response.insert_header(header::RETRY_AFTER, HeaderValue::from(secs));
        }
    }
    ApiError::Refused(refusal)
}
