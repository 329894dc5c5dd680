//! The cookie-consent dialog (a switch per category and per service) and the footer's "Cookie
//! settings" control.
//!
//! The server renders the dialog open when the visitor has no current answer, so it is in the
//! HTML before any script runs. It is a plain form: without JavaScript its buttons POST to
//! `/consent`, which stores the choice and redirects back. Once hydrated, the same buttons call
//! the [`decide_consent`](crate::api::decide_consent) server function and the dialog closes
//! when it answers; other islands learn of the new choice through a `portal:consent-changed`
//! window event.
//!
//! The site's own scripts get a documented event: `portal:consent` on `document`, once when a
//! page loads with a decision already made and on every decision after, with the granted
//! categories in `detail` (see `docs/consent.md`); `window.portalConsent` holds the last one.

mod markup;
mod state;

#[cfg(feature = "hydrate")]
pub(crate) mod client;

use leptos::prelude::*;

pub use markup::DialogMarkup;
pub use state::DialogState;

use crate::domain::{
    consent::{Category, ConsentPolicy},
    i18n::strings,
    lang::Lang,
};

/// A declared service as the dialog shows it, in the page's language. The dialog lists every
/// service in the configuration's order, so an item's place is its bit in a
/// [`ServiceSet`](crate::domain::consent::ServiceSet).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ServiceItem {
    /// Its id.
    pub id: String,
    /// Its category.
    pub category: Category,
    /// Its name.
    pub name: String,
    /// What it is for.
    pub purpose: String,
    /// Its provider's privacy policy (may be empty).
    pub privacy_url: String,
}

impl ServiceItem {
    /// The services of `policy`, in its order, in `lang`.
    pub fn all(policy: &ConsentPolicy, lang: Lang) -> Vec<ServiceItem> {
        policy
            .services
            .iter()
            .map(|s| ServiceItem {
                id: s.id.clone(),
                category: s.category,
                name: s.name.clone(),
                purpose: s.purpose(lang).to_owned(),
                privacy_url: s.privacy_url.clone(),
            })
            .collect()
    }
}

/// Window event that asks the dialog to open (sent by the footer control).
pub const OPEN_EVENT: &str = "portal:open-consent";
/// Window event sent after a choice is saved, for the other islands; `detail` holds what is
/// granted as one number (`Grant::packed`).
pub const CHANGED_EVENT: &str = "portal:consent-changed";
/// The documented event for the site's scripts, dispatched on `document`.
pub const PUBLIC_EVENT: &str = "portal:consent";

/// " Privacy policy", linking to a service's privacy policy, when it has one.
pub fn privacy_link(url: &str, lang: Lang) -> Option<impl IntoView + use<>> {
    let label = strings(lang).consent.privacy_policy;
    (!url.is_empty()).then(|| {
        view! {
            " "
            <a href=url.to_owned() rel="noopener noreferrer">
                {label}
            </a>
        }
    })
}

/// The dialog's island, next to the server's [`DialogMarkup`]; in the browser it
/// reads the [`DialogState`] the markup holds and keeps the dialog in step with signals: shown
/// or not, the switches, "You have allowed", the withdraw button, the saved notice. The
/// buttons then call the [`decide_consent`](crate::api::decide_consent) server function
/// (posted with `fetch`, the form's own fields) and the dialog closes when it answers. It has
/// no view: it wires the markup.
#[island]
pub fn ConsentDialog() -> impl IntoView {
    #[cfg(feature = "hydrate")]
    client::Live::start();
}

/// With a "Cookie settings" link (to the settings page, marked `data-open-consent`), which
/// works without JavaScript: once hydrated, following it opens the dialog in place.
#[island]
pub fn CookieSettingsLink() -> impl IntoView {
    #[cfg(feature = "hydrate")]
    client::settings_links();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_services_are_listed_in_the_configuration_order() {
        let policy = ConsentPolicy::default();
        let items = ServiceItem::all(&policy, Lang::Sv);
        assert_eq!(items.len(), policy.services.len());
        assert_eq!(items[0].id, "youtube");
        assert_eq!(items[0].category, Category::ExternalMedia);
        assert_eq!(items[1].privacy_url, "https://policies.google.com/privacy");
    }
}
