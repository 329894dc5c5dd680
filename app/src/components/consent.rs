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

use crate::domain::{
    consent::{Category, CategorySet, ConsentMode, ConsentPolicy, Grant},
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

/// What the dialog's browser side starts from and the few texts it writes itself. The server
/// writes it into the page ([`DialogState::encode`], the `data-dialog` attribute) and the
/// island reads it back from there: no serialized props, no language table in the browser.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct DialogState {
    /// Whether the dialog is open (no current answer, or the settings were asked for).
    pub open: bool,
    /// Whether there is a current answer.
    pub answered: bool,
    /// What it allows.
    pub granted: Grant,
    /// The optional categories offered.
    pub offered: CategorySet,
    /// Every declared service's id, in the configuration's order.
    pub ids: Vec<String>,
    /// "You have allowed:", "nothing" and "Your choice has been saved.".
    pub current: String,
    pub nothing: String,
    pub saved: String,
    /// The names of the offered categories, in their order.
    pub names: Vec<String>,
}

/// Between the fields of [`DialogState::encode`], and between the items of a list: a line
/// break and a tab, which no text here holds (they are replaced by spaces) and which an HTML
/// attribute keeps as they are.
const FIELD: char = '\n';
const ITEM: char = '\t';

impl DialogState {
    /// One string of plain fields, read back by [`DialogState::decode`].
    pub fn encode(&self) -> String {
        let clean = |text: &str| text.replace([FIELD, ITEM], " ");
        let list = |items: &[String]| {
            items
                .iter()
                .map(|i| clean(i))
                .collect::<Vec<_>>()
                .join(&ITEM.to_string())
        };
        let flag = |b: bool| if b { "1" } else { "0" }.to_owned();
        [
            flag(self.open),
            flag(self.answered),
            u64::from(self.granted).to_string(),
            self.offered.bits().to_string(),
            list(&self.ids),
            clean(&self.current),
            clean(&self.nothing),
            clean(&self.saved),
            list(&self.names),
        ]
        .join(&FIELD.to_string())
    }

    /// Reads [`DialogState::encode`]'s string; `None` if it does not read.
    pub fn decode(text: &str) -> Option<DialogState> {
        let fields: Vec<&str> = text.split(FIELD).collect();
        let [
            open,
            answered,
            granted,
            offered,
            ids,
            current,
            nothing,
            saved,
            names,
        ] = fields.as_slice()
        else {
            return None;
        };
        let list = |items: &str| -> Vec<String> {
            if items.is_empty() {
                Vec::new()
            } else {
                items.split(ITEM).map(str::to_owned).collect()
            }
        };
        Some(DialogState {
            open: *open == "1",
            answered: *answered == "1",
            granted: Grant::from(granted.parse::<u64>().ok()?),
            offered: CategorySet::from_bits(offered.parse().ok()?)?,
            ids: list(ids),
            current: (*current).to_owned(),
            nothing: (*nothing).to_owned(),
            saved: (*saved).to_owned(),
            names: list(names),
        })
    }

    /// The names of the granted optional categories, or "nothing": what follows "You have
    /// allowed:".
    pub fn allowed(&self, granted: Grant) -> String {
        let names: Vec<&str> = self
            .offered
            .iter()
            .zip(&self.names)
            .filter(|(c, _)| granted.categories.contains(*c))
            .map(|(_, name)| name.as_str())
            .collect();
        if names.is_empty() {
            self.nothing.clone()
        } else {
            names.join(", ")
        }
    }
}

