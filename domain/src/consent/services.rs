//! Services inside categories: what the operator declares about each third party (or the
//! site's own analytics), and sets of them as a visitor grants them.
//!
//! A service belongs to one optional category. A visitor may allow a category and, inside it,
//! only some of its services (YouTube but not Vimeo). A service's place in the configuration
//! is its bit in a [`ServiceSet`]; the consent cookie names services by id, so reordering the
//! configuration changes nothing a visitor decided.

use serde::{Deserialize, Serialize};

use super::{Category, CategorySet};

/// At most this many services can be declared (a [`ServiceSet`] is 32 bits).
pub const MAX_SERVICES: usize = 32;

/// One service a category's consent covers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ServiceDecl {
    /// Its id in config, forms, the consent cookie and the log: `a-z`, `0-9` and `-`.
    pub id: String,
    /// The category whose consent it needs (never `necessary`).
    pub category: Category,
    /// Its name, as the dialog and the cookie table show it.
    pub name: String,
    /// Who runs it.
    pub provider: String,
    /// What it is for, in English.
    pub purpose_en: String,
    /// What it is for, in Swedish.
    pub purpose_sv: String,
    /// The provider's privacy policy.
    #[serde(default)]
    pub privacy_url: String,
    /// Scripts it loads (once granted).
    #[serde(default)]
    pub scripts: Vec<String>,
    /// The origin its embeds (iframes) come from, if any.
    #[serde(default)]
    pub embed_origin: String,
    /// Keys it keeps in the browser's local or session storage; a trailing `*` matches any
    /// ending. Removed on withdrawal.
    #[serde(default)]
    pub storage: Vec<String>,
    /// A function of the page the service offers for opting out (`tag.optOut`), called on
    /// withdrawal.
    #[serde(default)]
    pub opt_out: String,
    /// The Google Consent Mode signals it needs (`ad_storage`, `analytics_storage`, …); absent:
    /// its category's (marketing: the advertising signals, statistics: `analytics_storage`).
    #[serde(default)]
    pub consent_mode: Option<Vec<String>>,
    /// Whether this is the site's Matomo (set from `[consent.matomo]`; not configured by hand).
    #[serde(default, skip_deserializing)]
    pub matomo: bool,
}

impl ServiceDecl {
    /// A service with nothing to load, keep or call yet (the builder of the defaults, Matomo's
    /// declaration and tests); the provider is the name until set.
    pub fn new(id: &str, category: Category, name: &str) -> ServiceDecl {
        ServiceDecl {
            id: id.into(),
            category,
            name: name.into(),
            provider: name.into(),
            purpose_en: String::new(),
            purpose_sv: String::new(),
            privacy_url: String::new(),
            scripts: Vec::new(),
            embed_origin: String::new(),
            storage: Vec::new(),
            opt_out: String::new(),
            consent_mode: None,
            matomo: false,
        }
    }

    /// Its purpose in `lang`.
    pub fn purpose(&self, lang: crate::lang::Lang) -> &str {
        match lang {
            crate::lang::Lang::Sv => &self.purpose_sv,
            crate::lang::Lang::En => &self.purpose_en,
        }
    }

    /// The Consent Mode signals it needs.
    pub fn signals(&self) -> Vec<&str> {
        match &self.consent_mode {
            Some(list) => list.iter().map(String::as_str).collect(),
            None => category_signals(self.category).to_vec(),
        }
    }
}

/// The Consent Mode signals a category stands for when no service says otherwise.
pub fn category_signals(category: Category) -> &'static [&'static str] {
    match category {
        Category::Marketing => &["ad_storage", "ad_user_data", "ad_personalization"],
        Category::Statistics => &["analytics_storage"],
        Category::Necessary | Category::ExternalMedia => &[],
    }
}

/// The site's Matomo: declared as the service `matomo` (statistics), loaded only with consent.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MatomoConfig {
    /// The Matomo server's base URL, ending in `/` (`https://matomo.example.org/`).
    pub url: String,
    /// The site's id in Matomo.
    pub site_id: u32,
}

