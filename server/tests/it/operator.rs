//! The operator's control of the showcase: hiding and showing a company without touching its
//! account, holding a first publication for approval, and the `server showcase` commands.

use portal_core::operators::{AuditEntry, companies::Decision};

use crate::common::{Browser, TestApp, granular, registered, server_command};

/// Carries out an operator's decision on company `id` in the store.
async fn decide(app: &TestApp, id: domain::account::AccountId, decision: Decision) -> bool {
    let entry = AuditEntry {
        at: 0,
        operator_id: None,
        action: decision.action().to_owned(),
        subject: format!("company {id}"),
        masked_ip: "-".to_owned(),
    };
    app.db()
        .await
        .decide_company(id, decision, &entry)
        .await
        .expect("decided")
}

/// Registers `company` and publishes it; answers its account id.
pub(crate) async fn published<'a>(
    app: &'a TestApp,
    company: &str,
    email: &str,
) -> (Browser<'a>, domain::account::AccountId) {
    let mut browser = registered(app, email).await;
    let saved = browser
        .post(
            "/en/account",
            &[
                ("company", company),
                ("website", "https://example.se"),
                ("published", "1"),
            ],
        )
        .await;
    assert_eq!(saved.status().as_u16(), 303);
    browser.verify_from_outbox(email).await;
    let rows = app.db().await.showcase_rows().await.expect("rows");
    let id = rows
        .iter()
        .find(|r| r.company == company)
        .expect("the company")
        .id;
    (browser, id)
}

