//! The real server binary as a process: JSON logs that carry request ids and no personal
//! data, the development outbox, a graceful stop under load, memory mapped in small pages and
//! the allocator's settings.

use std::{
    io::{BufRead, BufReader},
    process::{Child, Command, Stdio},
    sync::{
        Arc,
        atomic::{AtomicUsize, Ordering},
    },
    time::Duration,
};

use crate::common::{ORIGIN, content_dir, sitemap_paths, status_number};

/// The server binary with JSON logs on a free port.
pub(crate) struct Process {
    pub(crate) child: Child,
    pub(crate) base: String,
    pub(crate) lines: Arc<std::sync::Mutex<Vec<String>>>,
}

impl Drop for Process {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

async fn start_binary(data: &std::path::Path) -> Process {
    start_binary_on(data, &content_dir()).await
}

/// The server binary on `content`, its data in `data`, logging JSON lines into `lines`.
pub(crate) async fn start_binary_on(data: &std::path::Path, content: &std::path::Path) -> Process {
    start_binary_with(data, content, &[]).await
}

/// [`start_binary_on`] with more environment variables (`env` wins).
pub(crate) async fn start_binary_with(
    data: &std::path::Path,
    content: &std::path::Path,
    env: &[(&str, &str)],
) -> Process {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .expect("port")
        .local_addr()
        .expect("addr")
        .port();
    let mut child = Command::new(env!("CARGO_BIN_EXE_server"))
        .env_remove("PORTAL_CONFIG")
        .env_remove("RUST_LOG")
        .env("PORTAL_BIND", format!("127.0.0.1:{port}"))
        // Its own ops port: binaries started by tests running at the same time must not
        // compete for the default one.
        .env("PORTAL_OPS_BIND", "127.0.0.1:0")
        .env("PORTAL_PUBLIC_URL", ORIGIN)
        .env("PORTAL_CONTENT_DIR", content)
        .env("PORTAL_DATA_DIR", data)
        .env("PORTAL_SITE_DIR", data.join("site"))
        .env("PORTAL_LOG_FORMAT", "json")
        .env(
            "PORTAL_LOG_LEVEL",
            "debug,sqlx=warn,hyper=warn,h2=warn,tower=warn",
        )
        .env("PORTAL_CONSENT__MODE", "granular")
        .env("PORTAL_SHUTDOWN_GRACE_SECONDS", "1")
        .envs(env.iter().copied())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("server starts");
    let lines = Arc::new(std::sync::Mutex::new(Vec::new()));
    for stream in [
        Box::new(child.stdout.take().expect("stdout")) as Box<dyn std::io::Read + Send>,
        Box::new(child.stderr.take().expect("stderr")),
    ] {
        let lines = lines.clone();
        std::thread::spawn(move || {
            for line in BufReader::new(stream).lines().map_while(Result::ok) {
                lines.lock().expect("lock").push(line);
            }
        });
    }
    let base = format!("http://127.0.0.1:{port}");
    let client = reqwest::Client::new();
    for _ in 0..200 {
        if client.get(format!("{base}/healthz")).send().await.is_ok() {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    Process { child, base, lines }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn json_logs_carry_request_ids_and_no_personal_data() {
    let data = tempfile::tempdir().expect("dir");
    let server = start_binary(data.path()).await;
    let client = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("client");
    let email = "secret.person@acme.example";
    let password = "my very secret passphrase";
    let registered = client
        .post(format!("{}/en/register", server.base))
        .header("origin", ORIGIN)
        .form(&[
            ("company", "Log AB"),
            ("email", email),
            ("password", password),
        ])
        .send()
        .await
        .expect("register");
    assert_eq!(registered.status().as_u16(), 303);
    let logged_in = client
        .post(format!("{}/en/login", server.base))
        .header("origin", ORIGIN)
        .form(&[("email", email), ("password", password)])
        .send()
        .await
        .expect("login");
    let cookie = logged_in.headers()["set-cookie"]
        .to_str()
        .expect("ascii")
        .to_owned();
    let session = cookie
        .split(';')
        .next()
        .expect("pair")
        .split('=')
        .nth(1)
        .expect("value");
    client
        .get(format!("{}/en/account", server.base))
        .header("cookie", format!("__Host-session={session}"))
        .send()
        .await
        .expect("account");
    client
        .post(format!("{}/en/login", server.base))
        .header("origin", ORIGIN)
        .form(&[("email", email), ("password", "wrong wrong wrong")])
        .send()
        .await
        .expect("login");
    tokio::time::sleep(Duration::from_millis(300)).await;
    let lines = server.lines.lock().expect("lock").clone();
    assert!(lines.len() > 3, "{lines:?}");
    let mut with_request = 0;
    for line in &lines {
        let json: serde_json::Value =
            serde_json::from_str(line).unwrap_or_else(|_| panic!("not JSON: {line}"));
        if json["span"]["name"] == "request" {
            with_request += 1;
            let id = json["span"]["request_id"].as_str().expect("request id");
            assert_eq!(id.len(), 16, "{line}");
        }
        for secret in [email, password, session, "127.0.0.1:"] {
            if secret == "127.0.0.1:" && line.contains("listening") {
                continue; // the server's own address
            }
            assert!(!line.contains(secret), "{secret} logged: {line}");
        }
    }
    assert!(
        with_request > 0,
        "request lines carry their span: {lines:?}"
    );
    // Without SMTP the verification mail went to the outbox. This site is public (https):
    // its link, as good as a password, is not logged; the address is not either.
    let outbox = lines
        .iter()
        .find(|l| l.contains("mail written to the outbox"))
        .expect("the outbox line");
    let json: serde_json::Value = serde_json::from_str(outbox).expect("json");
    assert!(json["fields"].get("link").is_none(), "{outbox}");
    assert!(!outbox.contains("token="), "{outbox}");
    let file = json["fields"]["file"].as_str().unwrap_or_default();
    let mail = std::fs::read_to_string(file).expect("the mail file");
    assert!(mail.contains("/en/verify?token="), "the file has it");
    assert!(
        lines.iter().any(|l| l.contains("nobody receives it")),
        "start-up warns that mail goes nowhere"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_development_site_logs_the_outbox_links() {
    let data = tempfile::tempdir().expect("dir");
    let server = start_binary_with(data.path(), &content_dir(), &[("PORTAL_PUBLIC_URL", "")]).await;
    let registered = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("client")
        .post(format!("{}/en/register", server.base))
        .form(&[
            ("company", "Dev AB"),
            ("email", "dev@acme.example"),
            ("password", "my very secret passphrase"),
        ])
        .send()
        .await
        .expect("register");
    assert_eq!(registered.status().as_u16(), 303);
    let mut link = None;
    for _ in 0..50 {
        tokio::time::sleep(Duration::from_millis(100)).await;
        let lines = server.lines.lock().expect("lock").clone();
        link = lines
            .iter()
            .filter(|l| l.contains("mail written to the outbox"))
            .find_map(|l| {
                let json: serde_json::Value = serde_json::from_str(l).ok()?;
                json["fields"]["link"].as_str().map(str::to_owned)
            });
        if link.is_some() {
            break;
        }
    }
    let link = link.expect("the link is logged for the developer");
    assert!(link.starts_with("http://127.0.0.1:"), "{link}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sigterm_under_load_finishes_every_request() {
    let data = tempfile::tempdir().expect("dir");
    let mut server = start_binary(data.path()).await;
    let ok = Arc::new(AtomicUsize::new(0));
    let failed = Arc::new(AtomicUsize::new(0));
    // Like a balancer's health check: once `/readyz` says 503, no new requests are sent.
    let ready = Arc::new(std::sync::atomic::AtomicBool::new(true));
    let monitor = {
        let (base, ready) = (server.base.clone(), ready.clone());
        tokio::spawn(async move {
            let client = reqwest::Client::new();
            loop {
                let status = client
                    .get(format!("{base}/readyz"))
                    .send()
                    .await
                    .map(|r| r.status());
                if !matches!(status, Ok(s) if s.is_success()) {
                    ready.store(false, Ordering::SeqCst);
                    break;
                }
                tokio::time::sleep(Duration::from_millis(50)).await;
            }
        })
    };
    let mut workers = Vec::new();
    for n in 0..8 {
        let (base, ok, failed, ready) = (
            server.base.clone(),
            ok.clone(),
            failed.clone(),
            ready.clone(),
        );
        workers.push(tokio::spawn(async move {
            // A new connection per request: a refused connection means the server has
            // stopped listening (not a failed request); anything else started must succeed.
            let client = reqwest::Client::builder()
                .pool_max_idle_per_host(0)
                .build()
                .expect("client");
            let path = if n % 2 == 0 {
                "/en/cookie-policy"
            } else {
                "/en/showcase"
            };
            while ready.load(Ordering::SeqCst) {
                match client.get(format!("{base}{path}")).send().await {
                    Ok(response) if response.status().is_success() => {
                        match response.bytes().await {
                            Ok(_) => ok.fetch_add(1, Ordering::SeqCst),
                            Err(_) => failed.fetch_add(1, Ordering::SeqCst),
                        };
                    }
                    Ok(_) => {
                        failed.fetch_add(1, Ordering::SeqCst);
                    }
                    Err(e) if e.is_connect() => break,
                    Err(_) => {
                        failed.fetch_add(1, Ordering::SeqCst);
                    }
                }
            }
        }));
    }
    tokio::time::sleep(Duration::from_millis(800)).await;
    let pid = server.child.id().to_string();
    let signalled = Command::new("kill")
        .args(["-TERM", &pid])
        .status()
        .expect("kill");
    assert!(signalled.success());
    for worker in workers {
        tokio::time::timeout(Duration::from_secs(20), worker)
            .await
            .expect("workers stop once the server is gone")
            .expect("worker");
    }
    monitor.await.expect("monitor");
    let status = server.child.wait().expect("exit");
    assert!(status.success(), "a clean exit: {status:?}");
    let (ok, failed) = (ok.load(Ordering::SeqCst), failed.load(Ordering::SeqCst));
    println!("graceful stop: {ok} requests answered, {failed} failed");
    assert!(ok > 50, "the load ran: {ok}");
    assert_eq!(failed, 0);
}

/// The server turns transparent huge pages off for itself: with them (the kernel's `always`
/// setting), the allocator's regions became resident 2 MiB at a time and the idle server held
/// 45-60 MB instead of about 20.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_server_maps_its_memory_in_small_pages() {
    let data = tempfile::tempdir().expect("dir");
    let server = start_binary(data.path()).await;
    let client = reqwest::Client::new();
    for path in ["/en/", "/en/cookie-policy", "/sv/", "/en/about"] {
        let page = client
            .get(format!("{}{path}", server.base))
            .send()
            .await
            .expect("page");
        assert_eq!(page.status().as_u16(), 200, "{path}");
    }
    let status = std::fs::read_to_string(format!("/proc/{}/status", server.child.id()))
        .expect("the server's status");
    // Kernels before 6.x do not report it; then there is nothing to check.
    if let Some(thp) = status.lines().find_map(|l| l.strip_prefix("THP_enabled:")) {
        assert_eq!(thp.trim(), "0", "{status}");
    }
    let anon_kib = status_number(&server.child.id().to_string(), "RssAnon");
    // About 10 MiB in a debug build; a huge page per touched region made it 40 or more.
    assert!(anon_kib < 32 * 1024, "anonymous memory {anon_kib} KiB");
}

/// The server's thread count (Linux).
fn thread_count(pid: u32) -> u64 {
    status_number(&pid.to_string(), "Threads")
}

/// Threads that did blocking work (here: compressing every page for the page cache at once)
/// end about a second after it: each kept about 1 MB of freed memory for as long as it lived,
/// ten seconds by the runtime's default.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn threads_of_blocking_work_end_soon_after_it() {
    let data = tempfile::tempdir().expect("dir");
    let server = start_binary(data.path()).await;
    let client = reqwest::Client::new();
    let sitemap = client
        .get(format!("{}/sitemap.xml", server.base))
        .send()
        .await
        .expect("sitemap")
        .text()
        .await
        .expect("body");
    let paths = sitemap_paths(&sitemap);
    assert!(paths.len() >= 10, "{sitemap}");
    tokio::time::sleep(Duration::from_secs(2)).await;
    let idle = thread_count(server.child.id());
    let pages = futures_util::future::join_all(
        paths
            .iter()
            .map(|path| client.get(format!("{}{path}", server.base)).send()),
    )
    .await;
    assert!(
        pages
            .iter()
            .all(|p| p.as_ref().is_ok_and(|p| p.status().is_success()))
    );
    let busy = thread_count(server.child.id());
    assert!(
        busy > idle,
        "the pages were compressed on blocking threads: {idle} -> {busy}"
    );
    tokio::time::sleep(Duration::from_secs(4)).await;
    let after = thread_count(server.child.id());
    assert!(
        after <= idle,
        "blocking threads still alive 4 s later: {idle} -> {busy} -> {after}"
    );
}

/// The allocator's settings in the environment of the server binary started with `env`, once
/// it serves (read from `/proc/<pid>/environ`, Linux), sorted.
async fn allocator_settings_when_started_with(env: &[(&str, &str)]) -> Vec<String> {
    let data = tempfile::tempdir().expect("data");
    let server = start_binary_with(data.path(), &content_dir(), env).await;
    let response = reqwest::get(format!("{}/healthz", server.base))
        .await
        .expect("serves");
    assert!(response.status().is_success());
    let environ = std::fs::read(format!("/proc/{}/environ", server.child.id())).expect("environ");
    let mut settings: Vec<String> = environ
        .split(|b| *b == 0)
        .map(|v| String::from_utf8_lossy(v).into_owned())
        .filter(|v| v.starts_with("MIMALLOC_"))
        .collect();
    settings.sort();
    settings
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_server_runs_with_the_allocator_settings_and_an_operators_value_wins() {
    assert_eq!(
        allocator_settings_when_started_with(&[]).await,
        ["MIMALLOC_ARENA_EAGER_COMMIT=0", "MIMALLOC_PURGE_DELAY=0"],
        "the same process (its PID) serves, with both settings"
    );
    assert_eq!(
        allocator_settings_when_started_with(&[("MIMALLOC_PURGE_DELAY", "250")]).await,
        ["MIMALLOC_ARENA_EAGER_COMMIT=0", "MIMALLOC_PURGE_DELAY=250"]
    );
}
