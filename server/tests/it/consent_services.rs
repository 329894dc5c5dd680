//! Services inside categories: the dialog's switch per service, the cookie, the log and
//! `/consent.json` naming services, Matomo loading only with consent, and a withdrawal
//! expiring exactly the withdrawn services' first-party cookies.

use domain::consent::{
    Category, ConsentMode, ConsentRecord, CookieDecl, MatomoConfig, ServiceDecl, ServiceSet,
};
use server::Settings;

use crate::common::{ORIGIN, TestApp, key, set_cookies};

fn service(id: &str, category: Category, name: &str) -> ServiceDecl {
    ServiceDecl {
        provider: format!("{name} Ltd"),
        purpose_en: format!("{name} does its job."),
        purpose_sv: format!("{name} gör sitt jobb."),
        privacy_url: format!("https://{id}.example/privacy"),
        ..ServiceDecl::new(id, category, name)
    }
}

/// Granular, with Matomo, a second video host and a marketing tag that sets a first-party
/// cookie and keeps a storage key.
fn configured(s: &mut Settings) {
    s.consent.mode = ConsentMode::Granular;
    s.consent.matomo = Some(MatomoConfig {
        url: "https://stats.example/".into(),
        site_id: 7,
    });
    s.consent
        .services
        .push(service("vimeo", Category::ExternalMedia, "Vimeo"));
    let mut tag = service("tag", Category::Marketing, "Tag");
    tag.scripts = vec!["https://tag.example/tag.js".into()];
    tag.storage = vec!["tag:*".into()];
    tag.opt_out = "tag.optOut".into();
    s.consent.services.push(tag);
    s.consent.cookies.push(CookieDecl {
        name: "_tag_id".into(),
        category: Category::Marketing,
        provider: "Tag Ltd".into(),
        purpose_en: "Tells visits apart.".into(),
        purpose_sv: "Skiljer besök åt.".into(),
        lifetime_days: Some(1),
        lifetime_minutes: None,
        third_party: false,
        service: Some("tag".into()),
    });
}

/// The services `configured` declares, as the server has them.
fn declared() -> Vec<ServiceDecl> {
    let mut settings = Settings::default();
    configured(&mut settings);
    settings.consent.normalised().expect("valid").services
}

/// POSTs the plain form with `cookie`, from the site itself.
async fn decide(app: &TestApp, form: &[(&str, &str)], cookie: &str) -> reqwest::Response {
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("client")
        .post(format!("{}/consent", app.base))
        .header("origin", ORIGIN)
        .header("cookie", cookie)
        .form(form)
        .send()
        .await
        .expect("request")
}

async fn page(app: &TestApp, path: &str, cookie: &str) -> (String, String) {
    let response = reqwest::Client::new()
        .get(format!("{}{path}", app.base))
        .header("cookie", cookie)
        .send()
        .await
        .expect("request");
    let csp = response.headers()["content-security-policy"]
        .to_str()
        .expect("ascii")
        .to_owned();
    (csp, response.text().await.expect("body"))
}

