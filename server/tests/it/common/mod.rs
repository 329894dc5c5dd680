//! A real server on port 0 with a throwaway data folder, and an HTTP client that keeps
//! cookies and does not follow redirects.

use std::path::{Path, PathBuf};

mod browser;
mod database;
pub mod mail;
pub mod moto;
mod process;

pub use process::{ran_alone, rss_kib, server_command, sitemap_paths, status_number};

use database::{DropDatabase, test_database};
use portal_core::consent_cookie::ConsentKey;
use server::{Application, Settings};

/// A running server for one test; its data folder (and, on PostgreSQL, its database) is
/// removed on drop.
pub struct TestApp {
    pub base: String,
    /// The ops listener (`/metrics`).
    pub ops_base: String,
    pub client: reqwest::Client,
    pub data: tempfile::TempDir,
    /// The database URL the server uses (empty: SQLite in the data folder).
    pub database_url: String,
    /// Drops the test's PostgreSQL database when the app goes (held, never read).
    _dropper: Option<DropDatabase>,
}

/// The consent secret the test servers sign with.
pub const SECRET: &str = "test-secret-test-secret-test-secret-0123";

/// The project's own content folder.
pub fn content_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../content")
}

impl TestApp {
    /// Starts the server on the project's content.
    pub async fn spawn() -> TestApp {
        TestApp::spawn_with(content_dir()).await
    }

    /// Starts the server on another content folder.
    pub async fn spawn_with(content: PathBuf) -> TestApp {
        TestApp::spawn_configured(|s| s.content_dir = content).await
    }

    /// Starts the server with settings adjusted by `adjust`.
    pub async fn spawn_configured(adjust: impl FnOnce(&mut Settings)) -> TestApp {
        TestApp::spawn_timed(adjust, std::sync::Arc::new(server::clock::SystemClock)).await
    }

    /// Starts the server with settings adjusted by `adjust` and sessions timed by `clock`.
    pub async fn spawn_timed(
        adjust: impl FnOnce(&mut Settings),
        clock: std::sync::Arc<dyn server::clock::Clock>,
    ) -> TestApp {
        let data = tempfile::tempdir().expect("temp dir");
        let (database_url, dropper) = match test_database() {
            Some((url, dropper)) => (url, Some(dropper)),
            None => (String::new(), None),
        };
        let mut settings = Settings {
            database_url: (!database_url.is_empty()).then(|| toml_secret(&database_url)),
            bind: "127.0.0.1:0".parse().expect("address"),
            ops_bind: "127.0.0.1:0".parse().expect("address"),
            content_dir: content_dir(),
            data_dir: data.path().join("data"),
            site_dir: data.path().join("site"),
            public_url: "https://portal.example".into(),
            consent_secret: Some(toml_secret(SECRET)),
            // No test calls the real APIs; the status tests turn the checks on.
            apis: server::config::ApiSettings {
                checks: false,
                ..Default::default()
            },
            ..Settings::default()
        };
        adjust(&mut settings);
        let settings = settings.validated().expect("valid settings");
        let app = Application::build_with_clock(settings, clock)
            .await
            .expect("server starts");
        let base = format!("http://127.0.0.1:{}", app.port());
        let ops_base = format!("http://{}", app.ops_address());
        tokio::spawn(app.run_until_stopped());
        let client = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .cookie_store(true)
            .build()
            .expect("client");
        TestApp {
            base,
            ops_base,
            client,
            data,
            database_url,
            _dropper: dropper,
        }
    }

    /// A connection to the server's database.
    pub async fn db(&self) -> server::db::Db {
        server::db::Db::connect(&self.database_url, &self.data_dir())
            .await
            .expect("database")
    }

