//! Logos against the real server, on both storage backends: the hostile corpus, size limits,
//! hostile file names, serving, replacing and removing, ownership, and the showcase.

mod common;

use std::{
    path::Path,
    process::{Child, Command, Stdio},
};

use app::domain::consent::ConsentMode;
use common::{Browser, PASSWORD, TestApp, location};
use server::logos::{Backend, LogoSettings, LogoStore};

fn corpus(name: &str) -> Vec<u8> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/corpus")
        .join(name);
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// How the server must answer a corpus file.
enum Expect {
    /// Stored as a clean PNG no larger than this box.
    Stored,
    /// Refused with this status and message.
    Refused(u16, &'static str),
}

const UNSUPPORTED: &str = "is not a PNG, JPEG, WebP or SVG image";
const BROKEN: &str = "damaged or cannot be read";
const PIXELS: &str = "at most 4096 × 4096 pixels";

fn expectations() -> Vec<(&'static str, Expect)> {
    use Expect::{Refused, Stored};
    vec![
        ("ok-logo.png", Stored),
        ("ok-large.jpg", Stored),
        ("ok-logo.webp", Stored),
        ("ok-logo.svg", Stored),
        ("gps-exif.jpg", Stored),
        ("polyglot-html.png", Stored),
        ("svg-script.svg", Stored),
        ("svg-onload.svg", Stored),
        ("svg-foreign-object.svg", Stored),
        ("svg-external-href.svg", Stored),
        ("svg-xlink-file.svg", Stored),
        ("svg-huge-canvas.svg", Stored),
        ("svg-xxe.svg", Refused(422, BROKEN)),
        ("svg-billion-laughs.svg", Refused(422, BROKEN)),
        ("gif-named.png", Refused(422, UNSUPPORTED)),
        ("html-named.png", Refused(422, UNSUPPORTED)),
        ("text.svg", Refused(422, UNSUPPORTED)),
        ("empty.png", Refused(422, "Choose an image file first.")),
        ("truncated.png", Refused(422, BROKEN)),
        ("corrupt.png", Refused(422, BROKEN)),
        ("truncated.jpg", Refused(422, BROKEN)),
        ("corrupt.jpg", Refused(422, BROKEN)),
        ("flood-20000x20000.png", Refused(422, PIXELS)),
        ("bomb-4000x4000-rgba16.png", Refused(422, PIXELS)),
    ]
}

/// PNG chunk types in a file.
fn png_chunks(png: &[u8]) -> Vec<String> {
    let mut chunks = Vec::new();
    let mut at = 8;
    while at + 8 <= png.len() {
        let len = u32::from_be_bytes(png[at..at + 4].try_into().expect("len")) as usize;
        chunks.push(String::from_utf8_lossy(&png[at + 4..at + 8]).into_owned());
        at += 12 + len;
    }
    chunks
}

fn png_size(png: &[u8]) -> (u32, u32) {
    let w = u32::from_be_bytes(png[16..20].try_into().expect("w"));
    let h = u32::from_be_bytes(png[20..24].try_into().expect("h"));
    (w, h)
}

async fn registered<'a>(app: &'a TestApp, email: &str) -> Browser<'a> {
    let mut browser = Browser::new(app);
    browser.register("Acme AB", email, PASSWORD).await;
    browser
}

/// The logo on the account page: its URL, if any.
async fn current_logo(browser: &mut Browser<'_>) -> Option<String> {
    let (_, html) = browser.text("/en/account").await;
    let at = html.find("class=\"logo-current\"")?;
    let tag_start = html[..at].rfind('<')?;
    let tag = &html[tag_start..at + html[at..].find('>')?];
    let src = tag.split("src=\"").nth(1)?.split('"').next()?;
    Some(src.to_owned())
}

