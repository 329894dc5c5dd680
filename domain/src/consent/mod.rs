//! Cookie consent as plain data and rules: the categories, a visitor's choice, and whether the
//! site must ask (again). The cookie format and its signature live on the server side.

mod categories;
mod policy;
mod services;

use serde::{Deserialize, Serialize};

pub use categories::*;
pub use policy::*;
pub use services::*;

/// How consent is asked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "kebab-case")]
pub enum ConsentMode {
    /// As the seed policy describes: accept everything, or nothing is stored at all.
    #[default]
    AllOrNothing,
    /// Accept all, reject all, or choose per category; strictly necessary cookies need no
    /// consent and a rejection is remembered.
    Granular,
}

impl ConsentMode {
    /// The name used in config and in the consent log.
    pub fn as_str(self) -> &'static str {
        match self {
            ConsentMode::AllOrNothing => "all-or-nothing",
            ConsentMode::Granular => "granular",
        }
    }
}

/// What a visitor chose in the dialog.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Decision {
    /// "Accept all cookies".
    AcceptAll,
    /// "Reject all" (granular mode only).
    RejectAll,
    /// "Save choices" with these optional categories and services ticked (granular mode only).
    Choose(Grant),
    /// Withdraw every consent given.
    Withdraw,
}

/// A decision the current mode does not offer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("this choice is not offered in {0} mode")]
pub struct NotOffered(pub &'static str);

/// What a decision leads to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Store a consent record granting these categories and services.
    Store(Grant),
    /// Store nothing and remove the consent record (all-or-nothing withdrawal).
    Forget,
}

impl Outcome {
    /// What is granted after the decision (nothing once forgotten).
    pub fn granted(self) -> Grant {
        match self {
            Outcome::Store(grant) => grant,
            Outcome::Forget => Grant::NONE,
        }
    }
}

impl Decision {
    /// Applies the mode's rules. In all-or-nothing mode only accepting everything is stored; a
    /// withdrawal forgets the record. In granular mode necessary is always granted and every
    /// decision, rejection included, is remembered; when the browser sends Global Privacy
    /// Control (`gpc`), "Accept all" leaves marketing out — only ticking it says otherwise.
    /// A category ticked without any of its services grants them all; a service ticked grants
    /// its category too (`services` is the declaration the choice refers to).
    /// Only the categories the policy offers are granted.
    pub fn outcome(self, policy: &ConsentPolicy, gpc: bool) -> Result<Outcome, NotOffered> {
        let (mode, services) = (policy.mode, policy.services.as_slice());
        let offered = policy.offered();
        let whole = |set: CategorySet| Ok(Outcome::Store(Grant::whole(services, set.and(offered))));
        match (mode, self) {
            (ConsentMode::Granular, Decision::AcceptAll) if gpc => {
                whole(CategorySet::ALL.without(Category::Marketing))
            }
            (_, Decision::AcceptAll) => whole(CategorySet::ALL),
            (ConsentMode::AllOrNothing, Decision::Withdraw) => Ok(Outcome::Forget),
            (ConsentMode::AllOrNothing, _) => Err(NotOffered(mode.as_str())),
            (ConsentMode::Granular, Decision::RejectAll | Decision::Withdraw) => {
                whole(CategorySet::necessary())
            }
            (ConsentMode::Granular, Decision::Choose(ticked)) => {
                let mut grant = Grant {
                    categories: ticked.categories.and(offered).with(Category::Necessary),
                    services: ServiceSet::NONE,
                };
                for (i, service) in services.iter().enumerate() {
                    let whole_category = grant.categories.contains(service.category)
                        && !services.iter().enumerate().any(|(j, s)| {
                            s.category == service.category && ticked.services.contains(j)
                        });
                    if ticked.services.contains(i) || whole_category {
                        grant.services = grant.services.with(i);
                        grant.categories = grant.categories.with(service.category);
                    }
                }
                Ok(Outcome::Store(grant))
            }
        }
    }

