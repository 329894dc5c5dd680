//! What the operator configures: mode, revision, lifetimes, the cookie declaration, scripts
//! held back by consent, and the Google Consent Mode signals that follow from a choice.

use serde::{Deserialize, Serialize};

use super::{Category, CategorySet, ConsentMode};

/// One cookie the site or a third party it embeds may set, for the cookie declaration.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CookieDecl {
    /// The cookie's name.
    pub name: String,
    /// The category whose consent it needs.
    pub category: Category,
    /// Who sets it (a site name or domain).
    pub provider: String,
    /// What it is for, in English.
    pub purpose_en: String,
    /// What it is for, in Swedish.
    pub purpose_sv: String,
    /// How long it lives in days; absent for a session cookie (gone when the browser closes).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lifetime_days: Option<u32>,
    /// Whether another site sets it.
    #[serde(default)]
    pub third_party: bool,
}

/// A third-party script that may load only once its category is granted (for example
/// Google's tag for advertising under `marketing`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ThirdPartyScript {
    /// The category whose consent it needs.
    pub category: Category,
    /// The script's URL.
    pub src: String,
}

/// The consent rules an operator configures.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ConsentPolicy {
    /// How consent is asked for.
    pub mode: ConsentMode,
    /// Raise it when the policy changes: everyone is asked again.
    pub revision: u32,
    /// How long an answer is kept before asking again.
    pub lifetime_days: u32,
    /// How long consent log rows are kept.
    pub log_retention_days: u32,
    /// The cookie declaration.
    pub cookies: Vec<CookieDecl>,
    /// Where embedded videos load from once allowed (YouTube's privacy-enhanced host).
    pub video_origin: String,
    /// Scripts held back until their category is granted.
    pub scripts: Vec<ThirdPartyScript>,
    /// The consent cookie's `Domain`, to share one decision with the agency's sibling sites
    /// (`jobtechdev.se` for `www.jobtechdev.se` and `forum.jobtechdev.se`); empty: this host
    /// only.
    pub cookie_domain: String,
    /// Origins of sibling sites (`https://forum.jobtechdev.se`) whose pages may read the
    /// decision from `/consent.json` (CORS with credentials).
    pub share_origins: Vec<String>,
}

/// The name of the cookie that remembers the visitor's answer.
pub const CONSENT_COOKIE: &str = "consent";
/// The login session cookie's name on https sites (the prefix pins it to this host, `Secure`,
/// path `/`).
pub const SESSION_COOKIE_HTTPS: &str = "__Host-session";
/// The login session cookie's name on plain-http sites (local development).
pub const SESSION_COOKIE_HTTP: &str = "session";
/// The operator console's session cookie on https sites.
pub const OPERATOR_COOKIE_HTTPS: &str = "__Host-operator";
/// The operator console's session cookie on plain-http sites.
pub const OPERATOR_COOKIE_HTTP: &str = "operator";

impl Default for ConsentPolicy {
    fn default() -> Self {
        let decl = |name: &str,
                    category,
                    provider: &str,
                    en: &str,
                    sv: &str,
                    lifetime_days,
                    third_party| CookieDecl {
            name: name.into(),
            category,
            provider: provider.into(),
            purpose_en: en.into(),
            purpose_sv: sv.into(),
            lifetime_days,
            third_party,
        };
        ConsentPolicy {
            mode: ConsentMode::AllOrNothing,
            revision: 1,
            lifetime_days: 182,
            log_retention_days: 365,
            video_origin: "https://www.youtube-nocookie.com".into(),
            scripts: Vec::new(),
            cookie_domain: String::new(),
            share_origins: Vec::new(),
            cookies: vec![
                decl(
                    CONSENT_COOKIE,
                    Category::Necessary,
                    "jobtechdev.se",
                    "Remembers your answer to the cookie question.",
                    "Kommer ihåg ditt svar på frågan om kakor.",
                    Some(182),
                    false,
                ),
                decl(
                    SESSION_COOKIE_HTTPS,
                    Category::Necessary,
                    "jobtechdev.se",
                    "Keeps a company logged in: an opaque random id, nothing else.",
                    "Håller ett företag inloggat: ett slumpat id, inget annat.",
                    None,
                    false,
                ),
                decl(
                    OPERATOR_COOKIE_HTTPS,
                    Category::Necessary,
                    "jobtechdev.se",
                    "Keeps one of the portal's operators logged in to the console: an opaque \
                     random token, nothing else.",
                    "Håller en av portalens operatörer inloggad i konsolen: en slumpad nyckel, \
                     inget annat.",
                    None,
                    false,
                ),
                decl(
                    "YSC",
                    Category::ExternalMedia,
                    "YouTube (youtube-nocookie.com)",
                    "Set by embedded YouTube videos when they play.",
                    "Sätts av inbäddade YouTube-filmer när de spelas.",
                    None,
                    true,
                ),
                decl(
                    "VISITOR_INFO1_LIVE",
                    Category::ExternalMedia,
                    "YouTube (youtube-nocookie.com)",
                    "Set by embedded YouTube videos to estimate bandwidth.",
                    "Sätts av inbäddade YouTube-filmer för att uppskatta bandbredd.",
                    Some(180),
                    true,
                ),
                decl(
                    "IDE",
                    Category::Marketing,
                    "Google (doubleclick.net)",
                    "Google advertising: measures and personalises ads.",
                    "Googles annonsering: mäter och anpassar annonser.",
                    Some(395),
                    true,
                ),
            ],
        }
    }
}

