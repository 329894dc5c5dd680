//! "Try it" on an API operation: a form built from the operation's parameters.
//!
//! Without JavaScript the form is a plain `GET` to the page itself, which answers with the
//! `curl` command for the values entered (the API is not called). With JavaScript the
//! [`TryIt`] island shows the API key's field and the "Send request" button: the request goes
//! from the browser to the chosen server (only servers the spec lists and the operator allows;
//! the Content-Security-Policy's `connect-src` is that list), and the status, headers and
//! pretty-printed body are shown. The key is kept in the tab's session storage only. Nothing
//! leaves the page before a button is pressed. The island has no props: it reads the form.

use leptos::prelude::*;

use crate::domain::{
    i18n::ApiStrings,
    openapi::{ApiKey, Entered, Operation, Request},
};

/// The session storage key that keeps an API's key for the tab.
pub const KEY_STORE_PREFIX: &str = "portal.api-key.";

/// An `id` made of a name (letters, digits and `-` only).
fn id_part(name: &str) -> String {
    name.chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect()
}

/// The "Try it" form of `op`, sending to one of `servers` (already filtered by the operator's
/// list), with what the visitor `entered` when this form was sent without JavaScript.
pub fn try_form(
    op: &Operation,
    servers: &[String],
    key: Option<&ApiKey>,
    entered: Option<&Entered>,
    page_url: &str,
    t: &'static ApiStrings,
) -> impl IntoView + use<> {
    let base = format!("try-{}", op.anchor);
    let chosen = entered
        .map(|e| e.server.as_str())
        .filter(|s| servers.iter().any(|a| a == s))
        .unwrap_or(&servers[0])
        .to_owned();
    let server_id = format!("{base}-server");
    let server_field = if servers.len() == 1 {
        view! {
            <p>
                {t.try_server} ": " <code>{chosen.clone()}</code>
                <input type="hidden" name="server" value=chosen.clone() />
            </p>
        }
        .into_any()
    } else {
        let options = servers
            .iter()
            .map(|s| view! { <option selected=*s == chosen>{s.clone()}</option> })
            .collect_view();
        view! {
            <p class="api-try-field">
                <label for=server_id.clone()>{t.try_server}</label>
                <select id=server_id name="server">
                    {options}
                </select>
            </p>
        }
        .into_any()
    };
    let arrays: Vec<String> = op
        .parameters
        .iter()
        .filter(|p| p.location == "query" && p.schema.kind.starts_with("array"))
        .map(|p| p.name.clone())
        .collect();
    let fields = op
        .parameters
        .iter()
        .filter(|p| matches!(p.location.as_str(), "path" | "query" | "header"))
        .map(|p| {
            let id = format!("{base}-{}-{}", p.location, id_part(&p.name));
            let name = format!("{}.{}", p.location, p.name);
            let value = entered
                .and_then(|e| e.value(&p.location, &p.name))
                .unwrap_or_default()
                .to_owned();
            let array = arrays.contains(&p.name);
            let hint_id = format!("{id}-hint");
            let hint = array.then(|| {
                view! {
                    <span class="hint" id=hint_id.clone()>
                        {t.try_array_hint}
                    </span>
                }
            });
            let described = array.then(|| hint_id.clone());
            let choices: Vec<String> = if p.schema.kind.starts_with("boolean") {
                vec!["true".into(), "false".into()]
            } else {
                p.schema.enum_values.clone()
            };
            let input = if choices.is_empty() {
                view! {
                    <input
                        id=id.clone()
                        name=name
                        type="text"
                        value=value
                        placeholder=p.example.clone().unwrap_or_default()
                        required=p.required
                        spellcheck="false"
                        autocomplete="off"
                        aria-describedby=described
                    />
                }
                .into_any()
            } else {
                let options = choices
                    .into_iter()
                    .map(|c| view! { <option selected=c == value>{c.clone()}</option> })
                    .collect_view();
                view! {
                    <select id=id.clone() name=name required=p.required>
                        <option value="">{t.try_unset}</option>
                        {options}
                    </select>
                }
                .into_any()
            };
            view! {
                <p class="api-try-field">
                    <label for=id>
                        <code>{p.name.clone()}</code>
                        " ("
                        {p.location.clone()}
                        ")"
                        {p
                            .required
                            .then(|| {
                                view! {
                                    " "
                                    <span class="api-required">{t.required}</span>
                                }
                            })}
                    </label>
                    {input}
                    {hint}
                </p>
            }
        })
        .collect_view();
    let body = op.body.as_ref().map(|b| {
        let id = format!("{base}-body");
        let text = entered
            .map(|e| e.body.clone())
            .or_else(|| b.example.clone())
            .unwrap_or_default();
        view! {
            <p class="api-try-field">
                <label for=id.clone()>{t.request_body} " (" {b.media_type.clone()} ")"</label>
                <textarea id=id name="body" rows="6" spellcheck="false">
                    {text}
                </textarea>
            </p>
        }
    });
    // The API key's field works only with the island (it is never part of the form's query).
    let key_field = key.map(|k| {
        let id = format!("{base}-key");
        let hint_id = format!("{id}-hint");
        view! {
            <p class="api-try-field api-try-key" hidden>
                <label for=id.clone()>{t.needs_key} " (" <code>{k.name.clone()}</code> ")"</label>
                <input
                    id=id
                    type="password"
                    autocomplete="off"
                    spellcheck="false"
                    data-key-name=k.name.clone()
                    data-key-in=k.location.clone()
                    aria-describedby=hint_id.clone()
                />
                <span class="hint" id=hint_id>
                    {t.try_key_hint}
                </span>
            </p>
        }
    });
    // Sent without JavaScript: the command for what was entered, with a placeholder for a key
    // the operation cannot do without.
    let needed_key = key.filter(|k| op.secured && !k.optional);
    let command = entered.map(|e| {
        Request::build(
            &chosen,
            &op.method,
            &op.path,
            &e.filled,
            op.body
                .as_ref()
                .map(|b| (b.media_type.as_str(), e.body.as_str())),
            needed_key.map(|k| (k.location.as_str(), k.name.as_str(), "YOUR_API_KEY")),
        )
        .curl()
    });
    let store = format!("{KEY_STORE_PREFIX}{}", servers[0]);
    let heading = format!("{base}-heading");
    let action = format!("{page_url}#{base}");
    let (method, path, anchor) = (op.method.clone(), op.path.clone(), op.anchor.clone());
    let media = op.body.as_ref().map(|b| b.media_type.clone());
    let arrays = arrays.join(" ");
    let shown = command.is_some();
    let command = command.unwrap_or_default();
    view! {
        <section class="api-try" aria-labelledby=heading.clone()>
            <h5 id=heading.clone()>{t.try_it}</h5>
            <TryIt>
                <form
                    method="get"
                    action=action
                    id=base
                    data-method=method
                    data-path=path
                    data-media=media
                    data-arrays=arrays
                    data-key-store=store
                    data-sending=t.try_sending
                    data-failed=t.try_failed
                    data-truncated=t.try_truncated
                >
                    <p class="hint">{t.try_intro}</p>
                    <input type="hidden" name="try" value=anchor />
                    {server_field}
                    {fields}
                    {body}
                    {key_field}
                    <p class="api-try-buttons">
                        <button type="submit" name="show" value="curl">
                            {t.try_show}
                        </button>
                        <button type="submit" class="api-try-send" data-send="true" hidden>
                            {t.try_send}
                        </button>
                    </p>
                </form>
                <div class="api-try-command" hidden=!shown>
                    <h6>{t.try_command}</h6>
                    <pre tabindex="0">
                        <code>{command}</code>
                    </pre>
                </div>
                <div class="api-try-answer" aria-live="polite" hidden>
                    <h6>{t.try_answer}</h6>
                    <p class="api-try-status"></p>
                    <details>
                        <summary>{t.try_headers}</summary>
                        <pre class="api-try-headers" tabindex="0"></pre>
                    </details>
                    <pre class="api-try-body" tabindex="0"></pre>
                </div>
            </TryIt>
        </section>
    }
}

/// Makes the "Try it" form inside it live: shows the key's field and the send button, keeps
/// the key for the tab, shows the `curl` command in place, and sends the request when (and
/// only when) "Send request" is pressed.
#[island]
pub fn TryIt(children: Children) -> impl IntoView {
    let root = NodeRef::<leptos::html::Div>::new();
    #[cfg(feature = "hydrate")]
    {
        Effect::new(move || {
            if let Some(root) = root.get() {
                client::ready(&root);
            }
        });
    }
    #[cfg(feature = "hydrate")]
    let on_submit = client::submit;
    #[cfg(not(feature = "hydrate"))]
    let on_submit = |_: leptos::ev::SubmitEvent| {};
    #[cfg(feature = "hydrate")]
    let on_input = client::input;
    #[cfg(not(feature = "hydrate"))]
    let on_input = |_: leptos::ev::Event| {};
    view! {
        <div class="api-try-live" node_ref=root on:submit=on_submit on:input=on_input>
            {children()}
        </div>
    }
}

#[cfg(feature = "hydrate")]
mod client {
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
}
