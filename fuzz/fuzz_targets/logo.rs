//! Logo uploads: sniffing, decoding (PNG, JPEG, WebP) or rasterising (SVG), re-encoding.
//! The checks are in `../checks.rs`, shared with the test run's replay of the seeds.
#![no_main]

#[path = "../checks.rs"]
mod checks;

libfuzzer_sys::fuzz_target!(|data: &[u8]| checks::logo(data));
