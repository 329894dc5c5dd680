//! Consent decisions on the server: the rules and the cookie key, what a request's cookie
//! says, and the one core function that records a decision (the log, its limit, the cookies
//! to set or expire). The HTTP side (the middleware, `POST /consent`) is the server's.

use std::{path::Path, sync::Arc};

use domain::{
    consent::{
        CONSENT_COOKIE, CategorySet, ConsentPolicy, ConsentRecord, ConsentStatus, Decision, Grant,
        Outcome, name_matches,
    },
    lang::Lang,
    net::ClientAddr,
};
use http::{HeaderMap, StatusCode, header};

use crate::{
    clock::Clock,
    consent_cookie::{ConsentKey, cookie_values},
    db::{ConsentLogRow, Db},
};

/// The consent rules and the cookie key (the database and the clock come from the
/// application state).
#[derive(Debug, Clone)]
pub struct ConsentState {
    /// The operator's rules.
    pub policy: Arc<ConsentPolicy>,
    /// Signs and verifies the cookie.
    pub key: ConsentKey,
    /// Whether cookies get `Secure`.
    pub secure: bool,
}

/// Now, in Unix seconds.
pub fn seconds(clock: &dyn Clock) -> u64 {
    u64::try_from(clock.now()).unwrap_or_default()
}

/// The verified consent record a request carries, if any.
#[derive(Debug, Clone, Copy)]
pub struct CarriedRecord(pub Option<ConsentRecord>);

/// The consent status a request's headers carry (its cookie, checked, and `Sec-GPC`), with
/// the record when it counts as an answer.
pub fn consent_of(
    state: &ConsentState,
    clock: &dyn Clock,
    headers: &HeaderMap,
) -> (ConsentStatus, Option<ConsentRecord>) {
    // With a shared cookie domain a browser may send a host-only cookie beside the domain
    // one: the newest valid record counts.
    let record = headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|h| cookie_values(h, CONSENT_COOKIE))
        .filter_map(|value| state.key.decode(value, &state.policy.services))
        .max_by_key(|r| r.issued_at);
    let status = ConsentStatus::from_record(
        record,
        state.policy.revision,
        state.policy.lifetime_days,
        seconds(clock),
    )
    .with_gpc(state.policy.mode, sends_gpc(headers));
    (status, record.filter(|_| status.answered))
}

/// Whether the browser sends Global Privacy Control (`Sec-GPC: 1`).
pub fn sends_gpc(headers: &HeaderMap) -> bool {
    headers
        .get("sec-gpc")
        .is_some_and(|v| v.as_bytes().trim_ascii() == b"1")
}

/// A path on this site to go back to: relative, no scheme or host, no backslashes; `/`
/// otherwise.
pub fn safe_return_path(raw: &str) -> String {
    let ok = raw.starts_with('/')
        && !raw.starts_with("//")
        && !raw.contains('\\')
        && !raw.chars().any(|c| c.is_control())
        && raw.len() <= 512;
    if ok { raw.to_owned() } else { "/".to_owned() }
}

/// A decision carried out: what is granted now and the `Set-Cookie` values to send.
#[derive(Debug)]
pub struct Decided {
    /// Granted after the decision (nothing after an all-or-nothing withdrawal).
    pub granted: Grant,
    /// `Set-Cookie` header values.
    pub cookies: Vec<String>,
}

/// Decisions logged per client network (masked address) and hour. Past that, a decision that
/// grants an optional category (which needs its proof in the log) is refused with `429`; one
/// that grants none is carried out without a row, so the log cannot be flooded and a refusal
/// of cookies is never turned away.
pub const LOG_PER_NETWORK_PER_HOUR: u32 = 120;

