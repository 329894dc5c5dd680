//! The consent cookie as a visitor may send it: the Cookie header, then the signed value.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(header) = std::str::from_utf8(data) else {
        return;
    };
    let key = app::ssr::consent::ConsentKey::new(vec![7u8; 32]).expect("key");
    if let Some(value) = app::ssr::consent::cookie_value(header, "consent") {
        let _ = key.decode(value);
    }
    // A decoded record must survive a round trip unchanged.
    if let Some(record) = key.decode(header) {
        assert_eq!(key.decode(&key.encode(&record)), Some(record));
    }
});
