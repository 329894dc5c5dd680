use super::*;

#[test]
fn etags_match_lists_and_weak_forms() {
    let etag = HeaderValue::from_static("\"abc\"");
    for yes in ["\"abc\"", "W/\"abc\"", "\"x\", \"abc\"", "*"] {
        assert!(etag_matches(&HeaderValue::from_static(yes), &etag), "{yes}");
    }
    assert!(!etag_matches(&HeaderValue::from_static("\"abd\""), &etag));
}
