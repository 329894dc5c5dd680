//! Form bodies as posted to the consent endpoint and the account pages, and the checks their
//! fields go through.
//! The checks are in `../checks.rs`, shared with the test run's replay of the seeds.
#![no_main]

#[path = "../checks.rs"]
mod checks;

libfuzzer_sys::fuzz_target!(|data: &[u8]| checks::forms(data));
