//! What the operator configures: mode, revision, lifetimes, the cookie declaration, scripts
//! held back by consent, and the Google Consent Mode signals that follow from a choice.

use serde::{Deserialize, Serialize};

use super::{
    Category, CategorySet, ConsentMode, Grant, MAX_SERVICES, MatomoConfig, ServiceDecl, ServiceSet,
    category_signals, valid_service_id,
};

/// One cookie the site or a third party it embeds may set, for the cookie declaration.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CookieDecl {
    /// The cookie's name; a trailing `*` matches any ending (`_pk_id.*`).
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
    /// How long it lives in minutes, for one that lives less than a day.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lifetime_minutes: Option<u32>,
    /// Whether another site sets it.
    #[serde(default)]
    pub third_party: bool,
    /// The declared service (`[[consent.services]]`) that sets it; absent: the site itself,
    /// or a script declared by category only.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub service: Option<String>,
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
    /// The services inside the categories, each allowed or not on its own.
    pub services: Vec<ServiceDecl>,
    /// The site's Matomo, if any: becomes the service `matomo` (statistics).
    pub matomo: Option<MatomoConfig>,
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
        #[allow(clippy::too_many_arguments)]
        fn service(
            id: &str,
            category: Category,
            name: &str,
            provider: &str,
            en: &str,
            sv: &str,
            privacy_url: &str,
            embed_origin: &str,
        ) -> ServiceDecl {
            ServiceDecl {
                provider: provider.into(),
                purpose_en: en.into(),
                purpose_sv: sv.into(),
                privacy_url: privacy_url.into(),
                embed_origin: embed_origin.into(),
                ..ServiceDecl::new(id, category, name)
            }
        }
        let decl = |name: &str,
                    category,
                    provider: &str,
                    en: &str,
                    sv: &str,
                    lifetime_days,
                    service: Option<&str>| CookieDecl {
            name: name.into(),
            category,
            provider: provider.into(),
            purpose_en: en.into(),
            purpose_sv: sv.into(),
            lifetime_days,
            lifetime_minutes: None,
            third_party: service.is_some(),
            service: service.map(Into::into),
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
            matomo: None,
            services: vec![
                service(
                    "youtube",
                    Category::ExternalMedia,
                    "YouTube",
                    "Google Ireland Limited",
                    "Plays the videos embedded in pages, from youtube-nocookie.com.",
                    "Spelar upp filmer som är inbäddade i sidor, från youtube-nocookie.com.",
                    "https://policies.google.com/privacy",
                    "",
                ),
                service(
                    "google-ads",
                    Category::Marketing,
                    "Google Ads",
                    "Google Ireland Limited",
                    "Measures how the agency's advertising performs.",
                    "Mäter hur myndighetens annonsering fungerar.",
                    "https://policies.google.com/privacy",
                    "",
                ),
            ],
            cookies: vec![
                decl(
                    CONSENT_COOKIE,
                    Category::Necessary,
                    "jobtechdev.se",
                    "Remembers your answer to the cookie question.",
                    "Kommer ihåg ditt svar på frågan om kakor.",
                    Some(182),
                    None,
                ),
                decl(
                    SESSION_COOKIE_HTTPS,
                    Category::Necessary,
                    "jobtechdev.se",
                    "Keeps a company logged in: an opaque random id, nothing else.",
                    "Håller ett företag inloggat: ett slumpat id, inget annat.",
                    None,
                    None,
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
                    None,
                ),
                decl(
                    "YSC",
                    Category::ExternalMedia,
                    "YouTube (youtube-nocookie.com)",
                    "Set by embedded YouTube videos when they play.",
                    "Sätts av inbäddade YouTube-filmer när de spelas.",
                    None,
                    Some("youtube"),
                ),
                decl(
                    "VISITOR_INFO1_LIVE",
                    Category::ExternalMedia,
                    "YouTube (youtube-nocookie.com)",
                    "Set by embedded YouTube videos to estimate bandwidth.",
                    "Sätts av inbäddade YouTube-filmer för att uppskatta bandbredd.",
                    Some(180),
                    Some("youtube"),
                ),
                decl(
                    "IDE",
                    Category::Marketing,
                    "Google (doubleclick.net)",
                    "Google advertising: measures and personalises ads.",
                    "Googles annonsering: mäter och anpassar annonser.",
                    Some(395),
                    Some("google-ads"),
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
            if !is_http_url(&script.src) {
                return Err(format!("script {:?} must be an http(s) URL", script.src));
            }
        }
        // The videos' service: `youtube` comes from `video_origin` unless it says otherwise.
        let video_origin = self.video_origin.clone();
        if let Some(youtube) = self
            .services
            .iter_mut()
            .find(|s| s.id == "youtube" && s.embed_origin.is_empty())
        {
            youtube.embed_origin = video_origin;
        }
        if let Some(matomo) = self.matomo.clone() {
            self.services.push(matomo_service(&matomo)?);
            self.cookies.extend(matomo_cookies());
        }
        self.check_services()?;
        Ok(self)
    }

    fn check_services(&self) -> Result<(), String> {
        if self.services.len() > MAX_SERVICES {
            return Err(format!("at most {MAX_SERVICES} services can be declared"));
        }
        let mut ids = std::collections::HashSet::new();
        for service in &self.services {
            let id = &service.id;
            if !valid_service_id(id) {
                return Err(format!(
                    "the service id {id:?} must be 1 to 32 of a-z, 0-9 and -"
                ));
            }
            if !ids.insert(id.as_str()) {
                return Err(format!("the service {id:?} is declared twice"));
            }
            if service.category == Category::Necessary {
                return Err(format!(
                    "the service {id:?} needs an optional category (necessary needs no consent)"
                ));
            }
            if service.name.trim().is_empty() || service.provider.trim().is_empty() {
                return Err(format!("the service {id:?} needs a name and a provider"));
            }
            let urls = service.scripts.iter().chain(
                [&service.privacy_url, &service.embed_origin]
                    .into_iter()
                    .filter(|u| !u.is_empty()),
            );
            for url in urls {
                if !is_http_url(url) {
                    return Err(format!(
                        "{url:?} of the service {id:?} must be an http(s) URL"
                    ));
                }
            }
            if let Some(key) = service.storage.iter().find(|k| !is_plain_name(k)) {
                return Err(format!(
                    "the storage key {key:?} of the service {id:?} must be a plain name"
                ));
            }
            if !service.opt_out.is_empty() && !is_script_path(&service.opt_out) {
                return Err(format!(
                    "the opt-out of the service {id:?} must name a function (`tag.optOut`)"
                ));
            }
        }
        for cookie in &self.cookies {
            if !is_plain_name(&cookie.name) {
                return Err(format!(
                    "the cookie name {:?} is not one a browser keeps",
                    cookie.name
                ));
            }
            let Some(id) = &cookie.service else { continue };
            match self.services.iter().find(|s| &s.id == id) {
                None => {
                    return Err(format!(
                        "the cookie {:?} names the service {id:?}, which is not declared",
                        cookie.name
                    ));
                }
                Some(service) if service.category != cookie.category => {
                    return Err(format!(
                        "the cookie {:?} has another category than its service {id:?}",
                        cookie.name
                    ));
                }
                Some(_) => {}
            }
        }
        Ok(())
    }

    /// The declared cookies of the service at `index`.
    pub fn cookies_of(&self, index: usize) -> impl Iterator<Item = &CookieDecl> {
        let id = self.services.get(index).map(|s| s.id.as_str());
        self.cookies
            .iter()
            .filter(move |c| c.service.is_some() && c.service.as_deref() == id)
    }

    /// The declared first-party cookies a decision takes away: those of the services
    /// `before` granted and `after` does not, and those of no service whose category it
    /// withdraws. The consent cookie is never among them.
    pub fn first_party_cookies_withdrawn(
        &self,
        before: Grant,
        after: Grant,
    ) -> impl Iterator<Item = &CookieDecl> {
        let services = before.services.minus(after.services);
        let categories = before
            .categories
            .iter()
            .filter(|c| !after.categories.contains(*c))
            .fold(CategorySet::NONE, CategorySet::with);
        self.cookies.iter().filter(move |c| {
            let withdrawn = match &c.service {
                Some(id) => self
                    .services
                    .iter()
                    .position(|s| &s.id == id)
                    .is_some_and(|i| services.contains(i)),
                None => categories.contains(c.category),
            };
            withdrawn && !c.third_party && c.name != CONSENT_COOKIE
        })
    }

    /// The optional categories the dialog offers: those with a service, a cookie or a script
    /// declared, and external media (the pages' videos).
    pub fn offered_categories(&self) -> Vec<Category> {
        Category::OPTIONAL
            .into_iter()
            .filter(|c| {
                *c == Category::ExternalMedia
                    || self.services.iter().any(|s| s.category == *c)
                    || self.cookies.iter().any(|d| d.category == *c)
                    || self.scripts.iter().any(|s| s.category == *c)
            })
            .collect()
    }

    /// The categories a decision can grant: necessary and those offered.
    pub fn offered(&self) -> CategorySet {
        self.offered_categories()
            .into_iter()
            .fold(CategorySet::necessary(), CategorySet::with)
    }

    /// The service whose embeds come from `origin` (the videos' service), if one is declared.
    pub fn embed_service(&self, origin: &str) -> Option<usize> {
        let origin = origin.trim_end_matches('/');
        self.services.iter().position(|s| {
            !s.embed_origin.is_empty() && s.embed_origin.trim_end_matches('/') == origin
        })
    }

    /// What decides each Google Consent Mode signal.
    pub fn signal_rules(&self) -> SignalRules {
        let mut rules = SignalRules::default();
        for (k, signal) in SIGNALS.iter().enumerate() {
            for (i, service) in self.services.iter().enumerate() {
                if service.signals().contains(signal) {
                    rules.services[k] = rules.services[k].with(i);
                }
            }
            // A script declared by category only stands for its category's signals.
            rules.categories[k] = self
                .scripts
                .iter()
                .map(|s| s.category)
                .find(|c| category_signals(*c).contains(signal));
        }
        rules
    }
}

