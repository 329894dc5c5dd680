//! The "Try it" island's browser side: reads the form, keeps the key for the tab, sends the
//! request and writes the answer into the page.
use leptos::{prelude::*, wasm_bindgen::JsCast, web_sys};
use wasm_bindgen_futures::JsFuture;

use crate::domain::openapi::{Entered, Request};

/// The most characters of a body shown.
const MAX_SHOWN: usize = 200_000;

fn form_of(root: &web_sys::Element) -> Option<web_sys::HtmlFormElement> {
    root.query_selector("form").ok()??.dyn_into().ok()
}

fn key_input(form: &web_sys::HtmlFormElement) -> Option<web_sys::HtmlInputElement> {
    form.query_selector("[data-key-name]")
        .ok()??
        .dyn_into()
        .ok()
}

fn session() -> Option<web_sys::Storage> {
    window().session_storage().ok()?
}

/// Shows what works only with the island and fills the key kept for this tab.
pub fn ready(root: &web_sys::Element) {
    let Some(form) = form_of(root) else { return };
    for selector in [".api-try-key", ".api-try-send"] {
        if let Ok(Some(el)) = form.query_selector(selector) {
            let _ = el.remove_attribute("hidden");
        }
    }
    if let (Some(input), Some(store), Some(session)) = (
        key_input(&form),
        form.get_attribute("data-key-store"),
        session(),
    ) && let Ok(Some(key)) = session.get_item(&store)
    {
        input.set_value(&key);
    }
}

/// Typing a key keeps it for the tab (an empty field forgets it).
pub fn input(ev: leptos::ev::Event) {
    let Some(input) = ev
        .target()
        .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
        .filter(|i| i.has_attribute("data-key-name"))
    else {
        return;
    };
    let (Some(form), Some(session)) = (input.form(), session()) else {
        return;
    };
    let Some(store) = form.get_attribute("data-key-store") else {
        return;
    };
    let key = input.value();
    let _ = if key.trim().is_empty() {
        session.remove_item(&store)
    } else {
        session.set_item(&store, key.trim())
    };
}

/// Either button: the command is shown in place; "Send request" also sends it.
pub fn submit(ev: leptos::ev::SubmitEvent) {
    let Some(form) = ev
        .target()
        .and_then(|t| t.dyn_into::<web_sys::HtmlFormElement>().ok())
    else {
        return;
    };
    let Some(root) = form.parent_element() else {
        return;
    };
    ev.prevent_default();
    let send = ev.submitter().is_some_and(|b| b.has_attribute("data-send"));
    let Some((request, shown)) = request(&form) else {
        return;
    };
    if let Ok(Some(command)) = root.query_selector(".api-try-command") {
        if let Ok(Some(code)) = command.query_selector("code") {
            code.set_text_content(Some(&shown.curl()));
        }
        let _ = command.remove_attribute("hidden");
    }
    if !send || form.has_attribute("aria-busy") {
        return;
    }
    let _ = form.set_attribute("aria-busy", "true");
    let text = |name: &str| form.get_attribute(name).unwrap_or_default();
    let (sending, failed, truncated) = (
        text("data-sending"),
        text("data-failed"),
        text("data-truncated"),
    );
    let slot = |selector: &str| root.query_selector(selector).ok().flatten();
    let (Some(answer), Some(status), Some(headers), Some(body)) = (
        slot(".api-try-answer"),
        slot(".api-try-status"),
        slot(".api-try-headers"),
        slot(".api-try-body"),
    ) else {
        return;
    };
    let _ = answer.remove_attribute("hidden");
    status.set_text_content(Some(&sending));
    headers.set_text_content(None);
    body.set_text_content(None);
    leptos::task::spawn_local(async move {
        let started = js_sys::Date::now();
        match fetch(&request).await {
            Some((code, reason, head, text, json)) => {
                let ms = (js_sys::Date::now() - started).round();
                status.set_text_content(Some(&format!("HTTP {code} {reason} · {ms} ms")));
                headers.set_text_content(Some(&head));
                let mut shown = if json { pretty(&text) } else { text };
                if let Some((cut, _)) = shown.char_indices().nth(MAX_SHOWN) {
                    shown.truncate(cut);
                    shown.push_str("\n\n");
                    shown.push_str(&truncated);
                }
                body.set_text_content(Some(&shown));
            }
            None => status.set_text_content(Some(&failed)),
        }
        let _ = form.remove_attribute("aria-busy");
    });
}

