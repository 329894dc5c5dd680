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

use leptos::prelude::*;

use crate::{
    api::DecideConsent,
    domain::{
        consent::{Category, CategorySet, ConsentMode, ConsentPolicy, Grant},
        i18n::strings,
        lang::Lang,
    },
};

/// A declared service as the dialog shows it, in the page's language. The dialog gets every
/// service in the configuration's order, so an item's place is its bit in a
/// [`ServiceSet`](crate::domain::consent::ServiceSet). The list reaches the browser as one
/// string ([`ServiceItem::encode`]) read by a few lines of code, not by a structure's decoder.
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

/// Between the fields of an item, and between items (control characters no text here holds).
const FIELD: char = '\u{1f}';
const ITEM: char = '\u{1e}';

impl ServiceItem {
    /// The services of `policy`, in its order, in `lang`, encoded for the dialog.
    pub fn all(policy: &ConsentPolicy, lang: Lang) -> String {
        let clean = |text: &str| text.replace([FIELD, ITEM], " ");
        policy
            .services
            .iter()
            .map(|s| {
                [
                    clean(&s.id),
                    s.category.id().to_owned(),
                    clean(&s.name),
                    clean(s.purpose(lang)),
                    clean(&s.privacy_url),
                ]
                .join(&FIELD.to_string())
            })
            .collect::<Vec<_>>()
            .join(&ITEM.to_string())
    }

