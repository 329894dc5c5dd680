//! The server binary started the way the docs show (`PORTAL_BIND` on another port, no
//! `PORTAL_PUBLIC_URL`): its links name the port it listens on, and a form post whose only
//! evidence is a matching `Origin` is accepted while any other `Origin` is refused.

use std::{
    process::{Child, Command, Stdio},
    time::{Duration, Instant},
};

use crate::common::content_dir;

/// The server process, stopped when the test ends however it ends.
struct Server(Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("a free port")
        .port()
}

async fn start(port: u16, data: &std::path::Path) -> Server {
    let server = Server(
        Command::new(env!("CARGO_BIN_EXE_server"))
            .env_remove("PORTAL_CONFIG")
            .env_remove("PORTAL_PUBLIC_URL")
            .env_remove("LEPTOS_SITE_ADDR")
            .env("PORTAL_BIND", format!("127.0.0.1:{port}"))
            .env("PORTAL_OPS_BIND", format!("127.0.0.1:{}", free_port()))
            .env("PORTAL_CONTENT_DIR", content_dir())
            .env("PORTAL_DATA_DIR", data)
            .env("PORTAL_LOG_LEVEL", "warn")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("the server starts"),
    );
    let deadline = Instant::now() + Duration::from_secs(30);
    let url = format!("http://127.0.0.1:{port}/en/");
    while reqwest::get(&url).await.is_err() {
        assert!(Instant::now() < deadline, "the server did not answer");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    server
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_server_on_another_port_names_that_port_and_accepts_its_own_origin() {
    let data = tempfile::tempdir().expect("temp dir");
    let port = free_port();
    let _server = start(port, data.path()).await;
    let base = format!("http://127.0.0.1:{port}");

    let page = reqwest::get(format!("{base}/en/cookie-policy"))
        .await
        .expect("page")
        .text()
        .await
        .expect("body");
    assert_eq!(
        link_hrefs(&page, r#"rel="canonical""#),
        [format!("{base}/en/cookie-policy")]
    );
    assert_eq!(
        link_hrefs(&page, r#"hreflang="sv""#),
        [format!("{base}/sv/cookie-policy")]
    );
    assert!(
        !page.contains("127.0.0.1:3000"),
        "no trace of the default port"
    );

    let client = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("client");
    let post = |origin: Option<&str>| {
        let mut request = client
            .post(format!("{base}/consent"))
            .header("content-type", "application/x-www-form-urlencoded")
            .body("choice=accept_all&return_to=/en/&lang=en");
        if let Some(origin) = origin {
            request = request.header("origin", origin);
        }
        request.send()
    };
    let status = |r: reqwest::Response| r.status().as_u16();
    assert_eq!(
        status(post(Some(&base)).await.expect("post")),
        303,
        "own Origin"
    );
    for foreign in [
        "http://127.0.0.1:3000",
        "http://localhost:3000",
        "https://evil.example",
        "null",
    ] {
        assert_eq!(
            status(post(Some(foreign)).await.expect("post")),
            403,
            "Origin {foreign}"
        );
    }
    assert_eq!(
        status(post(None).await.expect("post")),
        303,
        "neither header: not a browser, no visitor's cookies to abuse"
    );
}

/// The `href` of every `<link>` in `page` that has `attribute` (written as in the HTML).
fn link_hrefs(page: &str, attribute: &str) -> Vec<String> {
    page.split("<link ")
        .skip(1)
        .filter_map(|tag| tag.split('>').next())
        .filter(|tag| tag.contains(attribute))
        .filter_map(|tag| {
            let href = tag.split("href=\"").nth(1)?;
            Some(href.split('"').next()?.to_owned())
        })
        .collect()
}
