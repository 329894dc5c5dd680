//! Consent statistics: every logged decision is counted in its day, concurrent decisions
//! included, and the counts stay when the log is pruned.

use portal_core::consent_stats::ConsentDay;

use crate::common::{ORIGIN, TestApp, granular, post, server_command};

async fn decide(app: &TestApp, choice: &str, lang: &str) {
    let response = post(
        app,
        &[("choice", choice), ("return_to", "/"), ("lang", lang)],
        &[("origin", ORIGIN)],
    )
    .await;
    assert_eq!(response.status().as_u16(), 303, "{choice} {lang}");
}

fn count(days: &[ConsentDay], decision: &str, lang: &str) -> i64 {
    days.iter()
        .filter(|d| d.decision == decision && d.lang == lang)
        .map(|d| d.decisions)
        .sum()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn decisions_are_counted_per_day_and_the_counts_outlive_the_log() {
    let app = TestApp::spawn_configured(granular).await;
    decide(&app, "accept_all", "en").await;
    decide(&app, "accept_all", "en").await;
    decide(&app, "reject_all", "sv").await;
    // At once, from many connections: every one is counted.
    let tasks: Vec<_> = (0..20)
        .map(|_| {
            let app = &app;
            async move { decide(app, "reject_all", "en").await }
        })
        .collect();
    futures_util::future::join_all(tasks).await;

    let db = app.db().await;
    let logged = db.consent_log().await.expect("log");
    assert_eq!(logged.len(), 23);
    let today = logged[0]
        .at_unix
        .div_euclid(portal_core::consent_stats::DAY);
    let days = db.consent_stats(today, today).await.expect("stats");
    assert_eq!(count(&days, "accept_all", "en"), 2);
    assert_eq!(count(&days, "reject_all", "sv"), 1);
    assert_eq!(count(&days, "reject_all", "en"), 20);
    assert!(
        days.iter()
            .all(|d| d.day == today && d.revision == logged[0].revision)
    );
    let accepted = days
        .iter()
        .find(|d| d.decision == "accept_all")
        .expect("accept_all");
    assert_eq!(
        accepted.granted, logged[0].granted,
        "the categories as logged"
    );
    assert!(
        db.consent_stats(today + 1, today + 30)
            .await
            .expect("stats")
            .is_empty()
    );

    assert_eq!(db.prune_consent_log(i64::MAX).await.expect("pruned"), 23);
    assert!(db.consent_log().await.expect("log").is_empty());
    assert_eq!(
        db.consent_stats(today, today).await.expect("stats"),
        days,
        "kept"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_command_line_writes_the_counts_as_csv_and_json() {
    let app = TestApp::spawn_configured(granular).await;
    decide(&app, "accept_all", "sv").await;
    decide(&app, "accept_all", "sv").await;
    let run = |args: &[&str]| {
        let args: Vec<&str> = std::iter::once("consent-stats")
            .chain(args.iter().copied())
            .collect();
        server_command(&app, &args)
    };
    let csv = run(&[]);
    assert!(
        csv.status.success(),
        "{}",
        String::from_utf8_lossy(&csv.stderr)
    );
    let text = String::from_utf8_lossy(&csv.stdout);
    let mut lines = text.lines();
    assert_eq!(
        lines.next(),
        Some("date,decision,lang,revision,granted,decisions")
    );
    let row = lines.next().expect("a row");
    let logged = app.db().await.consent_log().await.expect("log");
    let today = time::OffsetDateTime::from_unix_timestamp(logged[0].at_unix)
        .expect("time")
        .date()
        .to_string();
    assert!(row.starts_with(&format!("{today},accept_all,sv,")), "{row}");
    assert!(row.ends_with(",2"), "{row}");
    assert_eq!(lines.next(), None);

    let json = run(&["--format", "json", "--days", "7"]);
    let rows: serde_json::Value = serde_json::from_slice(&json.stdout).expect("json");
    assert_eq!(rows[0]["decisions"], 2);
    assert!(!run(&["--days", "0"]).status.success(), "refused");
}