fn is_http_url(url: &str) -> bool {
    (url.starts_with("https://") || url.starts_with("http://"))
        && !url.contains(char::is_whitespace)
}

/// A cookie name or storage key as browsers keep them: no spaces, `,`, `;` or `=`.
fn is_plain_name(name: &str) -> bool {
    !name.trim().is_empty()
        && !name.contains(|c: char| c.is_whitespace() || matches!(c, ',' | ';' | '='))
}

/// `name` or `a.b.c`: identifiers of a script, nothing that could be code.
fn is_script_path(path: &str) -> bool {
    path.len() <= 100
        && path.split('.').all(|part| {
            let mut chars = part.chars();
            chars
                .next()
                .is_some_and(|c| c.is_ascii_alphabetic() || c == '_' || c == '$')
                && chars.all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '$')
        })
}

/// The service `[consent.matomo]` declares.
fn matomo_service(matomo: &MatomoConfig) -> Result<ServiceDecl, String> {
    if !is_http_url(&matomo.url) || !matomo.url.ends_with('/') {
        return Err("consent.matomo.url must be an http(s) URL ending in /".into());
    }
    Ok(ServiceDecl {
        provider: "jobtechdev.se (Matomo)".into(),
        purpose_en: "Counts visits and pages read, so the portal can be improved. The numbers \
                     stay with the agency."
            .into(),
        purpose_sv: "Räknar besök och lästa sidor, så att portalen kan bli bättre. Siffrorna \
                     stannar hos myndigheten."
            .into(),
        scripts: vec![format!("{}matomo.js", matomo.url)],
        consent_mode: Some(Vec::new()),
        matomo: true,
        ..ServiceDecl::new("matomo", Category::Statistics, "Matomo")
    })
}