    /// The table tower-sessions keeps its records in on this backend.
    pub fn sessions_table(&self) -> &'static str {
        if self.database_url.is_empty() {
            "tower_sessions"
        } else {
            "tower_sessions.session"
        }
    }

    /// The server's data folder.
    pub fn data_dir(&self) -> PathBuf {
        self.data.path().join("data")
    }

    /// GET `path` with extra headers.
    pub async fn get_with(&self, path: &str, headers: &[(&str, &str)]) -> reqwest::Response {
        let mut request = self.client.get(format!("{}{path}", self.base));
        for (name, value) in headers {
            request = request.header(*name, *value);
        }
        request.send().await.expect("request")
    }

    /// The Prometheus text from the ops listener.
    pub async fn metrics(&self) -> String {
        self.client
            .get(format!("{}/metrics", self.ops_base))
            .send()
            .await
            .expect("metrics")
            .text()
            .await
            .expect("text")
    }

    /// GET `path`.
    pub async fn get(&self, path: &str) -> reqwest::Response {
        self.get_with(path, &[]).await
    }

    /// GET `path` with the cookies this client has collected.
    pub async fn page_keeping_cookies(&self, path: &str) -> (u16, String) {
        let response = self.get(path).await;
        let status = response.status().as_u16();
        (status, response.text().await.expect("body"))
    }

    /// GET `path` and return status and body text.
    pub async fn page(&self, path: &str) -> (u16, String) {
        let response = self.get(path).await;
        assert!(
            response.headers().get("set-cookie").is_none(),
            "{path} set a cookie"
        );
        let status = response.status().as_u16();
        (status, response.text().await.expect("body"))
    }
}

/// A `Secret` as the configuration would read it.
pub fn toml_secret(text: &str) -> server::config::Secret {
    #[derive(serde::Deserialize)]
    struct Holder {
        secret: server::config::Secret,
    }
    let holder: Holder = toml_from(&format!("secret = \"{text}\""));
    holder.secret
}

fn toml_from<T: serde::de::DeserializeOwned>(text: &str) -> T {
    use figment::providers::Format;
    figment::Figment::from(figment::providers::Toml::string(text))
        .extract()
        .expect("valid toml")
}

pub const ORIGIN: &str = "https://portal.example";

pub fn key() -> ConsentKey {
    ConsentKey::new(SECRET.as_bytes().to_vec()).expect("key")
}

pub async fn post(
    app: &TestApp,
    form: &[(&str, &str)],
    headers: &[(&str, &str)],
) -> reqwest::Response {
    let mut request = app.client.post(format!("{}/consent", app.base)).form(form);
    for (k, v) in headers {
        request = request.header(*k, *v);
    }
    request.send().await.expect("request")
}

pub fn set_cookies(response: &reqwest::Response) -> Vec<String> {
    response
        .headers()
        .get_all("set-cookie")
        .iter()
        .map(|v| v.to_str().expect("ascii").to_owned())
        .collect()
}

/// The consent record a response's `Set-Cookie` stores, checked against the test key.
pub fn stored_consent(response: &reqwest::Response) -> domain::consent::ConsentRecord {
    let cookie = set_cookies(response)
        .into_iter()
        .find(|c| c.starts_with("consent="))
        .expect("a consent cookie");
    let value = cookie
        .split(';')
        .next()
        .expect("pair")
        .trim_start_matches("consent=")
        .to_owned();
    key()
        .decode(&value, &domain::consent::ConsentPolicy::default().services)
        .expect("valid")
}

/// Every service a record's categories hold (the default declaration's, in a test cookie).
pub const ALL_SERVICES: domain::consent::ServiceSet =
    domain::consent::ServiceSet::from_bits(u32::MAX);

/// A consent cookie's value for `record`, signed with the test key, naming the services of the
/// default declaration.
pub fn encode_consent(record: &domain::consent::ConsentRecord) -> String {
    key().encode(record, &domain::consent::ConsentPolicy::default().services)
}