/// The consent cookie a response sets, as `name=value`.
fn consent_pair(response: &reqwest::Response) -> String {
    set_cookies(response)
        .into_iter()
        .find(|c| c.starts_with("consent="))
        .expect("a consent cookie")
        .split(';')
        .next()
        .expect("pair")
        .to_owned()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_visitor_allows_one_service_of_a_category_and_only_it_runs() {
    let app = TestApp::spawn_configured(configured).await;
    let services = declared();
    let (csp, html) = page(&app, "/en/", "").await;
    for id in ["youtube", "vimeo", "matomo", "google-ads", "tag"] {
        assert!(
            html.contains(&format!(r#"name="service" value="{id}""#)),
            "a switch for {id}"
        );
    }
    assert!(html.contains(r#"name="category" value="statistics""#));
    assert!(
        !html.contains(r#"src="https://stats.example/matomo.js""#)
            && !html.contains(r#"src="https://tag.example/tag.js""#),
        "nothing loads before consent"
    );
    assert!(
        html.contains("_paq.push(['requireConsent'])") && !html.contains("setConsentGiven"),
        "Matomo's queue waits for consent"
    );
    assert!(
        csp.contains("connect-src 'self' https://stats.example "),
        "{csp}"
    );

    // YouTube, not Vimeo; statistics as a whole category.
    let chosen = decide(
        &app,
        &[
            ("choice", "save"),
            ("service", "youtube"),
            ("category", "statistics"),
        ],
        "",
    )
    .await;
    assert_eq!(chosen.status(), 303);
    let cookie = consent_pair(&chosen);
    let record = key()
        .decode(cookie.trim_start_matches("consent="), &services)
        .expect("valid");
    assert_eq!(record.services.ids(&services), ["youtube", "matomo"]);
    assert_eq!(
        record.granted.to_string(),
        "necessary,statistics,external_media"
    );
    let rows = app.db().await.consent_log().await.expect("rows");
    assert_eq!(rows.last().expect("logged").services, "youtube,matomo");

    let (_, html) = page(&app, "/en/", &cookie).await;
    assert!(html.contains(r#"src="https://stats.example/matomo.js""#));
    assert!(html.contains("_paq.push(['setConsentGiven'])"));
    assert!(
        !html.contains(r#"src="https://tag.example/tag.js""#),
        "marketing was not granted"
    );
    assert!(
        html.contains(r#"<iframe src="https://www.youtube-nocookie.com/embed/"#),
        "YouTube's videos play"
    );
    let json: serde_json::Value = reqwest::Client::new()
        .get(format!("{}/consent.json", app.base))
        .header("cookie", &cookie)
        .send()
        .await
        .expect("request")
        .json()
        .await
        .expect("json");
    assert_eq!(json["services"], serde_json::json!(["youtube", "matomo"]));

    // Vimeo alone: external media is granted, YouTube is not, and its videos wait.
    let vimeo = decide(&app, &[("choice", "save"), ("service", "vimeo")], &cookie).await;
    let (_, html) = page(&app, "/en/", &consent_pair(&vimeo)).await;
    assert!(
        !html.contains("<iframe") && html.contains("embed-placeholder"),
        "a video of a service not granted stays a placeholder"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn withdrawing_a_service_expires_its_first_party_cookies_and_only_its() {
    let app = TestApp::spawn_configured(configured).await;
    let all = decide(&app, &[("choice", "accept_all")], "").await;
    let consent = consent_pair(&all);
    let jar = format!("{consent}; _pk_id.7.abcd=1; _pk_ses.7.abcd=1; _tag_id=9; other=1");

    // Statistics withdrawn, the tag kept: Matomo's cookies (by pattern) go, the tag's stays.
    let without_matomo = decide(
        &app,
        &[
            ("choice", "save"),
            ("category", "external_media"),
            ("category", "marketing"),
        ],
        &jar,
    )
    .await;
    let expired: Vec<String> = set_cookies(&without_matomo)
        .into_iter()
        .filter(|c| c.contains("Max-Age=0"))
        .map(|c| c.split('=').next().expect("name").to_owned())
        .collect();
    assert_eq!(expired, ["_pk_id.7.abcd", "_pk_ses.7.abcd"]);

    // The tag alone withdrawn (marketing stays for Google Ads): its cookie goes.
    let jar = format!("{}; _tag_id=9", consent_pair(&without_matomo));
    let without_tag = decide(&app, &[("choice", "save"), ("service", "google-ads")], &jar).await;
    let expired: Vec<String> = set_cookies(&without_tag)
        .into_iter()
        .filter(|c| c.contains("Max-Age=0"))
        .map(|c| c.split('=').next().expect("name").to_owned())
        .collect();
    assert_eq!(expired, ["_tag_id"]);

    // A service that is not declared changes nothing.
    let before = app.db().await.consent_log().await.expect("rows").len();
    let unknown = decide(&app, &[("choice", "save"), ("service", "hotjar")], &jar).await;
    assert_eq!(unknown.status(), 400);
    assert!(set_cookies(&unknown).is_empty());
    assert_eq!(
        app.db().await.consent_log().await.expect("rows").len(),
        before
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_policy_page_lists_each_service_with_what_it_keeps() {
    let app = TestApp::spawn_configured(configured).await;
    for (path, purpose, privacy) in [
        ("/en/cookie-policy", "Tag does its job.", "Privacy policy"),
        (
            "/sv/cookie-policy",
            "Tag gör sitt jobb.",
            "Integritetspolicy",
        ),
    ] {
        let (_, html) = page(&app, path, "").await;
        let start = html.find(r#"data-service="tag""#).expect("the tag's rows");
        let group = &html[start..start + html[start..].find("</tbody>").expect("end")];
        for part in [
            purpose,
            privacy,
            "https://tag.example/privacy",
            "_tag_id",
            "tag:*",
        ] {
            assert!(group.contains(part), "{path}: {part} missing from {group}");
        }
        let matomo = html
            .find(r#"data-service="matomo""#)
            .expect("Matomo's rows");
        assert!(html[matomo..].contains("_pk_id.*"), "{path}");
        assert!(
            html[matomo..].contains("30 min"),
            "{path}: a lifetime in minutes"
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_cookie_from_before_services_grants_whole_categories() {
    let app = TestApp::spawn_configured(configured).await;
    let services = declared();
    let record = ConsentRecord {
        id: [3; 16],
        revision: 1,
        granted: domain::consent::CategorySet::necessary().with(Category::Statistics),
        services: ServiceSet::NONE,
        issued_at: crate::common::now(),
    };
    // Format 1 had no services: sign it as it was written then.
    let value = key().encode(&record, &services);
    let mut parts: Vec<&str> = value.split('.').collect();
    assert_eq!(parts[0], "2");
    parts.remove(4);
    parts.pop();
    let payload = format!("1.{}", parts[1..].join("."));
    let old = format!("{payload}.{}", sign(&payload));
    let (_, html) = page(&app, "/en/", &format!("consent={old}")).await;
    assert!(
        html.contains(r#"src="https://stats.example/matomo.js""#),
        "statistics granted before services still covers Matomo"
    );
}

fn sign(payload: &str) -> String {
    use hmac::Mac;
    let mut mac =
        <hmac::Hmac<sha2::Sha256> as Mac>::new_from_slice(crate::common::SECRET.as_bytes())
            .expect("any length");
    mac.update(payload.as_bytes());
    mac.finalize()
        .into_bytes()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}
