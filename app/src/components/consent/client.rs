//! The dialog's browser side: its state kept in step with the markup, window events, and
//! reading a decision from a form.

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
    let (Some(category), Some(form)) = (input.get_attribute("data-category"), input.form()) else {
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
