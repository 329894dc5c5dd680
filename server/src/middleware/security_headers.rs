//! Security headers on every response, and the Content-Security-Policy of every HTML page.
//!
//! The policy allows only what the pages need. Inline scripts (the hydration loader, the
//! Consent Mode defaults) are allowed by their SHA-256 hashes, computed from the page itself:
//! cached pages are shared between visitors, so a per-response nonce would have to be
//! rewritten into every cached body, while a hash is the same for everyone who gets the same
//! bytes. The page cache computes the policy once when it stores a page; every other HTML
//! response is read here and gets its own. Third-party scripts may come only from the origins
//! the operator configured (`[[consent.scripts]]`); whether they load is the consent logic's
//! decision, as a policy cannot change when consent is granted on an open page.

use std::sync::Arc;

use axum::{
    body::Body,
    extract::{Request, State},
    middleware::Next,
    response::Response,
};
use base64::Engine;
use domain::consent::ConsentPolicy;
use http::{HeaderName, HeaderValue, header};
use sha2::{Digest, Sha256};

/// The parts of the policy that do not depend on the page.
#[derive(Debug, Clone)]
pub struct SecurityHeaders {
    /// `'self' 'wasm-unsafe-eval'` and the configured script origins.
    script_src: Arc<str>,
    /// Everything after `script-src`.
    rest: Arc<str>,
    /// Whether to send `Strict-Transport-Security` (https only).
    hsts: bool,
}

/// Largest HTML body read to compute its policy (bigger pages get one without inline scripts).
const MAX_HTML: usize = 4 * 1024 * 1024;

