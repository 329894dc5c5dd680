//! The server functions under `/api/`, called the way the islands call them: typed answers,
//! typed refusals with the plain forms' statuses, and nothing stored on a refusal.

use app::{
    api::ApiError,
    domain::consent::{Category, CategorySet, Grant},
};

use crate::common::{Browser, TestApp, dialog_open, set_cookies};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_consent_server_function_answers_what_is_granted() {
    let app = TestApp::spawn().await;
    let mut browser = Browser::new(&app);
    let response = browser
        .call(
            "consent",
            serde_json::json!({"lang": "en", "choice": "accept_all", "categories": [], "services": []}),
            &[],
        )
        .await;
    assert_eq!(response.status(), 200);
    assert_eq!(set_cookies(&response).len(), 1);
    assert!(
        response.headers()["cache-control"]
            .to_str()
            .is_ok_and(|v| v.contains("no-store"))
    );
    let body = response.text().await.expect("body");
    let granted: Grant = serde_json::from_str(&body).expect("typed answer");
    assert_eq!(
        body.trim().parse::<u64>().map(Grant::from),
        Ok(granted),
        "one whole number, as the dialog's browser side reads it"
    );
    assert_eq!(
        granted.categories,
        CategorySet::ALL.without(Category::Statistics),
        "what the dialog reads: every category offered (nothing declares statistics)"
    );
    assert_eq!(granted.services.bits(), 0b11, "both default services");
    let page = browser.text("/en/").await.1;
    assert!(
        !dialog_open(&page),
        "the cookie set by the call is honoured"
    );
    // A choice this mode does not offer is refused with the plain form's status.
    let refused = browser
        .call(
            "consent",
            serde_json::json!({"lang": "en", "choice": "reject_all", "categories": [], "services": []}),
            &[],
        )
        .await;
    assert_eq!(refused.status(), 400);
    assert!(matches!(
        refused.json::<ApiError>().await.expect("typed error"),
        ApiError::Refused(_)
    ));
    // Categories and services that do not exist are refused; so is a body of another shape.
    for junk in [
        serde_json::json!({"lang": "en", "choice": "save", "categories": ["cookies"], "services": []}),
        serde_json::json!({"lang": "en", "choice": "save", "categories": [], "services": ["vimeo"]}),
        serde_json::json!({"lang": "en", "decision": {"choose": 255}}),
    ] {
        let refused = browser.call("consent", junk.clone(), &[]).await;
        assert_eq!(
            refused.status(),
            400,
            "{junk}: the caller's mistake, not an outage"
        );
    }
    assert_eq!(
        app.db().await.consent_log().await.expect("rows").len(),
        1,
        "only the accepted decision is logged"
    );
}

