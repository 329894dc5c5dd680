//! Consent over HTTP: the dialog before an answer, the POST endpoint in both modes, signed
//! cookies, the consent log with masked IPs, re-asking, forgeries and cross-site requests.

use crate::common::{
    ALL_SERVICES, ORIGIN, TestApp, dialog_open, encode_consent, key, now, page_with_cookie, post,
    set_cookies, stored_consent,
};
use domain::consent::{Category, CategorySet, ConsentMode, ConsentRecord, ThirdPartyScript};
use portal_core::consent_cookie::ConsentKey;

async fn log_rows(app: &TestApp) -> Vec<server::db::ConsentLogRow> {
    app.db().await.consent_log().await.expect("rows")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_dialog_is_in_the_html_before_any_answer() {
    let app = TestApp::spawn().await;
    let (status, html) = app.page("/sv/").await;
    assert_eq!(status, 200);
    assert!(dialog_open(&html), "open on the first view");
    assert!(
        html.contains(r#"role="dialog""#) && html.contains(r#"aria-labelledby="consent-title""#)
    );
    assert!(
        html.contains("Godkänn alla kakor") && html.contains("Inte nu"),
        "all-or-nothing buttons in Swedish"
    );
    assert!(
        !html.contains("Neka alla"),
        "no reject button in all-or-nothing mode"
    );
    assert!(
        html.contains(r#"<form method="post" action="/consent""#),
        "works as a plain form"
    );
    assert!(
        html.contains(r#"href="/sv/?consent=settings""#),
        "the footer's cookie settings link"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn accepting_sets_a_signed_cookie_logs_a_masked_ip_and_closes_the_dialog() {
    let app = TestApp::spawn().await;
    let response = post(
        &app,
        &[
            ("choice", "accept_all"),
            ("return_to", "/en/about"),
            ("lang", "en"),
        ],
        &[("origin", ORIGIN)],
    )
    .await;
    assert_eq!(response.status().as_u16(), 303);
    assert_eq!(response.headers()["location"], "/en/about");
    let cookies = set_cookies(&response);
    assert_eq!(cookies.len(), 1, "{cookies:?}");
    let cookie = &cookies[0];
    assert!(cookie.starts_with("consent=2."), "{cookie}");
    for attribute in [
        "; Path=/",
        "; HttpOnly",
        "; SameSite=Lax",
        "; Max-Age=15724800",
        "; Secure",
    ] {
        assert!(cookie.contains(attribute), "{attribute} missing: {cookie}");
    }
    let value = cookie
        .split(';')
        .next()
        .expect("pair")
        .trim_start_matches("consent=");
    let record = key()
        .decode(value, &domain::consent::ConsentPolicy::default().services)
        .expect("signed with the configured key");
    assert_eq!(
        record.granted,
        CategorySet::ALL.without(Category::Statistics),
        "every category offered; nothing declares statistics"
    );
    assert_eq!(
        record
            .services
            .ids(&domain::consent::ConsentPolicy::default().services),
        ["youtube", "google-ads"]
    );

    let (_, html) = app.page_keeping_cookies("/en/cookie-policy").await;
    assert!(!dialog_open(&html), "answered: the dialog is closed");
    assert!(html.contains("Withdraw consent"));

    let rows = log_rows(&app).await;
    assert_eq!(rows.len(), 1);
    let row = &rows[0];
    assert_eq!(row.consent_id, record.id_hex());
    assert_eq!(
        (row.mode.as_str(), row.decision.as_str()),
        ("all-or-nothing", "accept_all")
    );
    assert_eq!(row.granted, "necessary,external_media,marketing");
    assert_eq!(row.denied, "");
    assert_eq!(row.masked_ip, "127.0.0.0", "the last octet is never stored");
    assert_eq!(row.lang, "en");
    assert!((now() as i64 - row.at_unix).abs() < 60);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn withdrawing_in_all_or_nothing_mode_forgets_the_cookie() {
    let app = TestApp::spawn().await;
    post(&app, &[("choice", "accept_all")], &[("origin", ORIGIN)]).await;
    let response = post(
        &app,
        &[("choice", "withdraw"), ("return_to", "/en/")],
        &[("origin", ORIGIN)],
    )
    .await;
    assert_eq!(response.status().as_u16(), 303);
    let cookies = set_cookies(&response);
    assert!(
        cookies
            .iter()
            .any(|c| c.starts_with("consent=;") && c.contains("Max-Age=0")),
        "{cookies:?}"
    );
    let (_, html) = app.page_keeping_cookies("/en/").await;
    assert!(dialog_open(&html), "asked again");
    let rows = log_rows(&app).await;
    assert_eq!(rows.len(), 2);
    assert_eq!(rows[1].decision, "withdraw");
    assert_eq!(
        rows[1].consent_id, rows[0].consent_id,
        "the same consent id links the rows"
    );
    assert_eq!(rows[1].granted, "");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn granular_mode_remembers_rejections_and_choices() {
    let app = TestApp::spawn_configured(|s| s.consent.mode = ConsentMode::Granular).await;
    let (_, html) = app.page("/en/").await;
    assert!(
        html.contains("Reject all") && html.contains("Save choices"),
        "granular first layer"
    );
    assert!(
        !html.contains(r#"name="category" value="external_media" checked"#),
        "nothing pre-ticked"
    );

    let decode = stored_consent;
    let rejected = post(&app, &[("choice", "reject_all")], &[("origin", ORIGIN)]).await;
    assert_eq!(
        decode(&rejected).granted,
        CategorySet::necessary(),
        "a rejection is remembered"
    );
    let (_, html) = app.page_keeping_cookies("/en/").await;
    assert!(!dialog_open(&html));

    let chosen = post(
        &app,
        &[("choice", "save"), ("category", "external_media")],
        &[("origin", ORIGIN)],
    )
    .await;
    assert_eq!(
        decode(&chosen).granted.to_string(),
        "necessary,external_media"
    );
    let withdrawn = post(&app, &[("choice", "withdraw")], &[("origin", ORIGIN)]).await;
    assert_eq!(decode(&withdrawn).granted, CategorySet::necessary());
    let decisions: Vec<String> = log_rows(&app)
        .await
        .into_iter()
        .map(|r| format!("{}:{}", r.decision, r.denied))
        .collect();
    assert_eq!(
        decisions,
        [
            "reject_all:external_media,marketing",
            "save:marketing",
            "withdraw:external_media,marketing"
        ]
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn global_privacy_control_is_a_no_to_marketing_in_granular_mode() {
    let gpc = [("sec-gpc", "1")];
    let app = TestApp::spawn_configured(|s| {
        s.consent.mode = ConsentMode::Granular;
        s.consent.scripts.push(ThirdPartyScript {
            category: Category::Marketing,
            src: "https://ads.example/tag.js".into(),
        });
    })
    .await;
    let ad_granted = "ad_storage:'granted'";
    let response = app.get_with("/en/", &gpc).await;
    let vary = response.headers()["vary"]
        .to_str()
        .expect("ascii")
        .to_owned();
    assert!(vary.contains("sec-gpc"), "{vary}");
    let html = response.text().await.expect("body");
    assert!(dialog_open(&html), "external media is still asked about");
    assert!(
        html.contains("Global Privacy Control"),
        "the dialog says why"
    );
    assert!(html.contains("Accept all but marketing"));
    let (_, plain) = app.page("/en/").await;
    assert!(
        !plain.contains("Global Privacy Control"),
        "not for browsers without the signal (nor from the page cache)"
    );

    let accepted = post(
        &app,
        &[("choice", "accept_all")],
        &[("origin", ORIGIN), ("sec-gpc", "1")],
    )
    .await;
    assert_eq!(
        stored_consent(&accepted).granted.to_string(),
        "necessary,external_media"
    );
    let (_, html) = app.page_keeping_cookies("/en/").await;
    assert!(!dialog_open(&html), "the answer is remembered");
    assert!(html.contains("ad_storage:'denied'") && !html.contains(ad_granted));
    let ticked = post(
        &app,
        &[("choice", "save"), ("category", "marketing")],
        &[("origin", ORIGIN), ("sec-gpc", "1")],
    )
    .await;
    assert_eq!(
        stored_consent(&ticked).granted.to_string(),
        "necessary,marketing",
        "ticking marketing is the visitor's own choice"
    );
    let (_, html) = app.page_keeping_cookies("/en/").await;
    assert!(html.contains(ad_granted));
    let stored = app
        .get_with("/en/about", &gpc)
        .await
        .text()
        .await
        .expect("body");
    assert!(
        !stored.contains("Global Privacy Control"),
        "a stored choice stands"
    );
    let denied: Vec<String> = log_rows(&app).await.into_iter().map(|r| r.denied).collect();
    assert_eq!(denied, ["marketing", "external_media"]);

    let strict = TestApp::spawn().await;
    let html = strict
        .get_with("/en/", &gpc)
        .await
        .text()
        .await
        .expect("body");
    assert!(!html.contains("Global Privacy Control"));
    let accepted = post(
        &strict,
        &[("choice", "accept_all")],
        &[("origin", ORIGIN), ("sec-gpc", "1")],
    )
    .await;
    assert_eq!(
        stored_consent(&accepted).granted,
        CategorySet::ALL.without(Category::Statistics),
        "all-or-nothing has no partial answer"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn cross_site_and_malformed_requests_change_nothing() {
    let app = TestApp::spawn().await;
    type Pairs = &'static [(&'static str, &'static str)];
    let cases: [(Pairs, Pairs, u16); 6] = [
        (
            &[("choice", "accept_all")],
            &[("origin", "https://evil.example")],
            403,
        ),
        (
            &[("choice", "accept_all")],
            &[("sec-fetch-site", "cross-site")],
            403,
        ),
        (&[("choice", "accept_all")], &[("origin", "null")], 403),
        (&[("choice", "eat_cookies")], &[("origin", ORIGIN)], 400),
        (&[("choice", "reject_all")], &[("origin", ORIGIN)], 400),
        (&[("lang", "sv")], &[("origin", ORIGIN)], 400),
    ];
    for (form, headers, status) in cases {
        let response = post(&app, form, headers).await;
        assert_eq!(response.status().as_u16(), status, "{form:?} {headers:?}");
        assert!(set_cookies(&response).is_empty(), "{form:?}");
        let body = response.text().await.expect("body");
        assert!(body.contains("<h1>"), "a clear page: {body}");
    }
    assert!(log_rows(&app).await.is_empty(), "nothing logged");
    let get = app.get("/consent").await;
    assert_eq!(get.status().as_u16(), 405, "POST only");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn forged_outdated_and_expired_cookies_mean_no_consent() {
    let app = TestApp::spawn().await;
    let record = |revision, issued_at| ConsentRecord {
        id: [3; 16],
        revision,
        granted: CategorySet::ALL,
        services: ALL_SERVICES,
        issued_at,
    };
    let valid = encode_consent(&record(1, now()));
    assert!(
        !dialog_open(&page_with_cookie(&app, &format!("consent={valid}")).await),
        "valid cookie"
    );
    let forged = ConsentKey::new(vec![9; 32])
        .expect("key")
        .encode(&record(1, now()), &[]);
    let outdated = encode_consent(&record(0, now()));
    let expired = encode_consent(&record(1, now() - 183 * 86_400));
    let future = encode_consent(&record(1, now() + 86_400));
    let tampered = valid.replacen(".15.", ".1.", 1);
    for cookie in [
        format!("consent={forged}"),
        format!("consent={outdated}"),
        format!("consent={expired}"),
        format!("consent={future}"),
        format!("consent={tampered}"),
        "consent=".to_owned(),
        "consent=%%%; other=1".to_owned(),
        format!("consent={}", "x".repeat(4000)),
    ] {
        assert!(
            dialog_open(&page_with_cookie(&app, &cookie).await),
            "{cookie:.60}"
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_new_revision_asks_again() {
    let app = TestApp::spawn_configured(|s| s.consent.revision = 2).await;
    let old = encode_consent(&ConsentRecord {
        id: [1; 16],
        revision: 1,
        granted: CategorySet::ALL,
        services: ALL_SERVICES,
        issued_at: now(),
    });
    assert!(dialog_open(
        &page_with_cookie(&app, &format!("consent={old}")).await
    ));
    let new = encode_consent(&ConsentRecord {
        id: [1; 16],
        revision: 2,
        granted: CategorySet::ALL,
        services: ALL_SERVICES,
        issued_at: now(),
    });
    assert!(!dialog_open(
        &page_with_cookie(&app, &format!("consent={new}")).await
    ));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn plain_http_sites_leave_out_secure() {
    let app = TestApp::spawn_configured(|s| s.public_url = "http://portal.example".into()).await;
    let response = post(
        &app,
        &[("choice", "accept_all")],
        &[("origin", "http://portal.example")],
    )
    .await;
    let cookies = set_cookies(&response);
    assert!(!cookies[0].contains("Secure"), "{cookies:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_operator_can_export_the_log() {
    let app = TestApp::spawn().await;
    post(
        &app,
        &[("choice", "accept_all"), ("lang", "sv")],
        &[("origin", ORIGIN)],
    )
    .await;
    for (format, expected) in [
        ("csv", "all-or-nothing,1,accept_all"),
        ("json", "\"masked_ip\": \"127.0.0.0\""),
    ] {
        let out = crate::common::server_command(&app, &["export-consent", "--format", format]);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(text.contains(expected), "{format}: {text}");
        assert!(!text.contains("127.0.0.1"));
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn one_network_cannot_flood_the_consent_log() {
    let app = TestApp::spawn_configured(|s| {
        s.consent.mode = ConsentMode::Granular;
        s.trusted_proxies = vec!["127.0.0.1".into()];
    })
    .await;
    let limit = server::consent::LOG_PER_NETWORK_PER_HOUR as usize;
    for _ in 0..limit {
        let response = post(&app, &[("choice", "accept_all")], &[("origin", ORIGIN)]).await;
        assert_eq!(response.status(), 303);
    }
    assert_eq!(log_rows(&app).await.len(), limit);
    // A grant needs its proof in the log: refused once the network's share is used up.
    let refused = post(
        &app,
        &[("choice", "accept_all"), ("lang", "en")],
        &[("origin", ORIGIN)],
    )
    .await;
    assert_eq!(refused.status(), 429);
    assert!(set_cookies(&refused).is_empty(), "nothing granted");
    assert!(
        refused
            .text()
            .await
            .expect("body")
            .contains("Too many choices came from your network")
    );
    // A refusal of cookies is never turned away; it is carried out without a row.
    let rejected = post(&app, &[("choice", "reject_all")], &[("origin", ORIGIN)]).await;
    assert_eq!(rejected.status(), 303);
    assert_eq!(stored_consent(&rejected).granted, CategorySet::necessary());
    assert_eq!(log_rows(&app).await.len(), limit, "the log did not grow");
    // Another network's share is its own.
    let elsewhere = post(
        &app,
        &[("choice", "accept_all")],
        &[("origin", ORIGIN), ("x-forwarded-for", "198.51.100.7")],
    )
    .await;
    assert_eq!(elsewhere.status(), 303);
    let rows = log_rows(&app).await;
    assert_eq!(rows.len(), limit + 1);
    assert!(rows.iter().any(|r| r.masked_ip == "198.51.100.0"));
}
