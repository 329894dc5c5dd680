//! One-time tokens (links in mails, operator sessions): 256 random bits sent to the holder,
//! and only their SHA-256 kept.

use sha2::{Digest, Sha256};

/// A new token (URL-safe base64) and the hash that is stored.
pub fn new_token() -> Result<(String, String), getrandom::Error> {
    use base64::Engine;
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes)?;
    let token = base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes);
    let hash = token_hash(&token);
    Ok((token, hash))
}

/// The stored form of a token (hex SHA-256).
pub fn token_hash(token: &str) -> String {
    Sha256::digest(token.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_fresh_and_kept_only_as_their_hash() {
        let (a, hash) = new_token().expect("random");
        let (b, _) = new_token().expect("random");
        assert_ne!(a, b);
        assert_eq!(a.len(), 43);
        assert_eq!(hash, token_hash(&a));
        assert_eq!(hash.len(), 64);
        assert!(!hash.contains(&a));
    }
}