/// The bodies a client may get wrong: not JSON, JSON of the wrong shape, a plain form's
/// encoding, the forms fuzz target's seeds, nothing at all.
fn malformed_bodies() -> Vec<(&'static str, Vec<u8>)> {
    let json = "application/json";
    let form = "application/x-www-form-urlencoded";
    let mut bodies = vec![
        (json, b"{not json".to_vec()),
        (json, b"[]".to_vec()),
        (json, b"null".to_vec()),
        (json, br#"{"lang": "xx", "form": {}}"#.to_vec()),
        (json, br#"{"lang": "en", "form": {"email": 5}}"#.to_vec()),
        (json, Vec::new()),
        (json, vec![0xff, 0xfe, 0x00]),
        (form, b"email=a&email=b&password=x".to_vec()),
        (form, b"lang=en&form=%7B".to_vec()),
        ("text/plain", b"hello".to_vec()),
    ];
    let seeds = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../fuzz/seeds/forms");
    for entry in std::fs::read_dir(&seeds).expect("the forms seeds") {
        let bytes = std::fs::read(entry.expect("entry").path()).expect("seed");
        bodies.push((json, bytes.clone()));
        bodies.push((form, bytes));
    }
    bodies
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_body_that_does_not_decode_is_refused_with_400_on_every_function() {
    let app = TestApp::spawn().await;
    let mut paths: Vec<String> = leptos::server_fn::axum::server_fn_paths()
        .map(|(path, _)| path.to_owned())
        .collect();
    paths.sort();
    paths.dedup();
    assert!(paths.len() >= 13, "{paths:?}");
    let client = reqwest::Client::new();
    for path in &paths {
        for (content_type, body) in malformed_bodies() {
            let response = client
                .post(format!("{}{path}", app.base))
                .header("origin", crate::common::ORIGIN)
                .header("sec-fetch-site", "same-origin")
                .header("content-type", content_type)
                .body(body.clone())
                .send()
                .await
                .expect("request");
            let status = response.status().as_u16();
            let text = response.text().await.expect("body");
            // Functions without arguments beyond `lang` may accept a body that has one.
            assert!(
                (400..500).contains(&status) || status == 200,
                "{path} {content_type} {:?}: {status} {text}",
                String::from_utf8_lossy(&body)
            );
            if status == 400 {
                match serde_json::from_str::<ApiError>(&text) {
                    Ok(ApiError::Refused(refusal)) => assert_eq!(refusal.status, 400),
                    other => panic!("{path}: not a typed refusal: {other:?} {text}"),
                }
            }
        }
    }
    assert_eq!(
        app.db()
            .await
            .count("SELECT COUNT(*) FROM accounts")
            .await
            .expect("count"),
        0,
        "nothing was stored"
    );
}

/// The account functions take a form's own fields: a form the island posts as it is gets a
/// typed answer, and one that cannot be read (a field twice) the plain form's 400.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn account_functions_take_the_forms_own_fields() {
    let app = TestApp::spawn_configured(crate::common::granular).await;
    let mut browser = Browser::new(&app);
    let post = |body: &'static str| {
        reqwest::Client::new()
            .post(format!("{}/api/account/register", app.base))
            .header("origin", crate::common::ORIGIN)
            .header("sec-fetch-site", "same-origin")
            .header("content-type", "application/x-www-form-urlencoded")
            .body(body)
            .send()
    };
    let twice = post("lang=en&company=Acme&company=Other&email=a%40acme.example&password=x")
        .await
        .expect("request");
    assert_eq!(twice.status(), 400);
    match twice.json::<ApiError>().await.expect("typed") {
        ApiError::Refused(refusal) => assert_eq!(
            refusal.notice,
            Some(domain::account::Notice::FormUnreadable)
        ),
        other => panic!("{other:?}"),
    }
    let weak = post("lang=sv&company=Acme&email=a%40acme.example&password=short")
        .await
        .expect("request");
    assert_eq!(weak.status(), 422);
    match weak.json::<ApiError>().await.expect("typed") {
        ApiError::Refused(refusal) => assert!(
            refusal
                .errors
                .iter()
                .any(|(field, _)| *field == domain::account::Field::Password),
            "{refusal:?}"
        ),
        other => panic!("{other:?}"),
    }
    let made = browser
        .call(
            "account/register",
            serde_json::json!({"lang": "en", "form": {"company": "Acme AB", "email": "b@acme.example", "password": "correct horse battery staple"}}),
            &[],
        )
        .await;
    assert_eq!(made.status(), 200);
    let next: String = made.json().await.expect("typed answer");
    assert!(next.starts_with("/en/"), "{next}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn logging_out_everywhere_through_its_server_function() {
    let app = TestApp::spawn_configured(crate::common::granular).await;
    let mut owner = crate::common::registered(&app, "owner@acme.example").await;
    let mut other = Browser::new(&app);
    other
        .login("owner@acme.example", crate::common::PASSWORD)
        .await;
    assert!(other.logged_in().await);
    let response = owner
        .call(
            "account/logout-everywhere",
            serde_json::json!({"lang": "sv"}),
            &[],
        )
        .await;
    assert_eq!(response.status(), 200);
    let next: String = response.json().await.expect("typed answer");
    assert_eq!(next, "/sv/login?done=logged-out-everywhere");
    assert!(!owner.logged_in().await && !other.logged_in().await);
}
