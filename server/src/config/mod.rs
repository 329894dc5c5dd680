//! Settings: embedded defaults, then an optional TOML file, then `PORTAL_*` environment
//! variables (each layer overrides the one before).

use std::{
    fmt,
    net::SocketAddr,
    path::{Path, PathBuf},
};

use domain::consent::{
    ConsentPolicy, OPERATOR_COOKIE_HTTP, OPERATOR_COOKIE_HTTPS, SESSION_COOKIE_HTTP,
    SESSION_COOKIE_HTTPS,
};
use figment::{
    Figment,
    providers::{Env, Format, Serialized, Toml},
};
use serde::{Deserialize, Serialize};

use crate::logos::LogoSettings;

mod apis;

pub use apis::ApiSettings;

pub use portal_core::accounts::AccountSettings;
pub use portal_core::{
    public_url::{self, PublicUrl},
    secret::{self, Secret},
};

/// The server's settings.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Settings {
    /// Shown in the header and in every `<title>`.
    pub site_name: String,
    /// Address and port to listen on. Port 0 picks a free port.
    pub bind: SocketAddr,
    /// The URL visitors use to reach the site, without a trailing slash. Empty: derived from
    /// `bind` once every layer is read (`http://<bind>`, or `http://localhost:<port>` when
    /// `bind` is an unspecified address such as `0.0.0.0`; start-up then warns).
    pub public_url: String,
    /// Whether `public_url` was derived from `bind` rather than given.
    #[serde(skip)]
    pub public_url_derived: bool,
    /// Folder with one sub-folder of markdown pages per language.
    pub content_dir: PathBuf,
    /// Folder for data the site writes (created when missing).
    pub data_dir: PathBuf,
    /// The database: empty for a SQLite file `portal.db` in `data_dir`, or a URL —
    /// `postgres://user:password@host/db` (several instances share it) or `sqlite://path`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub database_url: Option<Secret>,
    /// Folder with the built browser assets (`pkg/`, favicon), as written by cargo-leptos.
    pub site_dir: PathBuf,
    /// Log filter, such as `info` or `server=debug,info`.
    pub log_level: String,
    /// `text` (human-readable, the default) or `json` (one JSON object per line).
    pub log_format: LogFormat,
    /// On SIGTERM, how long the instance keeps serving while `/readyz` says 503, before it
    /// stops accepting connections and finishes the requests in flight.
    pub shutdown_grace_seconds: u64,
    /// Marks every response (`X-Instance-Id`) and log line of this instance. Empty (the
    /// default): no header, and log lines name the host.
    pub instance_id: String,
    /// Where `/metrics` (and again `/healthz`, `/readyz`) is served: an address the public
    /// does not reach. Port 0 picks a free port.
    pub ops_bind: SocketAddr,
    /// Proxies (addresses or CIDR networks) whose `X-Forwarded-For` is believed. Empty: the
    /// TCP peer is the client.
    #[serde(default)]
    pub trusted_proxies: Vec<String>,
    /// Upper bound of the page cache, in bytes (all encodings of every stored page).
    pub page_cache_bytes: usize,
    /// Key that signs consent cookies (at least 32 characters). Instances behind one load
    /// balancer must share it. When unset, one is generated into `data_dir/consent.key`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub consent_secret: Option<Secret>,
    /// Consent mode, revision, lifetime, log retention and the cookie declaration.
    #[serde(default)]
    pub consent: ConsentPolicy,
    /// Sessions and limits for company accounts.
    #[serde(default)]
    pub accounts: AccountSettings,
    /// Logo uploads and storage.
    #[serde(default)]
    pub logos: LogoSettings,
    /// The public showcase (`[showcase]`).
    #[serde(default)]
    pub showcase: ShowcaseSettings,
    /// Outgoing mail (`[mail]`).
    #[serde(default)]
    pub mail: crate::mail::MailSettings,
    /// Limits of the public listener: timeouts, open connections, buffers (`[connections]`).
    #[serde(default)]
    pub connections: crate::connections::ConnectionSettings,
    /// The API pages' "Try it" servers (`[apis]`).
    #[serde(default)]
    pub apis: ApiSettings,
}