    /// Reads a form: `choice` is `accept_all`, `reject_all`, `save` or `withdraw`; with `save`,
    /// the ticked optional categories and services (ids of `services`). Anything unknown
    /// makes the whole form unreadable.
    pub fn from_form(
        choice: &str,
        ticked: &[&str],
        ticked_services: &[&str],
        services: &[ServiceDecl],
    ) -> Option<Decision> {
        match choice {
            "accept_all" => Some(Decision::AcceptAll),
            "reject_all" => Some(Decision::RejectAll),
            "withdraw" => Some(Decision::Withdraw),
            "save" => {
                let mut grant = Grant::NONE;
                for id in ticked {
                    grant.categories = grant.categories.with(Category::from_id(id)?);
                }
                for id in ticked_services {
                    let index = services.iter().position(|s| s.id == *id)?;
                    grant.services = grant.services.with(index);
                }
                Some(Decision::Choose(grant))
            }
            _ => None,
        }
    }

    /// The name written to the consent log.
    pub fn as_str(self) -> &'static str {
        match self {
            Decision::AcceptAll => "accept_all",
            Decision::RejectAll => "reject_all",
            Decision::Choose(_) => "save",
            Decision::Withdraw => "withdraw",
        }
    }
}

/// A stored consent, as read back from a verified cookie.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ConsentRecord {
    /// Random id linking the cookie to the consent log (no personal data).
    pub id: [u8; 16],
    /// The policy revision the visitor answered.
    pub revision: u32,
    /// What was granted.
    pub granted: CategorySet,
    /// The services granted inside those categories.
    pub services: ServiceSet,
    /// When, in seconds since the Unix epoch.
    pub issued_at: u64,
}

impl ConsentRecord {
    /// Whether the record still answers the question: same revision, not expired, not from the
    /// future (a clock skew of a minute is tolerated).
    pub fn is_current(&self, revision: u32, lifetime_days: u32, now: u64) -> bool {
        let lifetime = u64::from(lifetime_days) * 86_400;
        self.revision == revision
            && self.issued_at <= now + 60
            && now < self.issued_at.saturating_add(lifetime)
    }

    /// The id as 32 hex digits.
    pub fn id_hex(&self) -> String {
        self.id.iter().map(|b| format!("{b:02x}")).collect()
    }
}

/// What a page needs to know about the visitor's consent.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct ConsentStatus {
    /// Whether the visitor has a current answer; if not, the dialog is shown.
    pub answered: bool,
    /// The categories that may be used now.
    pub granted: CategorySet,
    /// The services that may be used now.
    #[serde(default)]
    pub services: ServiceSet,
    /// The browser sends Global Privacy Control and, in granular mode, there is no stored
    /// choice: marketing counts as rejected and the dialog says so.
    #[serde(default)]
    pub gpc: bool,
}

impl ConsentStatus {
    /// The status for a verified record, if any, under the current policy.
    pub fn from_record(
        record: Option<ConsentRecord>,
        revision: u32,
        lifetime_days: u32,
        now: u64,
    ) -> Self {
        match record {
            Some(r) if r.is_current(revision, lifetime_days, now) => ConsentStatus {
                answered: true,
                granted: r.granted,
                services: r.services,
                gpc: false,
            },
            _ => ConsentStatus::default(),
        }
    }

    /// What may be used now.
    pub fn grant(&self) -> Grant {
        Grant {
            categories: self.granted,
            services: self.services,
        }
    }

