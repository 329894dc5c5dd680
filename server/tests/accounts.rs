//! Company accounts against the real server: registration, login, sessions and their cookie,
//! timeouts, logout, rate limits, cross-site refusal, export and deletion, bad input.

mod common;

use std::sync::Arc;

use app::domain::consent::ConsentMode;
use common::{Browser, ORIGIN, TestApp, location, set_cookies};
use server::clock::ManualClock;

const PASSWORD: &str = "correct horse battery staple";
const EMAIL: &str = "info@acme.example";

fn granular(s: &mut server::Settings) {
    s.consent.mode = ConsentMode::Granular;
}

/// A count from the test server's database (`tower_sessions` names the session table).
async fn count(app: &TestApp, sql: &str) -> i64 {
    let sql = sql.replace("tower_sessions", app.sessions_table());
    app.db().await.count(&sql).await.expect("count")
}

fn session_cookie(response: &reqwest::Response) -> Option<String> {
    set_cookies(response)
        .into_iter()
        .find(|c| c.starts_with("__Host-session=") || c.starts_with("session="))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn registration_logs_in_with_an_opaque_session_cookie() {
    let app = TestApp::spawn_configured(granular).await;
    let mut browser = Browser::new(&app);
    let response = browser
        .post(
            "/en/register",
            &[
                ("company", "Acme AB"),
                ("email", " Info@Acme.Example "),
                ("password", PASSWORD),
            ],
        )
        .await;
    assert_eq!(response.status().as_u16(), 303);
    let cookie = session_cookie(&response).expect("a session cookie");
    let attributes: Vec<&str> = cookie.split(';').map(str::trim).collect();
    for wanted in ["HttpOnly", "SameSite=Lax", "Secure", "Path=/"] {
        assert!(attributes.contains(&wanted), "{wanted} missing: {cookie}");
    }
    assert!(cookie.starts_with("__Host-session="), "{cookie}");
    assert!(
        !cookie.contains("Max-Age") && !cookie.contains("Expires") && !cookie.contains("Domain"),
        "a session cookie without a lifetime: {cookie}"
    );
    let value = attributes[0].trim_start_matches("__Host-session=");
    assert!(value.len() >= 22, "at least 128 random bits: {value}");
    assert!(!value.to_lowercase().contains("acme") && !value.contains('@'));

    let check = location(&response);
    assert!(check.starts_with("/en/login/check?next="), "{check}");
    let response = browser.get(&check).await;
    assert_eq!(location(&response), "/en/account");
    let (status, html) = browser.text("/en/account").await;
    assert_eq!(status, 200);
    assert!(html.contains("Logged in as") && html.contains("Acme AB"));
    assert!(
        html.contains("info@acme.example"),
        "the e-mail is normalised"
    );
    assert_eq!(count(&app, "SELECT COUNT(*) FROM accounts").await, 1);
    assert_eq!(
        count(&app, "SELECT COUNT(*) FROM account_sessions").await,
        1
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_plain_http_site_uses_a_plain_session_cookie() {
    let app = TestApp::spawn_configured(|s| {
        granular(s);
        s.public_url = "http://portal.example".into();
    })
    .await;
    let mut browser = Browser::new(&app);
    let response = browser
        .post_with(
            "/en/register",
            &[
                ("company", "Acme AB"),
                ("email", EMAIL),
                ("password", PASSWORD),
            ],
            &[("origin", "http://portal.example")],
        )
        .await;
    let cookie = session_cookie(&response).expect("cookie");
    assert!(cookie.starts_with("session="), "{cookie}");
    assert!(!cookie.contains("Secure"), "{cookie}");
    let (_, html) = app.page("/en/cookie-policy").await;
    assert!(
        html.contains("<code>session</code>"),
        "the table names the cookie as set"
    );
}

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
async fn login_rotates_the_id_and_logout_kills_the_old_cookie() {
    let app = TestApp::spawn_configured(granular).await;
    let mut browser = Browser::new(&app);
    browser.register("Acme AB", EMAIL, PASSWORD).await;
    let before = browser.jar["__Host-session"].clone();
    let response = browser.login(EMAIL, PASSWORD).await;
    assert_eq!(response.status().as_u16(), 303);
    let after = browser.jar["__Host-session"].clone();
    assert_ne!(before, after, "a new id at login");
    let mut replay = Browser::new(&app);
    replay.jar.insert("__Host-session".into(), before);
    assert!(!replay.logged_in().await, "the pre-login id is dead");

    let kept = browser.jar.clone();
    let response = browser.post("/en/logout", &[]).await;
    assert_eq!(location(&response), "/en/login?done=logged-out");
    assert!(!browser.jar.contains_key("__Host-session"));
    let mut thief = Browser::new(&app);
    thief.jar = kept;
    assert!(
        !thief.logged_in().await,
        "logout ends the session on the server"
    );
    let (status, _) = thief.text("/en/account").await;
    assert_eq!(status, 303);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sessions_end_when_idle_and_after_their_absolute_lifetime() {
    let clock = ManualClock::new();
    let app = TestApp::spawn_timed(granular, clock.clone()).await;
    let mut browser = Browser::new(&app);
    browser.register("Acme AB", EMAIL, PASSWORD).await;

    clock.advance(29 * 60);
    assert!(browser.logged_in().await, "29 idle minutes are fine");
    clock.advance(29 * 60);
    assert!(
        browser.logged_in().await,
        "each request restarts the idle time"
    );
    clock.advance(31 * 60);
    let response = browser.get("/en/account").await;
    assert!(
        location(&response).contains("done=ended"),
        "31 idle minutes end it"
    );
    assert!(
        !browser.jar.contains_key("__Host-session"),
        "and the cookie goes"
    );
    assert!(!browser.logged_in().await);

    browser.login(EMAIL, PASSWORD).await;
    assert!(browser.logged_in().await);
    for _ in 0..16 {
        clock.advance(29 * 60);
        assert!(browser.logged_in().await);
    }
    clock.advance(29 * 60);
    assert!(
        !browser.logged_in().await,
        "8 hours after login it ends, however active"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn expired_sessions_are_purged_in_the_background() {
    let clock = ManualClock::new();
    let app = TestApp::spawn_timed(
        |s| {
            granular(s);
            s.accounts.purge_interval_seconds = 1;
        },
        clock.clone(),
    )
    .await;
    let mut browser = Browser::new(&app);
    browser.register("Acme AB", EMAIL, PASSWORD).await;
    assert_eq!(count(&app, "SELECT COUNT(*) FROM tower_sessions").await, 1);
    clock.advance(9 * 3600);
    let mut gone = false;
    for _ in 0..50 {
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        if count(&app, "SELECT COUNT(*) FROM tower_sessions").await == 0 {
            gone = true;
            break;
        }
    }
    assert!(gone, "the purge removed the expired session");
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
    assert!(owner.logged_in().await, "still logged in");
    let (_, html) = owner.text("/en/account").await;
    assert!(html.contains("Acme AB") && !html.contains("Evil AB"));
    assert_eq!(count(&app, "SELECT COUNT(*) FROM accounts").await, 1);
    assert!(owner.login(EMAIL, PASSWORD).await.status().is_redirection());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_account_page_edits_exports_and_deletes() {
    let app = TestApp::spawn_configured(granular).await;
    let mut owner = Browser::new(&app);
    owner.register("Acme AB", EMAIL, PASSWORD).await;
    let mut other_device = Browser::new(&app);
    assert!(
        other_device
            .login(EMAIL, PASSWORD)
            .await
            .status()
            .is_redirection()
    );

    let response = owner
        .post(
            "/en/account",
            &[
                ("company", "Acme Jobs AB"),
                ("description", "We match people and jobs."),
                ("website", "https://acme.example"),
                (
                    "social",
                    "https://www.linkedin.com/company/acme\nhttps://mastodon.example/@acme",
                ),
            ],
        )
        .await;
    assert_eq!(location(&response), "/en/account?done=saved");
    let (_, html) = owner.text("/en/account?done=saved").await;
    assert!(html.contains("The profile is saved."));
    assert!(html.contains("Acme Jobs AB") && html.contains("mastodon.example/@acme"));

    let export = owner.get("/en/account/export").await;
    assert_eq!(export.status().as_u16(), 200);
    assert!(
        export.headers()["content-disposition"]
            .to_str()
            .expect("ascii")
            .starts_with("attachment")
    );
    let data: serde_json::Value = export.json().await.expect("json");
    assert_eq!(data["account"]["email"], EMAIL);
    assert_eq!(data["profile"]["company"], "Acme Jobs AB");
    assert_eq!(
        data["profile"]["social"][1],
        "https://mastodon.example/@acme"
    );
    assert_eq!(data["sessions"].as_array().expect("sessions").len(), 2);
    assert!(
        !data.to_string().contains("argon2"),
        "no password hash in the export"
    );
    let mut stranger = Browser::new(&app);
    assert_eq!(
        stranger.get("/en/account/export").await.status().as_u16(),
        401
    );

    // Changing the password ends the other device's session, keeps this one.
    let wrong = owner
        .post(
            "/en/account/password",
            &[
                ("current_password", "not the password"),
                ("new_password", "a brand new passphrase"),
            ],
        )
        .await;
    assert_eq!(wrong.status().as_u16(), 422);
    assert!(
        wrong
            .text()
            .await
            .expect("body")
            .contains("Wrong password.")
    );
    let changed = owner
        .post(
            "/en/account/password",
            &[
                ("current_password", PASSWORD),
                ("new_password", "a brand new passphrase"),
            ],
        )
        .await;
    assert_eq!(location(&changed), "/en/account?done=password");
    assert!(owner.logged_in().await);
    assert!(!other_device.logged_in().await);

    let kept = owner.jar.clone();
    let refused = owner
        .post("/en/account/delete", &[("password", PASSWORD)])
        .await;
    assert_eq!(
        refused.status().as_u16(),
        422,
        "the old password no longer works"
    );
    assert_eq!(count(&app, "SELECT COUNT(*) FROM accounts").await, 1);
    let deleted = owner
        .post(
            "/en/account/delete",
            &[("password", "a brand new passphrase")],
        )
        .await;
    assert_eq!(location(&deleted), "/en/login?done=deleted");
    for table in [
        "accounts",
        "account_sessions",
        "tower_sessions",
        "auth_attempts WHERE bucket LIKE 'login-account:%'",
    ] {
        assert_eq!(
            count(&app, &format!("SELECT COUNT(*) FROM {table}")).await,
            0,
            "{table} keeps nothing"
        );
    }
    owner.jar = kept;
    assert!(!owner.logged_in().await);
    assert_eq!(
        owner
            .login(EMAIL, "a brand new passphrase")
            .await
            .status()
            .as_u16(),
        401
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bad_input_gets_a_clear_message_and_stores_nothing() {
    let app = TestApp::spawn_configured(granular).await;
    let mut browser = Browser::new(&app);
    let long = "x".repeat(129);
    let cases: [(&[(&str, &str)], &str); 7] = [
        (
            &[("company", ""), ("email", EMAIL), ("password", PASSWORD)],
            "Fill in this field.",
        ),
        (
            &[
                ("company", "A"),
                ("email", "not-an-email"),
                ("password", PASSWORD),
            ],
            "Enter an e-mail address",
        ),
        (
            &[("company", "A"), ("email", EMAIL), ("password", "short")],
            "at least 12 characters",
        ),
        (
            &[("company", "A"), ("email", EMAIL), ("password", &long)],
            "At most this many characters: 128.",
        ),
        (
            &[
                ("company", "A"),
                ("email", EMAIL),
                ("password", "Password2024!"),
            ],
            "too common",
        ),
        (
            &[
                ("company", "A\u{0}B"),
                ("email", EMAIL),
                ("password", PASSWORD),
            ],
            "not allowed",
        ),
        (
            &[
                ("company", "A"),
                ("email", "<script>@x.example"),
                ("password", PASSWORD),
            ],
            "Enter an e-mail address",
        ),
    ];
    for (form, message) in cases {
        let response = browser.post("/en/register", form).await;
        assert_eq!(response.status().as_u16(), 422, "{form:?}");
        assert!(set_cookies(&response).is_empty());
        let html = response.text().await.expect("body");
        assert!(html.contains(message), "{form:?}: {message}");
        assert!(html.contains("aria-invalid=\"true\""), "{form:?}");
        assert!(!html.contains(PASSWORD), "a password is never echoed");
        assert!(!html.contains("<script>@"), "input is escaped");
    }
    assert_eq!(count(&app, "SELECT COUNT(*) FROM accounts").await, 0);

    browser.register("Acme AB", EMAIL, PASSWORD).await;
    let taken = Browser::new(&app)
        .post(
            "/en/register",
            &[
                ("company", "B"),
                ("email", "INFO@acme.example"),
                ("password", PASSWORD),
            ],
        )
        .await;
    assert_eq!(taken.status().as_u16(), 422);
    assert!(
        taken
            .text()
            .await
            .expect("body")
            .contains("An account with this address exists")
    );

    let json = browser
        .post_with(
            "/en/account",
            &[
                ("company", "Acme AB"),
                ("website", "javascript:alert(1)"),
                ("social", "ftp://x.example"),
            ],
            &[("origin", ORIGIN), ("accept", "application/json")],
        )
        .await;
    assert_eq!(json.status().as_u16(), 422);
    let body: serde_json::Value = json.json().await.expect("json");
    let fields: Vec<&str> = body["errors"]
        .as_array()
        .expect("errors")
        .iter()
        .map(|e| e["field"].as_str().expect("field"))
        .collect();
    assert_eq!(fields, ["website", "social"]);
    assert_eq!(body["notice"], "Correct the marked fields.");
    for (form, field) in [
        (vec![("company", "")], "company"),
        (
            vec![("company", "A"), ("description", &*"d".repeat(1001))],
            "description",
        ),
        (vec![("company", &*"c".repeat(101))], "company"),
        (
            vec![
                ("company", "A"),
                (
                    "social",
                    "https://a.se\nhttps://b.se\nhttps://c.se\nhttps://d.se\nhttps://e.se\nhttps://f.se",
                ),
            ],
            "social",
        ),
    ] {
        let response = browser.post("/en/account", &form).await;
        assert_eq!(response.status().as_u16(), 422, "{field}");
        let html = response.text().await.expect("body");
        assert!(
            html.contains(&format!("id=\"f-{field}\" ")) && html.contains("aria-invalid=\"true\""),
            "{field}"
        );
    }
    let short = browser
        .post(
            "/en/account/password",
            &[("current_password", PASSWORD), ("new_password", "short")],
        )
        .await;
    assert_eq!(short.status().as_u16(), 422);
    assert!(
        short
            .text()
            .await
            .expect("body")
            .contains("at least 12 characters")
    );
    let (_, html) = browser.text("/en/about").await;
    assert!(html.contains("Logged in as"));
    let response = browser.get("/en/about").await;
    assert_eq!(response.headers()["cache-control"], "private, no-store");
    let data: serde_json::Value = browser
        .get("/en/account/export")
        .await
        .json()
        .await
        .expect("json");
    assert_eq!(
        data["profile"]["website"],
        serde_json::Value::Null,
        "nothing stored"
    );

    let huge = "a".repeat(20_000);
    let response = browser.post("/en/login", &[("email", &huge)]).await;
    assert_eq!(response.status().as_u16(), 413);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn next_is_only_followed_on_this_site_and_blocked_cookies_are_explained() {
    let app = TestApp::spawn_configured(granular).await;
    Browser::new(&app)
        .register("Acme AB", EMAIL, PASSWORD)
        .await;
    let mut browser = Browser::new(&app);
    let response = browser
        .post(
            "/en/login",
            &[
                ("email", EMAIL),
                ("password", PASSWORD),
                ("next", "/en/about"),
            ],
        )
        .await;
    let check = location(&response);
    assert_eq!(location(&browser.get(&check).await), "/en/about");
    for evil in ["https://evil.example/", "//evil.example", "/\\evil.example"] {
        let response = browser
            .post(
                "/en/login",
                &[("email", EMAIL), ("password", PASSWORD), ("next", evil)],
            )
            .await;
        let target = location(&browser.get(&location(&response)).await);
        assert_eq!(target, "/en/account", "{evil}");
    }
    // A browser that drops cookies: the check finds no session and says why.
    let mut no_cookies = Browser::new(&app);
    let response = no_cookies.login(EMAIL, PASSWORD).await;
    no_cookies.jar.clear();
    let (status, html) = no_cookies.text(&location(&response)).await;
    assert_eq!(status, 200);
    assert!(html.contains("Logging in needs your browser to allow cookies"));
    let json = no_cookies
        .post_with(
            "/en/login",
            &[("email", EMAIL), ("password", PASSWORD)],
            &[("origin", ORIGIN), ("accept", "application/json")],
        )
        .await;
    let body: serde_json::Value = json.json().await.expect("json");
    assert!(
        body["redirect"]
            .as_str()
            .expect("redirect")
            .starts_with("/en/login/check")
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn fifty_concurrent_logins_all_succeed() {
    let app = Arc::new(TestApp::spawn_configured(granular).await);
    Browser::new(&app)
        .register("Acme AB", EMAIL, PASSWORD)
        .await;
    let tasks: Vec<_> = (0..50)
        .map(|_| {
            let app = app.clone();
            tokio::spawn(async move {
                let mut browser = Browser::new(&app);
                let response = browser.login(EMAIL, PASSWORD).await;
                (
                    response.status().as_u16(),
                    browser.jar.contains_key("__Host-session"),
                )
            })
        })
        .collect();
    for task in tasks {
        assert_eq!(task.await.expect("task"), (303, true));
    }
    assert_eq!(
        count(&app, "SELECT COUNT(*) FROM account_sessions").await,
        51
    );
}
