//! What waits for consent on every page: third-party scripts (by service or by category),
//! the site's Matomo, and the Google Consent Mode v2 signals.
//!
//! The server writes the Consent Mode defaults (everything denied, then what the stored
//! consent grants), Matomo's queue (it requires consent and is told when it has it) and the
//! scripts of the granted services. When a service is granted later on the page, the island
//! adds its scripts and updates the signals. When one is withdrawn, the island calls its
//! opt-out (Matomo's `forgetConsentGiven`, or the function the service declares), removes the
//! storage keys and first-party cookies it declares, and, when one of its scripts already ran
//! on the page, reloads the page, so nothing of it runs again (a loaded script cannot be
//! unloaded).

use std::sync::Arc;

use leptos::prelude::*;

use domain::consent::{
    Category, ConsentPolicy, Grant, ServiceSet, SignalRules, consent_mode_signals, name_matches,
};

/// A script held back until its service (or, declared by category only, its category) is
/// granted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HeldScript {
    /// Its URL.
    pub src: String,
    /// Its category.
    pub category: Category,
    /// Its service's place in the declaration, if it has one.
    pub service: Option<usize>,
}

/// What the browser side must undo when a service is withdrawn.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HeldService {
    /// Its place in the declaration.
    pub index: usize,
    /// Storage keys (or `prefix*`) it keeps.
    pub storage: Vec<String>,
    /// Its first-party cookies (or `prefix*`).
    pub cookies: Vec<String>,
    /// A function of the page to call on withdrawal (`tag.optOut`).
    pub opt_out: String,
    /// Whether it is the site's Matomo.
    pub matomo: bool,
}

/// Everything the island needs about what consent holds back. It reaches the browser as one
/// line-based string ([`Held::encode`]), read by a few lines of code, not as serialized
/// structures (whose decoders would weigh on every page's first visit).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Held {
    /// The scripts.
    pub scripts: Vec<HeldScript>,
    /// The services with something to undo.
    pub services: Vec<HeldService>,
    /// What decides each Consent Mode signal.
    pub signals: SignalRules,
    /// The shared cookie domain, if any (first-party cookies are expired there too).
    pub cookie_domain: String,
}

impl Held {
    /// What `policy` holds back.
    pub fn of(policy: &ConsentPolicy) -> Held {
        let mut scripts: Vec<HeldScript> = policy
            .scripts
            .iter()
            .map(|s| HeldScript {
                src: s.src.clone(),
                category: s.category,
                service: None,
            })
            .collect();
        let mut services = Vec::new();
        for (index, service) in policy.services.iter().enumerate() {
            scripts.extend(service.scripts.iter().map(|src| HeldScript {
                src: src.clone(),
                category: service.category,
                service: Some(index),
            }));
            let cookies: Vec<String> = policy
                .cookies_of(index)
                .filter(|c| !c.third_party)
                .map(|c| c.name.clone())
                .collect();
            if !cookies.is_empty()
                || !service.storage.is_empty()
                || !service.opt_out.is_empty()
                || service.matomo
            {
                services.push(HeldService {
                    index,
                    storage: service.storage.clone(),
                    cookies,
                    opt_out: service.opt_out.clone(),
                    matomo: service.matomo,
                });
            }
        }
        Held {
            scripts,
            services,
            signals: policy.signal_rules(),
            cookie_domain: policy.cookie_domain.clone(),
        }
    }

    /// The form the island receives: one line per script (`s <category> <service|-> <src>`),
    /// per service (`v <index> <matomo 0|1> <opt-out|-> <storage,…|-> <cookie,…|->`), per
    /// Consent Mode signal (`g <signal> <service bits> <category|->`), and the cookie domain
    /// (`d <domain>`). Values never hold spaces or newlines: URLs, ids, names and patterns.
    pub fn encode(&self) -> String {
        let list = |items: &[String]| {
            if items.is_empty() {
                "-".to_owned()
            } else {
                items.join(",")
            }
        };
        let or_dash = |text: &str| if text.is_empty() { "-" } else { text }.to_owned();
        let mut lines = Vec::new();
        for s in &self.scripts {
            let service = s.service.map_or_else(|| "-".to_owned(), |i| i.to_string());
            lines.push(format!("s {} {service} {}", s.category.id(), s.src));
        }
        for v in &self.services {
            lines.push(format!(
                "v {} {} {} {} {}",
                v.index,
                u8::from(v.matomo),
                or_dash(&v.opt_out),
                list(&v.storage),
                list(&v.cookies)
            ));
        }
        for k in 0..self.signals.services.len() {
            let category = self.signals.categories[k].map_or("-", Category::id);
            lines.push(format!(
                "g {k} {} {category}",
                self.signals.services[k].bits()
            ));
        }
        if !self.cookie_domain.is_empty() {
            lines.push(format!("d {}", self.cookie_domain));
        }
        lines.join("\n")
    }

