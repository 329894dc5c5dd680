//! Logo upload and serving over HTTP (storing and removing are the core's
//! `accounts::logo`).
//!
//! `POST /{lang}/account/logo` takes a multipart form with a `logo` file. A body is read only
//! with an upload permit (a few at once, a bounded queue, `503` past it), so slow uploads
//! cannot pile bodies up in memory. The size limit holds
//! while the body streams in (the declared length is checked first, then every chunk); the
//! file is cleaned on the blocking pool; the PNG is stored under its hash, then the account is
//! switched to it, then the old object is deleted if nothing else uses it. A failure at any step
//! leaves the account as it was and removes what this upload stored.

use app::api::UploadAnswer;
use axum::{
    extract::{FromRequest, Multipart, Request, State},
    response::{IntoResponse, Response},
};
use domain::{
    account::Viewer,
    logo::{LogoProblem, is_logo_hash},
};
use http::{HeaderValue, StatusCode, header, request::Parts};
use portal_core::accounts::{
    Answer, Unavailable, login_first,
    logo::{logo_answer, store_logo},
};

use super::{Handlers, PathLang, answer};
use crate::error::Failure;

/// Room for the multipart framing around the file.
pub(super) const FRAMING: u64 = 16 * 1024;

/// The most a refused upload is read for, to deliver its answer.
const DRAIN_LIMIT: u64 = 64 * 1024 * 1024;

async fn drain(body: axum::body::Body, limit: u64) {
    use futures_util::StreamExt;
    let mut stream = body.into_data_stream();
    let mut read = 0u64;
    let deadline = tokio::time::Instant::now() + std::time::Duration::from_secs(30);
    while let Ok(Some(Ok(chunk))) = tokio::time::timeout_at(deadline, stream.next()).await {
        read += chunk.len() as u64;
        if read > limit {
            break;
        }
    }
}

/// Rebuilds the parts of a request (the body went to the multipart reader).
fn parts_of(headers: &http::HeaderMap, uri: &http::Uri, extensions: &http::Extensions) -> Parts {
    let mut request = Request::new(());
    *request.headers_mut() = headers.clone();
    *request.uri_mut() = uri.clone();
    *request.extensions_mut() = extensions.clone();
    request.into_parts().0
}

/// `POST /{lang}/account/logo`
pub(super) async fn upload(
    State(state): State<Handlers>,
    PathLang(lang): PathLang,
    request: Request,
) -> Response {
    let headers = request.headers().clone();
    let uri = request.uri().clone();
    let extensions = request.extensions().clone();
    let parts = || parts_of(&headers, &uri, &extensions);
    let account = lang.path("account");
    let Some(viewer) = extensions.get::<Viewer>().cloned() else {
        return respond_upload(&state, parts(), login_first(lang, &account)).await;
    };
    let max = state.logo_max_bytes;
    let declared = headers
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    let too_large = || {
        logo_answer(
            account.clone(),
            StatusCode::PAYLOAD_TOO_LARGE,
            LogoProblem::TooLarge(max),
        )
    };
    let result = if declared.is_some_and(|n| n > max + FRAMING) {
        // Read the rest (without keeping it, up to a bound) so that the browser, still
        // sending, receives the answer instead of a reset connection.
        drain(request.into_body(), DRAIN_LIMIT).await;
        too_large()
    } else {
        match state.upload_permits.acquire().await {
            // Held until the upload is stored or refused: its body is in memory till then.
            Ok(_permit) => match read_file(request, max).await {
                Err(problem @ LogoProblem::TooLarge(_)) => {
                    logo_answer(account.clone(), StatusCode::PAYLOAD_TOO_LARGE, problem)
                }
                Err(problem) => {
                    logo_answer(account.clone(), StatusCode::UNPROCESSABLE_ENTITY, problem)
                }
                Ok(bytes) => store_logo(&state, &viewer, bytes, account.clone())
                    .await
                    .unwrap_or_else(|e| e.answer(account.clone())),
            },
            Err(busy) => Unavailable::from(busy).answer(account.clone()),
        }
    };
    let outcome = match &result {
        Answer::Redirect(_) => "stored",
        Answer::Feedback { status, .. } if *status == StatusCode::PAYLOAD_TOO_LARGE => "too_large",
        Answer::Feedback { status, .. } if status.is_server_error() => "failed",
        Answer::Feedback { .. } => "refused",
    };
    metrics::counter!("portal_logo_uploads_total", "outcome" => outcome).increment(1);
    respond_upload(&state, parts(), result).await
}

