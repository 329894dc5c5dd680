//! What a server function answers when it does not carry out its action: the typed refusal
//! the form shows, or a failure to get through.

use leptos::server_fn::{
    codec::JsonEncoding,
    error::{FromServerFnError, ServerFnErrorErr},
};
use serde::{Deserialize, Serialize};

use crate::account::{Field, Notice, Problem};

/// Why the server refused an action, in the terms the form shows: the notice above the form,
/// a problem per field, and for a limit how many seconds to wait.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Refusal {
    /// The HTTP status the plain form gets for the same refusal (403, 422, 429, …).
    pub status: u16,
    /// The message above the form.
    pub notice: Option<Notice>,
    /// The fields' problems, in the form's order.
    pub errors: Vec<(Field, Problem)>,
    /// Seconds to wait before trying again (with a 429).
    pub retry_after: Option<u64>,
}

/// The logo upload's answer to its script (the upload keeps its own multipart endpoint, for
/// the progress bar and the streaming size limit): the path to go to, or the refusal.
pub type UploadAnswer = Result<String, Refusal>;

/// A server function's error: refused by the site's rules, or not carried out at all.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum ApiError {
    /// The server looked at the request and said no.
    #[error("refused with status {}", .0.status)]
    Refused(Refusal),
    /// The request or its answer did not get through (network, encoding, a server fault).
    #[error("{0}")]
    Failed(String),
}

impl FromServerFnError for ApiError {
    type Encoder = JsonEncoding;

    /// On the server, arguments that do not decode (a malformed body, or one of the wrong
    /// shape; server_fn reports the JSON codec's failure as `Deserialization`) are the
    /// caller's mistake: refused with `400`, like a plain form that cannot be read. Anything
    /// else, and in the browser everything (there `Deserialization` is an answer the island
    /// could not read), did not get through.
    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        match value {
            #[cfg(feature = "ssr")]
            ServerFnErrorErr::Args(_)
            | ServerFnErrorErr::MissingArg(_)
            | ServerFnErrorErr::Deserialization(_) => ApiError::Refused(Refusal {
                status: 400,
                notice: Some(Notice::FormUnreadable),
                errors: Vec::new(),
                retry_after: None,
            }),
            other => ApiError::Failed(other.to_string()),
        }
    }
}