    /// Reads [`Held::encode`]; a line that does not read is left out.
    pub fn decode(text: &str) -> Held {
        let mut held = Held::default();
        let list = |item: &str| -> Vec<String> {
            if item == "-" {
                Vec::new()
            } else {
                item.split(',').map(str::to_owned).collect()
            }
        };
        for line in text.lines() {
            let parts: Vec<&str> = line.split(' ').collect();
            match parts.as_slice() {
                ["s", category, service, src] => {
                    if let Some(category) = Category::from_id(category) {
                        held.scripts.push(HeldScript {
                            src: (*src).to_owned(),
                            category,
                            service: service.parse().ok(),
                        });
                    }
                }
                ["v", index, matomo, opt_out, storage, cookies] => {
                    if let Ok(index) = index.parse() {
                        held.services.push(HeldService {
                            index,
                            storage: list(storage),
                            cookies: list(cookies),
                            opt_out: if *opt_out == "-" {
                                String::new()
                            } else {
                                (*opt_out).to_owned()
                            },
                            matomo: *matomo == "1",
                        });
                    }
                }
                ["g", k, bits, category] => {
                    if let (Ok(k), Ok(bits)) = (k.parse::<usize>(), bits.parse())
                        && k < held.signals.services.len()
                    {
                        held.signals.services[k] = ServiceSet::from_bits(bits);
                        held.signals.categories[k] = Category::from_id(category);
                    }
                }
                ["d", domain] => held.cookie_domain = (*domain).to_owned(),
                _ => {}
            }
        }
        held
    }

    /// Whether a script may run under `grant`.
    pub fn permits(script: &HeldScript, grant: Grant) -> bool {
        match script.service {
            Some(i) => grant.services.contains(i),
            None => grant.categories.contains(script.category),
        }
    }
}

/// The inline Consent Mode script for `grant`: defaults to denied, then an update.
pub fn consent_mode_script(rules: &SignalRules, grant: Grant) -> String {
    let object = |pairs: &[(&str, &str)]| {
        let fields: Vec<String> = pairs.iter().map(|(k, v)| format!("{k}:'{v}'")).collect();
        format!("{{{}}}", fields.join(","))
    };
    let denied = consent_mode_signals(rules, Grant::NONE);
    format!(
        "window.dataLayer=window.dataLayer||[];function gtag(){{dataLayer.push(arguments);}}gtag('consent','default',{});gtag('consent','update',{});",
        object(&denied),
        object(&consent_mode_signals(rules, grant)),
    )
}

/// Matomo's queue: it requires consent, and is told it has it when `granted`.
pub fn matomo_script(url: &str, site_id: u32, granted: bool) -> String {
    // The URL is checked as http(s) at start-up; quote it for a string all the same.
    let quoted: String = format!("{url}matomo.php")
        .chars()
        .map(|c| match c {
            '\'' | '\\' | '<' | '>' | '\n' | '\r' => format!("\\u{:04x}", c as u32),
            c => c.to_string(),
        })
        .collect();
    let consent = if granted {
        "_paq.push(['setConsentGiven']);"
    } else {
        ""
    };
    format!(
        "var _paq=window._paq=window._paq||[];_paq.push(['requireConsent']);{consent}_paq.push(['setTrackerUrl','{quoted}']);_paq.push(['setSiteId','{site_id}']);_paq.push(['trackPageView']);_paq.push(['enableLinkTracking']);"
    )
}