    /// Reads [`ServiceItem::all`]'s string; an item that does not read is left out.
    pub fn decode(text: &str) -> Vec<ServiceItem> {
        text.split(ITEM)
            .filter_map(|item| {
                let fields: Vec<&str> = item.split(FIELD).collect();
                let [id, category, name, purpose, privacy_url] = fields.as_slice() else {
                    return None;
                };
                Some(ServiceItem {
                    id: (*id).to_owned(),
                    category: Category::from_id(category)?,
                    name: (*name).to_owned(),
                    purpose: (*purpose).to_owned(),
                    privacy_url: (*privacy_url).to_owned(),
                })
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

/// The dialog. `open` is whether the server found no current answer; `granted` what the
/// current answer allows; `return_to` the page to come back to without JavaScript;
/// `offered` the optional categories offered and `services` every declared service
/// ([`ServiceItem::all`]).
#[island]
#[allow(clippy::too_many_arguments)]
pub fn ConsentDialog(
    lang: Lang,
    mode: ConsentMode,
    open: bool,
    answered: bool,
    granted: Grant,
    gpc: bool,
    return_to: String,
    policy_url: String,
    offered: CategorySet,
    services: String,
) -> impl IntoView {
    let t = strings(lang);
    let services = ServiceItem::decode(&services);
    let categories: Vec<Category> = offered.iter().collect();
    #[cfg(feature = "hydrate")]
    let ids: Vec<String> = services.iter().map(|s| s.id.clone()).collect();
    #[cfg(feature = "hydrate")]
    if answered {
        client::publish(granted, &ids, "load");
    }
    // The decision is a server function; what the dialog shows is derived from its last
    // answer (and from a choice made in another island, such as a video's "always allow",
    // when that came later). The dialog is shown while it was opened since the last saved
    // decision, or when saving failed.
    let action = ServerAction::<DecideConsent>::new();
    let version = action.version();
    let value = action.value();
    let pending = action.pending();
    let elsewhere = RwSignal::new(None::<(usize, Grant)>);
    let opened_at = RwSignal::new(open.then_some(0usize));
    let granted = move || {
        let here = value.get().and_then(Result::ok);
        match elsewhere.get() {
            Some((at, set)) if at >= version.get() => set,
            _ => here.unwrap_or(granted),
        }
    };
    let answered = move || {
        if elsewhere.with(Option::is_some) || value.with(|v| matches!(v, Some(Ok(_)))) {
            granted().categories != CategorySet::NONE
        } else {
            answered
        }
    };
    let shown = move || match opened_at.get() {
        Some(at) => at == version.get() || value.with(|v| matches!(v, Some(Err(_)))),
        None => false,
    };
    let saved = move || value.with(|v| matches!(v, Some(Ok(_))));
    let dialog = NodeRef::<leptos::html::Section>::new();

    #[cfg(feature = "hydrate")]
    {
        client::wire(shown, dialog, move || {
            opened_at.set(Some(version.get_untracked()))
        });
        client::announce(action, ids.clone());
        client::on_change(move |grant| {
            elsewhere.set(Some((version.get_untracked(), grant)));
            if grant.categories != CategorySet::NONE {
                opened_at.set(None);
            }
        });
    }

    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        #[cfg(feature = "hydrate")]
        if let Some((choice, categories, services)) = client::decision(&ev) {
            action.dispatch(DecideConsent {
                lang,
                choice,
                categories,
                services,
            });
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = ev;
    };
    // A category's switch and its services' switches move together: the category turns all
    // of them on or off, and it is on while any of them is.
    let on_switch = move |ev: leptos::ev::Event| {
        #[cfg(feature = "hydrate")]
        client::sync_switches(&ev);
        #[cfg(not(feature = "hydrate"))]
        let _ = ev;
    };
    let not_now = move |ev: leptos::ev::MouseEvent| {
        ev.prevent_default();
        opened_at.set(None);
    };
    let on_keydown = move |ev: leptos::ev::KeyboardEvent| {
        if ev.key() == "Escape" {
            opened_at.set(None);
        }
    };
    let text = match mode {
        ConsentMode::AllOrNothing => t.consent.consent_text_all_or_nothing,
        ConsentMode::Granular => t.consent.consent_text_granular,
    };
    // Global Privacy Control: "Accept all" leaves marketing out, and the dialog says why.
    let gpc_note = gpc.then(|| view! { <p class="consent-gpc">{t.consent.consent_gpc}</p> });
    let accept_label = if gpc {
        t.consent.accept_all_but_marketing
    } else {
        t.consent.accept_all
    };
    let choices = (mode == ConsentMode::Granular).then(|| {
        let boxes = categories
            .iter()
            .map(|&category| {
                let id = format!("consent-{}", category.id());
                let inside: Vec<_> = services
                    .iter()
                    .enumerate()
                    .filter(|(_, s)| s.category == category)
                    .map(|(i, s)| {
                        let box_id = format!("consent-service-{}", s.id);
                        let privacy = privacy_link(&s.privacy_url, lang);
                        view! {
                            <li>
                                <input
                                    type="checkbox"
                                    id=box_id.clone()
                                    name="service"
                                    value=s.id.clone()
                                    data-category=category.id()
                                    prop:checked=move || granted().services.contains(i)
                                />
                                <label for=box_id>{s.name.clone()}</label>
                                <span class="consent-service-purpose">
                                    {s.purpose.clone()} {privacy}
                                </span>
                            </li>
                        }
                    })
                    .collect();
                let list = (!inside.is_empty()).then(|| {
                    view! { <ul class="consent-services">{inside}</ul> }
                });
                view! {
                    <div class="consent-category">
                        <input
                            type="checkbox"
                            id=id.clone()
                            name="category"
                            value=category.id()
                            data-category=category.id()
                            prop:checked=move || granted().categories.contains(category)
                        />
                        <label for=id>{t.category(category)}</label>
                        {list}
                    </div>
                }
            })
            .collect_view();
        view! {
            <details class="consent-choices">
                <summary>{t.consent.choose}</summary>
                <fieldset on:change=on_switch>
                    <legend class="visually-hidden">{t.consent.choose}</legend>
                    <div class="consent-category">
                        <input type="checkbox" id="consent-necessary" checked disabled />
                        <label for="consent-necessary">
                            {t.consent.category_necessary} " (" {t.consent.always_on} ")"
                        </label>
                    </div>
                    {boxes}
                    <button type="submit" name="choice" value="save">
                        {t.consent.save_choices}
                    </button>
                </fieldset>
            </details>
        }
    });
    let second = match mode {
        ConsentMode::Granular => view! {
            <button type="submit" name="choice" value="reject_all">
                {t.consent.reject_all}
            </button>
        }
        .into_any(),
        ConsentMode::AllOrNothing => view! {
            <a class="button" href="#consent-later" on:click=not_now>
                {t.consent.not_now}
            </a>
        }
        .into_any(),
    };
    let current = move || {
        answered().then(|| {
            let optional: Vec<&str> = granted()
                .categories
                .iter()
                .filter(|c| offered.contains(*c))
                .map(|c| t.category(c))
                .collect();
            let list = if optional.is_empty() {
                t.consent.consent_nothing.to_owned()
            } else {
                optional.join(", ")
            };
            view! { <p class="consent-current">{t.consent.consent_current} " " {list}</p> }
        })
    };
    view! {
        <div class="consent">
            <span id="consent-later"></span>
            <section
                class="consent-dialog"
                role="dialog"
                aria-labelledby="consent-title"
                aria-describedby="consent-text"
                tabindex="-1"
                hidden=move || !shown()
                node_ref=dialog
                on:keydown=on_keydown
            >
                <h2 id="consent-title">{t.consent.consent_title}</h2>
                <p id="consent-text">
                    {text} " " <a href=policy_url>{t.consent.consent_read_policy}</a>
                </p>
                {gpc_note}
                {current}
                <form
                    method="post"
                    action="/consent"
                    on:submit=on_submit
                    aria-busy=move || pending.get().then_some("true")
                >
                    <input type="hidden" name="return_to" value=return_to />
                    <input type="hidden" name="lang" value=lang.code() />
                    <div class="consent-actions">
                        <button type="submit" name="choice" value="accept_all">
                            {accept_label}
                        </button>
                        {second}
                    </div>
                    {choices}
                    <Show when=answered>
                        <button
                            type="submit"
                            name="choice"
                            value="withdraw"
                            class="consent-withdraw"
                        >
                            {t.consent.withdraw}
                        </button>
                    </Show>
                </form>
            </section>
            <p class="visually-hidden" role="status">
                {move || saved().then_some(t.consent.consent_saved)}
            </p>
        </div>
    }
}

/// The footer's "Cookie settings": a link to the settings page without JavaScript, a button
/// that opens the dialog in place with it.
#[island]
pub fn CookieSettingsLink(lang: Lang, href: String) -> impl IntoView {
    let t = strings(lang);
    let open = move |ev: leptos::ev::MouseEvent| {
        ev.prevent_default();
        #[cfg(feature = "hydrate")]
        client::dispatch(OPEN_EVENT, None);
    };
    view! {
        <a href=href on:click=open>
            {t.consent.cookie_settings}
        </a>
    }
}

#[cfg(feature = "hydrate")]
pub(crate) mod client {
    //! Browser-only behaviour: focus, window events, and reading a decision from a form.

    use leptos::{prelude::*, wasm_bindgen::JsCast, web_sys};

    use super::{CHANGED_EVENT, OPEN_EVENT, PUBLIC_EVENT};
    use crate::{api::DecideConsent, domain::consent::Grant};

    /// Moves focus into the dialog whenever it is shown (also on the first view), and calls
    /// `open` when the footer's control asks for the dialog.
    pub fn wire(
        shown: impl Fn() -> bool + 'static,
        dialog: NodeRef<leptos::html::Section>,
        open: impl Fn() + 'static,
    ) {
        Effect::new(move |_| {
            if shown()
                && let Some(el) = dialog.get()
            {
                let _ = el.focus();
            }
        });
        let handle = window_event_listener_untyped(OPEN_EVENT, move |_| open());
        on_cleanup(move || handle.remove());
    }

    /// Tells the other islands of each decision this action saves (and, given the services'
    /// `ids`, the site's scripts).
    pub fn announce(action: ServerAction<DecideConsent>, ids: Vec<String>) {
        let value = action.value();
        Effect::new(move |_| {
            if let Some(Ok(grant)) = value.get() {
                dispatch(CHANGED_EVENT, Some(grant.packed()));
                publish(grant, &ids, "change");
            }
        });
    }

    /// Tells the site's scripts: `portal:consent` on `document`, with `detail` holding
    /// `categories` and `services` (the granted ids), `reason` (`load` when the page came
    /// with a decision, `change` for a decision made on it) and `first` (a change where there
    /// was no decision before); the same object is kept as `window.portalConsent`.
    pub fn publish(grant: Grant, ids: &[String], reason: &str) {
        use leptos::wasm_bindgen::JsValue;
        let window = window();
        let key = JsValue::from_str("portalConsent");
        let before = js_sys::Reflect::get(&window, &key).unwrap_or(JsValue::UNDEFINED);
        let categories: js_sys::Array = grant
            .categories
            .iter()
            .map(|c| JsValue::from_str(c.id()))
            .collect();
        let services: js_sys::Array = ids
            .iter()
            .enumerate()
            .filter(|(i, _)| grant.services.contains(*i))
            .map(|(_, id)| JsValue::from_str(id))
            .collect();
        let detail = js_sys::Object::new();
        let first = reason == "change" && before.is_undefined();
        for (name, value) in [
            ("categories", JsValue::from(categories)),
            ("services", JsValue::from(services)),
            ("reason", JsValue::from_str(reason)),
            ("first", JsValue::from_bool(first)),
        ] {
            let _ = js_sys::Reflect::set(&detail, &JsValue::from_str(name), &value);
        }
        let _ = js_sys::Reflect::set(&window, &key, &detail);
        let init = web_sys::CustomEventInit::new();
        init.set_detail(&detail);
        if let (Ok(event), Some(document)) = (
            web_sys::CustomEvent::new_with_event_init_dict(PUBLIC_EVENT, &init),
            window.document(),
        ) {
            let _ = document.dispatch_event(&event);
        }
    }

    pub fn dispatch(name: &str, detail: Option<f64>) {
        let init = web_sys::CustomEventInit::new();
        if let Some(number) = detail {
            init.set_detail(&leptos::wasm_bindgen::JsValue::from(number));
        }
        if let Ok(event) = web_sys::CustomEvent::new_with_event_init_dict(name, &init) {
            let _ = window().dispatch_event(&event);
        }
    }

    /// Calls `f` with what is granted whenever a choice is saved on this page.
    pub fn on_change(f: impl Fn(Grant) + 'static) {
        let handle = window_event_listener_untyped(CHANGED_EVENT, move |ev| {
            let grant = ev
                .dyn_ref::<web_sys::CustomEvent>()
                .and_then(|e| e.detail().as_f64())
                .and_then(Grant::unpacked);
            if let Some(grant) = grant {
                f(grant);
            }
        });
        on_cleanup(move || handle.remove());
    }

    /// Keeps a category's switch and its services' switches together after one changed.
    pub fn sync_switches(ev: &leptos::ev::Event) {
        let Some(input) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
        else {
            return;
        };
        let (Some(category), Some(form)) = (input.get_attribute("data-category"), input.form())
        else {
            return;
        };
        let selector = |name: &str| format!("input[name=\"{name}\"][data-category=\"{category}\"]");
        let inputs = |name: &str| -> Vec<web_sys::HtmlInputElement> {
            let Ok(list) = form.query_selector_all(&selector(name)) else {
                return Vec::new();
            };
            (0..list.length())
                .filter_map(|i| list.item(i))
                .filter_map(|n| n.dyn_into::<web_sys::HtmlInputElement>().ok())
                .collect()
        };
        if input.name() == "category" {
            for service in inputs("service") {
                service.set_checked(input.checked());
            }
        } else {
            let any = inputs("service").iter().any(|s| s.checked());
            for category in inputs("category") {
                category.set_checked(any);
            }
        }
    }

    /// What a consent form's submission asks for: the button pressed, the categories and the
    /// services ticked (the server reads them as it reads the plain form). The browser's own
    /// post is cancelled, to be replaced by the server function; a submission without a
    /// choice is left to the plain post (which answers with a clear error page).
    pub fn decision(ev: &leptos::ev::SubmitEvent) -> Option<(String, Vec<String>, Vec<String>)> {
        let form = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlFormElement>().ok())?;
        let choice = ev
            .submitter()
            .and_then(|s| s.dyn_into::<web_sys::HtmlButtonElement>().ok())
            .map(|b| b.value())
            .unwrap_or_default();
        if choice.is_empty() {
            return None;
        }
        let data = web_sys::FormData::new_with_form(&form).ok()?;
        let all = |name: &str| -> Vec<String> {
            data.get_all(name)
                .iter()
                .filter_map(|v| v.as_string())
                .collect()
        };
        let (categories, services) = (all("category"), all("service"));
        ev.prevent_default();
        Some((choice, categories, services))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_services_reach_the_dialog_unchanged() {
        let mut policy = ConsentPolicy::default();
        policy.services[0].purpose_sv = "Spelar\u{1e}filmer".into();
        let items = ServiceItem::decode(&ServiceItem::all(&policy, Lang::Sv));
        assert_eq!(items.len(), 2);
        assert_eq!(items[0].id, "youtube");
        assert_eq!(items[0].category, Category::ExternalMedia);
        assert_eq!(
            items[0].purpose, "Spelar filmer",
            "a separator in a text is a space"
        );
        assert_eq!(items[1].privacy_url, "https://policies.google.com/privacy");
        assert!(ServiceItem::decode("").is_empty());
        assert!(ServiceItem::decode("a\u{1f}nonsense\u{1f}b\u{1f}c\u{1f}d").is_empty());
    }
}
