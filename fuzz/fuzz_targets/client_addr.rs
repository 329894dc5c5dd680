//! `X-Forwarded-For` as anyone may send it, the `trusted_proxies` setting, and request paths.
#![no_main]

use std::net::IpAddr;

use libfuzzer_sys::fuzz_target;
use server::client_addr::{Cidr, TrustedProxies, forwarded_for};

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
    assert!(hops.len() <= 64);
    let trusted = TrustedProxies::parse(&["10.0.0.0/8", "::1", "127.0.0.1"]).expect("valid");
    let peer: IpAddr = "10.1.2.3".parse().expect("ip");
    let client = trusted.client(peer, &headers);
    // The client is the peer or one of the header's addresses, never anything else.
    assert!(client == peer || hops.contains(&Some(client)), "{client}");
    let _ = app::domain::net::mask_ip(client);
    if let Ok(path) = std::str::from_utf8(header) {
        if let Some(canonical) = server::paths::canonical(path) {
            assert_eq!(
                server::paths::canonical(&canonical),
                None,
                "{path:?} -> {canonical:?}"
            );
        }
    }
});
