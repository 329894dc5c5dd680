//! Where the server functions of [`crate::api`] meet the server: the `server` crate provides
//! an [`Actions`] implementation as context, and each server function hands its typed input
//! to it with the request's parts (session, consent, client address). The answer's status,
//! `Retry-After` and cookies are written through Leptos' `ResponseOptions`.

use std::{future::Future, pin::Pin, sync::Arc};

use http::{HeaderName, HeaderValue, StatusCode, header, request::Parts};
use leptos::prelude::{provide_context, use_context};
use leptos_axum::ResponseOptions;

use crate::{
    api::{
        account::Action,
        error::{ApiError, Refusal},
    },
    domain::{
        consent::{CategorySet, Decision},
        lang::Lang,
    },
};

/// A boxed future the server can return from a trait object.
pub type Pending<T> = Pin<Box<dyn Future<Output = Reply<T>> + Send>>;

/// A core function's answer: the value or the refusal, and headers to add (cookies).
#[derive(Debug)]
pub struct Reply<T> {
    /// What the caller gets.
    pub result: Result<T, Refusal>,
    /// Headers for the response (`Set-Cookie`, appended).
    pub headers: Vec<(HeaderName, HeaderValue)>,
}

impl<T> Reply<T> {
    /// An answer without extra headers.
    pub fn plain(result: Result<T, Refusal>) -> Reply<T> {
        Reply {
            result,
            headers: Vec::new(),
        }
    }
}

/// What the server does for each action; implemented by the `server` crate.
pub trait Actions: Send + Sync + 'static {
    /// A consent decision.
    fn consent(&self, parts: Parts, lang: Lang, decision: Decision) -> Pending<CategorySet>;
    /// An account action; the value is the path to go to next.
    fn account(&self, parts: Parts, lang: Lang, action: Action) -> Pending<String>;
}

/// The [`Actions`] the server functions call, provided as context for each request.
#[derive(Clone)]
pub struct ActionsContext(pub Arc<dyn Actions>);

impl ActionsContext {
    /// Makes these actions available to the server functions of the current request.
    pub fn provide(&self) {
        provide_context(self.clone());
    }
}

pub(crate) async fn consent(lang: Lang, decision: Decision) -> Result<CategorySet, ApiError> {
    let (actions, parts) = context()?;
    finish(actions.0.consent(parts, lang, decision).await)
}

pub(crate) async fn account(lang: Lang, action: Action) -> Result<String, ApiError> {
    let (actions, parts) = context()?;
    finish(actions.0.account(parts, lang, action).await)
}

fn context() -> Result<(ActionsContext, Parts), ApiError> {
    let missing = |what: &str| ApiError::Failed(format!("server functions lack {what}"));
    let actions = use_context::<ActionsContext>().ok_or_else(|| missing("their actions"))?;
    let parts = use_context::<Parts>().ok_or_else(|| missing("the request"))?;
    Ok((actions, parts))
}

/// Writes the reply's headers and, for a refusal, its status and `Retry-After`.
fn finish<T>(reply: Reply<T>) -> Result<T, ApiError> {
    let response = use_context::<ResponseOptions>();
    if let Some(response) = &response {
        for (name, value) in reply.headers {
            response.append_header(name, value);
        }
    }
    reply.result.map_err(|refusal| {
        if let Some(response) = &response {
            response.set_status(
                StatusCode::from_u16(refusal.status).unwrap_or(StatusCode::BAD_REQUEST),
            );
            if let Some(secs) = refusal.retry_after {
                response.insert_header(header::RETRY_AFTER, HeaderValue::from(secs));
            }
        }
        ApiError::Refused(refusal)
    })
}