/// The scripts of what is granted, rendered by the server, after the Consent Mode script
/// (and Matomo's queue).
#[component]
pub fn ConsentedScripts(policy: Arc<ConsentPolicy>, granted: Grant) -> impl IntoView {
    let held = Held::of(&policy);
    (!held.scripts.is_empty() || !held.services.is_empty()).then(|| {
        let tags = held
            .scripts
            .iter()
            .filter(|s| Held::permits(s, granted))
            .map(|s| view! { <script async src=s.src.clone()></script> })
            .collect_view();
        let matomo = policy.matomo.as_ref().map(|m| {
            let on = policy
                .services
                .iter()
                .position(|s| s.matomo)
                .is_some_and(|i| granted.services.contains(i));
            view! { <script inner_html=matomo_script(&m.url, m.site_id, on)></script> }
        });
        view! {
            <script inner_html=consent_mode_script(&held.signals, granted)></script>
            {matomo}
            {tags}
            <div hidden data-held=held.encode() data-granted=u64::from(granted)></div>
            <ScriptLoader />
        }
    })
}

/// Adds scripts, updates the signals and undoes withdrawn services when consent changes on
/// the page.
#[island]
pub fn ScriptLoader() -> impl IntoView {
    // What consent holds back and what the page was served with, from the page (`data-held`,
    // `data-granted`): no serialized props.
    #[cfg(feature = "hydrate")]
    if let Some(element) = crate::components::dom::find("[data-held]") {
        let held = Held::decode(&element.get_attribute("data-held").unwrap_or_default());
        let granted = element
            .get_attribute("data-granted")
            .and_then(|g| g.parse::<u64>().ok())
            .map(Grant::from)
            .unwrap_or_default();
        let before = std::cell::Cell::new(granted);
        super::consent::client::on_change(move |grant| {
            client::apply(&held, before.replace(grant), grant);
        });
    }
}

/// Whether a storage key or cookie name is one of `declared` (names or `prefix*`).
pub fn declared(declared: &[String], name: &str) -> bool {
    declared.iter().any(|d| name_matches(d, name))
}

#[cfg(test)]
mod tests {
    use super::*;
    use domain::consent::MatomoConfig;

    #[test]
    fn what_is_held_reaches_the_browser_unchanged() {
        let mut policy = ConsentPolicy {
            matomo: Some(MatomoConfig {
                url: "https://stats.example/".into(),
                site_id: 1,
            }),
            cookie_domain: "portal.example".into(),
            ..ConsentPolicy::default()
        };
        policy.services[1].scripts = vec!["https://tag.example/t.js?id=1&x=2".into()];
        policy.services[1].storage = vec!["tag:*".into(), "tag_seen".into()];
        policy.services[1].opt_out = "tag.optOut".into();
        policy.scripts.push(domain::consent::ThirdPartyScript {
            category: Category::Marketing,
            src: "https://old.example/s.js".into(),
        });
        let policy = policy.normalised().expect("valid");
        let held = Held::of(&policy);
        assert!(
            held.services
                .iter()
                .any(|s| s.matomo && !s.cookies.is_empty())
        );
        assert!(held.scripts.iter().any(|s| s.service.is_none()));
        assert_eq!(Held::decode(&held.encode()), held);
        assert_eq!(
            Held::decode("nonsense\ns x - y\nv a 0 - - -"),
            Held::default()
        );
    }
}

#[cfg(feature = "hydrate")]
mod client {
    use leptos::{
        prelude::*,
        wasm_bindgen::{JsCast, JsValue},
        web_sys,
    };

    use super::{Held, declared};
    use domain::consent::{Grant, consent_mode_signals};

