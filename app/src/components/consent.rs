//! The cookie-consent dialog and the footer's "Cookie settings" control.
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
        consent::{Category, CategorySet, ConsentMode},
        i18n::strings,
        lang::Lang,
    },
};

/// Window event that asks the dialog to open (sent by the footer control).
pub const OPEN_EVENT: &str = "portal:open-consent";
/// Window event sent after a choice is saved, for the other islands; `detail` holds the
/// granted category bits.
pub const CHANGED_EVENT: &str = "portal:consent-changed";
/// The documented event for the site's scripts, dispatched on `document`.
pub const PUBLIC_EVENT: &str = "portal:consent";

/// The dialog. `open` is whether the server found no current answer; `granted` what the
/// current answer allows; `return_to` the page to come back to without JavaScript.
#[island]
pub fn ConsentDialog(
    lang: Lang,
    mode: ConsentMode,
    open: bool,
    answered: bool,
    granted: CategorySet,
    gpc: bool,
    return_to: String,
    policy_url: String,
) -> impl IntoView {
    let t = strings(lang);
    #[cfg(feature = "hydrate")]
    if answered {
        client::publish(granted, "load");
    }
    // The decision is a server function; what the dialog shows is derived from its last
    // answer (and from a choice made in another island, such as a video's "always allow",
    // when that came later). The dialog is shown while it was opened since the last saved
    // decision, or when saving failed.
    let action = ServerAction::<DecideConsent>::new();
    let version = action.version();
    let value = action.value();
    let pending = action.pending();
    let elsewhere = RwSignal::new(None::<(usize, CategorySet)>);
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
            granted() != CategorySet::NONE
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
        client::announce(action);
        client::on_change(move |set| {
            elsewhere.set(Some((version.get_untracked(), set)));
            if set != CategorySet::NONE {
                opened_at.set(None);
            }
        });
    }

    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        #[cfg(feature = "hydrate")]
        if let Some(decision) = client::decision(&ev) {
            action.dispatch(DecideConsent { lang, decision });
        }
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
        let boxes = Category::OPTIONAL
            .into_iter()
            .map(|category| {
                let id = format!("consent-{}", category.id());
                view! {
                    <div class="consent-category">
                        <input
                            type="checkbox"
                            id=id.clone()
                            name="category"
                            value=category.id()
                            prop:checked=move || granted().contains(category)
                        />
                        <label for=id>{t.category(category)}</label>
                    </div>
                }
            })
            .collect_view();
        view! {
            <details class="consent-choices">
                <summary>{t.consent.choose}</summary>
                <fieldset>
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
                .iter()
                .filter(|c| *c != Category::Necessary)
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
    use crate::{
        api::DecideConsent,
        domain::consent::{CategorySet, Decision},
    };

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

    /// Tells the other islands of each decision this action saves.
    pub fn announce(action: ServerAction<DecideConsent>) {
        let value = action.value();
        Effect::new(move |_| {
            if let Some(Ok(set)) = value.get() {
                dispatch(CHANGED_EVENT, Some(set.bits()));
                publish(set, "change");
            }
        });
    }

    /// Tells the site's scripts: `portal:consent` on `document`, with `detail` holding
    /// `categories` (the granted ids), `reason` (`load` when the page came with a decision,
    /// `change` for a decision made on it) and `first` (a change where there was no decision
    /// before); the same object is kept as `window.portalConsent`.
    pub fn publish(set: CategorySet, reason: &str) {
        use leptos::wasm_bindgen::JsValue;
        let window = window();
        let key = JsValue::from_str("portalConsent");
        let before = js_sys::Reflect::get(&window, &key).unwrap_or(JsValue::UNDEFINED);
        let categories: js_sys::Array = set.iter().map(|c| JsValue::from_str(c.id())).collect();
        let detail = js_sys::Object::new();
        let first = reason == "change" && before.is_undefined();
        for (name, value) in [
            ("categories", JsValue::from(categories)),
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

    pub fn dispatch(name: &str, detail: Option<u8>) {
        let init = web_sys::CustomEventInit::new();
        if let Some(bits) = detail {
            init.set_detail(&leptos::wasm_bindgen::JsValue::from(bits));
        }
        if let Ok(event) = web_sys::CustomEvent::new_with_event_init_dict(name, &init) {
            let _ = window().dispatch_event(&event);
        }
    }

    /// Calls `f` with the granted categories whenever a choice is saved on this page.
    pub fn on_change(f: impl Fn(CategorySet) + 'static) {
        let handle = window_event_listener_untyped(CHANGED_EVENT, move |ev| {
            let bits = ev
                .dyn_ref::<web_sys::CustomEvent>()
                .and_then(|e| e.detail().as_f64())
                .and_then(|d| u8::try_from(d as u32).ok())
                .and_then(CategorySet::from_bits);
            if let Some(set) = bits {
                f(set);
            }
        });
        on_cleanup(move || handle.remove());
    }

    /// The decision a consent form's submission asks for (the button pressed and the boxes
    /// ticked). When there is one the browser's own post is cancelled, to be replaced by the
    /// server function; a form that does not parse is left to the plain post (which answers
    /// with a clear error page).
    pub fn decision(ev: &leptos::ev::SubmitEvent) -> Option<Decision> {
        let form = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlFormElement>().ok())?;
        let choice = ev
            .submitter()
            .and_then(|s| s.dyn_into::<web_sys::HtmlButtonElement>().ok())
            .map(|b| b.value())
            .unwrap_or_default();
        let data = web_sys::FormData::new_with_form(&form).ok()?;
        let ticked: Vec<String> = data
            .get_all("category")
            .iter()
            .filter_map(|v| v.as_string())
            .collect();
        let ticked_refs: Vec<&str> = ticked.iter().map(String::as_str).collect();
        let decision = Decision::from_form(&choice, &ticked_refs)?;
        ev.prevent_default();
        Some(decision)
    }
}
