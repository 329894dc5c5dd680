//! Login sessions against the real server: the session cookie and its attributes, a new id at
//! login, logout on the server, idle and absolute timeouts, the purge of expired sessions, the
//! `next` target, blocked cookies, and concurrent logins.

use std::sync::Arc;

use crate::common::{Browser, EMAIL, PASSWORD, TestApp, count, granular, location, session_cookie};
use server::clock::ManualClock;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn login_after_registration_sets_an_opaque_session_cookie() {
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
    assert_eq!(
        session_cookie(&response),
        None,
        "registration alone logs nobody in"
    );
    let response = browser.login(EMAIL, PASSWORD).await;
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
    assert_eq!(response.status().as_u16(), 303);
    let response = browser
        .post_with(
            "/en/login",
            &[("email", EMAIL), ("password", PASSWORD)],
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
    let answer = no_cookies
        .call(
            "account/login",
            serde_json::json!({"lang": "en", "form": {"email": EMAIL, "password": PASSWORD}}),
            &[],
        )
        .await;
    assert_eq!(answer.status(), 200);
    let next: String = answer.json().await.expect("the path to go to");
    assert!(next.starts_with("/en/login/check"), "{next}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn fifty_concurrent_logins_all_succeed() {
    // Fifty people of one company, each at their own address behind the balancer (from one
    // address, parallel attempts beyond the login limit are refused: see tests/limits.rs).
    let app = Arc::new(
        TestApp::spawn_configured(|s| {
            granular(s);
            s.trusted_proxies = vec!["127.0.0.1".into()];
            s.accounts.hash_queue = 64;
        })
        .await,
    );
    Browser::new(&app)
        .register("Acme AB", EMAIL, PASSWORD)
        .await;
    let tasks: Vec<_> = (0..50)
        .map(|n| {
            let app = app.clone();
            tokio::spawn(async move {
                let mut browser = Browser::behind_proxy(&app, &format!("198.51.{n}.1"));
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