/// A set of services, each the bit of its place in the configuration.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(transparent)]
pub struct ServiceSet(u32);

impl ServiceSet {
    /// No service.
    pub const NONE: ServiceSet = ServiceSet(0);

    /// This set plus the service at `index`.
    pub fn with(self, index: usize) -> ServiceSet {
        match u32::try_from(index).ok().and_then(|i| 1u32.checked_shl(i)) {
            Some(bit) => ServiceSet(self.0 | bit),
            None => self,
        }
    }

    /// Whether the service at `index` is in the set.
    pub fn contains(self, index: usize) -> bool {
        u32::try_from(index)
            .ok()
            .and_then(|i| 1u32.checked_shl(i))
            .is_some_and(|bit| self.0 & bit != 0)
    }

    /// The services in both sets.
    pub fn and(self, other: ServiceSet) -> ServiceSet {
        ServiceSet(self.0 & other.0)
    }

    /// The services of this set that are not in `other`.
    pub fn minus(self, other: ServiceSet) -> ServiceSet {
        ServiceSet(self.0 & !other.0)
    }

    /// Whether the set is empty.
    pub fn is_empty(self) -> bool {
        self.0 == 0
    }

    /// The compact form (one bit per service).
    pub fn bits(self) -> u32 {
        self.0
    }

    /// Reads the compact form.
    pub const fn from_bits(bits: u32) -> ServiceSet {
        ServiceSet(bits)
    }

    /// Every service of `services` whose category is in `categories`.
    pub fn of_categories(services: &[ServiceDecl], categories: CategorySet) -> ServiceSet {
        services
            .iter()
            .enumerate()
            .filter(|(_, s)| categories.contains(s.category))
            .fold(ServiceSet::NONE, |set, (i, _)| set.with(i))
    }

    /// The ids of the services in the set.
    pub fn ids(self, services: &[ServiceDecl]) -> Vec<&str> {
        services
            .iter()
            .enumerate()
            .filter(|(i, _)| self.contains(*i))
            .map(|(_, s)| s.id.as_str())
            .collect()
    }

    /// The set of the services named (ids of no declared service are left out).
    pub fn from_ids<'a>(
        services: &[ServiceDecl],
        ids: impl IntoIterator<Item = &'a str>,
    ) -> ServiceSet {
        ids.into_iter()
            .filter_map(|id| services.iter().position(|s| s.id == id))
            .fold(ServiceSet::NONE, ServiceSet::with)
    }
}

/// What a visitor has granted: categories, and services inside them. Serialised as one number
/// (the category bits, then the services' above them), which the browser reads without a
/// structure's decoder.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(from = "u64", into = "u64")]
pub struct Grant {
    /// The granted categories.
    pub categories: CategorySet,
    /// The granted services.
    pub services: ServiceSet,
}

impl From<Grant> for u64 {
    fn from(grant: Grant) -> u64 {
        u64::from(grant.categories.bits()) | (u64::from(grant.services.bits()) << 4)
    }
}

impl From<u64> for Grant {
    /// Bits of no category or service are dropped.
    fn from(number: u64) -> Grant {
        let categories = u8::try_from(number & 0xf).unwrap_or_default();
        Grant {
            categories: CategorySet::from_bits(categories).unwrap_or_default(),
            services: ServiceSet(u32::try_from((number >> 4) & 0xffff_ffff).unwrap_or_default()),
        }
    }
}

impl Grant {
    /// Nothing granted.
    pub const NONE: Grant = Grant {
        categories: CategorySet::NONE,
        services: ServiceSet::NONE,
    };

    /// The categories and services `categories` grant when none is chosen one by one.
    pub fn whole(services: &[ServiceDecl], categories: CategorySet) -> Grant {
        Grant {
            categories,
            services: ServiceSet::of_categories(services, categories),
        }
    }

    /// One number for both sets (for window events): the category bits, then the services'.
    pub fn packed(self) -> f64 {
        f64::from(self.categories.bits()) + f64::from(self.services.bits()) * 16.0
    }

