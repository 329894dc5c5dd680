//! A stored page: made once from a fresh response (both encodings and every header), and
//! answered from for each hit (`304` when the client has it).

use super::*;

/// Turns a fresh response into a cache entry, or gives it back when it must not be cached
/// (or no longer fits: then it is given back uncompressed, as compressing it here would be
/// wasted).
pub(super) async fn store(cache: &PageCache, response: Response) -> Result<CachedPage, Response> {
    let is_html = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/html"));
    if response.status() != StatusCode::OK
        || !is_html
        || response.headers().contains_key(header::SET_COOKIE)
        || response.headers().contains_key(header::CONTENT_ENCODING)
    {
        return Err(response);
    }
    let (mut parts, body) = response.into_parts();
    let identity = match axum::body::to_bytes(body, MAX_BODY).await {
        Ok(bytes) => bytes,
        Err(_) => {
            parts.headers.remove(header::CONTENT_LENGTH);
            return Err((
                StatusCode::INTERNAL_SERVER_ERROR,
                "The page could not be rendered.",
            )
                .into_response());
        }
    };
    let identity = Bytes::from(crate::middleware::html_tidy::tidy(&identity));
    parts.headers.remove(header::CONTENT_LENGTH);
    parts.headers.remove(header::TRANSFER_ENCODING);
    parts.headers.insert(
        header::CONTENT_SECURITY_POLICY,
        cache.security.policy_for(&identity),
    );
    // Compressed forms are at most about the page's size again.
    if !cache.has_room(identity.len() * 2) {
        return Err(Response::from_parts(parts, Body::from(identity)));
    }
    let plain = identity.clone();
    let Ok((gzip, brotli)) =
        tokio::task::spawn_blocking(move || (gzip(&plain), brotli(&plain))).await
    else {
        return Err(Response::from_parts(parts, Body::from(identity)));
    };
    let mut hasher = DefaultHasher::new();
    identity.hash(&mut hasher);
    let etag = HeaderValue::from_str(&format!("\"{:016x}\"", hasher.finish()))
        .unwrap_or_else(|_| HeaderValue::from_static("\"0\""));
    let route = parts.extensions.get::<MatchedPath>().cloned();
    let mut common = parts.headers;
    for (name, value) in cache.security.fixed() {
        if !common.contains_key(&name) {
            common.insert(name, value);
        }
    }
    if let Some(id) = &cache.instance_id {
        common.insert(http::HeaderName::from_static("x-instance-id"), id.clone());
    }
    common.insert(header::ETAG, etag.clone());
    common.insert(
        header::VARY,
        HeaderValue::from_static("accept-encoding, cookie, sec-gpc"),
    );
    common.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("private, no-cache"),
    );
    common.insert(X_CACHE, HeaderValue::from_static(HIT));
    let mut not_modified = common.clone();
    not_modified.remove(header::CONTENT_TYPE);
    let bodies = [identity, gzip, brotli];
    let ok = [Encoding::Identity, Encoding::Gzip, Encoding::Brotli].map(|encoding| {
        let mut headers = common.clone();
        match encoding {
            Encoding::Identity => None,
            Encoding::Gzip => Some("gzip"),
            Encoding::Brotli => Some("br"),
        }
        .map(|coding| headers.insert(header::CONTENT_ENCODING, HeaderValue::from_static(coding)));
        headers.insert(
            header::CONTENT_LENGTH,
            HeaderValue::from(bodies[encoding as usize].len()),
        );
        headers
    });
    let label = route.as_ref().map_or("unmatched", |r| r.as_str());
    let hits = ["GET", "HEAD"].map(|method| {
        [
            HitMetrics::new(label, method, "200"),
            HitMetrics::new(label, method, "304"),
        ]
    });
    Ok(CachedPage {
        route,
        etag,
        bodies,
        ok,
        not_modified,
        hits,
    })
}

/// The answer from a stored page: `304` when the client has it, else the body in `encoding`
/// (none for a `HEAD`). Its headers are the page's prebuilt ones.
pub(in crate::middleware) fn respond(
    page: &CachedPage,
    encoding: Encoding,
    if_none_match: Option<&HeaderValue>,
    is_head: bool,
) -> Response {
    if if_none_match.is_some_and(|v| etag_matches(v, &page.etag)) {
        let mut response = Response::new(Body::empty());
        *response.status_mut() = StatusCode::NOT_MODIFIED;
        *response.headers_mut() = page.not_modified.clone();
        return response;
    }
    let body = if is_head {
        Body::empty()
    } else {
        Body::from(page.bodies[encoding as usize].clone())
    };
    let mut response = Response::new(body);
    *response.headers_mut() = page.ok[encoding as usize].clone();
    response
}

impl CachedPage {
    /// Counts a hit answered with `status` in the request metrics, as `ops::track` would.
    pub(in crate::middleware) fn record_hit(
        &self,
        is_head: bool,
        status: StatusCode,
        seconds: f64,
    ) {
        let metrics = &self.hits[usize::from(is_head)][usize::from(status != StatusCode::OK)];
        metrics.requests.increment(1);
        metrics.duration.record(seconds);
    }
}

pub(super) fn etag_matches(header: &HeaderValue, etag: &HeaderValue) -> bool {
    let Ok(list) = header.to_str() else {
        return false;
    };
    let etag = etag.to_str().unwrap_or_default();
    list.split(',').any(|candidate| {
        let candidate = candidate.trim();
        candidate == "*" || candidate.trim_start_matches("W/") == etag
    })
}
