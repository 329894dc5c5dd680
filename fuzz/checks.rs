//! What each fuzz target checks, as plain functions of the input: the targets in
//! `fuzz_targets/` hand them libFuzzer's inputs, and `server/tests/it/fuzz_seeds.rs` replays
//! every seed (and every input a long run saved under `artifacts/`) through them on the
//! stable toolchain, so the plain test run catches a regression without the nightly build.
#![allow(dead_code)]

use std::net::IpAddr;

use server::client_addr::{Cidr, TrustedProxies, forwarded_for};

/// A target's check: panics when the input breaks a rule.
pub type Check = fn(&[u8]);

/// Every target by name (its folder under `seeds/` and `artifacts/`) and its check.
pub const TARGETS: [(&str, Check); 5] = [
    ("content", content),
    ("consent_cookie", consent_cookie),
    ("forms", forms),
    ("client_addr", client_addr),
    ("logo", logo),
];

fn trusted_has(ip: IpAddr) -> bool {
    ["10.0.0.0/8", "::1", "127.0.0.1"]
        .iter()
        .any(|net| net.parse::<Cidr>().expect("valid").contains(ip))
}

/// A content page: front matter, then markdown with shortcodes, rendered and sanitised.
pub fn content(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok((_, body)) = domain::front_matter::FrontMatter::split(text) {
        let _ = portal_core::markdown::render(body);
    }
    // The markdown alone too: pages without front matter are refused before rendering.
    let rendered = portal_core::markdown::render(text);
    let _ = portal_core::markdown::slugify(text);
    drop(rendered);
}

/// The consent cookie as a visitor may send it: the Cookie header, then the signed value.
pub fn consent_cookie(data: &[u8]) {
    let Ok(header) = std::str::from_utf8(data) else {
        return;
    };
    let key = portal_core::consent_cookie::ConsentKey::new(vec![7u8; 32]).expect("key");
    let services = domain::consent::ConsentPolicy::default().services;
    if let Some(value) = portal_core::consent_cookie::cookie_value(header, "consent") {
        let _ = key.decode(value, &services);
    }
    // A decoded record must survive a round trip unchanged.
    if let Some(record) = key.decode(header, &services) {
        assert_eq!(
            key.decode(&key.encode(&record, &services), &services),
            Some(record)
        );
    }
}

/// Form bodies as posted to the consent endpoint and the account pages, and the checks their
/// fields go through.
pub fn forms(data: &[u8]) {
    let form = server::consent::parse_form(&bytes::Bytes::copy_from_slice(data));
    assert!(form.len() <= 32, "at most 32 fields are read");
    let field = |name: &str| {
        form.iter()
            .find(|(k, _)| k == name)
            .map_or("", |(_, v)| v.as_str())
    };
    use domain::account::*;
    let _ = normalise_email(field("email"));
    let _ = check_company(field("company"));
    let _ = check_password_length(field("password"));
    let _ = server::accounts::passwords::is_common(field("password"));
    let _ = Profile::from_form(
        field("company"),
        field("description"),
        field("website"),
        field("social"),
        field("published") == "on",
    );
    if let Some(next) = safe_next(field("next")) {
        assert!(next.starts_with('/') && !next.starts_with("//"), "{next:?}");
    }
    let back = server::consent::safe_return_path(field("return_to"));
    assert!(back.starts_with('/') && !back.starts_with("//"), "{back:?}");
    let policy = domain::consent::ConsentPolicy {
        mode: domain::consent::ConsentMode::Granular,
        ..domain::consent::ConsentPolicy::default()
    };
    let services = &policy.services;
    let ticked = [field("category")];
    let chosen = [field("service")];
    if let Some(decision) =
        domain::consent::Decision::from_form(field("choice"), &ticked, &chosen, services)
    {
        let _ = decision.as_str();
        // Whatever was ticked, a service is granted only inside a granted category.
        if let Ok(outcome) = decision.outcome(&policy, false) {
            let grant = outcome.granted();
            for (i, service) in services.iter().enumerate() {
                if grant.services.contains(i) {
                    assert!(grant.categories.contains(service.category));
                }
            }
        }
    }
}

/// `X-Forwarded-For` as anyone may send it, the `trusted_proxies` setting, and request paths.
pub fn client_addr(data: &[u8]) {
    let (setting, header) = data.split_at(
        data.len()
            .min(usize::from(data.first().copied().unwrap_or(0) % 64)),
    );
    if let Ok(text) = std::str::from_utf8(setting) {
        let _ = text.parse::<Cidr>();
    }
    let mut headers = http::HeaderMap::new();
    for value in header.split(|b| *b == b'\n') {
        if let Ok(value) = http::HeaderValue::from_bytes(value) {
            headers.append("x-forwarded-for", value);
        }
    }
    let hops = forwarded_for(&headers);
    assert!(hops.len() <= server::client_addr::MAX_HOPS);
    let trusted = TrustedProxies::parse(&["10.0.0.0/8", "::1", "127.0.0.1"]).expect("valid");
    let peer: IpAddr = "10.1.2.3".parse().expect("ip");
    let client = trusted.client(peer, &headers);
    // The client is the peer or one of the header's addresses, never anything else.
    assert!(client == peer || hops.contains(&Some(client)), "{client}");
    // However long the chain, an untrusted address at its right end (what the trusted proxy
    // appended) is the client: entries a client writes on the left never push it out.
    if let Some(Some(last)) = hops.last()
        && !trusted_has(*last)
    {
        assert_eq!(client, *last, "{hops:?}");
    }
    let _ = domain::net::mask_ip(client);
    if let Ok(path) = std::str::from_utf8(header)
        && let Some(canonical) = server::paths::canonical(path)
    {
        assert_eq!(
            server::paths::canonical(&canonical),
            None,
            "{path:?} -> {canonical:?}"
        );
        // Never a `Location` a browser would take to another host (`//host`, `/\host`).
        assert!(
            canonical.starts_with('/') && !canonical.starts_with("//") && !canonical.contains('\\'),
            "{path:?} -> {canonical:?}"
        );
    }
}

/// Logo uploads: sniffing, decoding (PNG, JPEG, WebP) or rasterising (SVG), re-encoding.
pub fn logo(data: &[u8]) {
    if let Ok(logo) = server::logos::process::clean(data) {
        assert!(logo.width <= 512 && logo.height <= 512);
        assert!(logo.png.starts_with(b"\x89PNG"));
    }
}
