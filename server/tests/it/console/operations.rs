//! The admin's areas: the mail queue, "publish everywhere" reaching a second instance, the
//! content report, and disabling an operator or ending their sessions from the console.

use std::time::Duration;

use domain::operator::Role;

use super::{console_app_with, operator, second_instance, trail};
use crate::{
    common::{TestApp, location, mail::wait_for},
    content_site::content_copy,
};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_admin_retries_discards_and_tests_mail_from_the_console() {
    let (app, clock) = console_app_with(|_| {}).await;
    let (mut admin, _) = operator(&app, &clock, "admin@af.example", Role::Admin).await;
    let db = app.db().await;
    let later = 4_000_000_000;
    let first = db
        .queue_mail(
            "reset",
            "someone@acme.example",
            b"secret",
            "https://x/t",
            later,
        )
        .await
        .expect("queued");
    let second = db
        .queue_mail(
            "verify",
            "other@acme.example",
            b"other",
            "https://x/u",
            later,
        )
        .await
        .expect("queued");
    let (status, page) = admin.text("/admin/mail").await;
    assert_eq!(status, 200);
    assert!(page.contains("<code>reset</code>") && page.contains("<code>verify</code>"));
    assert!(!page.contains("acme.example"), "no addresses on the page");

    let response = admin
        .post("/admin/mail/discard", &[("id", &second.to_string())])
        .await;
    assert_eq!(location(&response), "/admin/mail?done=mail.discard");
    let again = admin
        .post("/admin/mail/discard", &[("id", &second.to_string())])
        .await;
    assert_eq!(again.status().as_u16(), 409, "given up already");

    let refused = admin
        .post(
            "/admin/mail/test",
            &[("address", "not an address"), ("lang", "en")],
        )
        .await;
    assert_eq!(refused.status().as_u16(), 422);
    let response = admin
        .post(
            "/admin/mail/test",
            &[("address", "check@af.example"), ("lang", "en")],
        )
        .await;
    assert_eq!(location(&response), "/admin/mail?done=mail.test");
    let outbox = app.data_dir().join("outbox");
    let mail = wait_for(&outbox, "check@af.example", "A test mail").await;
    assert_eq!(mail.language, "en");
    // Retried after the test mail was read: its made-up contents go out at the next round.
    let response = admin
        .post("/admin/mail/retry", &[("id", &first.to_string())])
        .await;
    assert_eq!(response.status().as_u16(), 303);

    let lines = trail(&app).await;
    assert!(lines.contains(&format!("mail.discard mail {second}")));
    assert!(lines.contains(&format!("mail.retry mail {first}")));
    assert!(lines.contains(&"mail.test a test mail".to_owned()));
    assert!(
        !lines.iter().any(|l| l.contains("check@af.example")),
        "no address kept"
    );
}

