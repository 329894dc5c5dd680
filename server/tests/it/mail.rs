//! Mail to companies through a real SMTP server (aiosmtpd on loopback): address verification,
//! sending the link again, address change, password reset, and the note to an address that is
//! registered already. Delivery itself (outbox, outage, TLS) is in `mail_delivery`.

use std::time::Duration;

use crate::common::{
    Browser, PASSWORD, TestApp, count, granular, location,
    mail::{Mail, free_port, log_in, mails_in, register, smtp_to, start_smtp, wait_for},
};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_new_account_confirms_its_address_by_a_link_that_works_once() {
    let smtp = start_smtp(free_port()).await;
    let app = TestApp::spawn_configured(smtp_to(smtp.port)).await;
    let mut owner = Browser::new(&app);
    let to = register(&mut owner, "sv", "Acme AB", "owner@acme.example").await;
    assert_eq!(to, "/sv/login?done=check-email");
    let mail = wait_for(&smtp.inbox(), "owner@acme.example", "Bekräfta").await;
    assert_eq!(mail.language, "sv", "written in the language registered in");
    assert!(
        mail.subject.ends_with("| JobTech Development"),
        "{}",
        mail.subject
    );
    assert!(mail.text.contains("Acme AB") && mail.text.contains("24 timmar"));
    let link = mail.link("/sv/verify?token=").expect("link");
    assert!(link.starts_with("https://portal.example/sv/verify?token="));
    assert!(
        mail.html.contains(&format!("href=\"{link}\"")),
        "HTML part links it too"
    );
    assert!(!mail.html.contains("<img"), "no images, no tracking");

    // Unconfirmed: logs in, edits, publishes, but is not on the showcase.
    log_in(&mut owner, "owner@acme.example", PASSWORD).await;
    let saved = owner
        .post("/en/account", &[("company", "Acme AB"), ("published", "1")])
        .await;
    assert_eq!(saved.status().as_u16(), 303);
    let (_, page) = owner.text("/en/account").await;
    assert!(page.contains("Your e-mail address is not confirmed yet."));
    assert!(page.contains("Not shown yet: confirm your e-mail address first."));
    assert!(!app.page("/en/showcase").await.1.contains("Acme AB"));

    // Only the token's hash is stored; the sent mail keeps nothing of its contents.
    let token = link.split("token=").nth(1).expect("token");
    let plain = format!("SELECT COUNT(*) FROM account_tokens WHERE token_hash = '{token}'");
    assert_eq!(count(&app, &plain).await, 0);
    assert_eq!(count(&app, "SELECT COUNT(*) FROM account_tokens").await, 1);
    assert_eq!(
        count(
            &app,
            "SELECT COUNT(*) FROM mail_queue WHERE sent_at IS NOT NULL AND recipient = '' \
             AND link = '' AND length(message) = 0"
        )
        .await,
        1
    );

    // Opening the link changes nothing (a mail scanner may fetch it); its form confirms.
    let path = mail.path("/verify?token=");
    let (status, _) = Browser::new(&app).text(&path).await;
    assert_eq!(status, 200);
    assert!(!app.page("/en/showcase").await.1.contains("Acme AB"));
    let went = owner.open_link_and_confirm(&path).await;
    assert_eq!(
        went, "/sv/account?done=verified",
        "the logged-in owner goes to the account"
    );
    assert!(app.page("/en/showcase").await.1.contains("Acme AB"));
    let (_, page) = owner.text("/en/account").await;
    assert!(!page.contains("not confirmed yet"));

    // Used up: the second time the page says so, and nothing changes.
    let again = owner.post("/sv/verify", &[("token", token)]).await;
    assert_eq!(again.status().as_u16(), 410);
    assert!(
        again
            .text()
            .await
            .expect("body")
            .contains("Länken fungerar inte")
    );
    for forged in ["", "x", &"A".repeat(43)] {
        let response = Browser::new(&app)
            .post("/en/verify", &[("token", forged)])
            .await;
        assert_eq!(response.status().as_u16(), 410, "{forged:?}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn registering_a_known_address_answers_the_same_and_notes_the_owner() {
    let smtp = start_smtp(free_port()).await;
    let app = TestApp::spawn_configured(smtp_to(smtp.port)).await;
    let first = register(
        &mut Browser::new(&app),
        "en",
        "Acme AB",
        "owner@acme.example",
    )
    .await;
    wait_for(&smtp.inbox(), "owner@acme.example", "Confirm your e-mail").await;
    let mut stranger = Browser::new(&app);
    let second = register(&mut stranger, "sv", "Fake AB", "OWNER@acme.example").await;
    assert_eq!(first.replace("/en/", "/sv/"), second, "the same answer");
    assert!(stranger.jar.is_empty(), "and no session for the stranger");
    // The owner's note is in the account's language (English), not the stranger's.
    let note = wait_for(
        &smtp.inbox(),
        "owner@acme.example",
        "You already have an account",
    )
    .await;
    assert_eq!(note.language, "en");
    assert!(note.link("/en/forgot").is_some() && note.link("/en/login").is_some());
    assert!(
        !note.text.contains("Fake AB"),
        "nothing of the stranger's form"
    );
    assert_eq!(count(&app, "SELECT COUNT(*) FROM accounts").await, 1);
    // The note is limited per address: a flood of attempts sends a few notes at most.
    for _ in 0..4 {
        register(&mut Browser::new(&app), "en", "X", "owner@acme.example").await;
    }
    tokio::time::sleep(Duration::from_secs(2)).await;
    let notes = mails_in(&smtp.inbox())
        .into_iter()
        .filter(|m| m.subject.contains("already have"))
        .count();
    assert_eq!(notes, 3, "three notes an hour");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_link_can_be_sent_again_a_few_times_and_only_the_newest_works() {
    let smtp = start_smtp(free_port()).await;
    let app = TestApp::spawn_configured(smtp_to(smtp.port)).await;
    let mut owner = Browser::new(&app);
    owner
        .register("Acme AB", "owner@acme.example", PASSWORD)
        .await;
    let first = wait_for(&smtp.inbox(), "owner@acme.example", "Confirm").await;
    let resent = owner.post("/en/account/verify/resend", &[]).await;
    assert_eq!(location(&resent), "/en/account?done=link-sent");
    let second = loop {
        let mails: Vec<Mail> = mails_in(&smtp.inbox());
        if mails.len() == 2 {
            break mails[1].clone();
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    };
    assert_ne!(first.link("token="), second.link("token="));
    // The first link stopped working when the second was sent.
    let old = first.path("/verify?token=");
    let token = old.split("token=").nth(1).expect("token");
    let response = owner.post("/en/verify", &[("token", token)]).await;
    assert_eq!(response.status().as_u16(), 410);
    // Two more, then the limit (three an hour).
    for _ in 0..2 {
        let response = owner.post("/en/account/verify/resend", &[]).await;
        assert_eq!(response.status().as_u16(), 303);
    }
    let limited = owner.post("/en/account/verify/resend", &[]).await;
    assert_eq!(limited.status().as_u16(), 429);
    assert!(limited.headers().contains_key("retry-after"));
    // Somebody else's session cannot send it.
    let anonymous = Browser::new(&app)
        .post("/en/account/verify/resend", &[])
        .await;
    assert_eq!(anonymous.status().as_u16(), 401);
    // The newest link works (once all four mails are in).
    let newest = loop {
        let mails = mails_in(&smtp.inbox());
        if mails.len() == 4 {
            break mails[3].clone();
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    };
    let went = owner
        .open_link_and_confirm(&newest.path("/verify?token="))
        .await;
    assert_eq!(went, "/en/account?done=verified");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_new_address_replaces_the_old_only_once_confirmed_and_the_old_one_is_told() {
    let smtp = start_smtp(free_port()).await;
    let app = TestApp::spawn_configured(smtp_to(smtp.port)).await;
    let mut owner = Browser::new(&app);
    owner
        .register("Acme AB", "old@acme.example", PASSWORD)
        .await;
    let wrong = owner
        .post(
            "/en/account/email",
            &[
                ("new_email", "new@acme.example"),
                ("email_password", "nope"),
            ],
        )
        .await;
    assert_eq!(wrong.status().as_u16(), 422);
    let same = owner
        .post(
            "/en/account/email",
            &[
                ("new_email", "OLD@acme.example"),
                ("email_password", PASSWORD),
            ],
        )
        .await;
    assert!(
        same.text()
            .await
            .expect("body")
            .contains("This is the account's address already.")
    );
    let asked = owner
        .post(
            "/en/account/email",
            &[
                ("new_email", "New@Acme.example"),
                ("email_password", PASSWORD),
            ],
        )
        .await;
    assert_eq!(location(&asked), "/en/account?done=email-pending");
    let mail = wait_for(&smtp.inbox(), "new@acme.example", "Confirm your new e-mail").await;
    // Until confirmed, the old address is the login.
    let (_, page) = owner.text("/en/account").await;
    assert!(page.contains("Waiting for confirmation from:") && page.contains("new@acme.example"));
    assert_eq!(
        count(
            &app,
            "SELECT COUNT(*) FROM accounts WHERE email = 'old@acme.example'"
        )
        .await,
        1
    );
    // Confirmed from another browser (the new mailbox may be read anywhere).
    let went = Browser::new(&app)
        .open_link_and_confirm(&mail.path("/verify?token="))
        .await;
    assert_eq!(went, "/en/login?done=email-changed");
    let told = wait_for(&smtp.inbox(), "old@acme.example", "was changed").await;
    assert!(told.text.contains("new@acme.example"));
    let mut fresh = Browser::new(&app);
    assert_eq!(
        fresh
            .login("old@acme.example", PASSWORD)
            .await
            .status()
            .as_u16(),
        401
    );
    log_in(&mut fresh, "new@acme.example", PASSWORD).await;
    // Changing to an address that has an account of its own: the link's page says so, and
    // nothing changes.
    Browser::new(&app)
        .register("Other AB", "other@acme.example", PASSWORD)
        .await;
    let asked = fresh
        .post(
            "/en/account/email",
            &[
                ("new_email", "other@acme.example"),
                ("email_password", PASSWORD),
            ],
        )
        .await;
    assert_eq!(
        location(&asked),
        "/en/account?done=email-pending",
        "not said here"
    );
    let mail = wait_for(&smtp.inbox(), "other@acme.example", "Confirm your new").await;
    let path = mail.path("/verify?token=");
    let token = path.split("token=").nth(1).expect("token");
    let refused = Browser::new(&app)
        .post("/en/verify", &[("token", token)])
        .await;
    assert_eq!(refused.status().as_u16(), 409);
    assert_eq!(
        count(
            &app,
            "SELECT COUNT(*) FROM accounts WHERE email = 'new@acme.example'"
        )
        .await,
        1
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_password_reset_works_once_ends_every_session_and_tells_the_owner() {
    let smtp = start_smtp(free_port()).await;
    let app = TestApp::spawn_configured(smtp_to(smtp.port)).await;
    let mut owner = Browser::new(&app);
    owner
        .register("Acme AB", "owner@acme.example", PASSWORD)
        .await;
    assert!(owner.logged_in().await);
    // The same answer for an address without an account, and no mail to it.
    let unknown = Browser::new(&app)
        .post("/en/forgot", &[("email", "nobody@acme.example")])
        .await;
    let known = Browser::new(&app)
        .post("/en/forgot", &[("email", "Owner@acme.example")])
        .await;
    assert_eq!(location(&unknown), "/en/forgot?done=reset-sent");
    assert_eq!(location(&unknown), location(&known));
    let (_, page) = Browser::new(&app).text(&location(&known)).await;
    assert!(page.contains("If the address has an account"));
    let mail = wait_for(&smtp.inbox(), "owner@acme.example", "Reset your password").await;
    assert!(
        mails_in(&smtp.inbox())
            .iter()
            .all(|m| !m.to.contains("nobody"))
    );
    let path = mail.path("/reset?token=");
    let token = path.split("token=").nth(1).expect("token").to_owned();
    // A page with a secret in its address: never stored by a cache, never sent on as Referer.
    let response = Browser::new(&app).get(&path).await;
    assert_eq!(response.status().as_u16(), 200);
    assert_eq!(response.headers()["cache-control"], "no-store");
    assert!(!response.headers().contains_key("x-cache"));
    let page = response.text().await.expect("body");
    assert!(page.contains(&token), "the form carries the token");
    assert!(page.contains(r#"<meta name="referrer" content="no-referrer""#));

    // Today's password rules; a refusal keeps the token for the next try.
    let mut stranger = Browser::new(&app);
    let weak = stranger
        .post(
            "/en/reset",
            &[("token", &token), ("new_password", "password")],
        )
        .await;
    assert_eq!(weak.status().as_u16(), 422);
    assert!(weak.text().await.expect("body").contains(&token));
    let new_password = "a completely new passphrase";
    let done = stranger
        .post(
            "/en/reset",
            &[("token", &token), ("new_password", new_password)],
        )
        .await;
    assert_eq!(location(&done), "/en/login?done=password-reset");
    assert!(!owner.logged_in().await, "the old session ended");
    assert_eq!(
        count(&app, "SELECT COUNT(*) FROM account_sessions").await,
        0
    );
    let reused = Browser::new(&app)
        .post(
            "/en/reset",
            &[
                ("token", &token),
                ("new_password", "yet another passphrase"),
            ],
        )
        .await;
    assert_eq!(reused.status().as_u16(), 410);
    let mut fresh = Browser::new(&app);
    assert_eq!(
        fresh
            .login("owner@acme.example", PASSWORD)
            .await
            .status()
            .as_u16(),
        401
    );
    log_in(&mut fresh, "owner@acme.example", new_password).await;
    let told = wait_for(
        &smtp.inbox(),
        "owner@acme.example",
        "Your password was reset",
    )
    .await;
    assert!(told.link("/en/forgot").is_some());
    // The link reached the address: it counts as confirmed.
    assert_eq!(
        count(
            &app,
            "SELECT COUNT(*) FROM accounts WHERE email_verified = TRUE"
        )
        .await,
        1
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn reset_links_are_limited_per_address_and_per_client() {
    let app = TestApp::spawn_configured(|s| {
        granular(s);
        s.trusted_proxies = vec!["127.0.0.1".into()];
    })
    .await;
    Browser::new(&app)
        .register("Acme AB", "owner@acme.example", PASSWORD)
        .await;
    let ask = |email: &'static str, client: &'static str| {
        let app = &app;
        async move {
            let mut browser = Browser::new(app);
            browser.forwarded_for = Some(client.into());
            browser
                .post("/en/forgot", &[("email", email)])
                .await
                .status()
                .as_u16()
        }
    };
    // Three an hour for one address, wherever the requests come from…
    for client in ["10.0.1.1", "10.0.2.1", "10.0.3.1"] {
        assert_eq!(ask("owner@acme.example", client).await, 303);
    }
    assert_eq!(ask("owner@acme.example", "10.0.4.1").await, 429);
    // …the same for an address without an account (nothing tells them apart)…
    for _ in 0..3 {
        assert_eq!(ask("nobody@acme.example", "10.0.5.1").await, 303);
    }
    assert_eq!(ask("nobody@acme.example", "10.0.6.1").await, 429);
    // …and ten an hour from one client address, whatever the addresses.
    let mut statuses = Vec::new();
    for i in 0..11 {
        let email: &'static str = Box::leak(format!("x{i}@acme.example").into_boxed_str());
        statuses.push(ask(email, "10.0.9.1").await);
    }
    assert_eq!(
        statuses.iter().filter(|s| **s == 303).count(),
        10,
        "{statuses:?}"
    );
    assert_eq!(statuses.last(), Some(&429));
    // A malformed address is a form error, and counts nowhere.
    assert_eq!(ask("not an address", "10.0.7.1").await, 422);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn racing_requests_with_one_reset_link_change_the_password_once() {
    let app = TestApp::spawn_configured(granular).await;
    Browser::new(&app)
        .register("Acme AB", "owner@acme.example", PASSWORD)
        .await;
    let sent = Browser::new(&app)
        .post("/en/forgot", &[("email", "owner@acme.example")])
        .await;
    assert_eq!(sent.status().as_u16(), 303);
    let outbox = app.data_dir().join("outbox");
    let mail = wait_for(&outbox, "owner@acme.example", "Reset").await;
    let path = mail.path("/reset?token=");
    let token = path.split("token=").nth(1).expect("token").to_owned();
    let passwords: Vec<String> = (0..6)
        .map(|i| format!("racing passphrase number {i}"))
        .collect();
    let attempts = passwords.iter().map(|password| {
        let (app, token) = (&app, token.clone());
        async move {
            let response = Browser::new(app)
                .post(
                    "/en/reset",
                    &[("token", &token), ("new_password", password)],
                )
                .await;
            (response.status().as_u16(), password.clone())
        }
    });
    let results = futures_util::future::join_all(attempts).await;
    let winners: Vec<&String> = results
        .iter()
        .filter(|(s, _)| *s == 303)
        .map(|(_, p)| p)
        .collect();
    assert_eq!(winners.len(), 1, "{results:?}");
    assert!(
        results.iter().all(|(s, _)| *s == 303 || *s == 410),
        "{results:?}"
    );
    // The password is the winner's; exactly one "your password was reset" note.
    let mut browser = Browser::new(&app);
    log_in(&mut browser, "owner@acme.example", winners[0]).await;
    tokio::time::sleep(Duration::from_secs(1)).await;
    let notes = mails_in(&outbox)
        .iter()
        .filter(|m| m.subject.contains("Your password was reset"))
        .count();
    assert_eq!(notes, 1);
}
