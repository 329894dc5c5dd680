//! What protects the account forms, against the real server: consent before login in
//! all-or-nothing mode, indistinguishable and rate-limited failed logins, rate-limited
//! registration, and the refusal of cross-site posts.

use crate::common::{Browser, EMAIL, ORIGIN, PASSWORD, TestApp, count, granular, set_cookies};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn all_or_nothing_needs_consent_before_login_or_registration() {
    let app = TestApp::spawn().await;
    let (_, html) = app.page("/en/login").await;
    assert!(html.contains("Logging in needs cookies"));
    let mut stranger = Browser::new(&app);
    let refused = stranger
        .post(
            "/en/register",
            &[
                ("company", "Acme AB"),
                ("email", EMAIL),
                ("password", PASSWORD),
            ],
        )
        .await;
    assert_eq!(refused.status().as_u16(), 403);
    assert!(
        set_cookies(&refused).is_empty(),
        "no cookie without consent"
    );
    assert!(
        refused
            .text()
            .await
            .expect("body")
            .contains("Logging in needs cookies")
    );
    assert_eq!(count(&app, "SELECT COUNT(*) FROM accounts").await, 0);

    let mut consenting = Browser::consenting(&app).await;
    consenting.register("Acme AB", EMAIL, PASSWORD).await;
    assert!(consenting.logged_in().await);

    // Withdrawing consent in this mode ends the session too.
    let old = consenting.jar.clone();
    let response = consenting.post("/consent", &[("choice", "withdraw")]).await;
    assert_eq!(response.status().as_u16(), 303);
    assert!(
        !consenting.jar.contains_key("__Host-session"),
        "{:?}",
        consenting.jar
    );
    assert!(!consenting.logged_in().await);
    consenting.jar = old;
    assert!(
        !consenting.logged_in().await,
        "the old session cookie is dead"
    );
    assert_eq!(
        count(&app, "SELECT COUNT(*) FROM account_sessions").await,
        0
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn failed_logins_look_the_same_and_are_limited() {
    let app = TestApp::spawn_configured(granular).await;
    Browser::new(&app)
        .register("Acme AB", EMAIL, PASSWORD)
        .await;
    let mut browser = Browser::new(&app);
    let unknown = browser.login("nobody@acme.example", PASSWORD).await;
    let wrong = browser.login(EMAIL, "wrong password, long enough").await;
    assert_eq!(unknown.status(), wrong.status());
    assert_eq!(unknown.status().as_u16(), 401);
    let unknown = unknown.text().await.expect("body");
    let wrong = wrong.text().await.expect("body");
    let message = "Wrong e-mail address or password.";
    assert!(unknown.contains(message) && wrong.contains(message));
    let main = |html: &str| {
        let start = html.find("<main").expect("main");
        let end = html.find("</main>").expect("end");
        html[start..end].to_owned()
    };
    assert_eq!(
        main(&unknown).replace("nobody@acme.example", ""),
        main(&wrong).replace(EMAIL, ""),
        "nothing tells which e-mails exist"
    );

    for _ in 0..4 {
        let response = browser.login(EMAIL, "wrong password, long enough").await;
        assert_eq!(response.status().as_u16(), 401);
    }
    let limited = browser.login(EMAIL, PASSWORD).await;
    assert_eq!(
        limited.status().as_u16(),
        429,
        "even the right password waits"
    );
    let retry: u64 = limited.headers()["retry-after"]
        .to_str()
        .expect("ascii")
        .parse()
        .expect("seconds");
    assert!((1..=15 * 60).contains(&retry), "{retry}");
    assert!(
        limited
            .text()
            .await
            .expect("body")
            .contains("Too many attempts. Try again in")
    );
    assert!(set_cookies(&browser.login(EMAIL, PASSWORD).await).is_empty());

    // The same address (one masked IP) trying other accounts is limited too.
    let app = TestApp::spawn_configured(|s| {
        granular(s);
        s.accounts.login_failures_per_ip = 3;
    })
    .await;
    let mut browser = Browser::new(&app);
    for n in 0..3 {
        let response = browser
            .login(
                &format!("user{n}@acme.example"),
                "wrong password, long enough",
            )
            .await;
        assert_eq!(response.status().as_u16(), 401);
    }
    let response = browser.login("user9@acme.example", "anything at all").await;
    assert_eq!(response.status().as_u16(), 429);
    let buckets = count(
        &app,
        "SELECT COUNT(*) FROM auth_attempts WHERE bucket LIKE '%@%' OR bucket LIKE '%127.0.0.1%'",
    )
    .await;
    assert_eq!(buckets, 0, "no e-mail or full IP address is stored");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn registration_is_rate_limited() {
    let app = TestApp::spawn_configured(|s| {
        granular(s);
        s.accounts.registrations_per_ip_per_hour = 2;
    })
    .await;
    for n in 0..2 {
        Browser::new(&app)
            .register("Acme AB", &format!("a{n}@acme.example"), PASSWORD)
            .await;
    }
    let response = Browser::new(&app)
        .post(
            "/en/register",
            &[
                ("company", "Acme AB"),
                ("email", "a9@acme.example"),
                ("password", PASSWORD),
            ],
        )
        .await;
    assert_eq!(response.status().as_u16(), 429);
    assert!(response.headers().contains_key("retry-after"));
    assert_eq!(count(&app, "SELECT COUNT(*) FROM accounts").await, 2);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_state_changing_endpoint_refuses_cross_site_requests() {
    let app = TestApp::spawn_configured(granular).await;
    let mut owner = Browser::new(&app);
    owner.register("Acme AB", EMAIL, PASSWORD).await;
    let endpoints: [(&str, &[(&str, &str)]); 7] = [
        (
            "/en/register",
            &[
                ("company", "X"),
                ("email", "x@x.example"),
                ("password", PASSWORD),
            ],
        ),
        ("/en/login", &[("email", EMAIL), ("password", PASSWORD)]),
        ("/en/logout", &[]),
        ("/en/account", &[("company", "Evil AB")]),
        (
            "/en/account/password",
            &[
                ("current_password", PASSWORD),
                ("new_password", "evil evil evil evil"),
            ],
        ),
        ("/en/account/delete", &[("password", PASSWORD)]),
        ("/consent", &[("choice", "reject_all")]),
    ];
    for (path, form) in endpoints {
        for headers in [
            [
                ("origin", "https://evil.example"),
                ("sec-fetch-site", "cross-site"),
            ],
            [("origin", "null"), ("x-none", "")],
            [("sec-fetch-site", "same-site"), ("origin", ORIGIN)],
        ] {
            let response = owner.post_with(path, form, &headers).await;
            assert_eq!(response.status().as_u16(), 403, "{path} {headers:?}");
        }
    }
    // The server functions sit behind the same check.
    let calls: [(&str, serde_json::Value); 8] = [
        (
            "consent",
            serde_json::json!({"lang": "en", "choice": "reject_all", "categories": [], "services": []}),
        ),
        (
            "account/register",
            serde_json::json!({"lang": "en", "form": {"company": "X", "email": "x@x.example", "password": PASSWORD}}),
        ),
        (
            "account/login",
            serde_json::json!({"lang": "en", "form": {"email": EMAIL, "password": PASSWORD}}),
        ),
        ("account/logout", serde_json::json!({"lang": "en"})),
        (
            "account/profile",
            serde_json::json!({"lang": "en", "form": {"company": "Evil AB"}}),
        ),
        (
            "account/password",
            serde_json::json!({"lang": "en", "form": {"current_password": PASSWORD, "new_password": "evil evil evil evil"}}),
        ),
        (
            "account/delete",
            serde_json::json!({"lang": "en", "form": {"password": PASSWORD}}),
        ),
        ("account/logo/remove", serde_json::json!({"lang": "en"})),
    ];
    for (endpoint, input) in calls {
        for headers in [
            [
                ("origin", "https://evil.example"),
                ("sec-fetch-site", "cross-site"),
            ],
            [("origin", "null"), ("x-none", "")],
            [("sec-fetch-site", "same-site"), ("origin", ORIGIN)],
        ] {
            let response = owner.call(endpoint, input.clone(), &headers).await;
            assert_eq!(response.status().as_u16(), 403, "{endpoint} {headers:?}");
        }
    }
    assert!(owner.logged_in().await, "still logged in");
    let (_, html) = owner.text("/en/account").await;
    assert!(html.contains("Acme AB") && !html.contains("Evil AB"));
    assert_eq!(count(&app, "SELECT COUNT(*) FROM accounts").await, 1);
    assert!(owner.login(EMAIL, PASSWORD).await.status().is_redirection());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_form_that_does_not_read_is_refused_clearly_and_changes_nothing() {
    let app = TestApp::spawn_configured(granular).await;
    let mut owner = Browser::new(&app);
    owner.register("Acme AB", EMAIL, PASSWORD).await;
    // A field given twice cannot be one value of the typed form.
    let response = owner
        .post(
            "/en/account",
            &[("company", "Evil AB"), ("company", "Other AB")],
        )
        .await;
    assert_eq!(response.status().as_u16(), 400);
    let html = response.text().await.expect("body");
    assert!(html.contains("The form could not be read"), "{html}");
    let (_, page) = owner.text("/en/account").await;
    assert!(page.contains("Acme AB") && !page.contains("Evil AB"));
    let mut stranger = Browser::new(&app);
    let response = stranger
        .post(
            "/en/register",
            &[
                ("company", "X"),
                ("email", "x@x.example"),
                ("email", "y@y.example"),
                ("password", PASSWORD),
            ],
        )
        .await;
    assert_eq!(response.status().as_u16(), 400);
    assert_eq!(count(&app, "SELECT COUNT(*) FROM accounts").await, 1);
}
