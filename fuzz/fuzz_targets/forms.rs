//! Form bodies as posted to the consent endpoint and the account pages, and the checks their
//! fields go through.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let form = server::consent::parse_form(&bytes::Bytes::copy_from_slice(data));
    assert!(form.len() <= 32, "at most 32 fields are read");
    let field = |name: &str| {
        form.iter()
            .find(|(k, _)| k == name)
            .map_or("", |(_, v)| v.as_str())
    };
    use app::domain::account::*;
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
    if let Some(decision) = app::domain::consent::Decision::from_form(field("choice"), &[]) {
        let _ = decision.as_str();
    }
});
