//! The public listener's limits: a half-sent request and an idle keep-alive connection are
//! closed after the head timeout, a stalled body after the body timeout, and connections past
//! the cap wait until one closes.

use std::time::{Duration, Instant};

use tokio::{
    io::{AsyncReadExt, AsyncWriteExt},
    net::TcpStream,
};

use crate::common::TestApp;

async fn spawn(adjust: impl FnOnce(&mut server::connections::ConnectionSettings)) -> TestApp {
    TestApp::spawn_configured(|s| adjust(&mut s.connections)).await
}

async fn connect(app: &TestApp) -> TcpStream {
    TcpStream::connect(app.base.trim_start_matches("http://"))
        .await
        .expect("connect")
}

/// Reads until the server closes the connection (`true`), or `within` passes (`false`);
/// whatever the server sent is returned too.
async fn closed_within(stream: &mut TcpStream, within: Duration) -> (bool, String) {
    let mut seen = Vec::new();
    let deadline = Instant::now() + within;
    let mut buf = [0u8; 4096];
    loop {
        let left = deadline.saturating_duration_since(Instant::now());
        match tokio::time::timeout(left, stream.read(&mut buf)).await {
            Err(_) => return (false, String::from_utf8_lossy(&seen).into_owned()),
            Ok(Ok(0) | Err(_)) => return (true, String::from_utf8_lossy(&seen).into_owned()),
            Ok(Ok(n)) => seen.extend_from_slice(&buf[..n]),
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn half_sent_requests_and_idle_connections_are_closed() {
    let app = spawn(|c| c.header_timeout_seconds = 1).await;
    let mut half = Vec::new();
    for _ in 0..100 {
        let mut stream = connect(&app).await;
        stream
            .write_all(b"GET /en/cookie-pol")
            .await
            .expect("write");
        half.push(stream);
    }
    let mut idle = connect(&app).await;
    idle.write_all(b"GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n")
        .await
        .expect("write");
    for stream in &mut half {
        let (closed, _) = closed_within(stream, Duration::from_secs(5)).await;
        assert!(closed, "a half-sent request is not held");
    }
    let (closed, seen) = closed_within(&mut idle, Duration::from_secs(5)).await;
    assert!(seen.starts_with("HTTP/1.1 200"), "{seen}");
    assert!(closed, "an idle keep-alive connection is closed");
    // A client that keeps sending requests is not cut off in between.
    let mut busy = connect(&app).await;
    for _ in 0..4 {
        busy.write_all(b"GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n")
            .await
            .expect("write");
        let mut buf = [0u8; 1024];
        let n = busy.read(&mut buf).await.expect("read");
        assert!(buf[..n].starts_with(b"HTTP/1.1 200"));
        tokio::time::sleep(Duration::from_millis(400)).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_stalled_body_is_cut_off() {
    let app = spawn(|c| c.body_timeout_seconds = 1).await;
    let mut stream = connect(&app).await;
    let head = format!(
        "POST /consent HTTP/1.1\r\nHost: x\r\nOrigin: {}\r\n\
         Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 100\r\n\r\nchoice=",
        crate::common::ORIGIN
    );
    stream.write_all(head.as_bytes()).await.expect("write");
    let (closed, seen) = closed_within(&mut stream, Duration::from_secs(6)).await;
    assert!(closed, "the connection is not held: {seen}");
    assert!(!seen.contains(" 200 ") && !seen.contains(" 303 "), "{seen}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn connections_past_the_cap_wait_for_one_to_close() {
    let app = spawn(|c| {
        c.max_connections = 3;
        c.header_timeout_seconds = 2;
    })
    .await;
    let mut held = Vec::new();
    for _ in 0..3 {
        held.push(connect(&app).await);
    }
    tokio::time::sleep(Duration::from_millis(200)).await;
    let started = Instant::now();
    let client = reqwest::Client::new();
    let waiting = client.get(format!("{}/healthz", app.base)).send();
    let answered = tokio::time::timeout(Duration::from_secs(10), waiting)
        .await
        .expect("answered once the held connections time out")
        .expect("request");
    assert_eq!(answered.status().as_u16(), 200);
    assert!(
        started.elapsed() >= Duration::from_millis(1000),
        "answered after {:?}, while 3 connections were open",
        started.elapsed()
    );
    drop(held);
}