/// The operator's rules for the public showcase.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ShowcaseSettings {
    /// A company's first publication waits until an operator shows it
    /// (`server showcase show <id>`).
    pub require_approval: bool,
}

/// How log lines are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum LogFormat {
    /// Human-readable lines.
    #[default]
    Text,
    /// One JSON object per line.
    Json,
}

impl Default for Settings {
    fn default() -> Self {
        // cargo-leptos passes where it put the site and where to listen; honour them.
        let bind = std::env::var("LEPTOS_SITE_ADDR")
            .ok()
            .and_then(|a| a.parse().ok())
            .unwrap_or_else(|| SocketAddr::from(([127, 0, 0, 1], 3000)));
        let site_dir = std::env::var("LEPTOS_SITE_ROOT").unwrap_or_else(|_| "target/site".into());
        Settings {
            site_name: "JobTech Development".into(),
            bind,
            public_url: String::new(),
            public_url_derived: false,
            content_dir: "content".into(),
            data_dir: "data".into(),
            database_url: None,
            site_dir: site_dir.into(),
            log_level: "info".into(),
            log_format: LogFormat::Text,
            shutdown_grace_seconds: 5,
            instance_id: String::new(),
            ops_bind: SocketAddr::from(([127, 0, 0, 1], 9464)),
            trusted_proxies: Vec::new(),
            page_cache_bytes: 32 * 1024 * 1024,
            consent_secret: None,
            consent: ConsentPolicy::default(),
            accounts: AccountSettings::default(),
            logos: LogoSettings::default(),
            showcase: ShowcaseSettings::default(),
            mail: crate::mail::MailSettings::default(),
            connections: crate::connections::ConnectionSettings::default(),
            apis: ApiSettings::default(),
        }
    }
}

/// Settings that could not be read or make no sense.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    /// The file or a variable does not parse.
    #[error("configuration: {0}")]
    Parse(String),
    /// A value parses but is not acceptable.
    #[error("configuration: `{key}` {problem}")]
    Invalid {
        /// The setting.
        key: &'static str,
        /// What is wrong with it.
        problem: String,
    },
}

impl Settings {
    /// Reads the settings: defaults, then `file` (which must exist when given), then the
    /// environment (`PORTAL_SITE_NAME`, `PORTAL_BIND`, `PORTAL_PUBLIC_URL`, …).
    pub fn load(file: Option<&Path>) -> Result<Settings, ConfigError> {
        let mut figment = Figment::from(Serialized::defaults(Settings::default()));
        if let Some(file) = file {
            if !file.is_file() {
                return Err(ConfigError::Parse(format!(
                    "no config file at {}",
                    file.display()
                )));
            }
            figment = figment.merge(Toml::file_exact(file));
        }
        let settings: Settings = figment
            .merge(Env::prefixed("PORTAL_").ignore(&["CONFIG"]).split("__"))
            .extract()
            .map_err(|e| ConfigError::Parse(e.to_string()))?;
        settings.validated()
    }

