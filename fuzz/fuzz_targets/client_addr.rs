//! `X-Forwarded-For` as anyone may send it, the `trusted_proxies` setting, and request paths.
#![no_main]

use std::net::IpAddr;

use libfuzzer_sys::fuzz_target;
use server::client_addr::{Cidr, TrustedProxies, forwarded_for};

fn trusted_has(ip: IpAddr) -> bool {
    ["10.0.0.0/8", "::1", "127.0.0.1"]
        .iter()
        .any(|net| net.parse::<Cidr>().expect("valid").contains(ip))
}

fuzz_target!(|data: &[u8]| {
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
    if let Some(Some(last)) = hops.last() {
        if !trusted_has(*last) {
            assert_eq!(client, *last, "{hops:?}");
        }
    }
    let _ = app::domain::net::mask_ip(client);
    if let Ok(path) = std::str::from_utf8(header) {
        if let Some(canonical) = server::paths::canonical(path) {
            assert_eq!(
                server::paths::canonical(&canonical),
                None,
                "{path:?} -> {canonical:?}"
            );
            // Never a `Location` a browser would take to another host (`//host`, `/\host`).
            assert!(
                canonical.starts_with('/')
                    && !canonical.starts_with("//")
                    && !canonical.contains('\\'),
                "{path:?} -> {canonical:?}"
            );
        }
    }
});
