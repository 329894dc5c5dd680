//! One-time links end with every change of credentials: a reset ends a pending address
//! change, a password or address change ends every other link, and logging out everywhere
//! ends every link and session (through a real SMTP server, as in `mail`).

use crate::common::{
    Browser, PASSWORD, TestApp, count, location,
    mail::{Mail, free_port, log_in, smtp_to, start_smtp, wait_for},
};

/// Asks for a reset link for `email` (without a session); the link's token.
async fn asked_reset(app: &TestApp, smtp: &std::path::Path, email: &str) -> String {
    Browser::new(app)
        .post("/en/forgot", &[("email", email)])
        .await;
    let mail = wait_for(smtp, email, "Reset your password").await;
    token_in(&mail, "/reset?token=")
}

/// The token of the link in `mail` that contains `part`.
fn token_in(mail: &Mail, part: &str) -> String {
    let path = mail.path(part);
    path.split("token=").nth(1).expect("token").to_owned()
}

/// How many accounts have the contact address `email`.
async fn accounts_with(app: &TestApp, email: &str) -> i64 {
    count(
        app,
        &format!("SELECT COUNT(*) FROM accounts WHERE email = '{email}'"),
    )
    .await
}

/// Asks, with the owner's session and `password`, for the contact address to become `to`;
/// the change link's token.
async fn pending_change(
    owner: &mut Browser<'_>,
    smtp: &std::path::Path,
    to: &str,
    password: &str,
) -> String {
    let asked = owner
        .post(
            "/en/account/email",
            &[("new_email", to), ("email_password", password)],
        )
        .await;
    assert_eq!(location(&asked), "/en/account?done=email-pending");
    let mail = wait_for(smtp, to, "Confirm your new e-mail").await;
    token_in(&mail, "/verify?token=")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_password_reset_ends_a_pending_address_change_made_with_a_stolen_session() {
    let smtp = start_smtp(free_port()).await;
    let app = TestApp::spawn_configured(smtp_to(smtp.port)).await;
    let mut owner = Browser::new(&app);
    owner
        .register("Acme AB", "owner@acme.example", PASSWORD)
        .await;
    // Someone with the owner's session (and password) asks for their own address.
    let change = pending_change(&mut owner, &smtp.inbox(), "att@evil.test", PASSWORD).await;
    // The owner notices and resets the password.
    let reset = asked_reset(&app, &smtp.inbox(), "owner@acme.example").await;
    let reset = reset.as_str();
    let done = Browser::new(&app)
        .post(
            "/en/reset",
            &[
                ("token", reset),
                ("new_password", "a completely new passphrase"),
            ],
        )
        .await;
    assert_eq!(location(&done), "/en/login?done=password-reset");
    assert_eq!(count(&app, "SELECT COUNT(*) FROM account_tokens").await, 0);
    // The change link, without any cookie, no longer works and changes nothing.
    let refused = Browser::new(&app)
        .post("/en/verify", &[("token", &change)])
        .await;
    assert_eq!(refused.status().as_u16(), 410);
    assert_eq!(accounts_with(&app, "owner@acme.example").await, 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn changing_the_password_or_the_address_ends_every_other_link() {
    let smtp = start_smtp(free_port()).await;
    let app = TestApp::spawn_configured(smtp_to(smtp.port)).await;
    let mut owner = Browser::new(&app);
    owner
        .register("Acme AB", "owner@acme.example", PASSWORD)
        .await;
    let change = pending_change(&mut owner, &smtp.inbox(), "att@evil.test", PASSWORD).await;
    let new_password = "a completely new passphrase";
    let changed = owner
        .post(
            "/en/account/password",
            &[
                ("current_password", PASSWORD),
                ("new_password", new_password),
            ],
        )
        .await;
    assert_eq!(location(&changed), "/en/account?done=password");
    let refused = Browser::new(&app)
        .post("/en/verify", &[("token", &change)])
        .await;
    assert_eq!(refused.status().as_u16(), 410, "a password change ends it");

    // A reset link asked for before an address change stops working once the address changes.
    let reset = asked_reset(&app, &smtp.inbox(), "owner@acme.example").await;
    let asked = owner
        .post(
            "/en/account/email",
            &[
                ("new_email", "new@acme.example"),
                ("email_password", new_password),
            ],
        )
        .await;
    assert_eq!(location(&asked), "/en/account?done=email-pending");
    let mail = wait_for(&smtp.inbox(), "new@acme.example", "Confirm your new e-mail").await;
    let went = Browser::new(&app)
        .open_link_and_confirm(&mail.path("/verify?token="))
        .await;
    assert_eq!(went, "/en/login?done=email-changed");
    let refused = Browser::new(&app)
        .post(
            "/en/reset",
            &[
                ("token", &reset),
                ("new_password", "yet another passphrase"),
            ],
        )
        .await;
    assert_eq!(refused.status().as_u16(), 410, "an address change ends it");

    // A link issued before a change is refused even where its row was left behind.
    let mut owner = Browser::new(&app);
    log_in(&mut owner, "new@acme.example", new_password).await;
    let change = pending_change(
        &mut owner,
        &smtp.inbox(),
        "third@acme.example",
        new_password,
    )
    .await;
    let db = app.db().await;
    db.execute("UPDATE accounts SET credentials_version = credentials_version + 1")
        .await
        .expect("update");
    let refused = Browser::new(&app)
        .post("/en/verify", &[("token", &change)])
        .await;
    assert_eq!(
        refused.status().as_u16(),
        410,
        "issued under an older count"
    );
    assert_eq!(accounts_with(&app, "new@acme.example").await, 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn logging_out_everywhere_ends_every_session_and_every_link() {
    let smtp = start_smtp(free_port()).await;
    let app = TestApp::spawn_configured(smtp_to(smtp.port)).await;
    let mut owner = Browser::new(&app);
    owner
        .register("Acme AB", "owner@acme.example", PASSWORD)
        .await;
    let mut phone = Browser::new(&app);
    log_in(&mut phone, "owner@acme.example", PASSWORD).await;
    let change = pending_change(&mut owner, &smtp.inbox(), "new@acme.example", PASSWORD).await;
    let reset = asked_reset(&app, &smtp.inbox(), "owner@acme.example").await;
    let reset = reset.as_str();

    // A stranger cannot: it needs a session.
    let stranger = Browser::new(&app)
        .post("/en/account/logout-everywhere", &[])
        .await;
    assert_eq!(stranger.status().as_u16(), 401, "log in first");
    assert!(owner.logged_in().await && phone.logged_in().await);

    let done = phone.post("/en/account/logout-everywhere", &[]).await;
    assert_eq!(location(&done), "/en/login?done=logged-out-everywhere");
    let (_, page) = phone.text(&location(&done)).await;
    assert!(page.contains("You are logged out everywhere"));
    assert!(!phone.logged_in().await, "this session ended");
    assert!(!owner.logged_in().await, "and the other one");
    assert_eq!(
        count(&app, "SELECT COUNT(*) FROM account_sessions").await,
        0
    );
    assert_eq!(count(&app, "SELECT COUNT(*) FROM account_tokens").await, 0);
    for (path, token) in [("/en/verify", change.as_str()), ("/en/reset", reset)] {
        let refused = Browser::new(&app)
            .post(
                path,
                &[
                    ("token", token),
                    ("new_password", "a completely new passphrase"),
                ],
            )
            .await;
        assert_eq!(refused.status().as_u16(), 410, "{path}");
    }
    // The password still works: nothing else changed.
    let mut again = Browser::new(&app);
    log_in(&mut again, "owner@acme.example", PASSWORD).await;
    assert_eq!(accounts_with(&app, "owner@acme.example").await, 1);
}
