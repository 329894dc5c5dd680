//! The companies area: the approval queue oldest first, approve, reject with a reason mailed
//! in the company's language, hide and show, find; each decision audited and seen at once by
//! every instance.

use domain::operator::Role;
use portal_core::clock::Clock;

use super::{console_app_with, operator, second_instance, trail};
use crate::{
    common::{location, mail::wait_for},
    operator::{on_showcase, published},
};

fn approval(s: &mut server::Settings) {
    s.showcase.require_approval = true;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_moderator_works_the_queue_and_every_instance_shows_the_decision_at_once() {
    let (a, clock) = console_app_with(approval).await;
    let b = second_instance(&a, clock.clone(), approval).await;
    let (_, older) = published(&a, "Older AB", "older@acme.example").await;
    clock.advance(3 * 3600 + 60);
    let (mut newer_owner, newer) = published(&a, "Newer AB", "newer@acme.example").await;
    let (mut moderator, _) = operator(&a, &clock, "mod@af.example", Role::Moderator).await;

    let (status, page) = moderator.text("/admin/companies").await;
    assert_eq!(status, 200);
    let (at_older, at_newer) = (page.find("Older AB"), page.find("Newer AB"));
    assert!(
        at_older.is_some() && at_older < at_newer,
        "oldest first: {page}"
    );
    assert!(
        page.contains("3 hours") || page.contains("3 timmar"),
        "{page}"
    );

    // Approved on A: B shows it on its next request.
    let response = moderator
        .post("/admin/companies/approve", &[("id", &older.to_string())])
        .await;
    assert_eq!(location(&response), "/admin/companies?done=company.approve");
    assert!(on_showcase(&b, "Older AB").await);

    // A rejection needs a reason; it is mailed in the company's language.
    let response = moderator
        .post(
            "/admin/companies/reject",
            &[("id", &newer.to_string()), ("reason", "  ")],
        )
        .await;
    assert_eq!(response.status().as_u16(), 422);
    let reason = "The description says nothing about the company.";
    let response = moderator
        .post(
            "/admin/companies/reject",
            &[("id", &newer.to_string()), ("reason", reason)],
        )
        .await;
    assert_eq!(response.status().as_u16(), 303);
    let outbox = a.data_dir().join("outbox");
    let mail = wait_for(&outbox, "newer@acme.example", "not shown on the showcase").await;
    assert!(
        mail.text.contains(reason) && mail.text.contains("Newer AB"),
        "{}",
        mail.text
    );
    assert!(mail.link("/en/account").is_some());
    assert!(!on_showcase(&b, "Newer AB").await);
    let (_, page) = moderator.text("/admin/companies").await;
    assert!(!page.contains("Newer AB"), "out of the queue");

    // A change by the company puts it back in the queue.
    clock.advance(60);
    let saved = newer_owner
        .post(
            "/en/account",
            &[
                ("company", "Newer AB"),
                ("description", "We build tools on the job ad APIs."),
                ("website", "https://example.se"),
                ("published", "1"),
            ],
        )
        .await;
    assert_eq!(saved.status().as_u16(), 303);
    let (_, page) = moderator.text("/admin/companies").await;
    assert!(page.contains("Newer AB"), "back in the queue");

    // Found by address, hidden on A, gone from B; shown again.
    let (_, found) = moderator.text("/admin/companies?q=OLDER%40acme").await;
    assert!(found.contains("Older AB") && found.contains("/admin/companies/hide"));
    let (_, nothing) = moderator.text("/admin/companies?q=%25").await;
    assert!(nothing.contains("No company matches") || nothing.contains("Inget företag matchar"));
    moderator
        .post("/admin/companies/hide", &[("id", &older.to_string())])
        .await;
    assert!(!on_showcase(&b, "Older AB").await);
    moderator
        .post("/admin/companies/show", &[("id", &older.to_string())])
        .await;
    assert!(on_showcase(&b, "Older AB").await);
    // A stolen session: the company is logged out everywhere from the console.
    assert!(newer_owner.logged_in().await);
    let response = moderator
        .post(
            "/admin/companies/end-sessions",
            &[("id", &newer.to_string())],
        )
        .await;
    assert_eq!(
        location(&response),
        "/admin/companies?done=company.end-sessions"
    );
    assert!(!newer_owner.logged_in().await);
    // No such company: nothing is written.
    let response = moderator
        .post("/admin/companies/hide", &[("id", "999999")])
        .await;
    assert_eq!(response.status().as_u16(), 404);
    let response = moderator
        .post("/admin/companies/hide", &[("id", "not a number")])
        .await;
    assert_eq!(response.status().as_u16(), 400);

    let decisions: Vec<String> = trail(&a)
        .await
        .into_iter()
        .filter(|l| l.starts_with("company."))
        .collect();
    assert_eq!(
        decisions,
        [
            format!("company.approve company {older}"),
            format!("company.reject company {newer}: {reason}"),
            format!("company.hide company {older}"),
            format!("company.show company {older}"),
            format!("company.end-sessions company {newer}"),
        ]
    );
    let entries = a.db().await.audit_trail(0).await.expect("trail");
    let approve = entries
        .iter()
        .find(|e| e.action == "company.approve")
        .expect("approve");
    assert!(approve.operator_id.is_some());
    assert_eq!(approve.masked_ip, "127.0.0.0");
    assert!(approve.at >= clock.now() - 3600);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_approved_companys_changes_wait_for_review_and_the_approved_version_stays_shown() {
    let (a, clock) = console_app_with(approval).await;
    let b = second_instance(&a, clock.clone(), approval).await;
    let (mut owner, id) = published(&a, "Acme AB", "owner@acme.example").await;
    let (mut moderator, _) = operator(&a, &clock, "mod@af.example", Role::Moderator).await;
    moderator
        .post("/admin/companies/approve", &[("id", &id.to_string())])
        .await;
    assert!(on_showcase(&b, "Acme AB").await);

    let change = |name: &'static str| {
        [
            ("company", name),
            ("description", "Now with a description."),
            ("website", "https://example.se"),
            ("published", "1"),
        ]
    };
    clock.advance(60);
    let saved = owner.post("/en/account", &change("Acme Renamed AB")).await;
    assert_eq!(saved.status().as_u16(), 303);
    // Both instances keep showing the approved version; the owner is told why.
    for app in [&a, &b] {
        assert!(on_showcase(app, "Acme AB").await);
        assert!(!on_showcase(app, "Acme Renamed AB").await);
    }
    let (_, account) = owner.text("/en/account").await;
    assert!(account.contains("Your latest changes wait"), "{account}");
    assert!(
        account.contains("Acme Renamed AB"),
        "the owner sees their own change"
    );
    // Search, which lists showcase companies, shows the approved version too.
    assert!(
        !b.page("/en/search?q=renamed")
            .await
            .1
            .contains("Acme Renamed AB")
    );

    let (_, queue) = moderator.text("/admin/companies").await;
    assert!(
        queue.contains("Acme Renamed AB") && queue.contains("changed"),
        "{queue}"
    );
    // A rejected change: the approved version stays shown.
    moderator
        .post(
            "/admin/companies/reject",
            &[
                ("id", &id.to_string()),
                ("reason", "Keep the registered name."),
            ],
        )
        .await;
    assert!(on_showcase(&b, "Acme AB").await);
    let (_, queue) = moderator.text("/admin/companies").await;
    assert!(!queue.contains("Acme Renamed AB"));
    // Changed again and approved: the new version is shown everywhere at once.
    clock.advance(60);
    owner.post("/en/account", &change("Acme Second AB")).await;
    moderator
        .post("/admin/companies/approve", &[("id", &id.to_string())])
        .await;
    assert!(on_showcase(&b, "Acme Second AB").await);
    assert!(!on_showcase(&a, "Acme AB").await);
    let (_, account) = owner.text("/en/account").await;
    assert!(account.contains("Shown on the showcase."));
}
