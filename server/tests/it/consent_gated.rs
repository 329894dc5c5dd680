//! What consent gates: videos, third-party scripts, and the cookie declaration every cookie the
//! server sets must appear in.

use crate::common::now;
use crate::common::{
    ALL_SERVICES, ORIGIN, TestApp, encode_consent, page_with_cookie, post, set_cookies,
};
use domain::consent::{Category, CategorySet, ConsentMode, ConsentRecord, CookieDecl};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
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

    let granted = encode_consent(&ConsentRecord {
        id: [2; 16],
        revision: 1,
        granted: CategorySet::ALL,
        services: ALL_SERVICES,
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

/// Granular mode with a marketing script from `https://ads.example/tag.js`.
fn with_an_ad_script(s: &mut server::Settings) {
    s.consent.mode = ConsentMode::Granular;
    s.consent.scripts = vec![domain::consent::ThirdPartyScript {
        category: Category::Marketing,
        src: "https://ads.example/tag.js".into(),
    }];
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn third_party_scripts_wait_for_their_category() {
    let app = TestApp::spawn_configured(with_an_ad_script).await;
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
            encode_consent(&ConsentRecord {
                id: [4; 16],
                revision: 1,
                granted,
                services: ALL_SERVICES,
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

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_cookie_the_server_sets_is_declared() {
    for mode in [ConsentMode::AllOrNothing, ConsentMode::Granular] {
        let app = TestApp::spawn_configured(|s| s.consent.mode = mode).await;
        // What visitors are told: the table on the policy pages.
        let mut declared = declared_on(&app, "/en/cookie-policy").await;
        declared.extend(declared_on(&app, "/sv/cookie-policy").await);
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

/// The cookie names in the cookie tables of a page, with the caption of their table.
async fn cookie_tables(app: &TestApp, path: &str) -> Vec<(String, String)> {
    let (status, html) = app.page(path).await;
    assert_eq!(status, 200, "{path}");
    let mut found = Vec::new();
    for table in html.split("<table ").skip(1) {
        let table = &table[..table.find("</table>").expect("closed table")];
        let open_tag = &table[..table.find('>').expect("tag")];
        if !open_tag.contains("class=\"cookie-table\"") {
            continue;
        }
        let caption = between(table, "<caption", "</caption>")
            .and_then(|c| c.split_once('>'))
            .map(|(_, text)| text)
            .expect("caption");
        for row in table.split("<th scope=\"row\">").skip(1) {
            let name = between(row, "<code>", "</code>").expect("name");
            found.push((name.to_owned(), caption.to_owned()));
        }
    }
    found
}

async fn declared_on(app: &TestApp, path: &str) -> Vec<String> {
    cookie_tables(app, path)
        .await
        .into_iter()
        .map(|(name, _)| name)
        .collect()
}

fn between<'a>(text: &'a str, start: &str, end: &str) -> Option<&'a str> {
    let from = text.find(start)? + start.len();
    let len = text[from..].find(end)?;
    Some(&text[from..from + len])
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn both_policy_pages_list_the_configured_cookies_once() {
    let app = TestApp::spawn_configured(|s| {
        s.consent.mode = ConsentMode::Granular;
        s.consent.lifetime_days = 30;
        s.consent.cookies.push(CookieDecl {
            name: "_gcl_au".into(),
            category: Category::Marketing,
            provider: "Google".into(),
            purpose_en: "Ad conversions.".into(),
            purpose_sv: "Annonskonverteringar.".into(),
            lifetime_days: Some(90),
            lifetime_minutes: None,
            third_party: true,
            service: Some("google-ads".into()),
        });
    })
    .await;
    let configured: Vec<String> = {
        let mut names: Vec<String> = server::Settings::default()
            .consent
            .cookies
            .into_iter()
            .map(|c| c.name)
            .collect();
        // The key an API page's "Try it" form keeps for the tab, after the site's own
        // necessary cookies.
        let necessary = server::Settings::default()
            .consent
            .cookies
            .iter()
            .filter(|c| c.category == Category::Necessary && c.service.is_none())
            .count();
        names.insert(necessary, "portal.api-key.*".into());
        names.push("_gcl_au".into());
        names
    };
    for path in ["/en/cookie-policy", "/sv/cookie-policy"] {
        let rows = cookie_tables(&app, path).await;
        let names: Vec<&str> = rows.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(
            names, configured,
            "{path}: every cookie once, in category order"
        );
        let (_, necessary) = &rows[0];
        let (_, marketing) = rows.last().expect("rows");
        assert!(
            necessary.contains("samtycke") || necessary.contains("consent"),
            "{necessary}"
        );
        assert_ne!(necessary, marketing, "{path}: captions differ by category");
    }
    let (_, html) = app.page("/en/cookie-policy").await;
    assert!(
        html.contains("Necessary (no consent needed)"),
        "granular wording"
    );
    assert!(
        html.contains("30 days"),
        "the consent cookie lives as long as the answer"
    );
    assert!(html.contains("90 days"));
    let (_, sv) = app.page("/sv/cookie-policy").await;
    assert!(
        sv.contains("Tills webbläsaren stängs"),
        "session lifetime in Swedish"
    );

    let strict = TestApp::spawn().await;
    let (_, html) = strict.page("/en/cookie-policy").await;
    assert!(
        !html.contains("no consent needed"),
        "in all-or-nothing mode every cookie waits for consent"
    );
    assert!(html.contains("until you have accepted cookies"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pages_that_carry_a_token_load_no_third_party_script_and_send_no_referrer() {
    let app = TestApp::spawn_configured(with_an_ad_script).await;
    let consent = format!(
        "consent={}",
        encode_consent(&ConsentRecord {
            id: [5; 16],
            revision: 1,
            granted: CategorySet::ALL,
            services: ALL_SERVICES,
            issued_at: now()
        })
    );
    let tag = "https://ads.example/tag.js";
    let client = reqwest::Client::new();
    let get = |path: &str| {
        client
            .get(format!("{}{path}", app.base))
            .header("cookie", &consent)
            .send()
    };
    let content = get("/en/").await.expect("request");
    assert_eq!(
        content.headers()["referrer-policy"],
        "strict-origin-when-cross-origin"
    );
    assert!(content.text().await.expect("body").contains(tag), "control");
    let token = "A".repeat(43);
    for page in ["reset", "verify"] {
        let path = format!("/en/{page}?token={token}");
        let response = get(&path).await.expect("request");
        assert_eq!(response.status(), 200, "{path}");
        assert_eq!(
            response.headers()["referrer-policy"],
            "no-referrer",
            "{path}"
        );
        let policy = response.headers()["content-security-policy"]
            .to_str()
            .expect("ascii")
            .to_owned();
        let html = response.text().await.expect("body");
        assert!(!html.contains(tag), "{path}: a third-party script");
        assert!(
            !html.contains("<iframe") && !html.contains("<img"),
            "{path}"
        );
        // The form holds the token; the address bar loses it at once.
        assert!(
            html.contains(&format!(r#"name="token" value="{token}""#)),
            "{path}"
        );
        let forget = format!("<script>{}</script>", app::routes::recovery::FORGET_TOKEN);
        assert!(html.contains(&forget), "{path}");
        use base64::Engine;
        use sha2::Digest;
        let hash = base64::engine::general_purpose::STANDARD.encode(sha2::Sha256::digest(
            app::routes::recovery::FORGET_TOKEN.as_bytes(),
        ));
        assert!(policy.contains(&format!("'sha256-{hash}'")), "{policy}");
    }
    // Login and the account pages, where passwords are typed, load none either.
    for page in ["login", "register", "forgot"] {
        let html = get(&format!("/en/{page}"))
            .await
            .expect("request")
            .text()
            .await
            .expect("body");
        assert!(!html.contains(tag), "/en/{page}");
    }
}
