//! Company logos against the real server: serving with immutable caching, replacing and
//! removing, only by the owner, the public showcase, and the storage going away and coming back.

use crate::common::{
    Browser, PASSWORD, TestApp, corpus, current_logo, location, moto::start_moto,
    moto::start_moto_on, registered,
};
use domain::consent::ConsentMode;
use server::logos::{Backend, LogoSettings, LogoStore};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn logos_are_served_immutable_replaced_and_removed() {
    let app = TestApp::spawn_configured(|s| s.consent.mode = ConsentMode::Granular).await;
    let store = LogoStore::open(&LogoSettings::default(), &app.data_dir()).expect("store");
    let mut owner = registered(&app, "owner@acme.example").await;
    owner
        .upload(corpus("ok-logo.png"), "a.png", "image/png")
        .await;
    let first = current_logo(&mut owner).await.expect("logo");
    let served = app.get(&first).await;
    assert_eq!(served.headers()["content-type"], "image/png");
    assert_eq!(
        served.headers()["cache-control"],
        "public, max-age=31536000, immutable"
    );
    assert_eq!(served.headers()["x-content-type-options"], "nosniff");
    assert!(served.headers().get("set-cookie").is_none());
    for bad in [
        "/logos/../portal.db",
        "/logos/abc.png",
        "/logos/%2e%2e%2fportal.db.png",
    ] {
        let response = app.get(bad).await;
        // Another spelling of a path is first sent to its canonical form (`%2e` is `.`).
        let response = if response.status().as_u16() == 308 {
            app.get(&location(&response)).await
        } else {
            response
        };
        assert_eq!(response.status().as_u16(), 404, "{bad}");
    }

    // A second company with the same image shares the object.
    let mut other = registered(&app, "other@acme.example").await;
    other
        .upload(corpus("ok-logo.png"), "same.png", "image/png")
        .await;
    assert_eq!(
        current_logo(&mut other).await.as_deref(),
        Some(first.as_str())
    );

    owner
        .upload(corpus("ok-logo.svg"), "b.svg", "image/svg+xml")
        .await;
    let second = current_logo(&mut owner).await.expect("logo");
    assert_ne!(first, second);
    assert_eq!(
        app.get(&first).await.status().as_u16(),
        200,
        "still used by the other"
    );
    let removed = other.post("/en/account/logo/remove", &[]).await;
    assert_eq!(location(&removed), "/en/account?done=logo-removed");
    assert_eq!(
        app.get(&first).await.status().as_u16(),
        404,
        "unused objects go"
    );
    assert_eq!(store.list().await.expect("list").len(), 1);

    // Only the logged-in owner changes a logo; other sites cannot.
    let mut stranger = Browser::new(&app);
    let refused = stranger
        .upload(corpus("ok-logo.webp"), "x.webp", "image/webp")
        .await;
    assert_eq!(refused.status().as_u16(), 401);
    let cross = owner
        .post_with(
            "/en/account/logo/remove",
            &[],
            &[("origin", "https://evil.example")],
        )
        .await;
    assert_eq!(cross.status().as_u16(), 403);
    assert_eq!(
        current_logo(&mut owner).await.as_deref(),
        Some(second.as_str())
    );
    assert_eq!(store.list().await.expect("list").len(), 1);

    // Deleting the account deletes its logo.
    owner
        .post("/en/account/delete", &[("password", PASSWORD)])
        .await;
    assert_eq!(app.get(&second).await.status().as_u16(), 404);
    assert!(store.list().await.expect("list").is_empty());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_showcase_lists_published_companies_by_name() {
    let app = TestApp::spawn_configured(|s| s.consent.mode = ConsentMode::Granular).await;
    let (_, empty) = app.page("/en/showcase").await;
    assert!(empty.contains("No companies are shown here yet."));
    for (company, email, publish) in [
        ("Zeta AB", "z@acme.example", true),
        ("alpha AB", "a@acme.example", true),
        ("Hidden AB", "h@acme.example", false),
    ] {
        let mut browser = registered(&app, email).await;
        browser
            .upload(corpus("ok-logo.png"), "l.png", "image/png")
            .await;
        let mut form = vec![
            ("company", company),
            ("description", "We <b>build</b> things."),
            ("website", "https://example.se/x?a=1&b=2"),
            ("social", "https://www.linkedin.com/company/x"),
        ];
        if publish {
            form.push(("published", "1"));
        }
        let saved = browser.post("/en/account", &form).await;
        assert_eq!(saved.status().as_u16(), 303);
        browser.verify_from_outbox(email).await;
    }
    let response = app.get("/sv/showcase").await;
    assert_eq!(response.status().as_u16(), 200);
    let html = response.text().await.expect("body");
    let alpha = html.find("alpha AB").expect("alpha");
    let zeta = html.find("Zeta AB").expect("zeta");
    assert!(alpha < zeta, "sorted by name, case aside");
    assert!(!html.contains("Hidden AB"));
    assert!(
        html.contains("We &lt;b&gt;build&lt;/b&gt; things."),
        "text is escaped"
    );
    assert!(html.contains(
        r#"href="https://www.linkedin.com/company/x" rel="nofollow ugc noopener noreferrer""#
    ));
    assert!(
        html.contains(r#"loading="lazy""#)
            && html.contains(r#"width="64""#)
            && html.contains(r#"height="48""#)
    );
    assert!(!html.contains("<iframe") && !html.contains("<script src=\"http"));
    let (_, menu) = app.page("/en/").await;
    assert!(menu.contains(r#"href="/en/showcase""#), "in the menu");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn storage_down_means_a_clear_503_and_the_site_recovers_by_itself() {
    let moto = start_moto().await;
    let port: u16 = moto
        .endpoint
        .rsplit(':')
        .next()
        .expect("port")
        .parse()
        .expect("port");
    let settings = LogoSettings {
        backend: Backend::S3,
        s3_endpoint: moto.endpoint.clone(),
        s3_access_key_id: Some("test-key".into()),
        s3_secret_access_key: Some(crate::common::toml_secret("test-secret")),
        ..LogoSettings::default()
    };
    let app = TestApp::spawn_configured(move |s| {
        s.consent.mode = ConsentMode::Granular;
        s.logos = settings;
    })
    .await;
    let mut browser = registered(&app, "outage@acme.example").await;
    browser
        .upload(corpus("ok-logo.png"), "a.png", "image/png")
        .await;
    let url = current_logo(&mut browser).await.expect("logo");

    drop(moto);
    let started = std::time::Instant::now();
    let served = app.get(&url).await;
    assert_eq!(served.status().as_u16(), 503);
    assert_eq!(served.headers()["retry-after"], "30");
    assert_eq!(
        served.headers()["cache-control"],
        "no-store",
        "never cached as the logo"
    );
    let upload = browser
        .upload(corpus("ok-logo.webp"), "b.webp", "image/webp")
        .await;
    assert_eq!(upload.status().as_u16(), 503);
    assert!(
        upload
            .text()
            .await
            .expect("body")
            .contains("Nothing was changed")
    );
    assert!(
        started.elapsed() < std::time::Duration::from_secs(30),
        "fails fast"
    );
    assert_eq!(
        current_logo(&mut browser).await.as_deref(),
        Some(url.as_str()),
        "unchanged"
    );
    let ready = app.get("/readyz").await;
    assert_eq!(ready.status().as_u16(), 503);
    assert_eq!(
        app.page("/en/cookie-policy").await.0,
        200,
        "content pages still answer"
    );
    assert_eq!(app.page("/en/showcase").await.0, 200);

    // The storage comes back (empty: moto keeps objects in memory): no restart needed.
    let _moto = start_moto_on(port).await;
    // Readiness answers from a check at most a second old.
    let mut ready = 0;
    for _ in 0..30 {
        ready = app.get("/readyz").await.status().as_u16();
        if ready == 200 {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert_eq!(ready, 200);
    let upload = browser
        .upload(corpus("ok-logo.webp"), "b.webp", "image/webp")
        .await;
    assert_eq!(upload.status().as_u16(), 303);
    let url = current_logo(&mut browser).await.expect("logo");
    assert_eq!(app.get(&url).await.status().as_u16(), 200);
}