pub async fn page_with_cookie(app: &TestApp, cookie: &str) -> String {
    let response = reqwest::Client::new()
        .get(format!("{}/en/cookie-policy", app.base))
        .header("cookie", cookie)
        .send()
        .await
        .expect("request");
    assert_eq!(
        response.status(),
        200,
        "a bad cookie is never an error page"
    );
    assert!(response.headers().get("set-cookie").is_none());
    response.text().await.expect("body")
}

pub use browser::Browser;

/// A GET sent as written (no client-side normalisation of `..` or `//`): status and the raw
/// response head.
pub async fn raw_get(app: &TestApp, path: &str, extra: &str) -> (u16, String) {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let address = app.base.trim_start_matches("http://");
    let mut stream = tokio::net::TcpStream::connect(address)
        .await
        .expect("connect");
    let request =
        format!("GET {path} HTTP/1.1\r\nHost: {address}\r\n{extra}Connection: close\r\n\r\n");
    stream.write_all(request.as_bytes()).await.expect("write");
    let mut response = Vec::new();
    stream.read_to_end(&mut response).await.expect("read");
    let text = String::from_utf8_lossy(&response).into_owned();
    let status = text
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .expect("status line");
    (status, text)
}

/// A redirect's target.
pub fn location(response: &reqwest::Response) -> String {
    response.headers()["location"]
        .to_str()
        .expect("ascii")
        .to_owned()
}

/// The password the test companies register with.
pub const PASSWORD: &str = "correct horse battery staple";
/// The e-mail address of the test company.
pub const EMAIL: &str = "info@acme.example";

/// Settings adjustment: the granular consent mode.
pub fn granular(s: &mut Settings) {
    s.consent.mode = domain::consent::ConsentMode::Granular;
}

/// A count from the test server's database (`tower_sessions` names the session table).
pub async fn count(app: &TestApp, sql: &str) -> i64 {
    let sql = sql.replace("tower_sessions", app.sessions_table());
    app.db().await.count(&sql).await.expect("count")
}

/// The session cookie a response sets, if any.
pub fn session_cookie(response: &reqwest::Response) -> Option<String> {
    set_cookies(response)
        .into_iter()
        .find(|c| c.starts_with("__Host-session=") || c.starts_with("session="))
}

/// A browser with a freshly registered company.
pub async fn registered<'a>(app: &'a TestApp, email: &str) -> Browser<'a> {
    let mut browser = Browser::new(app);
    browser.register("Acme AB", email, PASSWORD).await;
    browser
}

/// The logo on the account page: its URL, if any.
pub async fn current_logo(browser: &mut Browser<'_>) -> Option<String> {
    let (_, html) = browser.text("/en/account").await;
    let at = html.find("class=\"logo-current\"")?;
    let tag_start = html[..at].rfind('<')?;
    let tag = &html[tag_start..at + html[at..].find('>')?];
    let src = tag.split("src=\"").nth(1)?.split('"').next()?;
    Some(src.to_owned())
}

/// The files in `dir` but hidden ones (`.name`), in no particular order; none when `dir` is
/// missing.
pub fn files_in(dir: &Path) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| {
            p.is_file()
                && !p
                    .file_name()
                    .and_then(|n| n.to_str())
                    .is_some_and(|n| n.starts_with('.'))
        })
        .collect()
}

/// A file of the hostile corpus (`tests/corpus/`).
pub fn corpus(name: &str) -> Vec<u8> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/corpus")
        .join(name);
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Now, in Unix seconds (the system clock the servers under test use unless told otherwise).
pub fn now() -> u64 {
    use server::clock::Clock;
    u64::try_from(server::clock::SystemClock.now()).unwrap_or_default()
}

/// Whether the page's consent dialog is rendered open.
pub fn dialog_open(html: &str) -> bool {
    let at = html
        .find(r#"class="consent-dialog""#)
        .expect("the dialog is rendered");
    let tag = &html[html[..at].rfind('<').expect("tag")..at + html[at..].find('>').expect("end")];
    !tag.contains(" hidden")
}
