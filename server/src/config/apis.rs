//! `[apis]`: where the API pages' "Try it" forms may send requests, and how the APIs' health
//! is checked for the status page.

use serde::{Deserialize, Serialize};

/// The API pages' live parts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ApiSettings {
    /// The API servers a visitor's browser may call from a reference page's "Try it" form:
    /// an operation gets the form only for the servers its spec lists that are one of these
    /// (or below one: `https://api.example/v1` under `https://api.example`). Their origins are
    /// the Content-Security-Policy's `connect-src`. `http://` only on loopback. Empty: no
    /// form anywhere.
    pub try_servers: Vec<String>,
    /// Check the APIs' health URLs (`health:` on their pages) for the status page. One
    /// instance checks each API per interval, however many run.
    pub checks: bool,
    /// Seconds between two checks of one API (at least 5).
    pub check_interval_seconds: u64,
    /// Seconds a check waits for an answer before it counts the API as down (1 to 60).
    pub check_timeout_seconds: u64,
}

impl Default for ApiSettings {
    fn default() -> Self {
        ApiSettings {
            try_servers: [
                "https://jobsearch.api.jobtechdev.se",
                "https://jobstream.api.jobtechdev.se",
                "https://taxonomy.api.jobtechdev.se",
                "https://historical.api.jobtechdev.se",
                "https://jobad-enrichments-api.jobtechdev.se",
            ]
            .map(String::from)
            .to_vec(),
            checks: true,
            check_interval_seconds: 60,
            check_timeout_seconds: 10,
        }
    }
}

impl ApiSettings {
    /// Each server is an `https://` URL (or `http://` on loopback) without a query, a
    /// fragment or credentials; trailing slashes are dropped.
    pub fn check(&mut self) -> Result<(), (&'static str, String)> {
        if self.check_interval_seconds < 5 {
            return Err(("apis.check_interval_seconds", "must be at least 5".into()));
        }
        if !(1..=60).contains(&self.check_timeout_seconds) {
            return Err(("apis.check_timeout_seconds", "must be 1 to 60".into()));
        }
        for server in &mut self.try_servers {
            let trimmed = server.trim().trim_end_matches('/').to_owned();
            if !acceptable(&trimmed) {
                return Err((
                    "apis.try_servers",
                    format!(
                        "{server:?} must be an https:// URL (http:// only on loopback) without \
                         a query, a fragment or credentials"
                    ),
                ));
            }
            *server = trimmed;
        }
        Ok(())
    }
}

fn acceptable(url: &str) -> bool {
    let (rest, secure) = match url.strip_prefix("https://") {
        Some(rest) => (rest, true),
        None => match url.strip_prefix("http://") {
            Some(rest) => (rest, false),
            None => return false,
        },
    };
    let host_port = rest.split('/').next().unwrap_or_default();
    if host_port.is_empty()
        || rest.contains(['?', '#', '@', ' ', '\\', '"', '\''])
        || rest.chars().any(char::is_control)
    {
        return false;
    }
    let host = match host_port.rsplit_once(':') {
        Some((host, port)) if port.parse::<u16>().is_ok() => host,
        Some(_) if !host_port.ends_with(']') => return false,
        _ => host_port,
    };
    secure || matches!(host, "127.0.0.1" | "localhost" | "[::1]")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn servers_must_be_https_or_loopback() {
        let mut ok = ApiSettings {
            try_servers: vec![
                "https://api.example/".into(),
                "https://api.example:8443/v1".into(),
                "http://127.0.0.1:9000".into(),
                "http://localhost:1".into(),
            ],
            ..ApiSettings::default()
        };
        assert!(ok.check().is_ok());
        assert_eq!(ok.try_servers[0], "https://api.example");
        for bad in [
            "http://api.example",
            "ftp://api.example",
            "https://",
            "https://api.example?x=1",
            "https://api.example/#x",
            "https://user@api.example",
            "https://api.example:port",
            "https://api example",
            "api.example",
        ] {
            let mut s = ApiSettings {
                try_servers: vec![bad.into()],
                ..ApiSettings::default()
            };
            assert!(s.check().is_err(), "{bad}");
        }
        for (interval, timeout) in [(4, 10), (60, 0), (60, 61)] {
            let mut s = ApiSettings {
                check_interval_seconds: interval,
                check_timeout_seconds: timeout,
                ..ApiSettings::default()
            };
            assert!(s.check().is_err(), "{interval} {timeout}");
        }
    }
}