    /// Checks and normalises the values, section by section.
    pub fn validated(mut self) -> Result<Settings, ConfigError> {
        let invalid =
            |(key, problem): (&'static str, String)| ConfigError::Invalid { key, problem };
        self.check_server().map_err(invalid)?;
        self.normalise_public_url().map_err(invalid)?;
        self.normalise_consent().map_err(invalid)?;
        self.accounts.check().map_err(invalid)?;
        self.logos.check().map_err(invalid)?;
        self.mail.check().map_err(invalid)?;
        self.apis.check().map_err(invalid)?;
        if let Some((key, problem)) = self.connections.problem() {
            return Err(invalid((key, problem.into())));
        }
        Ok(self)
    }

    /// The top-level values: instance id, trusted proxies, cache size, database, name.
    fn check_server(&self) -> Result<(), (&'static str, String)> {
        let instance_ok = self.instance_id.len() <= 64
            && self
                .instance_id
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"-_.".contains(&b));
        if !instance_ok {
            return Err((
                "instance_id",
                "must be at most 64 letters, digits, `-`, `_` or `.`".into(),
            ));
        }
        crate::client_addr::TrustedProxies::parse(&self.trusted_proxies)
            .map_err(|problem| ("trusted_proxies", problem))?;
        if self.page_cache_bytes < 64 * 1024 {
            return Err(("page_cache_bytes", "must be at least 65536".into()));
        }
        let url = self.database_url();
        if !(url.is_empty()
            || url.starts_with("postgres://")
            || url.starts_with("postgresql://")
            || url.starts_with("sqlite:"))
        {
            return Err((
                "database_url",
                "must be empty, postgres://… or sqlite://…".into(),
            ));
        }
        if self.site_name.trim().is_empty() {
            return Err(("site_name", "must not be empty".into()));
        }
        Ok(())
    }

    /// `public_url`: derived from `bind` when empty (only here, after the defaults, the file
    /// and the environment are all applied), then an origin without a trailing slash.
    fn normalise_public_url(&mut self) -> Result<(), (&'static str, String)> {
        if self.public_url.trim().is_empty() {
            self.public_url = derived_public_url(self.bind);
            self.public_url_derived = true;
        }
        let url = self.public_url.trim().trim_end_matches('/').to_owned();
        let rest = url
            .strip_prefix("https://")
            .or_else(|| url.strip_prefix("http://"));
        match rest {
            Some(host) if !host.is_empty() && !host.contains(['/', '?', '#', ' ']) => {
                self.public_url = url;
                Ok(())
            }
            _ => Err((
                "public_url",
                format!(
                    "must be an http:// or https:// origin without a path, got {:?}",
                    self.public_url
                ),
            )),
        }
    }

    /// The consent key's length, the `[consent]` section, and the session cookie's name in the
    /// cookie declaration.
    fn normalise_consent(&mut self) -> Result<(), (&'static str, String)> {
        if self
            .consent_secret
            .as_ref()
            .is_some_and(|s| s.expose().len() < 32)
        {
            return Err(("consent_secret", "must be at least 32 characters".into()));
        }
        self.consent = std::mem::take(&mut self.consent)
            .normalised()
            .map_err(|problem| ("consent", problem))?;
        self.check_cookie_domain()?;
        // The session cookie gets the `__Host-` prefix only where browsers accept it (https).
        let session_name = self.session_cookie_name();
        let operator_name = self.operator_cookie_name();
        for cookie in &mut self.consent.cookies {
            if cookie.third_party {
                continue;
            }
            if cookie.name == SESSION_COOKIE_HTTPS || cookie.name == SESSION_COOKIE_HTTP {
                cookie.name = session_name.into();
            } else if cookie.name == OPERATOR_COOKIE_HTTPS || cookie.name == OPERATOR_COOKIE_HTTP {
                cookie.name = operator_name.into();
            }
        }
        Ok(())
    }

