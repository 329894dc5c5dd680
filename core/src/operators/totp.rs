//! The operators' second factor: time-based one-time codes (RFC 6238: HMAC-SHA1, six digits,
//! 30-second steps, one step of clock drift either way), each accepted once, and single-use
//! recovery codes kept as hashes.

use constant_time_eq::constant_time_eq;
use sha2::{Digest, Sha256};
use totp_rs::{Algorithm, TOTP};

/// Seconds per step.
pub const STEP: i64 = 30;
/// Recovery codes given at set-up.
pub const RECOVERY_CODES: usize = 10;
/// Letters of a recovery code: no `0`/`o`, `1`/`l`/`i` to confuse.
const ALPHABET: &[u8] = b"abcdefghjkmnpqrstuvwxyz23456789";

fn totp(secret: &[u8]) -> TOTP {
    // Six digits, a 160-bit secret: what every authenticator app reads.
    TOTP::new_unchecked(Algorithm::SHA1, 6, 1, STEP.unsigned_abs(), secret.to_vec())
}

/// A new 160-bit secret.
pub fn new_secret() -> Result<Vec<u8>, getrandom::Error> {
    let mut secret = vec![0u8; 20];
    getrandom::fill(&mut secret)?;
    Ok(secret)
}

/// The secret as authenticator apps take it typed in: base32 without padding.
pub fn secret_base32(secret: &[u8]) -> String {
    base32::encode(base32::Alphabet::Rfc4648 { padding: false }, secret)
}

/// The secret from its base32 form (as the set-up form sends it back), if it is one.
pub fn secret_from_base32(text: &str) -> Option<Vec<u8>> {
    let text: String = text
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| c.to_ascii_uppercase())
        .collect();
    base32::decode(base32::Alphabet::Rfc4648 { padding: false }, &text)
}

/// The `otpauth://` address an authenticator app reads from the QR code.
pub fn otpauth_uri(secret: &[u8], issuer: &str, account: &str) -> String {
    let label: String =
        form_urlencoded::byte_serialize(format!("{issuer}:{account}").as_bytes()).collect();
    let issuer: String = form_urlencoded::byte_serialize(issuer.as_bytes()).collect();
    format!(
        "otpauth://totp/{label}?secret={}&issuer={issuer}&algorithm=SHA1&digits=6&period={STEP}",
        secret_base32(secret)
    )
}

/// The `otpauth://` address as a QR code, an inline SVG drawn here (no script, no image
/// service); the text alternative is the caller's.
pub fn qr_svg(uri: &str) -> Option<String> {
    let code = qrcode::QrCode::with_error_correction_level(uri, qrcode::EcLevel::M).ok()?;
    let svg = code
        .render::<qrcode::render::svg::Color<'_>>()
        .min_dimensions(200, 200)
        .build();
    // Inline in HTML: without the XML prolog, hidden from screen readers (the page says
    // what it is and gives the key as text).
    let start = svg.find("<svg")?;
    Some(svg[start..].replacen("<svg ", "<svg aria-hidden=\"true\" focusable=\"false\" ", 1))
}

/// The code for `time` (Unix seconds): what the operator's app shows then.
pub fn code_at(secret: &[u8], time: i64) -> String {
    totp(secret).generate(time.max(0).unsigned_abs())
}

/// Checks `code` at `now` (Unix seconds): the step it belongs to, when it is one of the steps
/// around now and later than `last_step`, the last one accepted. A code is accepted once: the
/// caller stores the step, so the same code (or an older one) is refused from then on.
pub fn check(secret: &[u8], code: &str, now: i64, last_step: Option<i64>) -> Option<i64> {
    let code: String = code.chars().filter(|c| !c.is_whitespace()).collect();
    if code.len() != 6 || !code.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let totp = totp(secret);
    let current = now.div_euclid(STEP);
    (current - 1..=current + 1)
        .filter(|step| last_step.is_none_or(|last| *step > last) && *step >= 0)
        .find(|step| {
            let expected = totp.generate((step * STEP).unsigned_abs());
            constant_time_eq(expected.as_bytes(), code.as_bytes())
        })
}