    pub fn apply(held: &Held, before: Grant, grant: Grant) {
        let document = document();
        let present = |src: &str| {
            let selector = format!("script[src=\"{}\"]", src.replace('"', ""));
            document.query_selector(&selector).ok().flatten().is_some()
        };
        // Withdrawn: opt out, clear, and reload when one of its scripts already ran here.
        let mut reload = false;
        for service in &held.services {
            if !before.services.contains(service.index) || grant.services.contains(service.index) {
                continue;
            }
            if service.matomo {
                push_matomo("forgetConsentGiven");
            }
            if !service.opt_out.is_empty() {
                call_path(&service.opt_out);
            }
            clear_storage(&service.storage);
            clear_cookies(&service.cookies, &held.cookie_domain);
        }
        for script in &held.scripts {
            if Held::permits(script, before)
                && !Held::permits(script, grant)
                && present(&script.src)
            {
                reload = true;
            }
        }
        if reload {
            let _ = window().location().reload();
            return;
        }
        // Granted: tell Matomo, then load what may now run.
        for service in &held.services {
            if service.matomo
                && grant.services.contains(service.index)
                && !before.services.contains(service.index)
            {
                push_matomo("setConsentGiven");
            }
        }
        for script in held.scripts.iter().filter(|s| Held::permits(s, grant)) {
            if present(&script.src) {
                continue;
            }
            if let Ok(el) = document.create_element("script") {
                let _ = el.set_attribute("src", &script.src);
                let _ = el.set_attribute("async", "");
                if let Some(body) = document.body() {
                    let _ = body.append_child(&el);
                }
            }
        }
        update_signals(held, grant);
    }

    fn update_signals(held: &Held, grant: Grant) {
        let window = window();
        let Ok(gtag) = js_sys::Reflect::get(&window, &JsValue::from_str("gtag")) else {
            return;
        };
        let Ok(gtag) = gtag.dyn_into::<js_sys::Function>() else {
            return;
        };
        let update = js_sys::Object::new();
        for (signal, value) in consent_mode_signals(&held.signals, grant) {
            let _ = js_sys::Reflect::set(
                &update,
                &JsValue::from_str(signal),
                &JsValue::from_str(value),
            );
        }
        let _ = gtag.call3(
            &window,
            &JsValue::from_str("consent"),
            &JsValue::from_str("update"),
            &update,
        );
    }

    /// `_paq.push([command])`, when Matomo's queue is on the page.
    fn push_matomo(command: &str) {
        let Ok(queue) = js_sys::Reflect::get(&window(), &JsValue::from_str("_paq")) else {
            return;
        };
        let Ok(push) = js_sys::Reflect::get(&queue, &JsValue::from_str("push")) else {
            return;
        };
        if let Ok(push) = push.dyn_into::<js_sys::Function>() {
            let entry = js_sys::Array::of1(&JsValue::from_str(command));
            let _ = push.call1(&queue, &entry);
        }
    }

    /// Calls the page's function at a dotted path (`tag.optOut`), if there is one.
    fn call_path(path: &str) {
        let mut this = JsValue::from(window());
        let mut value = this.clone();
        for part in path.split('.') {
            this = value;
            value =
                js_sys::Reflect::get(&this, &JsValue::from_str(part)).unwrap_or(JsValue::UNDEFINED);
            if value.is_undefined() || value.is_null() {
                return;
            }
        }
        if let Ok(f) = value.dyn_into::<js_sys::Function>() {
            let _ = f.call0(&this);
        }
    }

    fn clear_storage(keys: &[String]) {
        if keys.is_empty() {
            return;
        }
        let window = window();
        let stores = [window.local_storage(), window.session_storage()];
        for store in stores.into_iter().filter_map(|s| s.ok().flatten()) {
            let names: Vec<String> = (0..store.length().unwrap_or(0))
                .filter_map(|i| store.key(i).ok().flatten())
                .collect();
            for name in names.iter().filter(|n| declared(keys, n)) {
                let _ = store.remove_item(name);
            }
        }
    }

    /// Expires the declared cookies a script can reach (the server's answer already expired
    /// every one it was sent).
    fn clear_cookies(names: &[String], domain: &str) {
        if names.is_empty() {
            return;
        }
        let Ok(document) = document().dyn_into::<web_sys::HtmlDocument>() else {
            return;
        };
        let jar = document.cookie().unwrap_or_default();
        let present: Vec<String> = jar
            .split(';')
            .filter_map(|pair| pair.trim().split_once('=').map(|(k, _)| k.to_owned()))
            .filter(|n| declared(names, n))
            .collect();
        for name in present {
            let _ = document.set_cookie(&format!("{name}=; Max-Age=0; Path=/"));
            if !domain.is_empty() {
                let _ =
                    document.set_cookie(&format!("{name}=; Max-Age=0; Path=/; Domain={domain}"));
            }
        }
    }
}
