//! The handlers' one error type, [`Failure`]: a handler returns `Result<_, Failure>` and uses
//! `?`. Any error converts into [`Failure::Unavailable`] (503, logged once, "try again
//! later"); a refusal is a status with its words ([`Failure::refused`]). Its answer is a small
//! page in the language of the request's path, written by [`error_pages`], so a handler never
//! needs to know the language to fail.
//!
//! The account forms keep their own answer (the form's page again with its problems): that
//! is the core's `Stop`, shaped by `accounts::pages::answer`.

use axum::{
    extract::Request,
    middleware::Next,
    response::{Html, IntoResponse, Response},
};
use domain::{
    i18n::{Strings, strings},
    lang::Lang,
};
use http::{HeaderValue, StatusCode, header};

/// Words of the page, picked from a language's strings.
pub type Words = fn(&Strings) -> &'static str;

/// Why a handler answers with an error page.
#[derive(Debug)]
pub enum Failure {
    /// The request was refused: this status and these words.
    Refused {
        /// The status (4xx).
        status: StatusCode,
        /// The page's title.
        title: Words,
        /// The page's text.
        text: Words,
    },
    /// Something the handler needed did not answer (the database, storage): 503.
    Unavailable {
        /// What failed; logged, never shown.
        error: Box<dyn std::error::Error + Send + Sync>,
        /// The page's title.
        title: Words,
        /// The page's text.
        text: Words,
        /// Seconds after which to try again.
        retry_after: Option<u32>,
    },
}

impl<E: std::error::Error + Send + Sync + 'static> From<E> for Failure {
    fn from(error: E) -> Failure {
        Failure::Unavailable {
            error: Box::new(error),
            title: |t| t.site.unavailable_title,
            text: |t| t.notices.n_unavailable,
            retry_after: None,
        }
    }
}

impl Failure {
    /// A refusal with `status`.
    pub fn refused(status: StatusCode, title: Words, text: Words) -> Failure {
        Failure::Refused {
            status,
            title,
            text,
        }
    }

    /// The same failure under other words (what was unavailable).
    pub fn worded(self, new_title: Words, new_text: Words) -> Failure {
        match self {
            Failure::Refused { status, .. } => Failure::refused(status, new_title, new_text),
            Failure::Unavailable {
                error, retry_after, ..
            } => Failure::Unavailable {
                error,
                title: new_title,
                text: new_text,
                retry_after,
            },
        }
    }

    /// The same failure, asking to try again after `seconds`.
    pub fn retry_after(self, seconds: u32) -> Failure {
        match self {
            Failure::Unavailable {
                error, title, text, ..
            } => Failure::Unavailable {
                error,
                title,
                text,
                retry_after: Some(seconds),
            },
            refused => refused,
        }
    }
}

/// The page [`error_pages`] writes: left in the response by [`Failure::into_response`].
#[derive(Debug, Clone, Copy)]
struct ErrorPage {
    title: Words,
    text: Words,
}

impl IntoResponse for Failure {
    fn into_response(self) -> Response {
        let (status, page, retry_after) = match self {
            Failure::Refused {
                status,
                title,
                text,
            } => (status, ErrorPage { title, text }, None),
            Failure::Unavailable {
                error,
                title,
                text,
                retry_after,
            } => {
                tracing::error!(error = %error, "request failed");
                (
                    StatusCode::SERVICE_UNAVAILABLE,
                    ErrorPage { title, text },
                    retry_after,
                )
            }
        };
        let mut response = status.into_response();
        response.extensions_mut().insert(page);
        let headers = response.headers_mut();
        headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
        if let Some(seconds) = retry_after {
            headers.insert(header::RETRY_AFTER, HeaderValue::from(seconds));
        }
        response
    }
}

/// The middleware that writes a [`Failure`]'s page, in the language of the request's path
/// (the default language when it has none), keeping the failure's status and headers.
pub async fn error_pages(request: Request, next: Next) -> Response {
    let lang = Lang::from_path(request.uri().path()).unwrap_or_default();
    let mut response = next.run(request).await;
    let Some(page) = response.extensions_mut().remove::<ErrorPage>() else {
        return response;
    };
    let (mut parts, _) = response.into_parts();
    let page = simple_page(lang, parts.status, page.title, page.text);
    let (page_parts, body) = page.into_parts();
    parts.headers.extend(page_parts.headers);
    Response::from_parts(parts, body)
}

/// A minimal page with a title, a text and a link home (for refusals before any page logic).
pub fn simple_page(lang: Lang, status: StatusCode, title: Words, text: Words) -> Response {
    let t = strings(lang);
    let body = format!(
        "<!DOCTYPE html><html lang=\"{code}\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>{title}</title></head><body><main><h1>{title}</h1><p>{text}</p><p><a href=\"/{code}/\">{home}</a></p></main></body></html>",
        code = lang.code(),
        title = title(t),
        text = text(t),
        home = t.site.not_found_home,
    );
    (status, Html(body)).into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_failure_is_a_page_in_the_paths_language_with_its_status_and_headers() {
        use axum::{Router, routing::get};
        use tower::ServiceExt;

        async fn down() -> Result<Response, Failure> {
            Err(std::io::Error::other("disk gone"))?
        }
        let app = Router::new()
            .route("/sv/x", get(down))
            .route(
                "/en/refused",
                get(|| async {
                    Failure::refused(
                        StatusCode::FORBIDDEN,
                        |t| t.notices.site_forbidden_title,
                        |t| t.notices.form_forbidden,
                    )
                    .into_response()
                }),
            )
            .route(
                "/en/later",
                get(|| async {
                    Failure::from(std::io::Error::other("s3"))
                        .worded(|t| t.logos.logo_heading, |t| t.logos.logo_unavailable)
                        .retry_after(30)
                        .into_response()
                }),
            )
            .layer(axum::middleware::from_fn(error_pages));
        let get_page = |path: &'static str| {
            let app = app.clone();
            async move {
                let response = app
                    .oneshot(
                        Request::get(path)
                            .body(axum::body::Body::empty())
                            .unwrap_or_default(),
                    )
                    .await
                    .unwrap_or_else(|never| match never {});
                let status = response.status();
                let headers = response.headers().clone();
                let bytes = axum::body::to_bytes(response.into_body(), 1 << 16)
                    .await
                    .unwrap_or_default();
                (
                    status,
                    headers,
                    String::from_utf8_lossy(&bytes).into_owned(),
                )
            }
        };
        let (status, headers, body) = get_page("/sv/x").await;
        assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE);
        assert!(
            body.contains("lang=\"sv\"") && body.contains(strings(Lang::Sv).site.unavailable_title)
        );
        assert!(
            !body.contains("disk gone"),
            "the error is logged, never shown"
        );
        assert_eq!(headers[header::CACHE_CONTROL], "no-store");
        assert!(
            headers[header::CONTENT_TYPE]
                .to_str()
                .unwrap_or_default()
                .starts_with("text/html")
        );

        let (status, _, body) = get_page("/en/refused").await;
        assert_eq!(status, StatusCode::FORBIDDEN);
        assert!(body.contains(strings(Lang::En).notices.form_forbidden));

        let (status, headers, body) = get_page("/en/later").await;
        assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE);
        assert_eq!(headers[header::RETRY_AFTER], "30");
        assert!(body.contains(strings(Lang::En).logos.logo_unavailable));
    }
}
