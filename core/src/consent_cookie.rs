//! The consent cookie: a compact record signed with HMAC-SHA256, so a visitor cannot forge a
//! consent the site never recorded. Anything that does not verify reads as "no consent".

use std::fmt;

use hmac::{Hmac, Mac};
use sha2::Sha256;

use domain::consent::{CategorySet, ConsentRecord, ServiceDecl, ServiceSet};

/// The key that signs consent cookies. `Debug` never shows it.
#[derive(Clone)]
pub struct ConsentKey(std::sync::Arc<[u8]>);

impl fmt::Debug for ConsentKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("ConsentKey([redacted])")
    }
}

/// Version tag of the cookie format written: `2` names the granted services.
const FORMAT: &str = "2";
/// The format before services: its categories grant all their services.
const FORMAT_CATEGORIES: &str = "1";

impl ConsentKey {
    /// A key from secret bytes (at least 32).
    pub fn new(bytes: Vec<u8>) -> Option<ConsentKey> {
        (bytes.len() >= 32).then(|| ConsentKey(bytes.into()))
    }

    fn mac(&self, payload: &str) -> Hmac<Sha256> {
        let mut mac =
            <Hmac<Sha256> as Mac>::new_from_slice(&self.0).expect("HMAC takes keys of any length");
        mac.update(payload.as_bytes());
        mac
    }

    /// The cookie value for a record:
    /// `2.<id>.<revision>.<categories>.<services>.<time>.<signature>`, where `<services>` is
    /// the granted services' ids joined by `_` (empty for none).
    pub fn encode(&self, record: &ConsentRecord, services: &[ServiceDecl]) -> String {
        let payload = format!(
            "{FORMAT}.{}.{}.{}.{}.{}",
            record.id_hex(),
            record.revision,
            record.granted.bits(),
            record.services.ids(services).join("_"),
            record.issued_at
        );
        let signature = hex(&self.mac(&payload).finalize().into_bytes());
        format!("{payload}.{signature}")
    }

    /// Reads a cookie value back against the declared `services`; `None` when it is malformed
    /// or its signature is wrong. A service no longer declared is left out; a cookie of the
    /// format before services grants every service of its categories.
    pub fn decode(&self, value: &str, services: &[ServiceDecl]) -> Option<ConsentRecord> {
        if value.len() > 1500 {
            return None;
        }
        let (payload, signature) = value.rsplit_once('.')?;
        let signature = unhex(signature)?;
        self.mac(payload).verify_slice(&signature).ok()?;
        let mut parts = payload.split('.');
        let format = parts.next()?;
        if format != FORMAT && format != FORMAT_CATEGORIES {
            return None;
        }
        let id: [u8; 16] = unhex(parts.next()?)?.try_into().ok()?;
        let revision = parts.next()?.parse().ok()?;
        let granted = CategorySet::from_bits(parts.next()?.parse().ok()?)?;
        let in_categories = ServiceSet::of_categories(services, granted);
        let granted_services = if format == FORMAT {
            let ids = parts.next()?;
            ServiceSet::from_ids(services, ids.split('_').filter(|id| !id.is_empty()))
                .and(in_categories)
        } else {
            in_categories
        };
        let issued_at = parts.next()?.parse().ok()?;
        if parts.next().is_some() {
            return None;
        }
        Some(ConsentRecord {
            id,
            revision,
            granted,
            services: granted_services,
            issued_at,
        })
    }
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn unhex(text: &str) -> Option<Vec<u8>> {
    if !text.len().is_multiple_of(2) || !text.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    (0..text.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&text[i..i + 2], 16).ok())
        .collect()
}

/// Every value of a cookie in a `Cookie` request header (a browser sends two when a host-only
/// cookie and a domain cookie of one name both apply).
pub fn cookie_values<'a>(header: &'a str, name: &'a str) -> impl Iterator<Item = &'a str> + 'a {
    header.split(';').filter_map(move |pair| {
        let (k, v) = pair.trim().split_once('=')?;
        (k == name).then_some(v)
    })
}