impl ConsentPolicy {
    /// Checks the declaration and makes it agree with the rest of the policy: the consent
    /// cookie, which the site always sets, must be declared as first-party and necessary, and
    /// its lifetime is `lifetime_days`. Names must be unique per provider.
    pub fn normalised(mut self) -> Result<ConsentPolicy, String> {
        if self.lifetime_days == 0 || self.log_retention_days == 0 {
            return Err("lifetime_days and log_retention_days must be at least 1".into());
        }
        let mut seen = std::collections::HashSet::new();
        for cookie in &self.cookies {
            if cookie.name.trim().is_empty() || cookie.provider.trim().is_empty() {
                return Err("every declared cookie needs a name and a provider".into());
            }
            if !seen.insert((cookie.name.as_str(), cookie.provider.as_str())) {
                return Err(format!(
                    "the cookie {:?} of {:?} is declared twice",
                    cookie.name, cookie.provider
                ));
            }
        }
        let lifetime = self.lifetime_days;
        let consent = self
            .cookies
            .iter_mut()
            .find(|c| c.name == CONSENT_COOKIE && !c.third_party)
            .ok_or_else(|| {
                format!("the declaration must list the site's own {CONSENT_COOKIE:?} cookie")
            })?;
        if consent.category != Category::Necessary {
            return Err(format!(
                "the {CONSENT_COOKIE:?} cookie belongs to the necessary category"
            ));
        }
        consent.lifetime_days = Some(lifetime);
        for script in &self.scripts {
            if !(script.src.starts_with("https://") || script.src.starts_with("http://")) {
                return Err(format!("script {:?} must be an http(s) URL", script.src));
            }
        }
        Ok(self)
    }

    /// The declared first-party cookies of `category` (the ones this site can remove).
    pub fn first_party_cookies(&self, category: Category) -> impl Iterator<Item = &CookieDecl> {
        self.cookies
            .iter()
            .filter(move |c| c.category == category && !c.third_party)
    }
}

/// Google Consent Mode v2 signals for what is granted: advertising signals follow `marketing`.
pub fn consent_mode_signals(granted: CategorySet) -> [(&'static str, &'static str); 4] {
    let ads = if granted.contains(Category::Marketing) {
        "granted"
    } else {
        "denied"
    };
    [
        ("ad_storage", ads),
        ("ad_user_data", ads),
        ("ad_personalization", ads),
        ("analytics_storage", "denied"),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalising_keeps_the_consent_cookie_true() {
        let policy = ConsentPolicy {
            lifetime_days: 30,
            ..ConsentPolicy::default()
        }
        .normalised()
        .expect("default declaration is valid");
        let consent = policy
            .first_party_cookies(Category::Necessary)
            .find(|c| c.name == CONSENT_COOKIE)
            .expect("declared");
        assert_eq!(consent.lifetime_days, Some(30));

        let mut missing = ConsentPolicy::default();
        missing.cookies.retain(|c| c.name != CONSENT_COOKIE);
        assert!(
            missing
                .normalised()
                .expect_err("missing")
                .contains("consent")
        );

        let mut twice = ConsentPolicy::default();
        twice.cookies.push(twice.cookies[1].clone());
        assert!(twice.normalised().expect_err("twice").contains("twice"));

        let mut wrong = ConsentPolicy::default();
        wrong.cookies[0].category = Category::Marketing;
        assert!(wrong.normalised().is_err());

        let mut script = ConsentPolicy::default();
        script.scripts.push(ThirdPartyScript {
            category: Category::Marketing,
            src: "javascript:alert(1)".into(),
        });
        assert!(script.normalised().is_err());

        let zero = ConsentPolicy {
            lifetime_days: 0,
            ..ConsentPolicy::default()
        };
        assert!(zero.normalised().is_err());
    }

    #[test]
    fn consent_mode_follows_marketing() {
        assert!(
            consent_mode_signals(CategorySet::necessary())
                .iter()
                .all(|(_, v)| *v == "denied")
        );
        let granted = consent_mode_signals(CategorySet::ALL);
        assert_eq!(granted[0], ("ad_storage", "granted"));
        assert_eq!(
            granted[3],
            ("analytics_storage", "denied"),
            "no analytics category exists"
        );
    }
}
