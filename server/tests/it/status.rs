//! The status page against a stand-in API on loopback that goes down and comes back: two
//! instances on one database check it once per interval between them; the page, `/status.json`
//! and the incidents' feed follow.

use std::{
    sync::{
        Arc,
        atomic::{AtomicBool, AtomicUsize, Ordering},
    },
    time::Duration,
};

use server::clock::{Clock, ManualClock};

use crate::{
    common::{TestApp, toml_secret},
    content_site::{content_copy, feedparser},
};

/// A stand-in API: `/health` answers 200 while up and 503 while down, and counts its calls.
struct StandIn {
    url: String,
    up: Arc<AtomicBool>,
    hits: Arc<AtomicUsize>,
}

async fn stand_in() -> StandIn {
    let up = Arc::new(AtomicBool::new(true));
    let hits = Arc::new(AtomicUsize::new(0));
    let (u, h) = (up.clone(), hits.clone());
    let app = axum::Router::new().route(
        "/health",
        axum::routing::get(move || {
            let (u, h) = (u.clone(), h.clone());
            async move {
                h.fetch_add(1, Ordering::SeqCst);
                if u.load(Ordering::SeqCst) {
                    http::StatusCode::OK
                } else {
                    http::StatusCode::SERVICE_UNAVAILABLE
                }
            }
        }),
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let url = format!("http://{}/health", listener.local_addr().expect("addr"));
    tokio::spawn(async move { axum::serve(listener, app).await });
    StandIn { url, up, hits }
}

/// The project's content with JobSearch checked at `health` (in both languages), no other API
/// checked, and one incident.
fn content(health: &str) -> tempfile::TempDir {
    let dir = content_copy();
    for lang in ["en", "sv"] {
        for entry in std::fs::read_dir(dir.path().join(lang).join("apis")).expect("apis") {
            let path = entry.expect("entry").path();
            let text = std::fs::read_to_string(&path).expect("read");
            let kept: Vec<&str> = text.lines().filter(|l| !l.starts_with("health:")).collect();
            let mut text = kept.join("\n") + "\n";
            if path.ends_with("jobsearch.md") {
                text = text.replacen("openapi:", &format!("health: {health}\nopenapi:"), 1);
            }
            std::fs::write(&path, text).expect("write");
        }
        std::fs::write(
            dir.path().join(lang).join("status/slow-search.md"),
            "---\ntitle: \"Slow searches\"\ndate: 2026-11-20\ndescription: \"Searches took \
             seconds for an hour; resolved.\"\n---\n\nWhat happened.\n",
        )
        .expect("incident");
    }
    dir
}

async fn json(app: &TestApp) -> serde_json::Value {
    app.get("/status.json")
        .await
        .json()
        .await
        .expect("status.json")
}

/// Waits (up to 15 s) until JobSearch's state in `/status.json` is `state` after `hits` calls.
async fn wait_for(app: &TestApp, state: &str, api: &StandIn, hits: usize) -> serde_json::Value {
    for _ in 0..150 {
        let now = json(app).await;
        if now["apis"][0]["state"] == state && api.hits.load(Ordering::SeqCst) >= hits {
            return now;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("JobSearch never became {state}: {}", json(app).await);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_instances_check_an_api_that_goes_down_and_comes_back() {
    let api = stand_in().await;
    let content = content(&api.url);
    let clock = ManualClock::new();
    // Midday (UTC), so that the checks below fall on one day.
    clock.advance((12 * 3600 - clock.now().rem_euclid(86_400)).rem_euclid(86_400));
    let dir = content.path().to_path_buf();
    let first = TestApp::spawn_timed(
        |s| {
            s.content_dir = dir;
            s.apis.checks = true;
        },
        clock.clone(),
    )
    .await;
    // A second instance on the same database.
    let (data, database) = (first.data_dir(), first.database_url.clone());
    let dir = content.path().to_path_buf();
    let second = TestApp::spawn_timed(
        move |s| {
            s.content_dir = dir;
            s.apis.checks = true;
            s.data_dir = data;
            if !database.is_empty() {
                s.database_url = Some(toml_secret(&database));
            }
        },
        clock.clone(),
    )
    .await;

    let up = wait_for(&first, "up", &api, 1).await;
    assert_eq!(up["apis"].as_array().expect("apis").len(), 1, "{up}");
    assert_eq!(up["apis"][0]["id"], "jobsearch");
    assert_eq!(up["apis"][0]["http_status"], 200);
    // Both instances ask every second; within one interval only one of them checks.
    tokio::time::sleep(Duration::from_millis(2500)).await;
    assert_eq!(api.hits.load(Ordering::SeqCst), 1, "one check per interval");

    api.up.store(false, Ordering::SeqCst);
    clock.advance(60);
    let down = wait_for(&second, "down", &api, 2).await;
    assert_eq!(down["apis"][0]["http_status"], 503);
    assert_ne!(down["apis"][0]["since"], up["apis"][0]["since"]);
    tokio::time::sleep(Duration::from_millis(2500)).await;
    assert_eq!(api.hits.load(Ordering::SeqCst), 2, "one check per interval");

    // The page is read per request (never a stored copy), in both languages.
    for (path, word) in [("/en/status/", "Down"), ("/sv/status/", "Nere")] {
        let (status, html) = first.page(path).await;
        assert_eq!(status, 200, "{path}");
        assert!(html.contains(r#"data-state="down""#), "{path}");
        assert!(
            html.contains(&format!(r#"<span class="status-badge">{word}</span>"#)),
            "{path}"
        );
        assert_eq!(html.matches("<rect ").count(), 90, "{path}: 90 days");
        assert!(html.contains("bar bar-bad"), "{path}: today is half down");
        assert!(html.contains("Slow searches"), "{path}: the incident");
    }
    let (_, sv) = first.page("/sv/status/").await;
    assert!(sv.contains("50,00 %"), "Swedish decimals");

    api.up.store(true, Ordering::SeqCst);
    clock.advance(60);
    let back = wait_for(&first, "up", &api, 3).await;
    let today = &back["apis"][0]["daily"][0];
    assert_eq!(today["checks"], 3, "{back}");
    assert_eq!(today["up"], 2, "{back}");
    assert_eq!(back["apis"][0]["uptime_percent"], "66.66");
    let (_, en) = first.page("/en/status/").await;
    assert!(en.contains(r#"data-state="up""#));
    assert!(en.contains("66.66 %"));
    // The same numbers in the table as in the bars' titles.
    assert!(en.contains("<td>3</td>"), "the table's checks");

    // The incidents: in the JSON and as a feed a real parser reads.
    assert_eq!(back["incidents"][0]["title"], "Slow searches");
    let feed = first
        .get("/en/status/feed.xml")
        .await
        .text()
        .await
        .expect("feed");
    let parsed = feedparser(&feed);
    assert_eq!(parsed["bozo"], false, "{feed}");
    assert_eq!(parsed["entries"][0]["title"], "Slow searches");
    assert!(
        parsed["entries"][0]["link"]
            .as_str()
            .is_some_and(|l| l.ends_with("/en/status/slow-search")),
        "{parsed}"
    );
    drop(second);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn without_checks_the_page_says_not_checked_yet() {
    let app = TestApp::spawn().await;
    let (status, html) = app.page("/en/status/").await;
    assert_eq!(status, 200);
    assert_eq!(
        html.matches(r#"data-state="unknown""#).count(),
        5,
        "five APIs"
    );
    assert!(html.contains("No incidents reported."));
    let json = json(&app).await;
    assert_eq!(json["apis"].as_array().expect("apis").len(), 5);
    assert!(
        json["apis"]
            .as_array()
            .expect("apis")
            .iter()
            .all(|a| a["state"] == "unknown")
    );
    // Reached without the trailing slash too.
    let plain = app.get("/sv/status").await;
    assert!(plain.status().is_redirection(), "{}", plain.status());
}
