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
        "",
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
        assert_eq!(s.consent.mode, app::domain::consent::ConsentMode::Granular);
        assert_eq!(s.consent.revision, 4);
        assert_eq!(
            s.consent.lifetime_days, 182,
            "defaults fill the rest of the table"
        );
        assert_eq!(format!("{:?}", s.consent_secret), "Some([redacted])");
        Ok(())
    });
    assert!(Settings::load(Some(&dir.path().join("missing.toml"))).is_err());
    std::fs::write(&file, "bind = \"not an address\"\n").expect("write");
    let err = Settings::load(Some(&file))
        .expect_err("bad bind")
        .to_string();
    assert!(err.contains("bind"), "{err}");
}