impl SecurityHeaders {
    /// The headers for a site reached at `public_url`, embedding videos from `video_origin`
    /// and loading consented scripts from `script_urls`.
    pub fn new<'a>(
        public_url: &str,
        video_origin: &'a str,
        script_urls: impl IntoIterator<Item = &'a str>,
    ) -> SecurityHeaders {
        SecurityHeaders::build(public_url, script_urls, [video_origin], [], [])
    }

    /// The headers for a site under a consent `policy`: the scripts of its services and those
    /// declared by category, the videos' and the services' embeds, and Matomo's tracker (its
    /// hits go by `fetch`/beacon or as an image), and the API servers the reference pages'
    /// "Try it" forms call (`try_servers`, in `connect-src` only).
    pub fn for_policy(
        public_url: &str,
        policy: &ConsentPolicy,
        try_servers: &[String],
    ) -> SecurityHeaders {
        let scripts = policy.scripts.iter().map(|s| s.src.as_str()).chain(
            policy
                .services
                .iter()
                .flat_map(|s| s.scripts.iter().map(String::as_str)),
        );
        let frames = std::iter::once(policy.video_origin.as_str()).chain(
            policy
                .services
                .iter()
                .map(|s| s.embed_origin.as_str())
                .filter(|o| !o.is_empty()),
        );
        let beacons = policy.matomo.iter().map(|m| m.url.as_str());
        SecurityHeaders::build(
            public_url,
            scripts,
            frames,
            beacons,
            try_servers.iter().map(String::as_str),
        )
    }

    fn build<'a>(
        public_url: &str,
        script_urls: impl IntoIterator<Item = &'a str>,
        frame_urls: impl IntoIterator<Item = &'a str>,
        beacon_urls: impl IntoIterator<Item = &'a str>,
        api_urls: impl IntoIterator<Item = &'a str>,
    ) -> SecurityHeaders {
        let origins = |urls: &mut dyn Iterator<Item = &'a str>| -> Vec<String> {
            let mut list: Vec<String> = urls.filter_map(origin_of).collect();
            list.sort();
            list.dedup();
            list
        };
        let mut script_src = String::from("'self' 'wasm-unsafe-eval'");
        for o in origins(&mut script_urls.into_iter()) {
            script_src.push(' ');
            script_src.push_str(&o);
        }
        let style_attrs: Vec<String> = portal_core::markdown::ALIGNMENTS
            .iter()
            .map(|a| format!("'{}'", sha256_source(a.as_bytes())))
            .collect();
        let frames = origins(&mut frame_urls.into_iter());
        let frame = if frames.is_empty() {
            "'none'".to_owned()
        } else {
            frames.join(" ")
        };
        let beacon_origins = origins(&mut beacon_urls.into_iter());
        let beacons: String = beacon_origins.iter().map(|o| format!(" {o}")).collect();
        let mut connect_origins = origins(&mut api_urls.into_iter());
        connect_origins.retain(|o| !beacon_origins.contains(o));
        let connect: String = connect_origins.iter().map(|o| format!(" {o}")).collect();
        let rest = format!(
            "style-src 'self'; style-src-attr 'unsafe-hashes' {}; img-src 'self' blob:{beacons}; \
             font-src 'self'; connect-src 'self'{beacons}{connect}; manifest-src 'self'; media-src 'none'; \
             worker-src 'none'; frame-src {frame}; frame-ancestors 'none'; object-src 'none'; \
             base-uri 'none'; form-action 'self'",
            style_attrs.join(" ")
        );
        SecurityHeaders {
            script_src: script_src.into(),
            rest: rest.into(),
            hsts: crate::config::public_url::PublicUrl::from(public_url).is_https(),
        }
    }

    /// In development (`cargo leptos watch`) the live-reload script talks to cargo-leptos over
    /// a WebSocket on another port: `connect-src` allows `ws:` then, and only then.
    #[must_use]
    pub fn with_live_reload(mut self, on: bool) -> SecurityHeaders {
        if on {
            self.rest = self
                .rest
                .replace("connect-src 'self'", "connect-src 'self' ws:")
                .into();
        }
        self
    }

    /// The policy for an HTML page: its inline scripts allowed by hash, nothing else inline.
    pub fn policy_for(&self, html: &[u8]) -> HeaderValue {
        let mut hashes: Vec<String> = inline_scripts(html)
            .map(|body| format!("'{}'", sha256_source(body)))
            .collect();
        hashes.sort();
        hashes.dedup();
        let mut policy = format!("default-src 'none'; script-src {}", self.script_src);
        for h in &hashes {
            policy.push(' ');
            policy.push_str(h);
        }
        policy.push_str("; ");
        policy.push_str(&self.rest);
        HeaderValue::from_str(&policy).unwrap_or_else(|_| {
            HeaderValue::from_static("default-src 'none'; frame-ancestors 'none'")
        })
    }
}

/// `'sha256-…'` without the quotes.
fn sha256_source(bytes: &[u8]) -> String {
    format!(
        "sha256-{}",
        base64::engine::general_purpose::STANDARD.encode(Sha256::digest(bytes))
    )
}

/// `scheme://host[:port]` of an http(s) URL; `None` for anything else.
fn origin_of(url: &str) -> Option<String> {
    let (scheme, rest) = url.split_once("://")?;
    if !matches!(scheme, "http" | "https") {
        return None;
    }
    let host = rest.split(['/', '?', '#']).next().unwrap_or_default();
    let ok = !host.is_empty()
        && host
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b".-:[]".contains(&b));
    ok.then(|| format!("{scheme}://{}", host.to_ascii_lowercase()))
}

