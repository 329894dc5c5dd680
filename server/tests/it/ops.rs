//! Operations: health, readiness, metrics, request and instance ids. The binary run as a
//! process (logs, stopping, memory) is in `process`.

use crate::common::{Browser, TestApp};
use domain::consent::ConsentMode;
use server::logos::{Backend, LogoSettings};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn health_readiness_ids_and_metrics() {
    let app = TestApp::spawn_configured(|s| {
        s.consent.mode = ConsentMode::Granular;
        s.instance_id = "web-7".into();
    })
    .await;
    let health = app.get("/healthz").await;
    assert_eq!(health.status().as_u16(), 200);
    assert_eq!(health.headers()["x-instance-id"], "web-7");
    let id = health.headers()["x-request-id"]
        .to_str()
        .expect("ascii")
        .to_owned();
    assert_eq!(id.len(), 16, "{id}");
    let kept = app
        .get_with("/en/", &[("x-request-id", "from-the-balancer-1")])
        .await;
    assert_eq!(kept.headers()["x-request-id"], "from-the-balancer-1");
    assert_eq!(kept.headers()["x-instance-id"], "web-7");

    let ready = app.get("/readyz").await;
    assert_eq!(ready.status().as_u16(), 200);
    let body: serde_json::Value = ready.json().await.expect("json");
    assert_eq!(
        body,
        serde_json::json!({ "database": "ok", "storage": "ok" })
    );

    let mut browser = Browser::new(&app);
    browser.post("/consent", &[("choice", "reject_all")]).await;
    browser
        .post(
            "/en/login",
            &[("email", "nobody@acme.example"), ("password", "x")],
        )
        .await;
    assert_eq!(
        app.get("/metrics").await.status().as_u16(),
        404,
        "metrics are not served to the public"
    );
    let metrics = app.metrics().await;
    for wanted in [
        r#"http_requests_total{route="/healthz",method="GET",status="200"}"#,
        r#"http_request_duration_seconds_bucket{route="/consent",method="POST",status="303",le="0.005"}"#,
        r#"portal_logins_total{outcome="failure"}"#,
        r#"portal_consent_decisions_total{choice="reject_all"}"#,
    ] {
        assert!(metrics.contains(wanted), "{wanted} missing:\n{metrics}");
    }
    assert!(!metrics.contains("nobody@"), "no personal data in labels");

    // A page answered from the page cache is counted under its route like a rendered one.
    let pages = r#"http_requests_total{route="/{*path}",method="GET",status="200"}"#;
    let before = counter(&metrics, pages);
    for _ in 0..3 {
        assert_eq!(app.get("/en/about").await.status().as_u16(), 200);
    }
    let metrics = app.metrics().await;
    assert!(
        counter(&metrics, pages) >= before + 3,
        "cached pages counted under their route:\n{metrics}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn made_up_methods_and_paths_add_no_metric_series() {
    let app = TestApp::spawn().await;
    let address = app.base.trim_start_matches("http://").to_owned();
    for n in 0..50 {
        use tokio::io::{AsyncReadExt, AsyncWriteExt};
        let mut stream = tokio::net::TcpStream::connect(&address)
            .await
            .expect("connect");
        let request = format!(
            "XMETHOD{n} /made-up-path-{n} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
        );
        stream.write_all(request.as_bytes()).await.expect("write");
        let mut answer = Vec::new();
        stream.read_to_end(&mut answer).await.expect("read");
        assert!(answer.starts_with(b"HTTP/1.1 "), "answered");
    }
    let metrics = app.metrics().await;
    assert!(!metrics.contains("XMETHOD"), "a method became a label");
    assert!(
        !metrics.contains("made-up-path"),
        "a raw path became a label"
    );
    assert!(
        metrics.contains(r#"method="other""#),
        "counted as other:\n{metrics}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn no_instance_header_unless_configured() {
    let app = TestApp::spawn().await;
    let page = app.get("/en/").await;
    assert!(page.headers().get("x-instance-id").is_none());
    let ops = app
        .client
        .get(format!("{}/healthz", app.ops_base))
        .send()
        .await
        .expect("ops");
    assert_eq!(ops.status().as_u16(), 200, "probes reach the ops port too");
}

/// The value of one counter line in Prometheus text (0 when it is not there yet).
fn counter(metrics: &str, series: &str) -> u64 {
    metrics
        .lines()
        .find_map(|line| line.strip_prefix(series))
        .and_then(|value| value.trim().parse().ok())
        .unwrap_or(0)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn readiness_names_the_storage_when_it_is_unreachable() {
    let closed = std::net::TcpListener::bind("127.0.0.1:0")
        .expect("port")
        .local_addr()
        .expect("addr")
        .port();
    let app = TestApp::spawn_configured(move |s| {
        s.logos = LogoSettings {
            backend: Backend::S3,
            s3_endpoint: format!("http://127.0.0.1:{closed}"),
            s3_access_key_id: Some("k".into()),
            s3_secret_access_key: Some(crate::common::toml_secret("s")),
            ..LogoSettings::default()
        };
    })
    .await;
    let ready = app.get("/readyz").await;
    assert_eq!(ready.status().as_u16(), 503);
    let body: serde_json::Value = ready.json().await.expect("json");
    assert_eq!(
        body,
        serde_json::json!({ "database": "ok", "storage": "unreachable" })
    );
    assert_eq!(
        app.get("/healthz").await.status().as_u16(),
        200,
        "alive all the same"
    );
    let (status, _) = app.page("/en/cookie-policy").await;
    assert_eq!(status, 200, "content pages do not need the storage");
}
