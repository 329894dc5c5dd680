//! Start-up and the `check-content` command refuse broken content and say which file is wrong.

use std::{path::Path, process::Command};

use crate::common::content_dir;
use server::{Application, Settings};

fn broken_content() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    let write = |rel: &str, text: &str| {
        let path = dir.path().join(rel);
        std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
        std::fs::write(path, text).expect("write");
    };
    write("en/_index.md", "---\ntitle: Home\n---\nHello");
    write(
        "en/broken.md",
        "---\ntitle: Broken\ndate: someday\n---\nText",
    );
    write("sv/_index.md", "no front matter here");
    dir
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn start_up_stops_on_broken_front_matter_naming_the_files() {
    let content = broken_content();
    let data = tempfile::tempdir().expect("temp dir");
    let settings = Settings {
        bind: "127.0.0.1:0".parse().expect("address"),
        content_dir: content.path().to_owned(),
        data_dir: data.path().to_owned(),
        ..Settings::default()
    };
    let error = Application::build(settings)
        .await
        .expect_err("must not start")
        .to_string();
    assert!(error.contains("broken.md: front matter: date"), "{error}");
    assert!(
        error.contains("_index.md: the file must start with a front matter block"),
        "{error}"
    );
}

fn check_content(dir: &Path) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_server"))
        .arg("check-content")
        .arg(dir)
        .env_remove("PORTAL_CONFIG")
        .output()
        .expect("runs")
}

#[test]
fn check_content_command_validates_without_serving() {
    let ok = check_content(&content_dir());
    assert!(
        ok.status.success(),
        "{}",
        String::from_utf8_lossy(&ok.stderr)
    );
    // Every markdown file, nested sections included (none is a draft, and no news list is
    // long enough for a second page).
    fn count(dir: &Path) -> usize {
        std::fs::read_dir(dir)
            .expect("folder")
            .filter_map(Result::ok)
            .map(|e| {
                let path = e.path();
                if path.is_dir() {
                    count(&path)
                } else {
                    usize::from(path.extension().is_some_and(|x| x == "md"))
                }
            })
            .sum()
    }
    let pages: usize = ["sv", "en"]
        .iter()
        .map(|lang| count(&content_dir().join(lang)))
        .sum();
    let stdout = String::from_utf8_lossy(&ok.stdout);
    assert!(
        stdout.contains(&format!("content OK: {pages} pages")),
        "{stdout}"
    );

    let content = broken_content();
    let bad = check_content(content.path());
    assert!(!bad.status.success());
    let stderr = String::from_utf8_lossy(&bad.stderr);
    assert!(stderr.contains("2 problem(s)"), "{stderr}");
    assert!(stderr.contains("broken.md"), "{stderr}");
}

#[test]
fn a_bad_config_file_is_refused_clearly() {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("portal.toml");
    std::fs::write(&file, "public_url = \"ftp://nope\"\n").expect("write");
    let out = Command::new(env!("CARGO_BIN_EXE_server"))
        .args([
            "--config",
            file.to_str().expect("utf-8 path"),
            "check-content",
        ])
        .output()
        .expect("runs");
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("public_url"), "{stderr}");
}

#[test]
fn migrate_creates_the_schema_and_exits() {
    let data = tempfile::tempdir().expect("dir");
    let run = || {
        Command::new(env!("CARGO_BIN_EXE_server"))
            .arg("migrate")
            .env_remove("PORTAL_CONFIG")
            .env("PORTAL_DATA_DIR", data.path().join("db"))
            .output()
            .expect("runs")
    };
    for _ in 0..2 {
        let out = run();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(String::from_utf8_lossy(&out.stdout).contains("database schema up to date"));
    }
    assert!(data.path().join("db/portal.db").is_file());
}

/// On the PostgreSQL pass of the tests (the SQLite pass has no network connection to secure):
/// `sslmode=require` and `verify-ca` work, so the database can be reached over TLS.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn postgres_connections_can_require_tls() {
    let app = crate::common::TestApp::spawn().await;
    if app.database_url.is_empty() {
        return;
    }
    let data = tempfile::tempdir().expect("temp dir");
    let required = format!("{}?sslmode=require", app.database_url);
    let db = server::db::Db::connect(&required, data.path())
        .await
        .expect("a TLS connection with sslmode=require");
    db.ping().await.expect("ping over TLS");
    // The test cluster's certificate (Debian's snakeoil one, issued to `localhost`) as the
    // trusted root: the certificate and the host name are both checked.
    let root = "/etc/ssl/certs/ssl-cert-snakeoil.pem";
    if Path::new(root).is_file() && app.database_url.contains("@127.0.0.1:") {
        let verified = format!(
            "{}?sslmode=verify-full&sslrootcert={root}",
            app.database_url.replace("@127.0.0.1:", "@localhost:")
        );
        server::db::Db::connect(&verified, data.path())
            .await
            .expect("a TLS connection that verifies the server's certificate");
    }
    // A server that cannot do TLS is refused when TLS is required, not used in plain text.
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("port");
    let port = listener.local_addr().expect("addr").port();
    std::thread::spawn(move || {
        use std::io::{Read, Write};
        for mut stream in listener.incoming().flatten().take(4) {
            let mut request = [0u8; 8];
            let _ = stream.read_exact(&mut request);
            // "N": this server does not speak TLS.
            let _ = stream.write_all(b"N");
        }
    });
    let plain = format!("postgres://u:p@127.0.0.1:{port}/db?sslmode=require");
    assert!(server::db::Db::connect(&plain, data.path()).await.is_err());
}