/// Records a consent decision: the one core function behind both the plain form and the
/// server function. Refusals are a status (400 for a choice the mode does not offer, 429 past
/// [`LOG_PER_NETWORK_PER_HOUR`] for a grant, 503 when the log cannot be written); nothing is
/// stored or sent then.
pub async fn decide(
    state: &ConsentState,
    db: &Db,
    clock: &dyn Clock,
    parts: &http::request::Parts,
    lang: Lang,
    decision: Decision,
) -> Result<Decided, StatusCode> {
    let carried = parts.extensions.get::<CarriedRecord>().and_then(|c| c.0);
    let client = parts.extensions.get::<ClientAddr>().copied();
    let policy = &state.policy;
    let outcome = decision
        .outcome(policy, sends_gpc(&parts.headers))
        .map_err(|_| StatusCode::BAD_REQUEST)?;
    let now = seconds(clock);
    let id = carried.map(|r| r.id).unwrap_or_else(random_id);
    let before = carried.map_or(Grant::NONE, |r| Grant {
        categories: r.granted,
        services: r.services,
    });
    let grant = outcome.granted();
    let granted = grant.categories;
    let record = ConsentRecord {
        id,
        revision: policy.revision,
        granted,
        services: grant.services,
        issued_at: now,
    };
    let row = ConsentLogRow {
        consent_id: record.id_hex(),
        at_unix: i64::try_from(now).unwrap_or(i64::MAX),
        mode: state.policy.mode.as_str().into(),
        revision: i64::from(state.policy.revision),
        decision: decision.as_str().into(),
        granted: granted.to_string(),
        denied: policy.offered().and(granted.complement()).to_string(),
        services: grant.services.ids(&policy.services).join(","),
        lang: lang.code().into(),
        masked_ip: client.map_or_else(|| "-".to_owned(), ClientAddr::masked),
    };
    let bucket = format!("consent-ip:{}", row.masked_ip);
    let limit = crate::accounts::store::Limit {
        bucket: &bucket,
        limit: LOG_PER_NETWORK_PER_HOUR,
        since: row.at_unix - 3600,
        window: 3600,
    };
    let needs_proof = granted != CategorySet::NONE && granted != CategorySet::necessary();
    match db.reserve_attempts(&[limit], row.at_unix).await {
        Ok(Ok(())) => {
            if let Err(e) = db.log_consent(&row).await {
                tracing::error!(error = %e, "consent log write failed");
                return Err(StatusCode::SERVICE_UNAVAILABLE);
            }
        }
        Ok(Err(_)) if needs_proof => {
            metrics::counter!("portal_consent_decisions_total", "choice" => "limited").increment(1);
            return Err(StatusCode::TOO_MANY_REQUESTS);
        }
        Ok(Err(_)) => {
            metrics::counter!("portal_consent_unlogged_total").increment(1);
        }
        Err(e) => {
            tracing::error!(error = %e, "consent log write failed");
            return Err(StatusCode::SERVICE_UNAVAILABLE);
        }
    }

    metrics::counter!("portal_consent_decisions_total", "choice" => decision.as_str()).increment(1);
    let mut cookies = Vec::new();
    let domain = state.policy.cookie_domain.as_str();
    match outcome {
        Outcome::Store(_) => {
            let value = state.key.encode(&record, &policy.services);
            let lifetime = Some(u64::from(state.policy.lifetime_days) * 86_400);
            if domain.is_empty() {
                cookies.push(set_cookie(CONSENT_COOKIE, &value, lifetime, state.secure));
            } else {
                // Shared with the sibling sites; a host-only cookie from before goes.
                cookies.push(set_cookie(CONSENT_COOKIE, "", Some(0), state.secure));
                cookies.push(with_domain(
                    set_cookie(CONSENT_COOKIE, &value, lifetime, state.secure),
                    domain,
                ));
            }
        }
        Outcome::Forget => {
            cookies.push(set_cookie(CONSENT_COOKIE, "", Some(0), state.secure));
            if !domain.is_empty() {
                cookies.push(with_domain(
                    set_cookie(CONSENT_COOKIE, "", Some(0), state.secure),
                    domain,
                ));
            }
            // All-or-nothing: without consent the site keeps no cookie, the login one included.
            if let Some(session) = parts.extensions.get::<tower_sessions::Session>()
                && let Err(e) = session.flush().await
            {
                tracing::error!(error = %e, "could not end the session on withdrawal");
            }
        }
    }
    // Withdrawn services and categories: expire the first-party cookies they allowed. A
    // pattern (`_pk_id.*`) is expired by the names this request carries.
    let carried_names: Vec<&str> = parts
        .headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|h| h.split(';'))
        .filter_map(|pair| pair.trim().split_once('=').map(|(k, _)| k))
        .collect();
    let mut expired: Vec<&str> = Vec::new();
    for decl in policy.first_party_cookies_withdrawn(before, grant) {
        if decl.name.ends_with('*') {
            expired.extend(
                carried_names
                    .iter()
                    .filter(|n| name_matches(&decl.name, n) && **n != CONSENT_COOKIE),
            );
        } else {
            expired.push(&decl.name);
        }
    }
    expired.sort_unstable();
    expired.dedup();
    for name in expired {
        cookies.push(set_cookie(name, "", Some(0), state.secure));
        // A sibling site's cookie of the same name on the shared domain goes too.
        if !domain.is_empty() {
            cookies.push(with_domain(
                set_cookie(name, "", Some(0), state.secure),
                domain,
            ));
        }
    }
    Ok(Decided {
        granted: grant,
        cookies,
    })
}