async fn page_text(app: &TestApp, path: &str) -> String {
    app.page(path).await.1
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn publishing_reaches_every_instance_and_the_report_names_what_to_fix() {
    let content = content_copy();
    let dir = content.path().to_path_buf();
    std::fs::write(
        dir.join("en/only-english.md"),
        "---\ntitle: \"Only in English\"\n---\n\nSee [nowhere](/en/nowhere) and [about](/en/about).\n",
    )
    .expect("write");
    let with_content = move |s: &mut server::Settings| s.content_dir = dir.clone();
    let (a, clock) = console_app_with(with_content.clone()).await;
    let b = second_instance(&a, clock.clone(), with_content).await;
    let (mut admin, _) = operator(&a, &clock, "admin@af.example", Role::Admin).await;

    let (status, page) = admin.text("/admin/content").await;
    assert_eq!(status, 200);
    assert!(page.contains("/en/only-english") && page.contains("Only in English"));
    assert!(page.contains("<code>/en/nowhere</code>"), "{page}");
    assert!(
        !page.contains("<code>/en/about</code>"),
        "a link that works is not listed"
    );
    let version = |page: &str| {
        let at = page.find("<dd><code>").expect("version") + 10;
        page[at..at + 12].to_owned()
    };
    let before = version(&page);

    // B has rendered (and cached) the page; a change on disk, published on A.
    assert!(!page_text(&b, "/en/about").await.contains("Published about"));
    let about = content.path().join("en/about.md");
    let text = std::fs::read_to_string(&about).expect("read");
    std::fs::write(
        &about,
        text.replacen("title:", "title: \"Published about\"\nx_old:", 1),
    )
    .expect("write");
    let response = admin.post("/admin/content/publish", &[]).await;
    assert_eq!(location(&response), "/admin/content?done=publish");
    let mut seen = false;
    for _ in 0..100 {
        if page_text(&b, "/en/about")
            .await
            .contains("<h1>Published about</h1>")
        {
            seen = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert!(seen, "the second instance reloaded");
    for _ in 0..100 {
        if page_text(&a, "/en/about")
            .await
            .contains("<h1>Published about</h1>")
        {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let (_, page) = admin.text("/admin/content").await;
    assert_ne!(version(&page), before, "a new version");

    // A broken file: refused, the running version stays, the console shows why.
    std::fs::write(content.path().join("en/broken.md"), "---\ntitle: [\n---\n").expect("write");
    admin.post("/admin/content/publish", &[]).await;
    let mut shown = String::new();
    for _ in 0..100 {
        shown = admin.text("/admin/content").await.1;
        if shown.contains("broken.md") {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert!(
        shown.contains("<pre class=\"problems\">") && shown.contains("broken.md"),
        "{shown}"
    );
    assert!(
        page_text(&b, "/en/about")
            .await
            .contains("<h1>Published about</h1>")
    );
    assert!(
        trail(&a)
            .await
            .iter()
            .any(|l| l.starts_with("content.publish generation "))
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_admin_ends_sessions_and_disables_an_operator_but_not_themselves() {
    let (app, clock) = console_app_with(|_| {}).await;
    let (mut admin, _) = operator(&app, &clock, "admin@af.example", Role::Admin).await;
    let (mut moderator, setup) = operator(&app, &clock, "mod@af.example", Role::Moderator).await;
    let ids: Vec<_> = app.db().await.operators().await.expect("operators");
    let id_of = |email: &str| {
        ids.iter()
            .find(|o| o.email == email)
            .expect("operator")
            .id
            .to_string()
    };

    let (_, page) = admin.text("/admin/operators").await;
    assert!(page.contains("mod@af.example"));
    let response = admin
        .post(
            "/admin/operators/end-sessions",
            &[("id", &id_of("mod@af.example"))],
        )
        .await;
    assert_eq!(
        location(&response),
        "/admin/operators?done=operator.end-sessions"
    );
    assert_eq!(
        location(&moderator.get("/admin").await),
        "/admin/login?done=session-ended"
    );
    // They can log in again; then disabled, the live session ends and login is refused.
    let again = super::log_in(&mut moderator, &clock, "mod@af.example", &setup.secret).await;
    assert_eq!(again.status().as_u16(), 303);
    assert_eq!(moderator.get("/admin").await.status().as_u16(), 200);
    let refused = admin
        .post(
            "/admin/operators/disable",
            &[("id", &id_of("admin@af.example"))],
        )
        .await;
    assert_eq!(refused.status().as_u16(), 409, "not yourself");
    admin
        .post(
            "/admin/operators/disable",
            &[("id", &id_of("mod@af.example"))],
        )
        .await;
    assert_eq!(
        location(&moderator.get("/admin").await),
        "/admin/login?done=session-ended"
    );
    let refused = super::log_in(&mut moderator, &clock, "mod@af.example", &setup.secret).await;
    assert_eq!(refused.status().as_u16(), 401);
    let (_, page) = admin.text("/admin/operators").await;
    assert!(page.contains("disabled") || page.contains("avstängd"));
    let lines = trail(&app).await;
    assert!(lines.contains(&"operator.end-sessions mod@af.example".to_owned()));
    assert!(lines.contains(&"operator.disable mod@af.example".to_owned()));
}
