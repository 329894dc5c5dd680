//! Settings: defaults, validation and the file and environment layers.

use super::*;

#[test]
fn defaults_are_valid() {
    let s = Settings::default().validated().expect("defaults");
    assert_eq!(s.site_name, "JobTech Development");
    assert!(!s.is_https());
}

#[test]
fn public_url_is_normalised_and_checked() {
    let with = |url: &str| {
        Settings {
            public_url: url.into(),
            ..Settings::default()
        }
        .validated()
    };
    assert_eq!(
        with("https://example.org/").expect("ok").public_url,
        "https://example.org"
    );
    assert!(with("https://example.org").expect("ok").is_https());
    for bad in [
        " /",
        "example.org",
        "ftp://x",
        "https://",
        "https://x/path",
        "http://a b",
    ] {
        assert!(with(bad).is_err(), "{bad:?} accepted");
    }
}

#[test]
fn trusted_proxies_must_be_networks() {
    let with = |list: &[&str]| {
        Settings {
            trusted_proxies: list.iter().map(|s| (*s).to_owned()).collect(),
            ..Settings::default()
        }
        .validated()
    };
    assert!(with(&["10.0.0.0/8", "::1", "192.0.2.7"]).is_ok());
    let err = with(&["10.0.0.0/33"]).expect_err("bad prefix").to_string();
    assert!(err.contains("trusted_proxies"), "{err}");
    assert!(with(&["proxy.example"]).is_err());
}

#[test]
#[expect(
    clippy::result_large_err,
    reason = "the closure's error type is figment's"
)]
fn file_then_environment() {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("portal.toml");
    std::fs::write(&file, "site_name = \"From file\"\nlog_level = \"debug\"\n").expect("write");
    figment::Jail::expect_with(|jail| {
        jail.set_env("PORTAL_LOG_LEVEL", "warn");
        jail.set_env("PORTAL_CONSENT__MODE", "granular");
        jail.set_env("PORTAL_CONSENT__REVISION", "4");
        jail.set_env("PORTAL_CONSENT_SECRET", "0123456789abcdef0123456789abcdef");
        let s = Settings::load(Some(&file)).expect("loads");
        assert_eq!(s.site_name, "From file");
        assert_eq!(s.log_level, "warn");
        assert_eq!(s.consent.mode, domain::consent::ConsentMode::Granular);
        assert_eq!(s.consent.revision, 4);
        assert_eq!(
            s.consent.lifetime_days, 182,
            "defaults fill the rest of the table"
        );
        assert_eq!(format!("{:?}", s.consent_secret), "Some([redacted])");
        Ok(())
    });
    // In a jail too: the environment is shared by every test running at the same time.
    figment::Jail::expect_with(|_| {
        assert!(Settings::load(Some(&dir.path().join("missing.toml"))).is_err());
        std::fs::write(&file, "bind = \"not an address\"\n").expect("write");
        let err = Settings::load(Some(&file))
            .expect_err("bad bind")
            .to_string();
        assert!(err.contains("bind"), "{err}");
        Ok(())
    });
}

#[test]
#[expect(
    clippy::result_large_err,
    reason = "the closure's error type is figment's"
)]
fn public_url_follows_the_bind_of_any_layer() {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("portal.toml");
    std::fs::write(&file, "bind = \"127.0.0.1:4100\"\n").expect("write");
    figment::Jail::expect_with(|jail| {
        let s = Settings::load(Some(&file)).expect("loads");
        assert_eq!(
            s.public_url, "http://127.0.0.1:4100",
            "from the file's bind"
        );
        assert!(s.public_url_warning().is_none());
        jail.set_env("PORTAL_BIND", "127.0.0.1:34271");
        let s = Settings::load(Some(&file)).expect("loads");
        assert_eq!(
            s.public_url, "http://127.0.0.1:34271",
            "from the environment"
        );
        jail.set_env("PORTAL_BIND", "[::1]:8081");
        let s = Settings::load(None).expect("loads");
        assert_eq!(s.public_url, "http://[::1]:8081");
        jail.set_env("PORTAL_PUBLIC_URL", "https://portal.example/");
        let s = Settings::load(None).expect("loads");
        assert_eq!(s.public_url, "https://portal.example", "a given URL stands");
        assert!(!s.public_url_derived);
        Ok(())
    });
}