/// A `Set-Cookie` value: first party, whole site, `HttpOnly`, `SameSite=Lax`.
fn set_cookie(name: &str, value: &str, max_age: Option<u64>, secure: bool) -> String {
    let mut cookie = format!("{name}={value}; Path=/; HttpOnly; SameSite=Lax");
    if let Some(age) = max_age {
        cookie.push_str(&format!("; Max-Age={age}"));
    }
    if secure {
        cookie.push_str("; Secure");
    }
    cookie
}

/// `cookie` for `domain` and its subdomains.
fn with_domain(cookie: String, domain: &str) -> String {
    format!("{cookie}; Domain={domain}")
}

fn random_id() -> [u8; 16] {
    let mut id = [0u8; 16];
    // Without an OS random source no consent id could be trusted; that is a broken host.
    getrandom::fill(&mut id).expect("the operating system provides random bytes");
    id
}

/// Reads the signing key: the configured secret, or the one kept in `data_dir/consent.key`
/// (created with 32 random bytes when missing, readable by the owner only).
pub fn load_key(secret: Option<&str>, data_dir: &Path) -> std::io::Result<ConsentKey> {
    let bytes = match secret {
        Some(secret) => secret.as_bytes().to_vec(),
        None => {
            let path = data_dir.join("consent.key");
            match std::fs::read(&path) {
                Ok(bytes) => bytes,
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                    let mut bytes = [0u8; 32];
                    getrandom::fill(&mut bytes).map_err(std::io::Error::other)?;
                    write_private(&path, &bytes)?;
                    bytes.to_vec()
                }
                Err(e) => return Err(e),
            }
        }
    };
    ConsentKey::new(bytes)
        .ok_or_else(|| std::io::Error::other("the consent key is shorter than 32 bytes"))
}

fn write_private(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    options.open(path)?.write_all(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn return_paths_stay_on_the_site() {
        assert_eq!(safe_return_path("/en/cookie-policy"), "/en/cookie-policy");
        for bad in [
            "https://evil.example",
            "//evil.example",
            "/\\evil",
            "en/x",
            "",
            "/a\nb",
        ] {
            assert_eq!(safe_return_path(bad), "/", "{bad:?}");
        }
    }

    #[test]
    fn cookies_are_http_only_lax_and_secure_on_https() {
        assert_eq!(
            set_cookie("consent", "v", Some(10), false),
            "consent=v; Path=/; HttpOnly; SameSite=Lax; Max-Age=10"
        );
        assert!(set_cookie("consent", "v", Some(10), true).ends_with("; Secure"));
    }

    #[test]
    fn the_generated_key_is_kept() {
        let dir = tempfile::tempdir().expect("tempdir");
        let a = load_key(None, dir.path()).expect("created");
        let b = load_key(None, dir.path()).expect("read back");
        let record = ConsentRecord {
            id: [1; 16],
            revision: 1,
            granted: CategorySet::ALL,
            services: domain::consent::ServiceSet::NONE,
            issued_at: 5,
        };
        assert_eq!(b.decode(&a.encode(&record, &[]), &[]), Some(record));
        assert!(load_key(Some("short"), dir.path()).is_err());
    }
}
