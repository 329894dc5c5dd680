//! `X-Forwarded-For` as anyone may send it, the `trusted_proxies` setting, and request paths.
//! The checks are in `../checks.rs`, shared with the test run's replay of the seeds.
#![no_main]

#[path = "../checks.rs"]
mod checks;

libfuzzer_sys::fuzz_target!(|data: &[u8]| checks::client_addr(data));