async fn corpus_run(app: &TestApp, store: &LogoStore) {
    let mut browser = registered(app, "corpus@acme.example").await;
    for (name, expect) in expectations() {
        let before_objects = store.list().await.expect("list");
        let before_logo = current_logo(&mut browser).await;
        // Whatever the browser claims, the bytes decide.
        let response = browser.upload(corpus(name), name, "image/png").await;
        let status = response.status().as_u16();
        match expect {
            Expect::Stored => {
                assert_eq!(status, 303, "{name}: stored");
                assert_eq!(location(&response), "/en/account?done=logo");
                let url = current_logo(&mut browser).await.expect("a logo");
                let served = browser.get(&url).await;
                assert_eq!(served.status().as_u16(), 200, "{name}");
                let png = served.bytes().await.expect("png").to_vec();
                assert!(png.starts_with(b"\x89PNG\r\n\x1a\n"), "{name}: a PNG");
                let (w, h) = png_size(&png);
                assert!(w <= 512 && h <= 512 && w > 0 && h > 0, "{name}: {w}×{h}");
                let chunks = png_chunks(&png);
                for kind in ["eXIf", "tEXt", "iTXt", "zTXt"] {
                    assert!(
                        !chunks.iter().any(|c| c == kind),
                        "{name}: {kind} in {chunks:?}"
                    );
                }
                for needle in [
                    &b"<script"[..],
                    b"Exif",
                    b"GPS",
                    b"CameraMaker",
                    b"evil.example",
                ] {
                    assert!(
                        !png.windows(needle.len()).any(|w| w == needle),
                        "{name}: {}",
                        String::from_utf8_lossy(needle)
                    );
                }
                let hash = url
                    .trim_start_matches("/logos/")
                    .trim_end_matches(".png")
                    .to_owned();
                assert_eq!(
                    store.list().await.expect("list"),
                    vec![format!("{hash}.png")],
                    "{name}: only the current logo is kept"
                );
            }
            Expect::Refused(code, message) => {
                assert_eq!(status, code, "{name}: refused");
                let html = response.text().await.expect("body");
                assert!(html.contains(message), "{name}: {message}");
                assert_eq!(
                    store.list().await.expect("list"),
                    before_objects,
                    "{name}: storage unchanged"
                );
                assert_eq!(
                    current_logo(&mut browser).await,
                    before_logo,
                    "{name}: logo unchanged"
                );
            }
        }
    }

    // A 50 MB upload is refused by its size, and nothing is kept.
    let before = store.list().await.expect("list");
    let big = vec![0x42u8; 50 * 1024 * 1024];
    let response = browser.upload(big, "big.png", "image/png").await;
    assert_eq!(response.status().as_u16(), 413);
    assert!(
        response
            .text()
            .await
            .expect("body")
            .contains("The file is too large")
    );
    assert_eq!(store.list().await.expect("list"), before);

    // Hostile names change nothing about where the file goes.
    for name in [
        "../../../../etc/passwd.png",
        "..\\..\\x.png",
        "/abs/path.png",
        "%2e%2e%2fx.png",
    ] {
        let response = browser
            .upload(corpus("ok-logo.png"), name, "text/html")
            .await;
        assert_eq!(response.status().as_u16(), 303, "{name:?}");
    }
    // Control characters break the form itself: refused, clearly, with nothing kept.
    let before = store.list().await.expect("list");
    let response = browser
        .upload(corpus("ok-logo.webp"), "a\u{0}b\r\n.png", "image/png")
        .await;
    let status = response.status().as_u16();
    if status != 303 {
        assert_eq!(status, 422);
        assert!(response.text().await.expect("body").contains(BROKEN));
        assert_eq!(store.list().await.expect("list"), before);
    }
    for object in store.list().await.expect("list") {
        let hash = object.trim_end_matches(".png");
        assert!(app::domain::logo::is_logo_hash(hash), "{object}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_hostile_corpus_on_local_disk() {
    let app = TestApp::spawn_configured(|s| s.consent.mode = ConsentMode::Granular).await;
    let store = LogoStore::open(&LogoSettings::default(), &app.data_dir()).expect("store");
    corpus_run(&app, &store).await;
    // Nothing outside the logo folder appeared, nothing half-written inside it.
    let names: Vec<String> = std::fs::read_dir(app.data_dir().join("logos"))
        .expect("dir")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    assert!(
        names
            .iter()
            .all(|n| n.ends_with(".png") && !n.contains('#')),
        "{names:?}"
    );
    assert!(!app.data_dir().join("etc").exists());
}

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
        assert_eq!(app.get(bad).await.status().as_u16(), 404, "{bad}");
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
    assert!(
        html.contains(r#"href="https://www.linkedin.com/company/x" rel="noopener noreferrer""#)
    );
    assert!(
        html.contains(r#"loading="lazy""#)
            && html.contains(r#"width="64""#)
            && html.contains(r#"height="48""#)
    );
    assert!(!html.contains("<iframe") && !html.contains("<script src=\"http"));
    let (_, menu) = app.page("/en/").await;
    assert!(menu.contains(r#"href="/en/showcase""#), "in the menu");
}

/// An S3-compatible server (moto) on a free loopback port, stopped on drop.
struct Moto {
    child: Child,
    endpoint: String,
}

impl Drop for Moto {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

async fn start_moto() -> Moto {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .expect("port")
        .local_addr()
        .expect("addr")
        .port();
    start_moto_on(port).await
}

async fn start_moto_on(port: u16) -> Moto {
    let binary = std::env::var("MOTO_SERVER").unwrap_or_else(|_| "moto_server".into());
    let child = Command::new(&binary)
        .args(["-H", "127.0.0.1", "-p", &port.to_string()])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap_or_else(|e| {
            panic!("the S3 test needs `{binary}` (pip install 'moto[server]'): {e}")
        });
    let endpoint = format!("http://127.0.0.1:{port}");
    let client = reqwest::Client::new();
    for _ in 0..100 {
        if client.get(&endpoint).send().await.is_ok() {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    let created = client
        .put(format!("{endpoint}/logos"))
        .send()
        .await
        .expect("create bucket");
    assert!(
        created.status().is_success(),
        "bucket: {}",
        created.status()
    );
    Moto { child, endpoint }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_hostile_corpus_on_s3_compatible_storage() {
    let moto = start_moto().await;
    let settings = LogoSettings {
        backend: Backend::S3,
        s3_endpoint: moto.endpoint.clone(),
        s3_bucket: "logos".into(),
        s3_region: "us-east-1".into(),
        s3_access_key_id: Some("test-key".into()),
        s3_secret_access_key: Some(common::toml_secret("test-secret")),
        ..LogoSettings::default()
    };
    let store = LogoStore::open(&settings, Path::new("/nonexistent")).expect("store");
    let configured = settings.clone();
    let app = TestApp::spawn_configured(move |s| {
        s.consent.mode = ConsentMode::Granular;
        s.logos = configured;
    })
    .await;
    corpus_run(&app, &store).await;
    assert!(
        !app.data_dir().join("logos").exists(),
        "nothing on local disk"
    );
    let mut browser = Browser::new(&app);
    browser.register("S3 AB", "s3@acme.example", PASSWORD).await;
    browser
        .upload(corpus("ok-logo.webp"), "w.webp", "image/webp")
        .await;
    let url = current_logo(&mut browser).await.expect("logo");
    let served = app.get(&url).await;
    assert_eq!(served.status().as_u16(), 200);
    assert_eq!(
        served.headers()["cache-control"],
        "public, max-age=31536000, immutable"
    );
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
        s3_secret_access_key: Some(common::toml_secret("test-secret")),
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
    assert_eq!(app.get("/readyz").await.status().as_u16(), 200);
    let upload = browser
        .upload(corpus("ok-logo.webp"), "b.webp", "image/webp")
        .await;
    assert_eq!(upload.status().as_u16(), 303);
    let url = current_logo(&mut browser).await.expect("logo");
    assert_eq!(app.get(&url).await.status().as_u16(), 200);
}
