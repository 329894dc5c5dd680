//! `Cache-Control` values shared by several routes.

/// For responses whose URL names their content (hashed asset names, logos under their
/// SHA-256): cached for a year, never revalidated.
pub const IMMUTABLE: &str = "public, max-age=31536000, immutable";
