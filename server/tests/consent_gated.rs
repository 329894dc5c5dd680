//! What consent gates: videos, third-party scripts, and the cookie declaration every cookie the
//! server sets must appear in.

mod common;

use app::domain::consent::{CategorySet, ConsentMode, ConsentRecord};
use common::{ORIGIN, TestApp, key, page_with_cookie, post, set_cookies};
use server::consent::now;

#[tokio::test]
async fn videos_wait_for_external_media_consent() {
    let app = TestApp::spawn().await;
    let (_, html) = app.page("/en/").await;
    assert!(
        html.contains(r#"class="embed-placeholder""#),
        "a local placeholder"
    );
    assert!(
        !html.contains("<iframe"),
        "no request to YouTube before consent"
    );
    assert!(
        !html.contains(r#"src="https://www.youtube-nocookie.com"#),
        "nothing loads from the embed host"
    );
    assert!(!html.contains("ytimg.com"), "no remote thumbnail");
    assert!(html.contains("Load video") && html.contains("https://www.youtube.com/watch?v="));

    let granted = key().encode(&ConsentRecord {
        id: [2; 16],
        revision: 1,
        granted: CategorySet::ALL,
        issued_at: now(),
    });
    let response = reqwest::Client::new()
        .get(format!("{}/sv/", app.base))
        .header("cookie", format!("consent={granted}"))
        .send()
        .await
        .expect("request");
    let html = response.text().await.expect("body");
    assert!(
        html.contains(r#"<iframe src="https://www.youtube-nocookie.com/embed/"#),
        "embedded after consent"
    );
    assert!(!html.contains("embed-placeholder"));
}

#[tokio::test]
async fn third_party_scripts_wait_for_their_category() {
    use app::domain::consent::{Category, ThirdPartyScript};
    let app = TestApp::spawn_configured(|s| {
        s.consent.mode = ConsentMode::Granular;
        s.consent.scripts = vec![ThirdPartyScript {
            category: Category::Marketing,
            src: "https://ads.example/tag.js".into(),
        }];
    })
    .await;
    let tag = r#"<script async src="https://ads.example/tag.js">"#;
    let (_, html) = app.page("/en/").await;
    assert!(!html.contains(tag), "no ad script before consent");
    assert!(
        html.contains("gtag('consent','default',{ad_storage:'denied'"),
        "Consent Mode defaults to denied"
    );
    let default_at = html.find("gtag('consent','default'").expect("defaults");

    let cookie = |granted| {
        format!(
            "consent={}",
            key().encode(&ConsentRecord {
                id: [4; 16],
                revision: 1,
                granted,
                issued_at: now()
            })
        )
    };
    let rejected = page_with_cookie(&app, &cookie(CategorySet::necessary())).await;
    assert!(!rejected.contains(tag), "rejected: still no ad script");
    let accepted = page_with_cookie(&app, &cookie(CategorySet::ALL)).await;
    assert!(accepted.contains(tag), "granted: the script loads");
    assert!(accepted.contains("gtag('consent','update',{ad_storage:'granted'"));
    let _ = default_at;
    let defaults = accepted.find("gtag('consent','default'").expect("defaults");
    assert!(
        accepted.find(tag).expect("tag") > defaults,
        "the defaults come before the tag"
    );
}

#[tokio::test]
async fn every_cookie_the_server_sets_is_declared() {
    for mode in [ConsentMode::AllOrNothing, ConsentMode::Granular] {
        let app = TestApp::spawn_configured(|s| s.consent.mode = mode).await;
        let declared: Vec<String> = server::Settings::default()
            .consent
            .cookies
            .into_iter()
            .map(|c| c.name)
            .collect();
        let mut seen = Vec::new();
        let pages = [
            "/",
            "/sv/",
            "/en/",
            "/en/cookie-policy",
            "/sv/cookie-policy",
            "/en/about",
            "/sv/about",
            "/en/get-started",
            "/sv/get-started",
            "/en/missing",
            "/en",
            "/favicon.svg",
            "/en/?consent=settings",
        ];
        let forms: [&[(&str, &str)]; 5] = [
            &[("choice", "accept_all")],
            &[("choice", "reject_all")],
            &[("choice", "save"), ("category", "external_media")],
            &[("choice", "withdraw")],
            &[("choice", "accept_all")],
        ];
        for form in forms {
            for path in pages {
                seen.extend(set_cookies(&app.get(path).await));
            }
            seen.extend(set_cookies(&post(&app, form, &[("origin", ORIGIN)]).await));
        }
        assert!(
            !seen.is_empty(),
            "{mode:?}: the crawl met the consent cookie"
        );
        for cookie in seen {
            let name = cookie.split('=').next().expect("name");
            assert!(
                declared.iter().any(|d| d == name),
                "{mode:?}: {name} is set but not declared"
            );
        }
    }
}
