//! One decision for the agency's sites: with `consent.cookie_domain` the consent cookie is
//! shared with sibling subdomains, and `/consent.json` tells a configured sibling origin the
//! current decision (CORS with credentials), nobody else.

use domain::consent::{CategorySet, ConsentRecord, ServiceSet};
use server::Settings;

use crate::common::{ORIGIN, TestApp, encode_consent, post, set_cookies};

fn shared(s: &mut Settings) {
    s.consent.cookie_domain = ".Portal.Example".into();
    s.consent.share_origins = vec!["https://forum.portal.example".into()];
}

async fn current(app: &TestApp, cookie: &str, origin: &str) -> reqwest::Response {
    app.client
        .get(format!("{}/consent.json", app.base))
        .header("cookie", cookie)
        .header("origin", origin)
        .send()
        .await
        .expect("request")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_shared_cookie_domain_carries_one_decision_to_sibling_sites() {
    let app = TestApp::spawn_configured(shared).await;
    let accepted = post(&app, &[("choice", "accept_all")], &[("origin", ORIGIN)]).await;
    assert_eq!(accepted.status().as_u16(), 303);
    let cookies = set_cookies(&accepted);
    // The host-only cookie of before goes; the new one is for the whole domain.
    assert!(
        cookies.iter().any(|c| c.starts_with("consent=;")
            && c.contains("Max-Age=0")
            && !c.contains("Domain"))
    );
    let shared_cookie = cookies
        .iter()
        .find(|c| c.contains("Domain=portal.example") && !c.starts_with("consent=;"))
        .expect("a domain cookie");
    let pair = shared_cookie.split(';').next().expect("pair").to_owned();

    // A sibling site's page reads the decision; another origin gets no CORS headers.
    let response = current(&app, &pair, "https://forum.portal.example").await;
    assert_eq!(
        response.headers()["access-control-allow-origin"],
        "https://forum.portal.example"
    );
    assert_eq!(
        response.headers()["access-control-allow-credentials"],
        "true"
    );
    assert_eq!(response.headers()["cache-control"], "no-store");
    let body: serde_json::Value = response.json().await.expect("json");
    assert_eq!(body["decided"], true);
    assert_eq!(
        body["categories"],
        serde_json::json!(["necessary", "external_media", "marketing"])
    );
    let stranger = current(&app, &pair, "https://evil.example").await;
    assert!(
        stranger
            .headers()
            .get("access-control-allow-origin")
            .is_none()
    );
    let nobody = current(&app, "", "https://forum.portal.example").await;
    let body: serde_json::Value = nobody.json().await.expect("json");
    assert_eq!(body["decided"], false);
    assert_eq!(body["categories"], serde_json::json!([]));

    // A host-only cookie from before beside the shared one: the newer decision counts,
    // whichever the browser sends first.
    let record = |granted, issued_at| ConsentRecord {
        id: [7; 16],
        revision: 1,
        granted,
        services: ServiceSet::NONE,
        issued_at,
    };
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .expect("time")
        .as_secs();
    let old = encode_consent(&record(CategorySet::ALL, now - 3600));
    let new = encode_consent(&record(CategorySet::necessary(), now - 60));
    for cookie in [
        format!("consent={old}; consent={new}"),
        format!("consent={new}; consent={old}"),
    ] {
        let body: serde_json::Value = current(&app, &cookie, ORIGIN)
            .await
            .json()
            .await
            .expect("json");
        assert_eq!(
            body["categories"],
            serde_json::json!(["necessary"]),
            "{cookie}"
        );
    }

    // Withdrawing expires the cookie on the host and on the domain.
    let withdrawn = app
        .client
        .post(format!("{}/consent", app.base))
        .header("origin", ORIGIN)
        .header("cookie", &pair)
        .form(&[("choice", "withdraw")])
        .send()
        .await
        .expect("request");
    let expired: Vec<String> = set_cookies(&withdrawn)
        .into_iter()
        .filter(|c| c.starts_with("consent=;") && c.contains("Max-Age=0"))
        .collect();
    assert_eq!(expired.len(), 2, "{expired:?}");
    assert!(expired.iter().any(|c| c.contains("Domain=portal.example")));
}

#[tokio::test]
async fn a_cookie_domain_must_hold_the_site_and_share_origins_must_be_on_it() {
    let refused = |adjust: fn(&mut Settings)| {
        let mut settings = Settings {
            public_url: "https://www.portal.example".into(),
            ..Settings::default()
        };
        adjust(&mut settings);
        settings.validated().err().map(|e| e.to_string())
    };
    for adjust in [
        (|s: &mut Settings| s.consent.cookie_domain = "other.example".into()) as fn(&mut Settings),
        |s| s.consent.cookie_domain = "example".into(),
        |s| s.consent.cookie_domain = "ortal.example".into(),
        |s| s.consent.share_origins = vec!["https://forum.portal.example".into()],
        |s| {
            s.consent.cookie_domain = "portal.example".into();
            s.consent.share_origins = vec!["https://forum.portal.example/path".into()];
        },
        |s| {
            s.consent.cookie_domain = "portal.example".into();
            s.consent.share_origins = vec!["https://elsewhere.example".into()];
        },
    ] {
        let problem = refused(adjust).expect("refused");
        assert!(problem.contains("consent."), "{problem}");
    }
    assert_eq!(
        refused(|s| {
            s.consent.cookie_domain = "portal.example".into();
            s.consent.share_origins = vec!["https://forum.portal.example:8443".into()];
        }),
        None
    );
}
