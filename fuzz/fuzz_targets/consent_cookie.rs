//! The consent cookie as a visitor may send it: the Cookie header, then the signed value.
//! The checks are in `../checks.rs`, shared with the test run's replay of the seeds.
#![no_main]

#[path = "../checks.rs"]
mod checks;

libfuzzer_sys::fuzz_target!(|data: &[u8]| checks::consent_cookie(data));