/// The request the form describes (with the key), and the same one to show (the key left
/// as a placeholder).
fn request(form: &web_sys::HtmlFormElement) -> Option<(Request, Request)> {
    let data = web_sys::FormData::new_with_form(form).ok()?;
    let pairs = js_sys::try_iter(&data).ok()??.filter_map(|entry| {
        let pair: js_sys::Array = entry.ok()?.dyn_into().ok()?;
        Some((pair.get(0).as_string()?, pair.get(1).as_string()?))
    });
    let arrays = form.get_attribute("data-arrays").unwrap_or_default();
    let arrays: Vec<&str> = arrays.split(' ').filter(|a| !a.is_empty()).collect();
    let entered = Entered::read(pairs, &arrays);
    let method = form.get_attribute("data-method")?;
    let path = form.get_attribute("data-path")?;
    let media = form.get_attribute("data-media");
    let body = media.as_deref().map(|m| (m, entered.body.as_str()));
    let key = key_input(form).map(|input| {
        (
            input.get_attribute("data-key-in").unwrap_or_default(),
            input.get_attribute("data-key-name").unwrap_or_default(),
            input.value().trim().to_owned(),
        )
    });
    let build = |value: Option<&str>| {
        Request::build(
            &entered.server,
            &method,
            &path,
            &entered.filled,
            body,
            key.as_ref()
                .map(|(at, name, v)| (at.as_str(), name.as_str(), value.unwrap_or(v))),
        )
    };
    let placeholder = key
        .as_ref()
        .is_some_and(|(_, _, v)| !v.is_empty())
        .then_some("YOUR_API_KEY");
    Some((build(None), build(placeholder.or(Some("")))))
}

/// Sends `request` without cookies, waiting at most 30 seconds: the status, its reason,
/// the headers as lines, the body, and whether it is JSON.
async fn fetch(request: &Request) -> Option<(u16, String, String, String, bool)> {
    let init = web_sys::RequestInit::new();
    init.set_method(&request.method);
    init.set_mode(web_sys::RequestMode::Cors);
    init.set_credentials(web_sys::RequestCredentials::Omit);
    init.set_cache(web_sys::RequestCache::NoStore);
    init.set_signal(Some(&web_sys::AbortSignal::timeout_with_u32(30_000)));
    let headers = web_sys::Headers::new().ok()?;
    for (k, v) in &request.headers {
        headers.append(k, v).ok()?;
    }
    init.set_headers(&headers);
    if let Some(body) = &request.body {
        init.set_body(&leptos::wasm_bindgen::JsValue::from_str(body));
    }
    let response: web_sys::Response =
        JsFuture::from(window().fetch_with_str_and_init(&request.url, &init))
            .await
            .ok()?
            .dyn_into()
            .ok()?;
    let mut head = String::new();
    let mut json = false;
    for entry in js_sys::try_iter(&response.headers()).ok()??.flatten() {
        let pair: js_sys::Array = entry.dyn_into().ok()?;
        let (k, v) = (pair.get(0).as_string()?, pair.get(1).as_string()?);
        json |= k == "content-type" && v.contains("json");
        head.push_str(&format!("{k}: {v}\n"));
    }
    let text = JsFuture::from(response.text().ok()?)
        .await
        .ok()?
        .as_string()?;
    Some((response.status(), response.status_text(), head, text, json))
}

/// JSON indented by two spaces; anything that does not parse as it came.
fn pretty(text: &str) -> String {
    js_sys::JSON::parse(text)
        .ok()
        .and_then(|v| {
            js_sys::JSON::stringify_with_replacer_and_space(
                &v,
                &leptos::wasm_bindgen::JsValue::NULL,
                &leptos::wasm_bindgen::JsValue::from(2),
            )
            .ok()
        })
        .and_then(|s| s.as_string())
        .unwrap_or_else(|| text.to_owned())
}
