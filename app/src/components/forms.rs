//! Form pieces: a labelled field with its hint and error, the notice at the top of a form, and
//! the island that sends a form with `fetch` and marks its fields without a reload.
//!
//! Every form works without JavaScript: it posts, and the server answers with the page again
//! (problems marked) or a redirect. With JavaScript the island calls the form's server function
//! and writes the typed refusal's messages into the same places, from the same strings, so
//! both paths show the same words.

use leptos::prelude::*;

use domain::{
    account::{Field, FormFeedback, Notice},
    i18n::Strings,
    lang::Lang,
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
/// (the children). Without JavaScript it is a plain POST; with it, [`EnhancedForm`] posts the
/// same fields to the server function at `api` (its `PATH`, as `api::LogIn::PATH`).
#[component]
pub fn PostForm(
    action: String,
    api: &'static str,
    lang: Lang,
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
            <form method="post" action=action class=class data-api=api data-lang=lang.code()>
                <FormNotice notice t />
                {children()}
            </form>
        </EnhancedForm>
    }
}

/// Sends a form inside it to the server function its `data-api` names, with its own fields
/// and `lang` from `data-lang`: the answer's path is followed, a refusal's problems are written
/// next to their fields and into the form's notice, and focus moves to the first field with a
/// problem. While the call is pending the form is `aria-busy` and a second submission waits.
/// Without JavaScript, or for a form without `data-api`, the form posts as usual. The island
/// has no props: everything it needs is in the page.
// In the full bundle only (see `crate::hydration`).
#[cfg_attr(any(feature = "ssr", feature = "full"), island)]
#[cfg_attr(not(any(feature = "ssr", feature = "full")), component)]
pub fn EnhancedForm(children: Children) -> impl IntoView {
    #[cfg(feature = "hydrate")]
    let on_submit = client::submit;
    #[cfg(not(feature = "hydrate"))]
    let on_submit = |_: leptos::ev::SubmitEvent| {};
    view! {
        <div class="enhanced-form" on:submit=on_submit>
            {children()}
        </div>
    }
}

#[cfg(feature = "hydrate")]
pub(crate) mod client {
    use leptos::{prelude::*, wasm_bindgen::JsCast, web_sys};
    use wasm_bindgen_futures::JsFuture;

    use super::field_id;
    use crate::{
        api::{ApiError, Refusal},
        domain::{i18n::strings, lang::Lang},
    };

    /// The submit handler: the form's fields go to its server function; the answer is followed
    /// (a path), shown (a refusal), or handed to the browser's own post (the call failed).
    pub fn submit(ev: leptos::ev::SubmitEvent) {
        let Some(form) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlFormElement>().ok())
        else {
            return;
        };
        let (Some(api), Some(lang)) = (
            form.get_attribute("data-api"),
            form.get_attribute("data-lang")
                .and_then(|code| Lang::from_code(&code)),
        ) else {
            return;
        };
        let Some(body) = body(&form, lang) else {
            return;
        };
        ev.prevent_default();
        if form.has_attribute("aria-busy") {
            return;
        }
        let _ = form.set_attribute("aria-busy", "true");
        leptos::task::spawn_local(async move {
            let answer = send(&api, body).await;
            let _ = form.remove_attribute("aria-busy");
            match answer {
                Ok(to) => {
                    let _ = window().location().assign(&to);
                }
                Err(ApiError::Refused(refusal)) => show_problems(&form, lang, &refusal),
                Err(ApiError::Failed(_)) => {
                    let _ = form.submit();
                }
            }
        });
    }

    /// The form's own fields and `lang`, URL-encoded.
    fn body(form: &web_sys::HtmlFormElement, lang: Lang) -> Option<web_sys::UrlSearchParams> {
        let data = web_sys::FormData::new_with_form(form).ok()?;
        let params = web_sys::UrlSearchParams::new_with_str_sequence_sequence(&data).ok()?;
        params.set("lang", lang.code());
        Some(params)
    }

    /// Posts a form's fields, URL-encoded, to the server function at `api` (asking for its
    /// JSON answer); `None` when no answer came. The feedback island posts the same way.
    pub(crate) async fn post(
        api: &str,
        body: &web_sys::UrlSearchParams,
    ) -> Option<web_sys::Response> {
        let init = web_sys::RequestInit::new();
        init.set_method("POST");
        init.set_body(body);
        let headers = web_sys::Headers::new().ok()?;
        headers.set("accept", "application/json").ok()?;
        init.set_headers(&headers);
        JsFuture::from(window().fetch_with_str_and_init(api, &init))
            .await
            .ok()?
            .dyn_into::<web_sys::Response>()
            .ok()
    }

    /// Posts `body` to `api`: the path to go to, or the typed error.
    async fn send(api: &str, body: web_sys::UrlSearchParams) -> Result<String, ApiError> {
        let failed = |what: &str| ApiError::Failed(what.to_owned());
        let response = post(api, &body).await.ok_or_else(|| failed("network"))?;
        let text = JsFuture::from(response.text().map_err(|_| failed("answer"))?)
            .await
            .ok()
            .and_then(|t| t.as_string())
            .ok_or_else(|| failed("answer"))?;
        if response.ok() {
            serde_json::from_str::<String>(&text).map_err(|_| failed("answer"))
        } else {
            Err(serde_json::from_str::<ApiError>(&text).unwrap_or_else(|_| failed("answer")))
        }
    }
    fn show_problems(form: &web_sys::HtmlFormElement, lang: Lang, refusal: &Refusal) {
        let t = strings(lang);
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
        for (field, problem) in &refusal.errors {
            let id = field_id(*field);
            if let Ok(Some(slot)) = form.query_selector(&format!("#{id}-error")) {
                slot.set_text_content(Some(&t.problem(*problem)));
            }
            if let Ok(Some(input)) = form.query_selector(&format!("#{id}")) {
                let _ = input.set_attribute("aria-invalid", "true");
                if first.is_none() {
                    first = input.dyn_into::<web_sys::HtmlElement>().ok();
                }
            }
        }
        if let Ok(Some(notice)) = form.query_selector(".form-notice") {
            let text = refusal.notice.map(|n| t.notice(n));
            notice.set_text_content(text.as_deref());
            let _ = notice.set_attribute("class", "form-notice error");
        }
        if let Some(input) = first {
            let _ = input.focus();
        }
    }
}