    /// Reads [`Grant::packed`].
    pub fn unpacked(number: f64) -> Option<Grant> {
        if !(0.0..=f64::from(u32::MAX) * 16.0 + 15.0).contains(&number) || number.fract() != 0.0 {
            return None;
        }
        let whole = number as u64;
        Some(Grant {
            categories: CategorySet::from_bits(u8::try_from(whole % 16).ok()?)?,
            services: ServiceSet(u32::try_from(whole / 16).ok()?),
        })
    }
}

/// Whether `id` may name a service: 1 to 32 of `a-z`, `0-9`, `-`.
pub fn valid_service_id(id: &str) -> bool {
    (1..=32).contains(&id.len())
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// Whether a declared name or storage key (`_pk_id.*`) matches `actual`.
pub fn name_matches(declared: &str, actual: &str) -> bool {
    match declared.strip_suffix('*') {
        Some(prefix) => actual.starts_with(prefix),
        None => declared == actual,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn service(id: &str, category: Category) -> ServiceDecl {
        ServiceDecl::new(id, category, id)
    }

    #[test]
    fn sets_name_services_by_place_and_by_id() {
        let services = [
            service("youtube", Category::ExternalMedia),
            service("vimeo", Category::ExternalMedia),
            service("ads", Category::Marketing),
        ];
        let media =
            ServiceSet::of_categories(&services, CategorySet::NONE.with(Category::ExternalMedia));
        assert_eq!(media.ids(&services), ["youtube", "vimeo"]);
        let youtube = ServiceSet::from_ids(&services, ["youtube", "gone", "youtube"]);
        assert_eq!(youtube.ids(&services), ["youtube"]);
        assert!(youtube.contains(0) && !youtube.contains(1));
        assert_eq!(media.minus(youtube).ids(&services), ["vimeo"]);
        assert_eq!(media.and(youtube), youtube);
        assert!(ServiceSet::NONE.with(40).is_empty(), "no bit past 32");
        assert!(!ServiceSet::NONE.contains(40));
    }

    #[test]
    fn grants_pack_into_one_number_and_back() {
        let grant = Grant {
            categories: CategorySet::ALL,
            services: ServiceSet::from_bits(u32::MAX),
        };
        assert_eq!(Grant::unpacked(grant.packed()), Some(grant));
        assert_eq!(Grant::unpacked(Grant::NONE.packed()), Some(Grant::NONE));
        assert_eq!(Grant::from(u64::from(grant)), grant, "the serialised form");
        assert_eq!(
            serde_json::to_string(&grant).ok().as_deref(),
            Some("68719476735"),
            "one number"
        );
        for bad in [-1.0, 0.5, f64::NAN, f64::from(u32::MAX) * 32.0] {
            assert_eq!(Grant::unpacked(bad), None, "{bad}");
        }
    }

    #[test]
    fn ids_and_patterns() {
        assert!(valid_service_id("google-ads"));
        for bad in ["", "YouTube", "a b", "a_b", &"x".repeat(33)] {
            assert!(!valid_service_id(bad), "{bad:?}");
        }
        assert!(name_matches("_pk_id.*", "_pk_id.1.abcd"));
        assert!(!name_matches("_pk_id.*", "_pk_ses.1.abcd"));
        assert!(name_matches("IDE", "IDE"));
        assert!(!name_matches("IDE", "IDE2"));
    }

    #[test]
    fn signals_follow_the_category_unless_declared() {
        let mut ads = service("ads", Category::Marketing);
        assert_eq!(
            ads.signals(),
            ["ad_storage", "ad_user_data", "ad_personalization"]
        );
        ads.consent_mode = Some(vec!["ad_storage".into()]);
        assert_eq!(ads.signals(), ["ad_storage"]);
        assert_eq!(
            service("m", Category::Statistics).signals(),
            ["analytics_storage"]
        );
        assert!(service("v", Category::ExternalMedia).signals().is_empty());
    }
}