/// Ten new recovery codes (`xxxxx-xxxxx`, 50 bits each) with the hash each is kept as.
pub fn recovery_codes() -> Result<Vec<(String, String)>, getrandom::Error> {
    let mut codes = Vec::with_capacity(RECOVERY_CODES);
    for _ in 0..RECOVERY_CODES {
        let mut bytes = [0u8; 10];
        getrandom::fill(&mut bytes)?;
        let letters: String = bytes
            .iter()
            .map(|b| char::from(ALPHABET[usize::from(*b) % ALPHABET.len()]))
            .collect();
        let code = format!("{}-{}", &letters[..5], &letters[5..]);
        let hash = recovery_hash(&code);
        codes.push((code, hash));
    }
    Ok(codes)
}

/// The hash a recovery code is kept as: of its letters, lower case, without spaces or dashes
/// (so it may be typed either way).
pub fn recovery_hash(code: &str) -> String {
    let normal: String = code
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_lowercase())
        .collect();
    Sha256::digest(normal.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// RFC 6238, appendix B: the SHA-1 secret, and the last six digits of its eight-digit codes.
    const RFC_SECRET: &[u8] = b"12345678901234567890";

    #[test]
    fn codes_match_the_rfc_test_vectors() {
        for (time, code) in [
            (59, "287082"),
            (1_111_111_109, "081804"),
            (1_111_111_111, "050471"),
            (1_234_567_890, "005924"),
            (2_000_000_000, "279037"),
        ] {
            assert_eq!(code_at(RFC_SECRET, time), code, "at {time}");
            assert_eq!(check(RFC_SECRET, code, time, None), Some(time / STEP));
        }
    }

    #[test]
    fn a_code_is_accepted_once_and_only_near_its_time() {
        let now = 1_234_567_890;
        let code = code_at(RFC_SECRET, now);
        let step = check(RFC_SECRET, &code, now, None).expect("fresh code");
        assert_eq!(check(RFC_SECRET, &code, now, Some(step)), None, "replayed");
        assert_eq!(
            check(RFC_SECRET, &code, now + 10, Some(step)),
            None,
            "replayed later"
        );
        // One step of drift either way is allowed; two are not.
        assert!(check(RFC_SECRET, &code, now + STEP, None).is_some());
        assert!(check(RFC_SECRET, &code, now - STEP, None).is_some());
        assert_eq!(
            check(RFC_SECRET, &code, now + 3 * STEP, None),
            None,
            "stale"
        );
        assert_eq!(
            check(RFC_SECRET, &code, now - 3 * STEP, None),
            None,
            "from the future"
        );
        // A newer code after an accepted one still works.
        let next = code_at(RFC_SECRET, now + STEP);
        assert_eq!(
            check(RFC_SECRET, &next, now + STEP, Some(step)),
            Some(step + 1)
        );
    }

    #[test]
    fn only_six_digits_are_a_code() {
        let now = 59;
        assert_eq!(
            check(RFC_SECRET, "287 082", now, None),
            Some(1),
            "spaces allowed"
        );
        for bad in ["", "28708", "2870822", "28708a", "287082\u{0}"] {
            assert_eq!(check(RFC_SECRET, bad, now, None), None, "{bad:?}");
        }
    }

    #[test]
    fn secrets_and_recovery_codes_are_fresh_and_kept_as_hashes() {
        let a = new_secret().expect("random");
        let b = new_secret().expect("random");
        assert_eq!(a.len(), 20);
        assert_ne!(a, b);
        assert_eq!(
            secret_base32(RFC_SECRET),
            "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"
        );
        assert_eq!(
            secret_from_base32("gezdgnbvgy3tqojq GEZDGNBVGY3TQOJQ").as_deref(),
            Some(RFC_SECRET)
        );
        assert_eq!(secret_from_base32("not base32!"), None);
        let uri = otpauth_uri(RFC_SECRET, "JobTech Development", "ops@af.example");
        assert!(
            uri.starts_with("otpauth://totp/JobTech+Development%3Aops%40af.example?secret=GEZD"),
            "{uri}"
        );
        let svg = qr_svg(&uri).expect("drawn");
        assert!(svg.starts_with("<svg aria-hidden=\"true\""), "{svg}");
        assert!(svg.ends_with("</svg>") && svg.contains("<path"));
        let codes = recovery_codes().expect("random");
        assert_eq!(codes.len(), RECOVERY_CODES);
        let unique: std::collections::HashSet<_> = codes.iter().map(|(c, _)| c).collect();
        assert_eq!(unique.len(), RECOVERY_CODES);
        for (code, hash) in &codes {
            assert_eq!(code.len(), 11);
            assert!(!hash.contains(code.as_str()));
            assert_eq!(&recovery_hash(&code.to_uppercase().replace('-', " ")), hash);
        }
    }
}
