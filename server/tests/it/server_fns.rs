//! The server functions under `/api/`, called the way the islands call them: typed answers,
//! typed refusals with the plain forms' statuses, and nothing stored on a refusal.

use app::{api::ApiError, domain::consent::CategorySet};

use crate::common::{Browser, TestApp, dialog_open, set_cookies};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_consent_server_function_answers_what_is_granted() {
    let app = TestApp::spawn().await;
    let mut browser = Browser::new(&app);
    let response = browser
        .call(
            "consent",
            serde_json::json!({"lang": "en", "decision": "accept_all"}),
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
    let granted: CategorySet = response.json().await.expect("typed answer");
    assert_eq!(granted, CategorySet::ALL, "what the dialog reads");
    let page = browser.text("/en/").await.1;
    assert!(
        !dialog_open(&page),
        "the cookie set by the call is honoured"
    );
    // A choice this mode does not offer is refused with the plain form's status.
    let refused = browser
        .call(
            "consent",
            serde_json::json!({"lang": "en", "decision": "reject_all"}),
            &[],
        )
        .await;
    assert_eq!(refused.status(), 400);
    assert!(matches!(
        refused.json::<ApiError>().await.expect("typed error"),
        ApiError::Refused(_)
    ));
    // Categories that do not exist do not even decode.
    let junk = browser
        .call(
            "consent",
            serde_json::json!({"lang": "en", "decision": {"choose": 255}}),
            &[],
        )
        .await;
    assert!(junk.status().is_client_error() || junk.status().is_server_error());
    assert_eq!(
        app.db().await.consent_log().await.expect("rows").len(),
        1,
        "only the accepted decision is logged"
    );
}
