//! A content page: front matter, then markdown with shortcodes, rendered and sanitised.
//! The checks are in `../checks.rs`, shared with the test run's replay of the seeds.
#![no_main]

#[path = "../checks.rs"]
mod checks;

libfuzzer_sys::fuzz_target!(|data: &[u8]| checks::content(data));
