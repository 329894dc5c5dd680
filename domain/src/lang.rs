//! The site's languages and how a visitor's language is chosen.

use serde::{Deserialize, Serialize};

/// A language the site is written in. Swedish is the default, as on the original portal.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, Default,
)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    /// Swedish.
    #[default]
    Sv,
    /// English.
    En,
}

impl Lang {
    /// Every language, in the order the language switcher lists them.
    pub const ALL: [Lang; 2] = [Lang::Sv, Lang::En];

    /// The BCP 47 code, also the first path segment (`/sv/…`, `/en/…`).
    pub fn code(self) -> &'static str {
        match self {
            Lang::Sv => "sv",
            Lang::En => "en",
        }
    }

    /// A path of this language's part of the site: `Lang::En.path("login")` is `/en/login`,
    /// `Lang::Sv.path("")` is `/sv/`.
    pub fn path(self, rest: &str) -> String {
        format!("/{}/{rest}", self.code())
    }

    /// The language's name in that language, for the switcher.
    pub fn native_name(self) -> &'static str {
        match self {
            Lang::Sv => "Svenska",
            Lang::En => "English",
        }
    }

    /// Parses a language code exactly as it appears in a path (`sv`, `en`).
    pub fn from_code(code: &str) -> Option<Lang> {
        match code {
            "sv" => Some(Lang::Sv),
            "en" => Some(Lang::En),
            _ => None,
        }
    }

    /// The language a path belongs to, from its first segment.
    pub fn from_path(path: &str) -> Option<Lang> {
        let first = path
            .trim_start_matches('/')
            .split('/')
            .next()
            .unwrap_or_default();
        Lang::from_code(first)
    }

    /// The other language (the site has two).
    pub fn other(self) -> Lang {
        match self {
            Lang::Sv => Lang::En,
            Lang::En => Lang::Sv,
        }
    }

    /// Picks the language for a visitor from an `Accept-Language` header: the supported
    /// language with the highest quality wins (ties keep header order); Swedish when the header
    /// is missing, malformed or names nothing we have.
    pub fn negotiate(accept_language: Option<&str>) -> Lang {
        let Some(header) = accept_language else {
            return Lang::default();
        };
        let mut best: Option<(Lang, u16)> = None;
        for item in header.split(',') {
            let mut parts = item.trim().split(';');
            let tag = parts.next().unwrap_or_default().trim();
            let primary = tag
                .split('-')
                .next()
                .unwrap_or_default()
                .to_ascii_lowercase();
            let quality = parts
                .find_map(|p| p.trim().strip_prefix("q=").map(parse_quality))
                .unwrap_or(Some(1000));
            let (Some(lang), Some(q)) = (Lang::from_code(&primary), quality) else {
                continue;
            };
            if q > 0 && best.is_none_or(|(_, bq)| q > bq) {
                best = Some((lang, q));
            }
        }
        best.map(|(lang, _)| lang).unwrap_or_default()
    }
}

/// A quality value (`0`, `0.8`, `1.000`) in thousandths; `None` when malformed.
fn parse_quality(q: &str) -> Option<u16> {
    let value: f32 = q.parse().ok()?;
    (0.0..=1.0)
        .contains(&value)
        .then(|| (value * 1000.0).round() as u16)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn swedish_is_the_default() {
        assert_eq!(Lang::negotiate(None), Lang::Sv);
        assert_eq!(Lang::negotiate(Some("")), Lang::Sv);
        assert_eq!(Lang::negotiate(Some("de-DE,fr;q=0.9")), Lang::Sv);
        assert_eq!(Lang::negotiate(Some(";;;,,q=x")), Lang::Sv);
    }

    #[test]
    fn picks_the_best_supported_language() {
        assert_eq!(Lang::negotiate(Some("en-GB,en;q=0.9")), Lang::En);
        assert_eq!(Lang::negotiate(Some("de,en;q=0.5,sv;q=0.7")), Lang::Sv);
        assert_eq!(Lang::negotiate(Some("sv;q=0.1, EN-us;q=0.2")), Lang::En);
        assert_eq!(Lang::negotiate(Some("en;q=0, sv;q=0.3")), Lang::Sv);
        assert_eq!(Lang::negotiate(Some("en;q=0")), Lang::Sv);
        assert_eq!(
            Lang::negotiate(Some("en;q=2")),
            Lang::Sv,
            "q above 1 is malformed"
        );
    }

    #[test]
    fn ties_keep_header_order() {
        assert_eq!(Lang::negotiate(Some("en, sv")), Lang::En);
        assert_eq!(Lang::negotiate(Some("sv, en")), Lang::Sv);
    }

    #[test]
    fn language_from_path() {
        assert_eq!(Lang::from_path("/en/cookie-policy"), Some(Lang::En));
        assert_eq!(Lang::from_path("/sv/"), Some(Lang::Sv));
        assert_eq!(Lang::from_path("/de/x"), None);
        assert_eq!(Lang::from_path("/"), None);
        assert_eq!(Lang::from_path("/english"), None);
    }
}
