//! Logo uploads: sniffing, decoding (PNG, JPEG, WebP) or rasterising (SVG), re-encoding.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(logo) = server::logos::process::clean(data) {
        assert!(logo.width <= 512 && logo.height <= 512);
        assert!(logo.png.starts_with(b"\x89PNG"));
    }
});