pub(crate) async fn on_showcase(app: &TestApp, company: &str) -> bool {
    app.page("/en/showcase").await.1.contains(company)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_operator_hides_and_shows_a_company_whatever_the_company_does() {
    let app = TestApp::spawn_configured(granular).await;
    let (mut owner, id) = published(&app, "Acme AB", "owner@acme.example").await;
    let (_, _) = published(&app, "Other AB", "other@acme.example").await;
    assert!(on_showcase(&app, "Acme AB").await);
    let (_, page) = owner.text("/en/account").await;
    assert!(page.contains("Shown on the showcase."));

    assert!(decide(&app, id, Decision::Hide).await);
    assert!(!on_showcase(&app, "Acme AB").await);
    assert!(on_showcase(&app, "Other AB").await, "only that company");
    // Saving the profile again, still ticked, does not bring it back.
    owner
        .post("/en/account", &[("company", "Acme AB"), ("published", "1")])
        .await;
    assert!(!on_showcase(&app, "Acme AB").await);
    let (_, page) = owner.text("/en/account").await;
    assert!(page.contains("Taken off the showcase by the site"));
    assert!(page.contains("Acme AB"), "the account is untouched");

    assert!(decide(&app, id, Decision::Show).await);
    assert!(on_showcase(&app, "Acme AB").await);
    assert!(
        !decide(&app, domain::account::AccountId(9999), Decision::Hide).await,
        "no such account"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn with_approval_required_a_first_publication_waits_for_the_operator() {
    let app = TestApp::spawn_configured(|s| {
        granular(s);
        s.showcase.require_approval = true;
    })
    .await;
    let (mut owner, id) = published(&app, "Newcomer AB", "new@acme.example").await;
    assert!(!on_showcase(&app, "Newcomer AB").await, "held");
    let (_, page) = owner.text("/en/account").await;
    assert!(
        page.contains("Waiting for approval"),
        "the account page says so"
    );
    assert!(decide(&app, id, Decision::Approve).await);
    assert!(on_showcase(&app, "Newcomer AB").await, "approved");
    let (_, page) = owner.text("/en/account").await;
    assert!(page.contains("Shown on the showcase."));
    // Unticking takes it off; ticking again needs no second approval.
    owner
        .post("/en/account", &[("company", "Newcomer AB")])
        .await;
    assert!(!on_showcase(&app, "Newcomer AB").await);
    owner
        .post(
            "/en/account",
            &[("company", "Newcomer AB"), ("published", "1")],
        )
        .await;
    assert!(on_showcase(&app, "Newcomer AB").await);
}

fn showcase_command(app: &TestApp, args: &[&str]) -> std::process::Output {
    let args: Vec<&str> = std::iter::once("showcase")
        .chain(args.iter().copied())
        .collect();
    server_command(app, &args)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_showcase_commands_list_hide_and_show() {
    let app = TestApp::spawn_configured(granular).await;
    let (_, id) = published(&app, "Acme AB", "owner@acme.example").await;
    let list = showcase_command(&app, &["list"]);
    assert!(list.status.success());
    let stdout = String::from_utf8_lossy(&list.stdout);
    assert!(
        stdout.contains(&format!("{id}\tshown\tAcme AB")),
        "{stdout}"
    );

    let hide = showcase_command(&app, &["hide", &id.to_string()]);
    assert!(hide.status.success());
    assert!(!on_showcase(&app, "Acme").await);
    let stdout = String::from_utf8_lossy(&showcase_command(&app, &["list"]).stdout).into_owned();
    assert!(stdout.contains(&format!("{id}\thidden\t")), "{stdout}");

    assert!(
        showcase_command(&app, &["show", &id.to_string()])
            .status
            .success()
    );
    assert!(on_showcase(&app, "Acme").await);

    let missing = showcase_command(&app, &["hide", "999999"]);
    assert!(!missing.status.success());
    assert!(String::from_utf8_lossy(&missing.stderr).contains("no account with id 999999"));
}

fn operator_command(app: &TestApp, args: &[&str]) -> std::process::Output {
    let args: Vec<&str> = std::iter::once("operator")
        .chain(args.iter().copied())
        .collect();
    server_command(app, &args)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn operators_are_added_and_disabled_from_the_command_line_and_every_change_is_audited() {
    let app = TestApp::spawn().await;
    let added = operator_command(&app, &["add", " Ops@AF.example ", "--role", "moderator"]);
    assert!(
        added.status.success(),
        "{}",
        String::from_utf8_lossy(&added.stderr)
    );
    let list = |app: &TestApp| {
        String::from_utf8_lossy(&operator_command(app, &["list"]).stdout).into_owned()
    };
    let listed = list(&app);
    assert!(
        listed.ends_with("\tmoderator\tpending\tops@af.example\n"),
        "{listed}"
    );
    // The set-up link goes out by mail (Swedish unless `--lang en`), and a new one on request.
    let outbox = app.data_dir().join("outbox");
    let mail = crate::common::mail::wait_for(&outbox, "ops@af.example", "operatörskonto").await;
    let first = mail.path("/admin/setup?token=");
    assert_eq!(app.get(&first).await.status().as_u16(), 200);
    assert!(
        operator_command(&app, &["link", "ops@af.example"])
            .status
            .success()
    );
    for _ in 0..150 {
        if crate::common::mail::mails_in(&outbox).len() == 2 {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    let second = crate::common::mail::mails_in(&outbox)
        .last()
        .expect("second mail")
        .path("/admin/setup?token=");
    assert_ne!(first, second);
    assert_eq!(
        app.get(&first).await.status().as_u16(),
        404,
        "the earlier link ended"
    );
    assert_eq!(app.get(&second).await.status().as_u16(), 200);

    // Refused, and nothing changes: the same address again, a made-up role, not an address.
    for args in [
        ["add", "OPS@af.example", "--role", "admin"],
        ["add", "new@af.example", "--role", "root"],
        ["add", "not-an-address", "--role", "admin"],
    ] {
        let refused = operator_command(&app, &args);
        assert!(!refused.status.success(), "{args:?}");
        assert!(!refused.stderr.is_empty(), "{args:?} says why");
    }
    assert_eq!(list(&app), listed);

    assert!(
        operator_command(&app, &["disable", "ops@af.example"])
            .status
            .success()
    );
    assert!(list(&app).contains("\tmoderator\tdisabled\tops@af.example"));
    assert!(
        !operator_command(&app, &["disable", "ops@af.example"])
            .status
            .success(),
        "disabled already"
    );

    let db = app.db().await;
    let trail = db.audit_trail(0).await.expect("trail");
    let actions: Vec<(&str, &str)> = trail
        .iter()
        .map(|e| (e.action.as_str(), e.subject.as_str()))
        .collect();
    assert_eq!(
        actions,
        [
            ("operator.add", "ops@af.example as moderator"),
            ("operator.link", "ops@af.example"),
            ("operator.disable", "ops@af.example"),
        ]
    );
    assert!(
        trail
            .iter()
            .all(|e| e.operator_id.is_none() && e.masked_ip == "-")
    );
    // The trail is only ever added to: the database itself refuses to change or delete it.
    assert!(
        db.execute("UPDATE operator_audit SET action = 'x'")
            .await
            .is_err()
    );
    assert!(db.execute("DELETE FROM operator_audit").await.is_err());
    assert_eq!(db.audit_trail(0).await.expect("trail"), trail);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn hiding_and_showing_a_company_from_the_command_line_is_audited() {
    let app = TestApp::spawn_configured(granular).await;
    let (_, id) = published(&app, "Acme AB", "owner@acme.example").await;
    assert!(
        showcase_command(&app, &["hide", &id.to_string()])
            .status
            .success()
    );
    assert!(
        showcase_command(&app, &["show", &id.to_string()])
            .status
            .success()
    );
    assert!(!showcase_command(&app, &["hide", "9999"]).status.success());
    let trail = app.db().await.audit_trail(0).await.expect("trail");
    let actions: Vec<String> = trail
        .iter()
        .map(|e| format!("{} {}", e.action, e.subject))
        .collect();
    assert_eq!(
        actions,
        [
            format!("company.hide company {id}"),
            format!("company.show company {id}")
        ]
    );
}

fn mail_command(app: &TestApp, args: &[&str]) -> std::process::Output {
    let args: Vec<&str> = std::iter::once("mail")
        .chain(args.iter().copied())
        .collect();
    server_command(app, &args)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_mail_queue_is_listed_without_addresses_and_a_mail_is_retried_or_discarded() {
    let app = TestApp::spawn().await;
    let db = app.db().await;
    // Queued for later (not due yet), so no delivery round takes them during the test.
    let later = 4_000_000_000;
    let first = db
        .queue_mail(
            "reset",
            "someone@acme.example",
            b"secret link",
            "https://x/t",
            later,
        )
        .await
        .expect("queued");
    let second = db
        .queue_mail(
            "verify",
            "other@acme.example",
            b"another",
            "https://x/u",
            later,
        )
        .await
        .expect("queued");
    let listed = mail_command(&app, &["list"]);
    assert!(listed.status.success());
    let text = String::from_utf8_lossy(&listed.stdout).into_owned();
    assert!(
        text.contains(&format!("{first}\twaiting\treset\t0\t{later}\t")),
        "{text}"
    );
    assert!(
        text.contains(&format!("{second}\twaiting\tverify\t0\t")),
        "{text}"
    );
    assert!(
        !text.contains("acme.example") && !text.contains("https://"),
        "no address, no link"
    );

    assert!(
        mail_command(&app, &["discard", &first.to_string()])
            .status
            .success()
    );
    let forgotten = format!(
        "SELECT COUNT(*) FROM mail_queue WHERE id = {first} AND recipient = '' AND link = ''"
    );
    assert_eq!(
        db.count(&forgotten).await.expect("count"),
        1,
        "contents forgotten"
    );
    let text = String::from_utf8_lossy(&mail_command(&app, &["list"]).stdout).into_owned();
    assert!(
        text.contains(&format!(
            "{first}\tfailed\treset\t0\t-\tdiscarded by an operator"
        )),
        "{text}"
    );
    for args in [["discard", "x"], ["retry", "x"]] {
        let args = [args[0], &first.to_string()];
        assert!(
            !mail_command(&app, &args).status.success(),
            "{args:?}: given up already"
        );
    }
    assert!(
        !mail_command(&app, &["retry", "99999"]).status.success(),
        "no such mail"
    );

    assert!(
        mail_command(&app, &["retry", &second.to_string()])
            .status
            .success()
    );
    let trail = db.audit_trail(0).await.expect("trail");
    let actions: Vec<String> = trail
        .iter()
        .map(|e| format!("{} {}", e.action, e.subject))
        .collect();
    assert_eq!(
        actions,
        [
            format!("mail.discard mail {first}"),
            format!("mail.retry mail {second}")
        ]
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_test_mail_is_queued_and_audited() {
    let app = TestApp::spawn().await;
    assert!(
        !mail_command(&app, &["test", "not-an-address"])
            .status
            .success()
    );
    assert!(
        !mail_command(&app, &["test", "ops@agency.example", "--lang", "de"])
            .status
            .success()
    );
    let queued = mail_command(&app, &["test", "Ops@Agency.example", "--lang", "en"]);
    assert!(
        queued.status.success(),
        "{}",
        String::from_utf8_lossy(&queued.stderr)
    );
    let db = app.db().await;
    let mails = db.mail_entries(10).await.expect("queue");
    assert_eq!(mails.len(), 1, "the refused ones queued nothing");
    assert_eq!(mails[0].kind, "test");
    let queued_to = "SELECT COUNT(*) FROM mail_queue WHERE kind = 'test' \
                   AND (recipient = 'ops@agency.example' OR sent_at IS NOT NULL)";
    assert_eq!(db.count(queued_to).await.expect("count"), 1);
    let trail = db.audit_trail(0).await.expect("trail");
    assert_eq!(trail.len(), 1);
    assert_eq!(
        (trail[0].action.as_str(), trail[0].subject.as_str()),
        ("mail.test", "a test mail")
    );
}