/// The upload's answer: for the page's script (which asks for JSON, to keep its progress bar
/// and stay on the page) the typed [`UploadAnswer`] with the same status, otherwise what
/// every plain form gets.
async fn respond_upload(state: &Handlers, parts: Parts, result: Answer) -> Response {
    let wants_json = parts
        .headers
        .get(header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.contains("application/json"));
    if !wants_json {
        return answer(state, parts, result).await;
    }
    let typed: UploadAnswer = result.into_result();
    let status = match &typed {
        Ok(_) => StatusCode::OK,
        Err(refusal) => StatusCode::from_u16(refusal.status).unwrap_or(StatusCode::BAD_REQUEST),
    };
    (status, axum::Json(typed)).into_response()
}

async fn read_file(request: Request, max: u64) -> Result<Vec<u8>, LogoProblem> {
    // The route's body limit (`DefaultBodyLimit`) stops the stream past `max` plus framing.
    let mut multipart = Multipart::from_request(request, &())
        .await
        .map_err(|_| LogoProblem::NoFile)?;
    loop {
        let field = match multipart.next_field().await {
            Ok(Some(field)) => field,
            Ok(None) => return Err(LogoProblem::NoFile),
            Err(e) if e.status() == StatusCode::PAYLOAD_TOO_LARGE => {
                return Err(LogoProblem::TooLarge(max));
            }
            // A form the multipart reader cannot follow (control characters in a file name…).
            Err(_) => return Err(LogoProblem::Broken),
        };
        if field.name() != Some("logo") {
            continue;
        }
        // The file name and the claimed type are ignored: the bytes decide.
        let mut field = field;
        let mut bytes = Vec::new();
        loop {
            match field.chunk().await {
                Ok(Some(chunk)) => {
                    if (bytes.len() + chunk.len()) as u64 > max {
                        return Err(LogoProblem::TooLarge(max));
                    }
                    bytes.extend_from_slice(&chunk);
                }
                Ok(None) => break,
                Err(e) if e.status() == StatusCode::PAYLOAD_TOO_LARGE => {
                    return Err(LogoProblem::TooLarge(max));
                }
                Err(_) => return Err(LogoProblem::Broken),
            }
        }
        if bytes.is_empty() {
            // A form sent without choosing a file has an empty `logo` part.
            return Err(LogoProblem::NoFile);
        }
        return Ok(bytes);
    }
}

/// `GET /logos/{hash}.png`: from the site's own origin, immutable (the name is the content).
pub(super) async fn serve(
    State(state): State<Handlers>,
    request: Request,
) -> Result<Response, Failure> {
    let name = request
        .uri()
        .path()
        .strip_prefix("/logos/")
        .and_then(|n| n.strip_suffix(".png"))
        .unwrap_or_default();
    if !is_logo_hash(name) {
        return Ok(StatusCode::NOT_FOUND.into_response());
    }
    let stored = state.logos.get(name).await.map_err(|e| {
        Failure::from(e)
            .worded(|t| t.logos.logo_heading, |t| t.logos.logo_unavailable)
            .retry_after(30)
    })?;
    Ok(match stored {
        Some(bytes) => {
            let mut response = bytes.into_response();
            let headers = response.headers_mut();
            headers.insert(header::CONTENT_TYPE, HeaderValue::from_static("image/png"));
            headers.insert(
                header::CACHE_CONTROL,
                HeaderValue::from_static(crate::cache_control::IMMUTABLE),
            );
            headers.insert(
                header::X_CONTENT_TYPE_OPTIONS,
                HeaderValue::from_static("nosniff"),
            );
            headers.insert(
                header::CONTENT_SECURITY_POLICY,
                HeaderValue::from_static("default-src 'none'; sandbox"),
            );
            response
        }
        None => StatusCode::NOT_FOUND.into_response(),
    })
}
