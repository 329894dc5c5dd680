//! Request paths in other spellings: one redirect to the canonical one, never to another host,
//! and junk URLs that cost no memory.

use std::future::Future;

use crate::common::{TestApp, raw_get, rss_kib};

#[tokio::test]
async fn a_backslash_never_redirects_to_another_host() {
    let app = TestApp::spawn().await;
    // Browsers read a backslash in a `Location` as `/`: `/\evil.example/` is `//evil.example/`.
    for (path, to) in [
        ("//\\evil.example/", "/%5Cevil.example/"),
        ("/\\evil.example/", "/%5Cevil.example/"),
        ("/\\/evil.example", "/%5C/evil.example"),
        ("/%5c%5cevil.example/", "/%5C%5Cevil.example/"),
    ] {
        let (status, head) = raw_get(&app, path, "").await;
        assert_eq!(status, 308, "{path}: {head}");
        assert!(
            head.contains(&format!("location: {to}\r\n")),
            "{path}: {head}"
        );
        let (status, _) = raw_get(&app, to, "").await;
        assert_eq!(status, 404, "{to} is canonical: a page that does not exist");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn junk_urls_are_redirected_and_cost_no_memory() {
    if crate::common::ran_alone(
        module_path!(),
        "junk_urls_are_redirected_and_cost_no_memory",
    ) {
        return;
    }
    let app = TestApp::spawn().await;
    let (status, head) = raw_get(&app, "/en/x123/../cookie-policy", "").await;
    assert_eq!(status, 308, "{head}");
    assert!(head.contains("location: /en/cookie-policy\r\n"), "{head}");
    let (status, head) = raw_get(&app, "/en/%63ookie-policy?x=1", "").await;
    assert_eq!(status, 308);
    assert!(
        head.contains("location: /en/cookie-policy?x=1\r\n"),
        "{head}"
    );
    let (status, head) = raw_get(&app, "//en//cookie-policy", "").await;
    assert_eq!(status, 308);
    assert!(head.contains("location: /en/cookie-policy\r\n"), "{head}");

    assert_eq!(
        app.get("/en/cookie-policy").await.headers()["x-cache"],
        "miss"
    );
    // Warm up both kinds of request, then measure.
    for n in 0..200 {
        raw_get(&app, &format!("/en/w{n}/../cookie-policy"), "").await;
        app.get(&format!("/en/warm-{n}")).await;
    }
    let before = rss_kib();
    let mut pending = Vec::new();
    for request in junk_requests(&app) {
        pending.push(request);
        if pending.len() == 16 {
            futures_util::future::join_all(pending.drain(..)).await;
        }
    }
    futures_util::future::join_all(pending).await;
    let grown = rss_kib().saturating_sub(before) / 1024;
    assert!(grown <= 8, "memory grew by {grown} MiB");
    let policy = app.get("/en/cookie-policy").await;
    assert_eq!(
        policy.headers()["x-cache"],
        "hit",
        "still answered from the cache"
    );
}

fn junk_requests(app: &TestApp) -> impl Iterator<Item = impl Future<Output = ()>> + '_ {
    (0..10_000).map(move |n| async move {
        let status = if n % 2 == 0 {
            raw_get(app, &format!("/en/x{n}/../cookie-policy"), "")
                .await
                .0
        } else {
            app.get(&format!("/en/no-such-page-{n}"))
                .await
                .status()
                .as_u16()
        };
        assert!(status == 308 || status == 404, "{n}: {status}");
    })
}
