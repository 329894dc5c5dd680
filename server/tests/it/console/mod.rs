//! The operator console over HTTP: set-up, login with a second factor, sessions, and each
//! area for each role.

mod access;
mod auth;
mod companies;
mod operations;
mod records;

use std::sync::Arc;

use domain::{account::normalise_email, lang::Lang, operator::Role};
use portal_core::{
    clock::Clock,
    operators::{AuditEntry, OperatorId, totp},
    tokens::{new_token, token_hash},
};
use server::clock::ManualClock;

use crate::common::{Browser, TestApp, granular};

/// The password every test operator sets.
pub const PASSWORD: &str = "operator password 2026";

/// A test server on a clock the test moves (TOTP codes follow it).
pub async fn console_app() -> (TestApp, Arc<ManualClock>) {
    console_app_with(|_| {}).await
}

/// A test server with settings adjusted by `adjust` (granular consent first), on a clock the
/// test moves.
pub async fn console_app_with(
    adjust: impl FnOnce(&mut server::Settings),
) -> (TestApp, Arc<ManualClock>) {
    let clock = ManualClock::new();
    let app = TestApp::spawn_timed(
        |s| {
            granular(s);
            adjust(s);
        },
        clock.clone(),
    )
    .await;
    (app, clock)
}

/// A second instance on `app`'s database and data folder, with the same adjustments.
pub async fn second_instance(
    app: &TestApp,
    clock: Arc<ManualClock>,
    adjust: impl FnOnce(&mut server::Settings),
) -> TestApp {
    let shared_dir = app.data_dir();
    let shared_url = app.database_url.clone();
    TestApp::spawn_timed(
        move |s| {
            granular(s);
            adjust(s);
            s.data_dir = shared_dir;
            if !shared_url.is_empty() {
                s.database_url = Some(crate::common::toml_secret(&shared_url));
            }
        },
        clock,
    )
    .await
}

/// The audit trail's lines as `action subject`.
pub async fn trail(app: &TestApp) -> Vec<String> {
    app.db()
        .await
        .audit_trail(0)
        .await
        .expect("trail")
        .into_iter()
        .map(|e| format!("{} {}", e.action, e.subject).trim_end().to_owned())
        .collect()
}

/// An operator added from the command line's side: the row and a set-up link's token.
pub async fn added(
    app: &TestApp,
    clock: &ManualClock,
    email: &str,
    role: Role,
) -> (OperatorId, String) {
    let db = app.db().await;
    let email = normalise_email(email).expect("address");
    let entry = AuditEntry {
        at: clock.now(),
        operator_id: None,
        action: "operator.add".into(),
        subject: email.to_string(),
        masked_ip: "-".into(),
    };
    let id = db
        .add_operator(&email, role, Lang::En, &entry)
        .await
        .expect("added");
    let (token, hash) = new_token().expect("token");
    db.add_operator_link(id, &hash, clock.now() + 3600, clock.now())
        .await
        .expect("link");
    assert_eq!(token_hash(&token), hash);
    (id, token)
}

/// The value of the hidden input `name` in `html`.
pub fn hidden(html: &str, name: &str) -> String {
    let marker = format!("name=\"{name}\" value=\"");
    let start = html
        .find(&marker)
        .unwrap_or_else(|| panic!("no {name} in {html}"))
        + marker.len();
    html[start..start + html[start..].find('"').expect("end")].to_owned()
}

/// A set-up operator: their secret and recovery codes.
pub struct SetUp {
    pub secret: Vec<u8>,
    pub codes: Vec<String>,
}

/// Goes through the set-up page with `token`.
pub async fn set_up(browser: &mut Browser<'_>, clock: &ManualClock, token: &str) -> SetUp {
    let (status, page) = browser.text(&format!("/admin/setup?token={token}")).await;
    assert_eq!(status, 200, "{page}");
    let secret_text = hidden(&page, "secret");
    let secret = totp::secret_from_base32(&secret_text).expect("base32");
    let code = totp::code_at(&secret, clock.now());
    let response = browser
        .post(
            "/admin/setup",
            &[
                ("token", token),
                ("secret", &secret_text),
                ("password", PASSWORD),
                ("confirm", PASSWORD),
                ("code", &code),
            ],
        )
        .await;
    assert_eq!(response.status().as_u16(), 200);
    let page = response.text().await.expect("body");
    let codes: Vec<String> = page
        .split("<li><code>")
        .skip(1)
        .map(|rest| rest[..rest.find('<').expect("end")].to_owned())
        .collect();
    assert_eq!(codes.len(), 10, "{page}");
    SetUp { secret, codes }
}

/// Logs in with the code of the next time step (the set-up's own code is spent).
pub async fn log_in(
    browser: &mut Browser<'_>,
    clock: &ManualClock,
    email: &str,
    secret: &[u8],
) -> reqwest::Response {
    clock.advance(totp::STEP);
    let code = totp::code_at(secret, clock.now());
    browser
        .post(
            "/admin/login",
            &[("email", email), ("password", PASSWORD), ("code", &code)],
        )
        .await
}

/// A logged-in operator with `role`.
pub async fn operator<'a>(
    app: &'a TestApp,
    clock: &ManualClock,
    email: &str,
    role: Role,
) -> (Browser<'a>, SetUp) {
    let (_, token) = added(app, clock, email, role).await;
    let mut browser = Browser::new(app);
    let setup = set_up(&mut browser, clock, &token).await;
    let response = log_in(&mut browser, clock, email, &setup.secret).await;
    assert_eq!(response.status().as_u16(), 303);
    assert_eq!(crate::common::location(&response), "/admin");
    (browser, setup)
}