#[test]
fn an_unspecified_bind_is_assumed_to_be_localhost_and_says_so() {
    for bind in ["0.0.0.0:8080", "[::]:8080"] {
        let s = Settings {
            bind: bind.parse().expect("address"),
            ..Settings::default()
        }
        .validated()
        .expect("valid");
        assert_eq!(s.public_url, "http://localhost:8080");
        let warning = s.public_url_warning().expect("a warning");
        assert!(warning.contains("PORTAL_PUBLIC_URL"), "{warning}");
        assert!(warning.contains("http://localhost:8080"), "{warning}");
    }
    let given = Settings {
        bind: "0.0.0.0:8080".parse().expect("address"),
        public_url: "https://portal.example".into(),
        ..Settings::default()
    }
    .validated()
    .expect("valid");
    assert!(given.public_url_warning().is_none(), "nothing assumed");
}

#[test]
fn a_derived_url_takes_the_port_really_bound() {
    let mut s = Settings {
        bind: "127.0.0.1:0".parse().expect("address"),
        ..Settings::default()
    }
    .validated()
    .expect("valid");
    s.bound_to("127.0.0.1:40123".parse().expect("address"));
    assert_eq!(s.public_url, "http://127.0.0.1:40123");
    let mut given = Settings {
        public_url: "https://portal.example".into(),
        ..Settings::default()
    }
    .validated()
    .expect("valid");
    given.bound_to("127.0.0.1:40123".parse().expect("address"));
    assert_eq!(given.public_url, "https://portal.example");
}

#[test]
fn mail_settings_are_checked_and_the_port_follows_the_tls_mode() {
    let with = |adjust: fn(&mut crate::mail::MailSettings)| {
        let mut s = Settings::default();
        adjust(&mut s.mail);
        s.validated()
    };
    assert!(with(|_| {}).is_ok(), "no SMTP: the outbox");
    let err = with(|m| m.from = "not an address".into())
        .expect_err("bad from")
        .to_string();
    assert!(err.contains("mail.from"), "{err}");
    assert!(with(|m| m.timeout_seconds = 0).is_err());
    assert!(with(|m| m.max_attempts = 0).is_err());
    assert!(with(|m| m.smtp_host = "smtp.example.org:587".into()).is_err());
    assert!(with(|m| m.smtp_host = "smtp.example.org".into()).is_ok());
    let mut m = crate::mail::MailSettings::default();
    assert_eq!(m.port(), 587);
    m.smtp_tls = crate::mail::SmtpTls::Tls;
    assert_eq!(m.port(), 465);
    m.smtp_port = 2525;
    assert_eq!(m.port(), 2525);
}

#[test]
fn the_smtp_password_is_never_shown() {
    let mut s = Settings::default();
    s.mail.smtp_password = Some(Secret::new("hunter2-but-longer"));
    assert!(!format!("{s:?}").contains("hunter2"));
    let dumped = serde_json::to_string(&s).expect("json");
    assert!(!dumped.contains("hunter2"), "{dumped}");
}

#[test]
fn connection_limits_are_checked() {
    let with = |adjust: fn(&mut crate::connections::ConnectionSettings)| {
        let mut s = Settings::default();
        adjust(&mut s.connections);
        s.validated()
    };
    assert!(with(|_| {}).is_ok());
    let err = with(|c| c.header_timeout_seconds = 0)
        .expect_err("no head timeout")
        .to_string();
    assert!(err.contains("connections.header_timeout_seconds"), "{err}");
    assert!(with(|c| c.body_timeout_seconds = 0).is_err());
    assert!(with(|c| c.max_connections = 0).is_err());
    assert!(
        with(|c| c.buffer_bytes = 4096).is_err(),
        "below hyper's minimum"
    );
    assert!(with(|c| c.buffer_bytes = 8192).is_ok());
    assert!(with(|c| c.max_active_requests = 0).is_err());
    assert!(with(|c| c.max_active_requests = 1).is_ok());
}
