//! Canonical request paths. Any path that names a page in another spelling — dot segments
//! (`/en/x/../about`), doubled slashes, percent-encoded letters (`/en/%61bout`) — is sent to
//! its canonical spelling with a `308` before anything renders, so the page cache and the
//! router only ever see one URL per page, and junk spellings cost a redirect, not a render.
//!
//! A backslash is written `%5C` in the canonical spelling: browsers read `\` in a `Location`
//! as `/`, so `/\evil.example/` would send them to another host.

use axum::{extract::Request, middleware::Next, response::IntoResponse, response::Response};
use http::{StatusCode, header};

/// The canonical spelling of `path` when it differs from `path`: percent-escapes of
/// unreserved characters decoded (RFC 3986 §6.2.2.2), empty and `.` segments dropped, `..`
/// resolved (never above the root), the trailing slash kept, a backslash escaped as `%5C`.
/// `None` when `path` is canonical already.
pub fn canonical(path: &str) -> Option<String> {
    let suspicious =
        path.contains("//") || path.contains("/.") || path.contains('%') || path.contains('\\');
    if !suspicious {
        return None;
    }
    let decoded = decode_unreserved(path);
    let mut segments: Vec<&str> = Vec::new();
    let parts: Vec<&str> = decoded.split('/').collect();
    let last = parts.len().saturating_sub(1);
    let mut trailing = false;
    for (i, segment) in parts.iter().enumerate() {
        match *segment {
            "" | "." => trailing = i == last && i > 0,
            ".." => {
                segments.pop();
                trailing = i == last;
            }
            s => {
                segments.push(s);
                trailing = false;
            }
        }
    }
    let mut out = String::with_capacity(decoded.len());
    for s in &segments {
        out.push('/');
        out.push_str(s);
    }
    if trailing || out.is_empty() {
        out.push('/');
    }
    (out != path).then_some(out)
}

/// Decodes `%XX` where it stands for an unreserved character (letters, digits, `-._~`), and
/// upper-cases the hex digits of every other escape; a `%` that starts no escape becomes `%25`.
/// Only ASCII is replaced by ASCII, so the
/// result stays valid UTF-8 whatever the input.
fn decode_unreserved(path: &str) -> String {
    let bytes = path.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && let (Some(h), Some(l)) = (
                bytes.get(i + 1).and_then(|b| (*b as char).to_digit(16)),
                bytes.get(i + 2).and_then(|b| (*b as char).to_digit(16)),
            )
        {
            let value = (h * 16 + l) as u8;
            if value.is_ascii_alphanumeric() || b"-._~".contains(&value) {
                out.push(value);
            } else {
                out.extend_from_slice(format!("%{value:02X}").as_bytes());
            }
            i += 3;
            continue;
        }
        if bytes[i] == b'\\' {
            out.extend_from_slice(b"%5C");
        } else if bytes[i] == b'%' {
            // A `%` that starts no escape stands for itself: written as one, so that a
            // decoded letter after it cannot turn it into an escape.
            out.extend_from_slice(b"%25");
        } else {
            out.push(bytes[i]);
        }
        i += 1;
    }
    String::from_utf8(out).unwrap_or_else(|_| path.to_owned())
}

/// The middleware: `308` to the canonical path (query kept), or on to the next layer.
pub async fn redirect_to_canonical(request: Request, next: Next) -> Response {
    let Some(path) = canonical(request.uri().path()) else {
        return next.run(request).await;
    };
    let target = match request.uri().query() {
        Some(query) => format!("{path}?{query}"),
        None => path,
    };
    (
        StatusCode::PERMANENT_REDIRECT,
        [
            (header::LOCATION, target),
            (header::CACHE_CONTROL, "no-cache".to_owned()),
        ],
    )
        .into_response()
}

#[cfg(test)]
mod tests {
    use super::canonical;

    #[test]
    fn canonical_paths_stay() {
        for ok in [
            "/",
            "/en/",
            "/en/cookie-policy",
            "/pkg/portal.js",
            "/en/a.b",
            "/en/%2F",
        ] {
            assert_eq!(canonical(ok), None, "{ok}");
        }
    }

    #[test]
    fn other_spellings_go_to_the_canonical_one() {
        for (from, to) in [
            ("/en/x123/../cookie-policy", "/en/cookie-policy"),
            ("/en/./cookie-policy", "/en/cookie-policy"),
            ("//en//cookie-policy", "/en/cookie-policy"),
            ("/en/%63ookie-policy", "/en/cookie-policy"),
            ("/en/cookie%2dpolicy", "/en/cookie-policy"),
            ("/../../etc/passwd", "/etc/passwd"),
            ("/en/..", "/"),
            ("/en/.", "/en/"),
            ("/en//", "/en/"),
            ("/en/%2f", "/en/%2F"),
            ("/%2e%2e/en/", "/en/"),
            ("/en/%zz//", "/en/%25zz/"),
            // Browsers read `\` as `/`: never a `Location` they would take to another host.
            ("//\\evil.example/", "/%5Cevil.example/"),
            ("/\\evil.example/", "/%5Cevil.example/"),
            ("/\\/evil.example", "/%5C/evil.example"),
            ("/en/a\\b", "/en/a%5Cb"),
            ("/en/%5c", "/en/%5C"),
        ] {
            assert_eq!(canonical(from).as_deref(), Some(to), "{from}");
        }
    }

    #[test]
    fn canonical_is_idempotent() {
        // The last one was found by the fuzzer: text that is not ASCII next to an escape.
        for path in [
            "/a/../b//c/./%41%2e%2E/",
            "/%zz/..",
            "/%",
            "/a%2F..%2Fb",
            "..%'6\u{34b}.1",
            "/ä/%c3%a4/../ö",
            "/x//%%66c1y",
            "//\\evil.example/",
            "/\\%5C\\/..\\",
        ] {
            let once = canonical(path).unwrap_or_else(|| path.to_owned());
            assert_eq!(canonical(&once), None, "{path} -> {once}");
        }
    }
}