    /// Applies a `Sec-GPC: 1` request header: in granular mode, with no stored choice, it is a
    /// rejection of marketing. A stored choice stands (the visitor made it knowingly); the
    /// all-or-nothing mode has no partial answer to give.
    pub fn with_gpc(mut self, mode: ConsentMode, gpc: bool) -> Self {
        self.gpc = gpc && mode == ConsentMode::Granular && !self.answered;
        if self.gpc {
            self.granted = self.granted.without(Category::Marketing);
        }
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn all_or_nothing_offers_accept_and_withdraw_only() {
        let mode = ConsentMode::AllOrNothing;
        assert_eq!(
            Decision::AcceptAll.outcome(&policy(mode, &[]), false),
            Ok(Outcome::Store(Grant::whole(&[], offered())))
        );
        assert_eq!(
            Decision::AcceptAll.outcome(&policy(mode, &[]), true),
            Ok(Outcome::Store(Grant::whole(&[], offered()))),
            "no partial answer exists in this mode"
        );
        assert_eq!(
            Decision::Withdraw.outcome(&policy(mode, &[]), false),
            Ok(Outcome::Forget)
        );
        assert_eq!(Outcome::Forget.granted(), Grant::NONE);
        assert_eq!(
            Outcome::Store(Grant::whole(&[], CategorySet::ALL))
                .granted()
                .categories,
            CategorySet::ALL
        );
        assert!(
            Decision::RejectAll
                .outcome(&policy(mode, &[]), false)
                .is_err()
        );
        assert!(
            Decision::Choose(Grant::whole(&[], CategorySet::ALL))
                .outcome(&policy(mode, &[]), false)
                .is_err()
        );
    }

    #[test]
    fn granular_always_keeps_necessary_and_remembers_rejection() {
        let mode = ConsentMode::Granular;
        let necessary = CategorySet::necessary();
        assert_eq!(
            Decision::RejectAll.outcome(&policy(mode, &[]), false),
            Ok(Outcome::Store(Grant::whole(&[], necessary)))
        );
        assert_eq!(
            Decision::Withdraw.outcome(&policy(mode, &[]), false),
            Ok(Outcome::Store(Grant::whole(&[], necessary)))
        );
        let media = CategorySet::NONE.with(Category::ExternalMedia);
        assert_eq!(
            Decision::Choose(Grant::whole(&[], media)).outcome(&policy(mode, &[]), false),
            Ok(Outcome::Store(Grant::whole(
                &[],
                media.with(Category::Necessary)
            )))
        );
    }

    #[test]
    fn global_privacy_control_keeps_marketing_off_unless_ticked() {
        let mode = ConsentMode::Granular;
        let all_but_marketing = CategorySet::ALL.without(Category::Marketing);
        assert!(!all_but_marketing.contains(Category::Marketing));
        assert!(all_but_marketing.contains(Category::ExternalMedia));
        assert_eq!(
            Decision::AcceptAll.outcome(&policy(mode, &[]), true),
            Ok(Outcome::Store(Grant::whole(
                &[],
                all_but_marketing.without(Category::Statistics)
            )))
        );
        let ticked = CategorySet::NONE.with(Category::Marketing);
        assert_eq!(
            Decision::Choose(Grant::whole(&[], ticked)).outcome(&policy(mode, &[]), true),
            Ok(Outcome::Store(Grant::whole(
                &[],
                ticked.with(Category::Necessary)
            ))),
            "an explicit tick is the visitor's own choice"
        );

        let none = ConsentStatus::from_record(None, 1, 182, 1_000);
        let gpc = none.with_gpc(mode, true);
        assert!(gpc.gpc && !gpc.answered);
        assert!(!gpc.granted.contains(Category::Marketing));
        assert!(!none.with_gpc(mode, false).gpc);
        assert!(
            !none.with_gpc(ConsentMode::AllOrNothing, true).gpc,
            "all-or-nothing has no partial answer"
        );
        let stored = ConsentRecord {
            id: [1; 16],
            revision: 1,
            granted: CategorySet::ALL,
            services: ServiceSet::NONE,
            issued_at: 1_000,
        };
        let kept = ConsentStatus::from_record(Some(stored), 1, 182, 1_000).with_gpc(mode, true);
        assert!(!kept.gpc, "a stored choice stands");
        assert_eq!(kept.granted, CategorySet::ALL);
    }

    #[test]
    fn forms_parse_strictly() {
        let services = [service("youtube", Category::ExternalMedia)];
        let read = |choice, ticked: &[&str], chosen: &[&str]| {
            Decision::from_form(choice, ticked, chosen, &services)
        };
        assert_eq!(read("accept_all", &[], &[]), Some(Decision::AcceptAll));
        assert_eq!(
            read("save", &["marketing"], &["youtube"]),
            Some(Decision::Choose(Grant {
                categories: CategorySet::NONE.with(Category::Marketing),
                services: ServiceSet::NONE.with(0),
            }))
        );
        assert_eq!(read("save", &["cookies_please"], &[]), None);
        assert_eq!(read("save", &[], &["vimeo"]), None, "an unknown service");
        assert_eq!(read("ACCEPT_ALL", &[], &[]), None);
        assert_eq!(read("", &[], &[]), None);
    }

    /// What the default policy offers (no statistics: nothing declares any).
    fn offered() -> CategorySet {
        CategorySet::ALL.without(Category::Statistics)
    }

    fn policy(mode: ConsentMode, services: &[ServiceDecl]) -> ConsentPolicy {
        ConsentPolicy {
            mode,
            services: services.to_vec(),
            ..ConsentPolicy::default()
        }
    }

    fn service(id: &str, category: Category) -> ServiceDecl {
        ServiceDecl::new(id, category, id)
    }

    #[test]
    fn services_inside_categories() {
        let services = [
            service("youtube", Category::ExternalMedia),
            service("vimeo", Category::ExternalMedia),
            service("matomo", Category::Statistics),
            service("ads", Category::Marketing),
        ];
        let mode = ConsentMode::Granular;
        let decide = |ticked: &[&str], chosen: &[&str]| {
            Decision::from_form("save", ticked, chosen, &services)
                .expect("readable")
                .outcome(&policy(mode, &services), false)
                .expect("offered")
                .granted()
        };
        let one = decide(&[], &["youtube"]);
        assert_eq!(one.services.ids(&services), ["youtube"]);
        assert!(
            one.categories.contains(Category::ExternalMedia),
            "a service brings its category"
        );
        assert!(one.categories.contains(Category::Necessary));
        let ticked = decide(&["external_media"], &["vimeo"]);
        assert_eq!(
            ticked.services.ids(&services),
            ["vimeo"],
            "the services ticked are the choice inside the category"
        );
        let whole = decide(&["external_media", "statistics"], &[]);
        assert_eq!(
            whole.services.ids(&services),
            ["youtube", "vimeo", "matomo"],
            "a category alone grants all its services"
        );
        let all = Decision::AcceptAll
            .outcome(&policy(mode, &services), true)
            .expect("offered")
            .granted();
        assert_eq!(
            all.services.ids(&services),
            ["youtube", "vimeo", "matomo"],
            "GPC keeps marketing's services out"
        );
        let none = Decision::RejectAll
            .outcome(&policy(mode, &services), false)
            .expect("offered")
            .granted();
        assert!(none.services.is_empty());
    }

    #[test]
    fn category_sets_round_trip_and_refuse_unknown_bits() {
        for bits in 0..=15 {
            assert_eq!(
                CategorySet::from_bits(bits).map(CategorySet::bits),
                Some(bits)
            );
        }
        assert_eq!(CategorySet::from_bits(16), None);
        assert_eq!(
            CategorySet::ALL.to_string(),
            "necessary,statistics,external_media,marketing"
        );
        assert_eq!(
            CategorySet::necessary().complement().to_string(),
            "statistics,external_media,marketing"
        );
    }

    #[test]
    fn a_record_expires_and_a_new_revision_asks_again() {
        let record = ConsentRecord {
            id: [7; 16],
            revision: 2,
            granted: CategorySet::ALL,
            services: ServiceSet::NONE,
            issued_at: 1_000_000,
        };
        let day = 86_400;
        assert!(record.is_current(2, 182, 1_000_000 + 181 * day));
        assert!(!record.is_current(2, 182, 1_000_000 + 182 * day), "expired");
        assert!(!record.is_current(3, 182, 1_000_000), "new revision");
        assert!(
            !record.is_current(2, 182, 1_000_000 - 3600),
            "issued in the future"
        );
        let status = ConsentStatus::from_record(Some(record), 3, 182, 1_000_000);
        assert!(!status.answered);
        assert_eq!(status.granted, CategorySet::NONE);
        assert_eq!(record.id_hex(), "07".repeat(16));
    }
}