/// Finds a cookie's value in a `Cookie` request header.
pub fn cookie_value<'a>(header: &'a str, name: &'a str) -> Option<&'a str> {
    cookie_values(header, name).next()
}

#[cfg(test)]
mod tests {
    use super::*;
    use domain::consent::Category;

    fn key(byte: u8) -> ConsentKey {
        ConsentKey::new(vec![byte; 32]).expect("long enough")
    }

    fn services() -> Vec<ServiceDecl> {
        domain::consent::ConsentPolicy::default().services
    }

    fn record() -> ConsentRecord {
        ConsentRecord {
            id: [0xab; 16],
            revision: 3,
            granted: CategorySet::necessary().with(Category::Marketing),
            services: ServiceSet::NONE.with(1),
            issued_at: 1_700_000_000,
        }
    }

    #[test]
    fn round_trips() {
        let value = key(1).encode(&record(), &services());
        assert!(
            value.starts_with("2.abababababababababababababababab.3.5.google-ads.1700000000."),
            "{value}"
        );
        assert_eq!(key(1).decode(&value, &services()), Some(record()));
        let nothing = ConsentRecord {
            granted: CategorySet::necessary(),
            services: ServiceSet::NONE,
            ..record()
        };
        let value = key(1).encode(&nothing, &services());
        assert!(value.contains(".1..1700000000."), "{value}");
        assert_eq!(key(1).decode(&value, &services()), Some(nothing));
    }

    #[test]
    fn services_are_read_by_id_and_the_old_format_grants_whole_categories() {
        let services = services();
        // The same decision after the operator declared another service first.
        let mut reordered = services.clone();
        reordered.insert(0, reordered[0].clone());
        reordered[0].id = "vimeo".into();
        let value = key(1).encode(&record(), &services);
        let read = key(1).decode(&value, &reordered).expect("verifies");
        assert_eq!(read.services.ids(&reordered), ["google-ads"]);
        // A service no longer declared is gone.
        let read = key(1).decode(&value, &services[..1]).expect("verifies");
        assert!(read.services.is_empty());
        // Format 1 (before services): categories only.
        let payload = format!("1.{}.3.7.1700000000", "ab".repeat(16));
        let signature = hex(&key(1).mac(&payload).finalize().into_bytes());
        let old = key(1)
            .decode(&format!("{payload}.{signature}"), &services)
            .expect("still read");
        assert_eq!(old.services.ids(&services), ["youtube", "google-ads"]);
    }

    #[test]
    fn refuses_forgeries_and_garbage() {
        let value = key(1).encode(&record(), &services());
        let read = |v: &str| key(1).decode(v, &services());
        assert_eq!(key(2).decode(&value, &services()), None, "another key");
        let upgraded = value.replacen(".5.", ".7.", 1);
        assert_eq!(read(&upgraded), None, "changed categories");
        let more = value.replacen(".google-ads.", ".youtube_google-ads.", 1);
        assert_eq!(read(&more), None, "changed services");
        for bad in [
            "",
            ".",
            "1",
            "garbage",
            "1.ab.3.5.1.00",
            "3.x.y.z.w.v",
            &value[..value.len() - 2],
            &format!("{value}0"),
            &"a".repeat(2000),
            "2.zz.3.5..1700000000.00",
        ] {
            assert_eq!(read(bad), None, "{bad:?}");
        }
        assert!(
            ConsentKey::new(vec![1; 16]).is_none(),
            "short keys are refused"
        );
        assert_eq!(format!("{:?}", key(9)), "ConsentKey([redacted])");
    }

    #[test]
    fn finds_cookies_in_a_header() {
        let header = "a=1; consent=xyz; b=2";
        assert_eq!(cookie_value(header, "consent"), Some("xyz"));
        assert_eq!(cookie_value(header, "cons"), None);
        assert_eq!(cookie_value("consentx=1", "consent"), None);
        let both: Vec<&str> = cookie_values("consent=a; other=b; consent=c", "consent").collect();
        assert_eq!(both, ["a", "c"]);
    }
}
