//! Form pieces: a labelled field with its hint and error, the notice at the top of a form, and
//! the island that sends a form with `fetch` and marks its fields without a reload.
//!
//! Every form works without JavaScript: it posts, and the server answers with the page again
//! (problems marked) or a redirect. With JavaScript the island asks for JSON instead and writes
//! the server's messages into the same places, so both paths show the same words.

use leptos::prelude::*;

use crate::domain::{
    account::{Field, FormFeedback, Notice},
    i18n::Strings,
};

/// The `id` of a field's input; its hint and error add `-hint` and `-error`.
pub fn field_id(field: Field) -> String {
    format!("f-{}", field.name())
}

/// How a field is entered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A one-line input of this `type`.
    Input(&'static str),
    /// A multi-line text area.
    Text,
}

/// A labelled field with an optional hint and the server's problem, if any.
#[component]
pub fn FormField(
    field: Field,
    label: &'static str,
    kind: Kind,
    #[prop(optional)] autocomplete: &'static str,
    #[prop(optional)] hint: Option<&'static str>,
    #[prop(optional)] value: String,
    #[prop(optional)] required: bool,
    feedback: FormFeedback,
    t: &'static Strings,
) -> impl IntoView {
    let id = field_id(field);
    let error = feedback.error(field).map(|p| t.problem(p));
    let value = feedback
        .value(field)
        .filter(|_| field.echoes())
        .map(str::to_owned)
        .unwrap_or(value);
    let hint_id = format!("{id}-hint");
    let error_id = format!("{id}-error");
    let described = if hint.is_some() {
        format!("{hint_id} {error_id}")
    } else {
        error_id.clone()
    };
    let invalid = error.as_ref().map(|_| "true");
    let input = match kind {
        Kind::Input(kind) => view! {
            <input
                id=id.clone()
                name=field.name()
                type=kind
                value=value
                autocomplete=autocomplete
                required=required
                aria-invalid=invalid
                aria-describedby=described
            />
        }
        .into_any(),
        Kind::Text => view! {
            <textarea
                id=id.clone()
                name=field.name()
                rows="4"
                aria-invalid=invalid
                aria-describedby=described
            >
                {value}
            </textarea>
        }
        .into_any(),
    };
    view! {
        <div class="field">
            <label for=id>{label}</label>
            {hint
                .map(|h| {
                    view! {
                        <p class="hint" id=hint_id>
                            {h}
                        </p>
                    }
                })}
            {input}
            <p class="field-error" id=error_id>
                {error}
            </p>
        </div>
    }
}

/// The notice area of a form (`role="alert"` for problems, a status for successes). It is
/// always in the page, so the island can fill it.
#[component]
pub fn FormNotice(notice: Option<Notice>, t: &'static Strings) -> impl IntoView {
    let class = match notice {
        Some(n) if n.is_error() => "form-notice error",
        Some(_) => "form-notice success",
        None => "form-notice",
    };
    let role = match notice {
        Some(n) if !n.is_error() => "status",
        _ => "alert",
    };
    view! {
        <p class=class role=role>
            {notice.map(|n| t.notice(n))}
        </p>
    }
}

/// An account form that posts to `action`: its notice on top, then the fields and the button
/// (the children). Without JavaScript it is a plain POST; with it, [`EnhancedForm`] sends it
/// without a reload.
#[component]
pub fn PostForm(
    action: String,
    notice: Option<Notice>,
    t: &'static Strings,
    /// Styles it as a dangerous action (account deletion).
    #[prop(optional)]
    danger: bool,
    children: Children,
) -> impl IntoView {
    let class = if danger {
        "account-form danger"
    } else {
        "account-form"
    };
    view! {
        <EnhancedForm>
            <form method="post" action=action class=class>
                <FormNotice notice t />
                {children()}
            </form>
        </EnhancedForm>
    }
}

/// Sends the forms inside it with `fetch` (`Accept: application/json`): a redirect answer is
/// followed, problems are written next to their fields and into the form's notice, and focus
/// moves to the first field with a problem. Without JavaScript the forms post as usual.
#[island]
pub fn EnhancedForm(children: Children) -> impl IntoView {
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        #[cfg(feature = "hydrate")]
        client::submit(ev);
        #[cfg(not(feature = "hydrate"))]
        let _ = ev;
    };
    view! {
        <div class="enhanced-form" on:submit=on_submit>
            {children()}
        </div>
    }
}

#[cfg(feature = "hydrate")]
mod client {
    use leptos::{
        prelude::*,
        wasm_bindgen::{JsCast, JsValue},
        web_sys,
    };

    use crate::components::json_post::{field as get, post_json};

    pub fn submit(ev: leptos::ev::SubmitEvent) {
        let Some(form) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlFormElement>().ok())
        else {
            return;
        };
        let Ok(data) = web_sys::FormData::new_with_form(&form) else {
            return;
        };
        let Ok(params) = web_sys::UrlSearchParams::new_with_str_sequence_sequence(&data) else {
            return;
        };
        ev.prevent_default();
        let _ = form.set_attribute("aria-busy", "true");
        let action = form.action();
        leptos::task::spawn_local(async move {
            let answer = post_json(&action, &params).await;
            let _ = form.remove_attribute("aria-busy");
            let Some((_, json)) = answer else {
                // No answer the page understands: let the browser post the form itself.
                let _ = form.submit();
                return;
            };
            if let Some(to) = get(&json, "redirect").as_string() {
                let _ = window().location().assign(&to);
                return;
            }
            show_problems(&form, &json);
        });
    }

    fn show_problems(form: &web_sys::HtmlFormElement, json: &JsValue) {
        if let Ok(errors) = form.query_selector_all(".field-error") {
            for i in 0..errors.length() {
                if let Some(node) = errors.item(i) {
                    node.set_text_content(None);
                }
            }
        }
        if let Ok(inputs) = form.query_selector_all("[aria-invalid]") {
            for i in 0..inputs.length() {
                if let Some(el) = inputs
                    .item(i)
                    .and_then(|n| n.dyn_into::<web_sys::Element>().ok())
                {
                    let _ = el.remove_attribute("aria-invalid");
                }
            }
        }
        let mut first: Option<web_sys::HtmlElement> = None;
        let errors = js_sys::Array::from(&get(json, "errors"));
        for error in errors.iter() {
            let (Some(field), Some(message)) = (
                get(&error, "field").as_string(),
                get(&error, "message").as_string(),
            ) else {
                continue;
            };
            let id = format!("f-{field}");
            if let Ok(Some(slot)) = form.query_selector(&format!("#{id}-error")) {
                slot.set_text_content(Some(&message));
            }
            if let Ok(Some(input)) = form.query_selector(&format!("#{id}")) {
                let _ = input.set_attribute("aria-invalid", "true");
                if first.is_none() {
                    first = input.dyn_into::<web_sys::HtmlElement>().ok();
                }
            }
        }
        if let Ok(Some(notice)) = form.query_selector(".form-notice") {
            let text = get(json, "notice").as_string();
            notice.set_text_content(text.as_deref());
            let _ = notice.set_attribute("class", "form-notice error");
        }
        if let Some(input) = first {
            let _ = input.focus();
        }
    }
}