/// The bodies of the page's inline `<script>` elements (those without `src`). The pages'
/// markdown is sanitised (no script survives it), so every script here is the app's own.
pub fn inline_scripts(html: &[u8]) -> impl Iterator<Item = &[u8]> {
    let mut rest = html;
    std::iter::from_fn(move || {
        loop {
            let start = find(rest, b"<script")?;
            let after = &rest[start + 7..];
            // `<scripts>` or `<script-x>` is another element.
            if !after
                .first()
                .is_some_and(|b| b.is_ascii_whitespace() || *b == b'>')
            {
                rest = after;
                continue;
            }
            let tag_end = find(after, b">")?;
            let tag = &after[..tag_end];
            let body_start = &after[tag_end + 1..];
            let body_end = find(body_start, b"</script")?;
            let body = &body_start[..body_end];
            rest = &body_start[body_end..];
            let has_src = tag
                .windows(5)
                .enumerate()
                .any(|(i, w)| w == b" src=" || (i == 0 && w.starts_with(b"src=")));
            if !has_src {
                return Some(body);
            }
        }
    })
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

fn is_html(response: &Response) -> bool {
    response
        .headers()
        .get(header::CONTENT_TYPE)
        .is_some_and(|v| v.as_bytes().starts_with(b"text/html"))
}

/// The middleware: the fixed headers on every response, and a policy on every HTML one that
/// has none yet (cached pages bring theirs), whose body is tidied ([`super::html_tidy`]).
pub async fn add(State(h): State<SecurityHeaders>, request: Request, next: Next) -> Response {
    let response = next.run(request).await;
    let mut response = if is_html(&response)
        && !response
            .headers()
            .contains_key(header::CONTENT_SECURITY_POLICY)
    {
        with_policy(&h, response).await
    } else {
        response
    };
    let headers = response.headers_mut();
    for (name, value) in h.fixed() {
        if name == header::STRICT_TRANSPORT_SECURITY || !headers.contains_key(&name) {
            headers.insert(name, value);
        }
    }
    response
}

impl SecurityHeaders {
    /// The headers every response gets, whatever it is (`Strict-Transport-Security` on https).
    pub fn fixed(&self) -> impl Iterator<Item = (HeaderName, HeaderValue)> + use<> {
        let fixed: [(HeaderName, &'static str); 6] = [
            (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
            (header::REFERRER_POLICY, "strict-origin-when-cross-origin"),
            (header::X_FRAME_OPTIONS, "DENY"),
            (
                HeaderName::from_static("permissions-policy"),
                "camera=(), microphone=(), geolocation=(), payment=(), usb=(), magnetometer=(), \
                 gyroscope=(), display-capture=()",
            ),
            (
                HeaderName::from_static("cross-origin-opener-policy"),
                "same-origin",
            ),
            (
                HeaderName::from_static("cross-origin-resource-policy"),
                "same-origin",
            ),
        ];
        let hsts = self.hsts.then_some((
            header::STRICT_TRANSPORT_SECURITY,
            "max-age=63072000; includeSubDomains",
        ));
        fixed
            .into_iter()
            .chain(hsts)
            .map(|(name, value)| (name, HeaderValue::from_static(value)))
    }
}

async fn with_policy(h: &SecurityHeaders, response: Response) -> Response {
    let (mut parts, body) = response.into_parts();
    if parts.headers.contains_key(header::CONTENT_ENCODING) {
        // Not readable here: no inline script is allowed.
        parts
            .headers
            .insert(header::CONTENT_SECURITY_POLICY, h.policy_for(b""));
        return Response::from_parts(parts, body);
    }
    match axum::body::to_bytes(body, MAX_HTML).await {
        Ok(bytes) => {
            // Tidied first: the policy hashes the scripts of the bytes that are sent.
            let bytes = bytes::Bytes::from(super::html_tidy::tidy(&bytes));
            parts.headers.remove(header::CONTENT_LENGTH);
            parts
                .headers
                .insert(header::CONTENT_SECURITY_POLICY, h.policy_for(&bytes));
            Response::from_parts(parts, Body::from(bytes))
        }
        Err(e) => {
            tracing::error!(error = %e, "page body could not be read");
            let mut response = Response::new(Body::from("The page could not be rendered."));
            *response.status_mut() = http::StatusCode::INTERNAL_SERVER_ERROR;
            response
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_inline_scripts_only() {
        let html = br#"<head><script type="module">import('/pkg/a.js')</script>
            <script async src="https://t.example/x.js"></script><scripts>no</scripts>
            <script>gtag()</script><p>&lt;script&gt;</p></head>"#;
        let found: Vec<&[u8]> = inline_scripts(html).collect();
        assert_eq!(found, vec![&b"import('/pkg/a.js')"[..], &b"gtag()"[..]]);
        assert_eq!(inline_scripts(b"<script>unterminated").count(), 0);
    }

    #[test]
    fn the_policy_hashes_inline_scripts_and_allows_no_inline_code() {
        let h = SecurityHeaders::new(
            "http://127.0.0.1:3000",
            "https://www.youtube-nocookie.com",
            [
                "https://www.googletagmanager.com/gtag/js?id=G-1",
                "javascript:x",
            ],
        );
        let policy = h.policy_for(b"<script>alert(1)</script>");
        let policy = policy.to_str().expect("ascii");
        // echo -n 'alert(1)' | openssl dgst -sha256 -binary | base64
        assert!(
            policy.contains("'sha256-bhHHL3z2vDgxUt0W3dWQOrprscmda2Y5pLsLg4GF+pI='"),
            "{policy}"
        );
        for part in [
            "default-src 'none'",
            "script-src 'self' 'wasm-unsafe-eval' https://www.googletagmanager.com ",
            "frame-src https://www.youtube-nocookie.com;",
            "frame-ancestors 'none'",
            "object-src 'none'",
            "base-uri 'none'",
            "form-action 'self'",
        ] {
            assert!(policy.contains(part), "{part} missing from {policy}");
        }
        for bad in [
            "'unsafe-inline'",
            "'unsafe-eval'",
            "javascript",
            "'strict-dynamic'",
        ] {
            assert!(!policy.contains(bad), "{bad} in {policy}");
        }
        assert!(!policy.contains("ws:"), "no WebSocket outside development");
        let dev = SecurityHeaders::new("http://127.0.0.1:3000", "", [])
            .with_live_reload(true)
            .policy_for(b"<html></html>");
        let dev = dev.to_str().expect("ascii");
        assert!(dev.contains("connect-src 'self' ws:;"), "{dev}");
        assert!(!h.hsts);
        assert!(SecurityHeaders::new("https://x.example", "", []).hsts);
    }

    #[test]
    fn the_policy_follows_the_declared_services() {
        let mut consent = ConsentPolicy::default();
        consent.services[1].scripts = vec!["https://tag.example/t.js".into()];
        consent.services[1].embed_origin = "https://ads.example".into();
        consent.matomo = Some(domain::consent::MatomoConfig {
            url: "https://stats.example/m/".into(),
            site_id: 1,
        });
        let consent = consent.normalised().expect("valid");
        let policy =
            SecurityHeaders::for_policy("https://x.example", &consent, &[]).policy_for(b"");
        let policy = policy.to_str().expect("ascii");
        for part in [
            "script-src 'self' 'wasm-unsafe-eval' https://stats.example https://tag.example;",
            "frame-src https://ads.example https://www.youtube-nocookie.com;",
            "connect-src 'self' https://stats.example;",
            "img-src 'self' blob: https://stats.example;",
        ] {
            assert!(policy.contains(part), "{part} missing from {policy}");
        }
        let plain =
            SecurityHeaders::for_policy("https://x.example", &ConsentPolicy::default(), &[])
                .policy_for(b"");
        let plain = plain.to_str().expect("ascii");
        assert!(plain.contains("connect-src 'self';"), "{plain}");
        assert!(plain.contains("img-src 'self' blob:;"), "{plain}");
    }

    #[test]
    fn connect_src_follows_the_try_servers() {
        let servers = [
            "https://api.example/v1".to_owned(),
            "https://API.example".into(),
            "http://127.0.0.1:9000".into(),
        ];
        let policy =
            SecurityHeaders::for_policy("https://x.example", &ConsentPolicy::default(), &servers)
                .policy_for(b"");
        let policy = policy.to_str().expect("ascii");
        assert!(
            policy.contains("connect-src 'self' http://127.0.0.1:9000 https://api.example;"),
            "{policy}"
        );
        // Only connections: no script, frame or image from them.
        assert_eq!(policy.matches("api.example").count(), 1, "{policy}");
    }
}
