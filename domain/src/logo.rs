//! Company logos and the showcase, as the pages see them.

use serde::{Deserialize, Serialize};

/// Logos are stored inside a square of this many pixels.
pub const LOGO_BOX: u32 = 512;

/// Why an uploaded file was not taken.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum LogoProblem {
    /// No file was chosen.
    NoFile,
    /// The file is empty.
    Empty,
    /// Larger than the limit (in bytes).
    TooLarge(u64),
    /// Not PNG, JPEG, WebP or SVG.
    Unsupported,
    /// The file is damaged or not what it claims.
    Broken,
    /// Wider or taller than the decoder accepts, or too much memory to decode.
    TooManyPixels,
    /// A drawing (SVG) with too many elements to draw in reasonable time.
    TooComplex,
}

/// A stored logo: its content hash and size.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LogoRef {
    /// SHA-256 of the PNG, hex.
    pub hash: String,
    /// Width in pixels.
    pub width: u32,
    /// Height in pixels.
    pub height: u32,
}

impl LogoRef {
    /// Where the logo is served (`/logos/<hash>.png`).
    pub fn url(&self) -> String {
        format!("/logos/{}.png", self.hash)
    }
}

/// Whether a string is a logo hash (64 lowercase hex digits).
pub fn is_logo_hash(hash: &str) -> bool {
    hash.len() == 64
        && hash
            .bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

/// One company on the showcase.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ShowcaseEntry {
    /// The company's name.
    pub company: String,
    /// Its description.
    pub description: String,
    /// Its website.
    pub website: Option<String>,
    /// Its social-media links.
    pub social: Vec<String>,
    /// Its logo, if it has one.
    pub logo: Option<LogoRef>,
}

/// The companies that chose to be shown, sorted by name.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Showcase(pub Vec<ShowcaseEntry>);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_are_strict() {
        assert!(is_logo_hash(&"a1".repeat(32)));
        assert!(!is_logo_hash(&"A1".repeat(32)));
        assert!(!is_logo_hash("../../etc/passwd"));
        assert!(!is_logo_hash(&"a".repeat(63)));
    }
}
