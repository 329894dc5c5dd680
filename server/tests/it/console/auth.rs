//! The console's doors: the set-up link, login with a second factor (replay refused, a
//! recovery code once), the limits, sessions that time out, a disabled operator's live
//! session, and a console that does not exist for anyone else.

use domain::{account::normalise_email, operator::Role};
use portal_core::clock::Clock;
use portal_core::operators::{
    sessions::{ABSOLUTE, IDLE},
    totp,
};

use super::{PASSWORD, added, console_app, hidden, log_in, operator, set_up};
use crate::common::{Browser, location, registered};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_operator_sets_up_once_and_logs_in_with_a_code_that_works_once() {
    let (app, clock) = console_app().await;
    let (_, token) = added(&app, &clock, "ops@af.example", Role::Moderator).await;
    let mut browser = Browser::new(&app);

    // A weak password, two passwords that differ, a wrong code: refused, the link still works
    // and the same key stays on the page (an app that has it keeps working).
    let (_, page) = browser.text(&format!("/admin/setup?token={token}")).await;
    assert!(
        page.contains("<svg aria-hidden=\"true\""),
        "a QR code drawn on the server"
    );
    let secret = hidden(&page, "secret");
    let key = totp::secret_from_base32(&secret).expect("key");
    let good = totp::code_at(&key, clock.now());
    for (password, confirm, code) in [
        ("short", "short", good.as_str()),
        (PASSWORD, "another password 2026", good.as_str()),
        (PASSWORD, PASSWORD, "000000"),
    ] {
        let response = browser
            .post(
                "/admin/setup",
                &[
                    ("token", token.as_str()),
                    ("secret", &secret),
                    ("password", password),
                    ("confirm", confirm),
                    ("code", code),
                ],
            )
            .await;
        assert_eq!(
            response.status().as_u16(),
            422,
            "{password} {confirm} {code}"
        );
        let page = response.text().await.expect("body");
        assert_eq!(hidden(&page, "secret"), secret);
    }
    let setup = set_up(&mut browser, &clock, &token).await;
    // The link worked once.
    let (status, page) = browser.text(&format!("/admin/setup?token={token}")).await;
    assert_eq!(status, 404);
    assert!(
        page.contains("role=\"alert\"") && page.contains("Länken fungerar inte"),
        "{page}"
    );

    // The code that finished the set-up cannot log in: it was spent.
    let spent = totp::code_at(&setup.secret, clock.now());
    let response = browser
        .post(
            "/admin/login",
            &[
                ("email", "ops@af.example"),
                ("password", PASSWORD),
                ("code", &spent),
            ],
        )
        .await;
    assert_eq!(response.status().as_u16(), 401);

    let response = log_in(&mut browser, &clock, "OPS@af.example", &setup.secret).await;
    assert_eq!(response.status().as_u16(), 303);
    let cookie = crate::common::set_cookies(&response).join("\n");
    assert!(
        cookie.starts_with("__Host-operator=")
            && cookie.contains("HttpOnly")
            && cookie.contains("SameSite=Strict")
            && cookie.contains("Secure")
            && !cookie.contains("Max-Age"),
        "{cookie}"
    );
    let (status, home) = browser.text("/admin").await;
    assert_eq!(status, 200);
    assert!(home.contains("ops@af.example") && home.contains("moderator"));
    assert!(home.contains("href=\"/admin/companies\""));
    assert!(
        !home.contains("href=\"/admin/statistics\""),
        "a moderator's areas only"
    );

    // Logged out: the session is gone on the server, and the same code does not log in again.
    let used = totp::code_at(&setup.secret, clock.now());
    let response = browser.post("/admin/logout", &[]).await;
    assert_eq!(location(&response), "/admin/login?done=logged-out");
    assert_eq!(browser.get("/admin").await.status().as_u16(), 404);
    let replay = browser
        .post(
            "/admin/login",
            &[
                ("email", "ops@af.example"),
                ("password", PASSWORD),
                ("code", &used),
            ],
        )
        .await;
    assert_eq!(replay.status().as_u16(), 401, "a replayed code");

    // A recovery code works once.
    let recovery = setup.codes[3].clone();
    for expected in [303, 401] {
        let response = browser
            .post(
                "/admin/login",
                &[
                    ("email", "ops@af.example"),
                    ("password", PASSWORD),
                    ("code", &recovery),
                ],
            )
            .await;
        assert_eq!(response.status().as_u16(), expected);
        browser.post("/admin/logout", &[]).await;
    }

    let trail: Vec<String> = app
        .db()
        .await
        .audit_trail(0)
        .await
        .expect("trail")
        .into_iter()
        .map(|e| e.action)
        .collect();
    assert_eq!(
        trail,
        [
            "operator.add",
            "operator.setup",
            "operator.second-factor-failed",
            "operator.login",
            "operator.logout",
            "operator.second-factor-failed",
            "operator.login",
            "operator.logout",
            "operator.second-factor-failed",
        ]
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_console_is_not_there_for_visitors_or_companies() {
    let (app, _) = console_app().await;
    let mut company = registered(&app, "owner@acme.example").await;
    assert!(company.logged_in().await);
    for path in ["/admin", "/admin/companies", "/admin/audit"] {
        assert_eq!(app.get(path).await.status().as_u16(), 404, "{path}");
        assert_eq!(company.get(path).await.status().as_u16(), 404, "{path}");
    }
    assert_eq!(
        company.post("/admin/logout", &[]).await.status().as_u16(),
        404
    );
    // The login page is there, in the browser's language, never stored.
    let response = app
        .get_with("/admin/login", &[("accept-language", "sv")])
        .await;
    assert_eq!(response.status().as_u16(), 200);
    assert_eq!(response.headers()["cache-control"], "no-store");
    let page = response.text().await.expect("body");
    assert!(page.contains("lang=\"sv\"") && page.contains("Inloggning för operatörer"));
    assert!(!page.contains("<script"), "the console runs no script");
    // A made-up operator cookie leads to the login page, and the cookie is removed.
    let response = app
        .get_with("/admin", &[("cookie", "__Host-operator=made-up")])
        .await;
    assert_eq!(location(&response), "/admin/login?done=session-ended");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sessions_end_when_idle_after_twelve_hours_and_when_the_operator_is_disabled() {
    let (app, clock) = console_app().await;
    let (mut idle, _) = operator(&app, &clock, "idle@af.example", Role::Analyst).await;
    let (mut busy, _) = operator(&app, &clock, "busy@af.example", Role::Analyst).await;
    let busy_since = clock.now();
    let (mut other, _) = operator(&app, &clock, "other@af.example", Role::Admin).await;

    // Busy keeps working every 20 minutes; idle does nothing for 31.
    clock.advance(20 * 60);
    assert_eq!(busy.get("/admin").await.status().as_u16(), 200);
    assert_eq!(other.get("/admin").await.status().as_u16(), 200);
    clock.advance(IDLE - 20 * 60 + 60);
    let ended = idle.get("/admin").await;
    assert_eq!(location(&ended), "/admin/login?done=session-ended");
    assert!(
        !idle.jar.contains_key("__Host-operator"),
        "the cookie is removed"
    );
    while clock.now() + 20 * 60 < busy_since + ABSOLUTE {
        assert_eq!(busy.get("/admin").await.status().as_u16(), 200);
        clock.advance(20 * 60);
    }
    assert_eq!(busy.get("/admin").await.status().as_u16(), 200);
    clock.advance(busy_since + ABSOLUTE - clock.now());
    let ended = busy.get("/admin").await;
    assert_eq!(
        location(&ended),
        "/admin/login?done=session-ended",
        "12 hours at most"
    );

    // A disabled operator's live session ends at once, on the next request.
    let (mut moderator, _) = operator(&app, &clock, "mod@af.example", Role::Moderator).await;
    assert_eq!(moderator.get("/admin").await.status().as_u16(), 200);
    let db = app.db().await;
    let email = normalise_email("mod@af.example").expect("address");
    let entry = portal_core::operators::AuditEntry {
        at: 0,
        operator_id: None,
        action: "operator.disable".into(),
        subject: email.to_string(),
        masked_ip: "-".into(),
    };
    assert!(db.disable_operator(&email, &entry).await.expect("disabled"));
    let ended = moderator.get("/admin").await;
    assert_eq!(location(&ended), "/admin/login?done=session-ended");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn operator_logins_have_the_company_logins_limits() {
    let (app, clock) = console_app().await;
    let (_, setup) = operator(&app, &clock, "ops@af.example", Role::Admin).await;
    let mut browser = Browser::new(&app);
    for _ in 0..5 {
        let response = browser
            .post(
                "/admin/login",
                &[
                    ("email", "ops@af.example"),
                    ("password", "wrong password!"),
                    ("code", "123456"),
                ],
            )
            .await;
        assert_eq!(response.status().as_u16(), 401);
    }
    let limited = log_in(&mut browser, &clock, "ops@af.example", &setup.secret).await;
    assert_eq!(limited.status().as_u16(), 429, "even the right code waits");
    assert!(limited.headers().contains_key("retry-after"));
}
