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
// In the full bundle only (see `crate::hydration`).
#[cfg_attr(any(feature = "ssr", feature = "full"), island)]
#[cfg_attr(not(any(feature = "ssr", feature = "full")), component)]
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
mod client;
