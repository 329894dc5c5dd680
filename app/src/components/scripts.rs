//! Third-party scripts held back by consent, with Google Consent Mode v2 signals.
//!
//! The server writes the Consent Mode defaults (everything denied, then what the stored
//! consent grants) before any third-party script, and the scripts of granted categories. When a
//! category is granted later on the page, the island adds its scripts and updates the signals;
//! when it is withdrawn, the signals go back to denied (a loaded script cannot be unloaded).

use leptos::prelude::*;

use domain::consent::{CategorySet, ThirdPartyScript, consent_mode_signals};

/// The inline Consent Mode script for `granted`: defaults to denied, then an update.
pub fn consent_mode_script(granted: CategorySet) -> String {
    let object = |pairs: &[(&str, &str)]| {
        let fields: Vec<String> = pairs.iter().map(|(k, v)| format!("{k}:'{v}'")).collect();
        format!("{{{}}}", fields.join(","))
    };
    let denied = consent_mode_signals(CategorySet::NONE);
    format!(
        "window.dataLayer=window.dataLayer||[];function gtag(){{dataLayer.push(arguments);}}gtag('consent','default',{});gtag('consent','update',{});",
        object(&denied),
        object(&consent_mode_signals(granted)),
    )
}

/// The scripts of `granted` categories, rendered by the server, after the Consent Mode script.
#[component]
pub fn ConsentedScripts(scripts: Vec<ThirdPartyScript>, granted: CategorySet) -> impl IntoView {
    (!scripts.is_empty()).then(|| {
        let tags = scripts
            .clone()
            .into_iter()
            .filter(|s| granted.contains(s.category))
            .map(|s| view! { <script async src=s.src></script> })
            .collect_view();
        view! {
            <script inner_html=consent_mode_script(granted)></script>
            {tags}
            <ScriptLoader scripts />
        }
    })
}

/// Adds scripts and updates the signals when consent changes on the page.
#[island]
pub fn ScriptLoader(scripts: Vec<ThirdPartyScript>) -> impl IntoView {
    #[cfg(feature = "hydrate")]
    super::consent::client::on_change(move |granted| client::apply(&scripts, granted));
    #[cfg(not(feature = "hydrate"))]
    let _ = scripts;
}

#[cfg(feature = "hydrate")]
mod client {
    use leptos::{
        prelude::*,
        wasm_bindgen::{JsCast, JsValue},
    };

    use domain::consent::{CategorySet, ThirdPartyScript, consent_mode_signals};

    pub fn apply(scripts: &[ThirdPartyScript], granted: CategorySet) {
        let document = document();
        for script in scripts.iter().filter(|s| granted.contains(s.category)) {
            let selector = format!("script[src=\"{}\"]", script.src.replace('"', ""));
            if document.query_selector(&selector).ok().flatten().is_some() {
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
        let window = window();
        let Ok(gtag) = js_sys::Reflect::get(&window, &JsValue::from_str("gtag")) else {
            return;
        };
        let Ok(gtag) = gtag.dyn_into::<js_sys::Function>() else {
            return;
        };
        let update = js_sys::Object::new();
        for (signal, value) in consent_mode_signals(granted) {
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
}