    /// `consent.cookie_domain` must hold the site's own host (the browser refuses a cookie for
    /// another domain) and be a name, not an address; `consent.share_origins` are http(s)
    /// origins on that domain (elsewhere the browser would not send the cookie).
    fn check_cookie_domain(&mut self) -> Result<(), (&'static str, String)> {
        let domain = self
            .consent
            .cookie_domain
            .trim()
            .trim_start_matches('.')
            .to_ascii_lowercase();
        let within = |host: &str| host == domain || host.ends_with(&format!(".{domain}"));
        // `http(s)://host[:port]`, nothing more.
        let host_of = |origin: &str| -> Option<String> {
            let rest = origin
                .strip_prefix("https://")
                .or_else(|| origin.strip_prefix("http://"))?;
            if rest.is_empty() || rest.contains(['/', '?', '#', '@', ' ']) {
                return None;
            }
            let host = match rest.rsplit_once(':') {
                Some((host, port)) if port.parse::<u16>().is_ok() => host,
                _ => rest,
            };
            (!host.is_empty()).then(|| host.to_ascii_lowercase())
        };
        if !domain.is_empty() {
            let site = host_of(&self.public_url).unwrap_or_default();
            if !domain.contains('.') || domain.parse::<std::net::IpAddr>().is_ok() || !within(&site)
            {
                return Err((
                    "consent.cookie_domain",
                    format!("must be a domain name that holds public_url's host {site:?}"),
                ));
            }
        }
        for origin in &self.consent.share_origins {
            let ok = host_of(origin).is_some_and(|h| !domain.is_empty() && within(&h));
            if !ok {
                return Err((
                    "consent.share_origins",
                    format!(
                        "{origin:?} must be an origin (https://forum.example.org) on cookie_domain"
                    ),
                ));
            }
        }
        self.consent.cookie_domain = domain;
        Ok(())
    }

    /// The database URL (empty for the SQLite file in the data folder).
    pub fn database_url(&self) -> &str {
        self.database_url.as_ref().map_or("", Secret::expose)
    }

    /// Re-derives a derived `public_url` from the address actually bound (`bind` with port 0
    /// picks a free port only when the listener is opened).
    pub fn bound_to(&mut self, address: SocketAddr) {
        if self.public_url_derived {
            self.public_url = derived_public_url(address);
        }
    }

    /// What start-up assumes about `public_url` when it could not be derived for sure: `bind`
    /// is an unspecified address (every interface), so the origin visitors use is unknown.
    pub fn public_url_warning(&self) -> Option<String> {
        (self.public_url_derived && self.bind.ip().is_unspecified()).then(|| {
            format!(
                "public_url is not set and bind {} listens on every interface: assuming visitors \
                 use {}. Set PORTAL_PUBLIC_URL (or `public_url`) to the origin visitors type, or \
                 canonical links are wrong and form posts from browsers that send only `Origin` \
                 are refused",
                self.bind, self.public_url
            )
        })
    }

    /// The checked origin visitors use, to share.
    pub fn origin(&self) -> PublicUrl {
        PublicUrl::from(self.public_url.as_str())
    }

    /// Whether visitors reach the site over https (cookies get `Secure`).
    pub fn is_https(&self) -> bool {
        self.origin().is_https()
    }

    /// The session cookie's name: `__Host-session` over https, `session` otherwise.
    pub fn session_cookie_name(&self) -> &'static str {
        if self.is_https() {
            SESSION_COOKIE_HTTPS
        } else {
            SESSION_COOKIE_HTTP
        }
    }

    /// The operator console's session cookie: `__Host-operator` over https, `operator`
    /// otherwise.
    pub fn operator_cookie_name(&self) -> &'static str {
        if self.is_https() {
            OPERATOR_COOKIE_HTTPS
        } else {
            OPERATOR_COOKIE_HTTP
        }
    }
}

/// `http://<bind>`; `http://localhost:<port>` when `bind` is an unspecified address.
fn derived_public_url(bind: SocketAddr) -> String {
    if bind.ip().is_unspecified() {
        format!("http://localhost:{}", bind.port())
    } else {
        format!("http://{bind}")
    }
}

impl fmt::Display for Settings {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "site {:?} at {} (listening on {}), content {}, data {}, assets {}",
            self.site_name,
            self.public_url,
            self.bind,
            self.content_dir.display(),
            self.data_dir.display(),
            self.site_dir.display()
        )
    }
}

#[cfg(test)]
mod tests;
