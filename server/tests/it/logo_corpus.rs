//! The hostile-file corpus (`tests/corpus/`, made by `make.py`), a 50 MB body and hostile file
//! names against the real server, on local disk and on an S3-compatible server: every file is
//! refused with its message or stored only as a clean, re-encoded PNG; nothing partial remains.

use std::path::Path;

use crate::common::{
    Browser, PASSWORD, TestApp, corpus, current_logo, location, moto::start_moto, registered,
};
use domain::consent::ConsentMode;
use server::logos::{Backend, LogoSettings, LogoStore};

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
        assert!(domain::logo::is_logo_hash(hash), "{object}");
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
async fn the_hostile_corpus_on_s3_compatible_storage() {
    let moto = start_moto().await;
    let settings = LogoSettings {
        backend: Backend::S3,
        s3_endpoint: moto.endpoint.clone(),
        s3_bucket: "logos".into(),
        s3_region: "us-east-1".into(),
        s3_access_key_id: Some("test-key".into()),
        s3_secret_access_key: Some(crate::common::toml_secret("test-secret")),
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