/// The cookies Matomo's tracker sets on the site once it may.
fn matomo_cookies() -> Vec<CookieDecl> {
    let cookie =
        |name: &str, en: &str, sv: &str, days: Option<u32>, minutes: Option<u32>| CookieDecl {
            name: name.into(),
            category: Category::Statistics,
            provider: "jobtechdev.se (Matomo)".into(),
            purpose_en: en.into(),
            purpose_sv: sv.into(),
            lifetime_days: days,
            lifetime_minutes: minutes,
            third_party: false,
            service: Some("matomo".into()),
        };
    vec![
        cookie(
            "_pk_id.*",
            "A random visitor id, to tell new visits from returning ones.",
            "Ett slumpat besökar-id, för att skilja nya besök från återkommande.",
            Some(393),
            None,
        ),
        cookie(
            "_pk_ses.*",
            "Marks the pages of one visit.",
            "Håller ihop sidorna i ett besök.",
            None,
            Some(30),
        ),
        cookie(
            "_pk_ref.*",
            "The site a visit came from.",
            "Webbplatsen som ett besök kom ifrån.",
            Some(183),
            None,
        ),
        cookie(
            "_pk_testcookie*",
            "Checks that the browser keeps cookies; removed at once.",
            "Kontrollerar att webbläsaren sparar kakor; tas bort direkt.",
            None,
            None,
        ),
    ]
}

/// The Google Consent Mode v2 signals, in the order [`SignalRules`] and
/// [`consent_mode_signals`] use.
pub const SIGNALS: [&str; 4] = [
    "ad_storage",
    "ad_user_data",
    "ad_personalization",
    "analytics_storage",
];

/// What grants each of [`SIGNALS`]: a granted service that needs it, or, for scripts declared
/// by category only, that category.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct SignalRules {
    /// Per signal, the services that need it.
    pub services: [ServiceSet; 4],
    /// Per signal, the category of a script declared without a service.
    pub categories: [Option<Category>; 4],
}

/// Google Consent Mode v2 signals for what is granted: a signal is granted when a granted
/// service needs it (or its category is granted, for a script declared by category only).
pub fn consent_mode_signals(
    rules: &SignalRules,
    grant: Grant,
) -> [(&'static str, &'static str); 4] {
    let mut out = [("", "denied"); 4];
    for (k, signal) in SIGNALS.iter().enumerate() {
        let by_service = !grant.services.and(rules.services[k]).is_empty();
        let by_category = rules.categories[k].is_some_and(|c| grant.categories.contains(c));
        out[k] = (
            signal,
            if by_service || by_category {
                "granted"
            } else {
                "denied"
            },
        );
    }
    out
}

#[cfg(test)]
mod tests;
