//! The origin visitors use (`https://jobtechdev.se`): checked and normalised once with the
//! settings, then shared. Whether the site is on https is decided here and nowhere else.

use std::sync::Arc;

/// A checked origin: `http://` or `https://`, a host, no path and no trailing slash.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PublicUrl(Arc<str>);

impl PublicUrl {
    /// The origin as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Whether visitors reach the site over https (cookies get `Secure`, responses HSTS, and
    /// mail links are never logged).
    pub fn is_https(&self) -> bool {
        self.0.starts_with("https://")
    }

    /// An absolute link to `path` (which starts with `/`) on this site.
    pub fn link(&self, path: &str) -> String {
        format!("{}{path}", self.0)
    }

    /// The shared text, for the parts that hold it (the page context, the same-origin check).
    pub fn shared(&self) -> Arc<str> {
        self.0.clone()
    }
}

impl From<&str> for PublicUrl {
    /// An origin already checked by the settings (or a test's literal).
    fn from(origin: &str) -> PublicUrl {
        PublicUrl(origin.into())
    }
}

#[cfg(test)]
mod tests {
    use super::PublicUrl;

    #[test]
    fn https_links_and_sharing() {
        let url = PublicUrl::from("https://portal.example");
        assert!(url.is_https());
        assert!(!PublicUrl::from("http://127.0.0.1:3000").is_https());
        assert!(!PublicUrl::from("http://https.example").is_https());
        assert_eq!(url.link("/en/login"), "https://portal.example/en/login");
        assert_eq!(&*url.shared(), url.as_str());
    }
}