/// The dialog as the server draws it: complete, and a plain form that works without
/// JavaScript. `open` is whether the server found no current answer; `granted` what the
/// current answer allows; `return_to` the page to come back to without JavaScript; `offered`
/// the optional categories offered and `services` every declared service.
#[component]
#[allow(clippy::too_many_arguments)]
pub fn DialogMarkup(
    lang: Lang,
    mode: ConsentMode,
    open: bool,
    answered: bool,
    granted: Grant,
    gpc: bool,
    return_to: String,
    policy_url: String,
    offered: CategorySet,
    services: Vec<ServiceItem>,
) -> impl IntoView {
    let t = strings(lang);
    let state = DialogState {
        open,
        answered,
        granted,
        offered,
        ids: services.iter().map(|s| s.id.clone()).collect(),
        current: t.consent.consent_current.to_owned(),
        nothing: t.consent.consent_nothing.to_owned(),
        saved: t.consent.consent_saved.to_owned(),
        names: offered.iter().map(|c| t.category(c).to_owned()).collect(),
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
        let boxes = offered
            .iter()
            .map(|category| {
                let id = format!("consent-{}", category.id());
                let inside: Vec<_> = services
                    .iter()
                    .enumerate()
                    .filter(|(_, s)| s.category == category)
                    .map(|(i, s)| {
                        let box_id = format!("consent-service-{}", s.id);
                        view! {
                            <li>
                                <input
                                    type="checkbox"
                                    id=box_id.clone()
                                    name="service"
                                    value=s.id.clone()
                                    data-category=category.id()
                                    checked=granted.services.contains(i)
                                />
                                <label for=box_id>{s.name.clone()}</label>
                                <span class="consent-service-purpose">
                                    {s.purpose.clone()} {privacy_link(&s.privacy_url, lang)}
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
                            checked=granted.categories.contains(category)
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
            <a class="button" href="#consent-later">
                {t.consent.not_now}
            </a>
        }
        .into_any(),
    };
    let current = format!("{} {}", state.current, state.allowed(granted));
    view! {
        <div class="consent" data-dialog=state.encode()>
            <span id="consent-later"></span>
            <section
                class="consent-dialog"
                role="dialog"
                aria-labelledby="consent-title"
                aria-describedby="consent-text"
                tabindex="-1"
                hidden=!open
            >
                <h2 id="consent-title">{t.consent.consent_title}</h2>
                <p id="consent-text">
                    {text} " " <a href=policy_url>{t.consent.consent_read_policy}</a>
                </p>
                {gpc_note}
                <p class="consent-current" hidden=!answered>
                    {current}
                </p>
                <form method="post" action="/consent">
                    <input type="hidden" name="return_to" value=return_to />
                    <input type="hidden" name="lang" value=lang.code() />
                    <div class="consent-actions">
                        <button type="submit" name="choice" value="accept_all">
                            {accept_label}
                        </button>
                        {second}
                    </div>
                    {choices}
                    <button
                        type="submit"
                        name="choice"
                        value="withdraw"
                        class="consent-withdraw"
                        hidden=!answered
                    >
                        {t.consent.withdraw}
                    </button>
                </form>
            </section>
            <p class="visually-hidden" role="status"></p>
        </div>
    }
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

#[cfg(feature = "hydrate")]
pub(crate) mod client {
    //! Browser-only behaviour: focus, window events, and reading a decision from a form.

    use leptos::{prelude::*, wasm_bindgen::JsCast, web_sys};

    use super::{CHANGED_EVENT, DialogState, OPEN_EVENT, PUBLIC_EVENT};
    use crate::components::dom::listen;
    use crate::domain::consent::{Category, CategorySet, Grant};

    /// What the dialog's browser side knows, in one signal: `version` counts the answers of
    /// the consent function, `saved` is the last one, `opened_at` the version at which the
    /// dialog was last opened, `elsewhere` a choice made in another island (with the version
    /// it came at).
    #[derive(Clone, Copy, Default)]
    struct Model {
        version: usize,
        saved: Option<Result<Grant, ()>>,
        pending: bool,
        opened_at: Option<usize>,
        elsewhere: Option<(usize, Grant)>,
    }

    impl Model {
        /// What is granted now: the later of the last answer here and a choice elsewhere.
        fn granted(&self, initial: Grant) -> Grant {
            match self.elsewhere {
                Some((at, set)) if at >= self.version => set,
                _ => self.saved.and_then(Result::ok).unwrap_or(initial),
            }
        }

        /// Whether there is a current answer.
        fn answered(&self, initial: Grant, was_answered: bool) -> bool {
            if self.elsewhere.is_some() || matches!(self.saved, Some(Ok(_))) {
                self.granted(initial).categories != CategorySet::NONE
            } else {
                was_answered
            }
        }

        /// The dialog is shown while it was opened since the last saved decision, or when
        /// saving failed.
        fn shown(&self) -> bool {
            match self.opened_at {
                Some(at) => at == self.version || matches!(self.saved, Some(Err(_))),
                None => false,
            }
        }
    }

    /// The dialog in the browser: the signal its markup follows. `Copy`, so each event handler
    /// holds it.
    #[derive(Clone, Copy)]
    pub struct Live {
        model: RwSignal<Model>,
    }

    impl Live {
        /// Reads the dialog's state from the page and keeps its markup in step with the
        /// [`Model`]: shown or not, the switches, "You have allowed", the withdraw button, the
        /// saved notice, the form busy while a decision is on its way. `None` when the page
        /// holds no dialog.
        pub fn start() -> Option<Live> {
            let root = document().query_selector("[data-dialog]").ok().flatten()?;
            let state = DialogState::decode(&root.get_attribute("data-dialog")?)?;
            let find = |selector: &str| root.query_selector(selector).ok().flatten();
            let section = find(".consent-dialog")?
                .dyn_into::<web_sys::HtmlElement>()
                .ok()?;
            let form = find("form")?;
            let model = RwSignal::new(Model {
                opened_at: state.open.then_some(0),
                ..Model::default()
            });
            let live = Live { model };
            let (initial, was_answered) = (state.granted, state.answered);
            if state.answered {
                publish(state.granted, &state.ids, "load");
            }
            // Shown or not; focus moves into the dialog whenever it is shown (also on the
            // first view).
            Effect::new(move |was: Option<bool>| {
                let show = model.with(Model::shown);
                let _ = section.toggle_attribute_with_force("hidden", !show);
                if show && was != Some(true) {
                    let _ = section.focus();
                }
                show
            });
            let boxes: Vec<web_sys::HtmlInputElement> = root
                .query_selector_all("input[type=checkbox][data-category]")
                .map(|list| {
                    (0..list.length())
                        .filter_map(|i| list.item(i))
                        .filter_map(|n| n.dyn_into().ok())
                        .collect()
                })
                .unwrap_or_default();
            let (current, withdraw) = (find(".consent-current"), find(".consent-withdraw"));
            let status = find("[role=status]");
            let ids = state.ids.clone();
            // Everything else follows the model; a new answer is told to the other islands
            // and the site's scripts.
            Effect::new(move |was: Option<(usize, Grant)>| {
                let m = model.get();
                let grant = m.granted(initial);
                for input in &boxes {
                    let value = input.value();
                    let on = if input.name() == "category" {
                        Category::from_id(&value).is_some_and(|c| grant.categories.contains(c))
                    } else {
                        ids.iter()
                            .position(|id| *id == value)
                            .is_some_and(|i| grant.services.contains(i))
                    };
                    input.set_checked(on);
                }
                let on = m.answered(initial, was_answered);
                if let Some(p) = &current {
                    let _ = p.toggle_attribute_with_force("hidden", !on);
                    if on {
                        let text = [state.current.as_str(), &state.allowed(grant)].join(" ");
                        p.set_text_content(Some(&text));
                    }
                }
                if let Some(button) = &withdraw {
                    let _ = button.toggle_attribute_with_force("hidden", !on);
                }
                let saved = m.saved.and_then(Result::ok);
                // Written only when it changes, so a screen reader announces it once.
                let notice = if saved.is_some() {
                    state.saved.as_str()
                } else {
                    ""
                };
                if let Some(status) = &status
                    && status.text_content().as_deref().unwrap_or_default() != notice
                {
                    status.set_text_content(Some(notice));
                }
                let _ = form.toggle_attribute_with_force("aria-busy", m.pending);
                if let Some(grant) = saved
                    && was.is_some_and(|(version, _)| version != m.version)
                {
                    dispatch(CHANGED_EVENT, Some(grant.packed()));
                    publish(grant, &ids, "change");
                }
                (m.version, grant)
            });
            on_change(move |grant| {
                model.update(|m| {
                    m.elsewhere = Some((m.version, grant));
                    if grant.categories != CategorySet::NONE {
                        m.opened_at = None;
                    }
                });
            });
            let handle = window_event_listener_untyped(OPEN_EVENT, move |_| {
                model.update(|m| m.opened_at = Some(m.version));
            });
            on_cleanup(move || handle.remove());
            listen(&root, "submit", move |ev| {
                if let Some(ev) = ev.dyn_ref::<web_sys::SubmitEvent>() {
                    live.submit(ev);
                }
            });
            // A category's switch and its services' switches move together: the category
            // turns all of them on or off, and it is on while any of them is.
            listen(&root, "change", |ev| sync_switches(&ev));
            // "Not now" (all or nothing) and Escape close the dialog until it is asked for.
            listen(&root, "click", move |ev| {
                if let Some(ev) = ev.dyn_ref::<web_sys::MouseEvent>() {
                    live.click(ev);
                }
            });
            listen(&root, "keydown", move |ev| {
                if ev
                    .dyn_ref::<web_sys::KeyboardEvent>()
                    .is_some_and(|k| k.key() == "Escape")
                {
                    live.close();
                }
            });
            Some(live)
        }

        /// A submission of the dialog's form: the decision is posted to the consent function
        /// instead of the page.
        pub fn submit(self, ev: &leptos::ev::SubmitEvent) {
            let Some(body) = decision_body(ev) else {
                return;
            };
            let model = self.model;
            if model.with_untracked(|m| m.pending) {
                return;
            }
            model.update(|m| m.pending = true);
            leptos::task::spawn_local(async move {
                let answer = decide(&body).await;
                model.update(|m| {
                    m.pending = false;
                    m.saved = Some(answer.ok_or(()));
                    m.version += 1;
                });
            });
        }

        /// A click in the dialog: "Not now" closes it.
        pub fn click(self, ev: &leptos::ev::MouseEvent) {
            let not_now = ev
                .target()
                .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
                .and_then(|t| t.closest("a[href='#consent-later']").ok().flatten());
            if not_now.is_some() {
                ev.prevent_default();
                self.close();
            }
        }

        /// Closes the dialog until it is asked for again.
        pub fn close(self) {
            self.model.update(|m| m.opened_at = None);
        }
    }

    /// Tells the other islands of each decision saved (`granted` answers the last one; given
    /// the services' `ids`, the site's scripts are told too).
    pub fn announce(granted: impl Fn() -> Option<Grant> + 'static, ids: Vec<String>) {
        Effect::new(move |_| {
            if let Some(grant) = granted() {
                dispatch(CHANGED_EVENT, Some(grant.packed()));
                publish(grant, &ids, "change");
            }
        });
    }

    /// The consent function's body for a submission of the dialog: the form's language, the
    /// button pressed, the categories and services ticked (as indexed lists, which is how the
    /// function reads lists). `None` for a submission without a choice, left to the plain post.
    pub fn decision_body(ev: &leptos::ev::SubmitEvent) -> Option<web_sys::UrlSearchParams> {
        let lang = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlFormElement>().ok())
            .and_then(|form| form.query_selector("input[name=lang]").ok().flatten())
            .and_then(|input| input.get_attribute("value"))?;
        let (choice, categories, services) = decision(ev)?;
        let body = web_sys::UrlSearchParams::new().ok()?;
        body.append("lang", &lang);
        body.append("choice", &choice);
        for (list, values) in [("categories", categories), ("services", services)] {
            for (i, value) in values.iter().enumerate() {
                body.append(&[list, "[", &i.to_string(), "]"].concat(), value);
            }
        }
        Some(body)
    }

    /// Posts a decision to the consent function; what is granted now, or `None` when it was
    /// not saved. The answer is one whole number (a [`Grant`]'s JSON).
    pub async fn decide(body: &web_sys::UrlSearchParams) -> Option<Grant> {
        let response = crate::components::forms::client::post("/api/consent", body).await?;
        if !response.ok() {
            return None;
        }
        let text = wasm_bindgen_futures::JsFuture::from(response.text().ok()?)
            .await
            .ok()?
            .as_string()?;
        text.trim().parse::<u64>().ok().map(Grant::from)
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

    /// Every "Cookie settings" link (`data-open-consent`) opens the dialog in place: one
    /// listener for the page, however many links it has.
    pub fn settings_links() {
        use std::sync::atomic::{AtomicBool, Ordering};
        static WIRED: AtomicBool = AtomicBool::new(false);
        if WIRED.swap(true, Ordering::Relaxed) {
            return;
        }
        listen(&document(), "click", |ev| {
            let link = ev
                .target()
                .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
                .and_then(|t| t.closest("[data-open-consent]").ok().flatten());
            if link.is_some() {
                ev.prevent_default();
                dispatch(OPEN_EVENT, None);
            }
        });
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
    fn the_dialog_state_reaches_the_browser_unchanged() {
        let state = DialogState {
            open: true,
            answered: true,
            granted: Grant::from(0b1_0110),
            offered: CategorySet::ALL.without(Category::Necessary),
            ids: vec!["youtube".into(), "google-ads".into()],
            current: "Du har tillåtit:".into(),
            nothing: "ingenting".into(),
            saved: "Sparat\n.".into(),
            names: vec![
                "Externa medier".into(),
                "Statistik".into(),
                "Marknadsföring".into(),
            ],
        };
        let back = DialogState::decode(&state.encode()).expect("reads");
        assert_eq!(back.saved, "Sparat .", "a separator in a text is a space");
        assert_eq!(
            DialogState {
                saved: "Sparat .".into(),
                ..state
            },
            back
        );
        assert_eq!(DialogState::decode(""), None);
        assert_eq!(DialogState::decode("1\n1\nx\n0\n\n\n\n\n"), None);
    }

    #[test]
    fn allowed_names_the_granted_optional_categories() {
        let state = DialogState {
            offered: CategorySet::ALL.without(Category::Necessary),
            nothing: "nothing".into(),
            names: vec![
                "External media".into(),
                "Statistics".into(),
                "Marketing".into(),
            ],
            ..DialogState::default()
        };
        let offered: Vec<Category> = state.offered.iter().collect();
        let grant = |cats: &[Category]| Grant {
            categories: cats.iter().fold(CategorySet::NONE, |set, c| set.with(*c)),
            ..Grant::default()
        };
        assert_eq!(state.allowed(Grant::default()), "nothing");
        assert_eq!(state.allowed(grant(&[Category::Necessary])), "nothing");
        let all = state.allowed(grant(&offered));
        assert_eq!(all, state.names.join(", "));
    }

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
