//! Mail delivery: the outbox without SMTP, a mail server outage with two instances sharing the
//! queue, and SMTP over STARTTLS and implicit TLS with the certificate checked.

use std::time::Duration;

use server::mail::SmtpTls;

use crate::common::{
    Browser, PASSWORD, TestApp, count, granular,
    mail::{
        ServerTls, free_port, mails_in, register, smtp_to, start_smtp, start_smtp_with, wait_for,
    },
};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn without_smtp_each_mail_is_a_file_in_the_outbox() {
    let app = TestApp::spawn_configured(granular).await;
    let mut owner = Browser::new(&app);
    owner
        .register("Acme AB", "owner@acme.example", PASSWORD)
        .await;
    let outbox = app.data_dir().join("outbox");
    let mail = wait_for(&outbox, "owner@acme.example", "Confirm").await;
    let name = mail
        .file
        .file_name()
        .and_then(|n| n.to_str())
        .expect("name");
    assert!(name.ends_with("-verify.eml"), "{name}");
    assert!(mail.text.contains("Acme AB"));
    // Whole files only.
    let partial = std::fs::read_dir(&outbox)
        .expect("outbox")
        .filter_map(Result::ok)
        .any(|e| e.file_name().to_string_lossy().starts_with('.'));
    assert!(!partial);
    let went = owner.verify_from_outbox("owner@acme.example").await;
    assert_eq!(went, "/en/account?done=verified");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_mail_server_outage_delays_mail_loses_none_and_two_instances_send_each_once() {
    // Nothing listens on the port yet: every delivery fails and is tried again later.
    let port = free_port();
    let first = TestApp::spawn_configured(smtp_to(port)).await;
    let shared_dir = first.data_dir();
    let shared_url = first.database_url.clone();
    let second = TestApp::spawn_configured(move |s| {
        smtp_to(port)(s);
        s.data_dir = shared_dir;
        if !shared_url.is_empty() {
            s.database_url = Some(crate::common::toml_secret(&shared_url));
        }
    })
    .await;
    let addresses: Vec<String> = (0..6).map(|i| format!("c{i}@acme.example")).collect();
    for (i, email) in addresses.iter().enumerate() {
        let app = if i % 2 == 0 { &first } else { &second };
        register(&mut Browser::new(app), "en", "Acme AB", email).await;
    }
    let db = first.db().await;
    let tried = async {
        loop {
            let failed = count(
                &first,
                "SELECT COUNT(*) FROM mail_queue WHERE attempts > 0 AND sent_at IS NULL",
            )
            .await;
            if failed == 6 {
                break;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    };
    tokio::time::timeout(Duration::from_secs(20), tried)
        .await
        .expect("both instances tried and failed");
    assert_eq!(db.mail_waiting().await.expect("waiting"), 6, "nothing lost");

    // The mail server comes up: every mail arrives, each once.
    let smtp = start_smtp(port).await;
    for email in &addresses {
        tokio::time::timeout(
            Duration::from_secs(30),
            wait_for(&smtp.inbox(), email, "Confirm"),
        )
        .await
        .expect("delivered after the outage");
    }
    // Both workers keep polling for a while: nothing is sent a second time.
    tokio::time::sleep(Duration::from_secs(3)).await;
    let mut delivered: Vec<String> = mails_in(&smtp.inbox()).into_iter().map(|m| m.to).collect();
    delivered.sort();
    assert_eq!(delivered, addresses, "each address got exactly one mail");
    assert_eq!(db.mail_waiting().await.expect("waiting"), 0);
    let metrics = first.metrics().await;
    assert!(metrics.contains("portal_mail_total"), "{metrics}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn mail_goes_over_starttls_and_implicit_tls_to_a_server_whose_certificate_checks_out() {
    for (server_tls, client_tls) in [
        (ServerTls::Starttls, SmtpTls::Starttls),
        (ServerTls::Implicit, SmtpTls::Tls),
    ] {
        let smtp = start_smtp_with(free_port(), server_tls).await;
        let (port, ca) = (smtp.port, smtp.ca());
        // Trusting the test CA: delivered.
        let trusting = TestApp::spawn_configured(move |s| {
            smtp_to(port)(s);
            s.mail.smtp_host = "localhost".into();
            s.mail.smtp_tls = client_tls;
            s.mail.smtp_ca_file = Some(ca);
        })
        .await;
        Browser::new(&trusting)
            .register("Acme AB", "tls@acme.example", PASSWORD)
            .await;
        let mail = wait_for(&smtp.inbox(), "tls@acme.example", "Confirm").await;
        assert!(mail.link("/verify?token=").is_some(), "{server_tls:?}");

        // Without it the certificate is refused: nothing is sent, the mail waits.
        let wary = TestApp::spawn_configured(move |s| {
            smtp_to(port)(s);
            s.mail.smtp_host = "localhost".into();
            s.mail.smtp_tls = client_tls;
        })
        .await;
        Browser::new(&wary)
            .register("Wary AB", "wary@acme.example", PASSWORD)
            .await;
        let db = wary.db().await;
        let tried = async {
            while count(&wary, "SELECT COUNT(*) FROM mail_queue WHERE attempts > 0").await == 0 {
                tokio::time::sleep(Duration::from_millis(100)).await;
            }
        };
        tokio::time::timeout(Duration::from_secs(10), tried)
            .await
            .expect("a delivery was tried");
        assert_eq!(
            db.mail_waiting().await.expect("waiting"),
            1,
            "{server_tls:?}"
        );
        assert!(
            mails_in(&smtp.inbox())
                .iter()
                .all(|m| !m.to.contains("wary")),
            "{server_tls:?}: sent to an unverified server"
        );
    }
}
