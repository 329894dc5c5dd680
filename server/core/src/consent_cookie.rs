//! The consent cookie: a compact record signed with HMAC-SHA256, so a visitor cannot forge a
//! consent the site never recorded. Anything that does not verify reads as "no consent".

use std::fmt;

use hmac::{Hmac, Mac};
use sha2::Sha256;

use domain::consent::{CategorySet, ConsentRecord};

/// The key that signs consent cookies. `Debug` never shows it.
#[derive(Clone)]
pub struct ConsentKey(std::sync::Arc<[u8]>);

impl fmt::Debug for ConsentKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("ConsentKey([redacted])")
    }
}

/// Version tag of the cookie format.
const FORMAT: &str = "1";

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

    /// The cookie value for a record: `1.<id>.<revision>.<categories>.<time>.<signature>`.
    pub fn encode(&self, record: &ConsentRecord) -> String {
        let payload = format!(
            "{FORMAT}.{}.{}.{}.{}",
            record.id_hex(),
            record.revision,
            record.granted.bits(),
            record.issued_at
        );
        let signature = hex(&self.mac(&payload).finalize().into_bytes());
        format!("{payload}.{signature}")
    }

    /// Reads a cookie value back; `None` when it is malformed or its signature is wrong.
    pub fn decode(&self, value: &str) -> Option<ConsentRecord> {
        if value.len() > 200 {
            return None;
        }
        let (payload, signature) = value.rsplit_once('.')?;
        let signature = unhex(signature)?;
        self.mac(payload).verify_slice(&signature).ok()?;
        let mut parts = payload.split('.');
        if parts.next()? != FORMAT {
            return None;
        }
        let id: [u8; 16] = unhex(parts.next()?)?.try_into().ok()?;
        let revision = parts.next()?.parse().ok()?;
        let granted = CategorySet::from_bits(parts.next()?.parse().ok()?)?;
        let issued_at = parts.next()?.parse().ok()?;
        if parts.next().is_some() {
            return None;
        }
        Some(ConsentRecord {
            id,
            revision,
            granted,
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

    fn record() -> ConsentRecord {
        ConsentRecord {
            id: [0xab; 16],
            revision: 3,
            granted: CategorySet::necessary().with(Category::Marketing),
            issued_at: 1_700_000_000,
        }
    }

    #[test]
    fn round_trips() {
        let value = key(1).encode(&record());
        assert!(
            value.starts_with("1.abababababababababababababababab.3.5.1700000000."),
            "{value}"
        );
        assert_eq!(key(1).decode(&value), Some(record()));
    }

    #[test]
    fn refuses_forgeries_and_garbage() {
        let value = key(1).encode(&record());
        assert_eq!(key(2).decode(&value), None, "another key");
        let upgraded = value.replacen(".5.", ".7.", 1);
        assert_eq!(key(1).decode(&upgraded), None, "changed categories");
        for bad in [
            "",
            ".",
            "1",
            "garbage",
            "1.ab.3.5.1.00",
            "2.x.y.z.w.v",
            &value[..value.len() - 2],
            &format!("{value}0"),
            &"a".repeat(500),
            "1.zz.3.5.1700000000.00",
        ] {
            assert_eq!(key(1).decode(bad), None, "{bad:?}");
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
