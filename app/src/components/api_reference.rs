//! An API's reference on its page, drawn on the server (no script): the servers and the key,
//! then per tag each operation at its own anchor with its parameters, request body,
//! responses, schemas and ready-to-copy requests. The words around it are in the page's
//! language; the spec's own text stays as written.

use leptos::prelude::*;

use crate::{
    SiteContext,
    components::try_it::try_form,
    domain::{
        i18n::{ApiStrings, api_strings},
        lang::Lang,
        openapi::{ApiKey, ApiReference, Entered, Operation, Schema, server_allowed},
    },
};

/// The reference of one API, on the page at `page_url`. Its operations get a "Try it" form
/// when one of its servers is among those the operator allows; a form sent without
/// JavaScript comes back in the page's query (`?try=<anchor>&…`).
#[component]
pub fn ApiReferenceView(api: ApiReference, lang: Lang, page_url: String) -> impl IntoView {
    let t = api_strings(lang);
    let ctx = expect_context::<SiteContext>();
    let try_servers: Vec<String> = api
        .servers
        .iter()
        .filter(|s| server_allowed(&ctx.try_servers, s))
        .cloned()
        .collect();
    let query = leptos_router::hooks::use_query_map().get_untracked();
    let tried = query.get("try");
    let arrays: Vec<String> = api
        .operations()
        .filter(|op| tried.as_deref() == Some(op.anchor.as_str()))
        .flat_map(|op| op.parameters.iter())
        .filter(|p| p.location == "query" && p.schema.kind.starts_with("array"))
        .map(|p| p.name.clone())
        .collect();
    let entered = tried.as_ref().map(|anchor| {
        let pairs = query
            .into_iter()
            .map(|(k, v)| (k.to_string(), v))
            .filter(|(k, _)| k != "try" && k != "show");
        let arrays: Vec<&str> = arrays.iter().map(String::as_str).collect();
        (anchor.clone(), Entered::read(pairs, &arrays))
    });
    let live = Live {
        servers: try_servers,
        key: api.api_key.clone(),
        entered,
        page_url,
    };
    let servers = api
        .servers
        .iter()
        .map(|s| {
            view! {
                <li>
                    <code>{s.clone()}</code>
                </li>
            }
        })
        .collect_view();
    let key = api.api_key.as_ref().map(|key| {
        let how = if key.location == "query" {
            t.key_in_query
        } else {
            t.key_in_header
        };
        let need = if key.optional {
            t.key_optional
        } else {
            t.key_required
        };
        view! {
            <h3 id="api-authentication">{t.authentication}</h3>
            <p>
                {how} " " <code>{key.name.clone()}</code> ". " {need} " " {key.description.clone()}
            </p>
        }
    });
    let groups = api
        .groups
        .iter()
        .map(|group| {
            let name = if group.tag.is_empty() {
                t.other_operations.to_owned()
            } else {
                group.tag.clone()
            };
            let operations = group
                .operations
                .iter()
                .map(|op| operation(op, t, &live))
                .collect_view();
            view! {
                <section class="api-group">
                    <h3>{name}</h3>
                    {(!group.description.is_empty())
                        .then(|| view! { <p>{group.description.clone()}</p> })}
                    {operations}
                </section>
            }
        })
        .collect_view();
    view! {
        <section class="api-reference" aria-labelledby="api-reference">
            <h2 id="api-reference">{t.reference}</h2>
            <p class="api-version">
                {api.title.clone()} ", " {t.version} " " {api.version.clone()}
            </p>
            {(!api.description.is_empty()).then(|| view! { <p>{api.description.clone()}</p> })}
            <h3 id="api-servers">{t.servers}</h3>
            <ul>{servers}</ul>
            {key}
            {groups}
        </section>
    }
}

/// What the "Try it" forms need: the allowed servers, the key, what was entered.
struct Live {
    servers: Vec<String>,
    key: Option<ApiKey>,
    entered: Option<(String, Entered)>,
    page_url: String,
}

fn operation(op: &Operation, t: &'static ApiStrings, live: &Live) -> impl IntoView + use<> {
    let try_it = (!live.servers.is_empty()).then(|| {
        let entered = live
            .entered
            .as_ref()
            .filter(|(anchor, _)| *anchor == op.anchor)
            .map(|(_, e)| e);
        try_form(
            op,
            &live.servers,
            live.key.as_ref().filter(|_| op.secured),
            entered,
            &live.page_url,
            t,
        )
    });
    let parameters = (!op.parameters.is_empty()).then(|| {
        let rows = op
            .parameters
            .iter()
            .map(|p| {
                let example = p.example.clone().map(|e| {
                    view! {
                        <br />
                        {t.example}
                        ": "
                        <code>{e}</code>
                    }
                });
                view! {
                    <tr>
                        <th scope="row">
                            <code>{p.name.clone()}</code>
                            {p
                                .required
                                .then(|| view! { <span class="api-required">{t.required}</span> })}
                        </th>
                        <td>{p.location.clone()}</td>
                        <td>{schema_line(&p.schema, t)}</td>
                        <td>{p.description.clone()} {example}</td>
                    </tr>
                }
            })
            .collect_view();
        view! {
            <h5>{t.parameters}</h5>
            <div class="table-scroll" role="region" tabindex="0" aria-label=t.parameters>
                <table class="api-parameters">
                    <thead>
                        <tr>
                            <th scope="col">{t.col_name}</th>
                            <th scope="col">{t.col_in}</th>
                            <th scope="col">{t.col_type}</th>
                            <th scope="col">{t.col_description}</th>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
        }
    });
    let body = op.body.as_ref().map(|b| {
        view! {
            <h5>{t.request_body} " " <code>{b.media_type.clone()}</code></h5>
            {b.schema.as_ref().map(|s| view! { <ul class="api-schema">{schema(s, t)}</ul> })}
            {b.example.clone().map(|e| example_block(e, t))}
        }
    });
    let responses = op
        .responses
        .iter()
        .map(|r| {
            view! {
                <li>
                    <code class="api-status">{r.status.clone()}</code>
                    " "
                    {r.description.clone()}
                    {r
                        .media_type
                        .clone()
                        .map(|m| {
                            view! {
                                " "
                                <code>{m}</code>
                            }
                        })}
                    {r
                        .schema
                        .as_ref()
                        .map(|s| view! { <ul class="api-schema">{schema(s, t)}</ul> })}
                    {r.example.clone().map(|e| example_block(e, t))}
                </li>
            }
        })
        .collect_view();
    let method_class = format!("api-method api-{}", op.method.to_ascii_lowercase());
    // The first is open: without a script, one click less for the most used.
    let snippets = [
        ("curl", &op.snippets.curl),
        ("JavaScript", &op.snippets.javascript),
        ("Python", &op.snippets.python),
    ]
    .into_iter()
    .enumerate()
    .map(|(i, (name, code))| {
        view! {
            <details open=i == 0>
                <summary>{name}</summary>
                <pre tabindex="0">
                    <code>{code.clone()}</code>
                </pre>
            </details>
        }
    })
    .collect_view();
    view! {
        <article class="api-operation" id=op.anchor.clone()>
            <h4>
                <span class=method_class>{op.method.clone()}</span>
                " "
                <code>{op.path.clone()}</code>
                {op
                    .deprecated
                    .then(|| {
                        view! {
                            " "
                            <span class="api-deprecated">{t.deprecated}</span>
                        }
                    })}
                {op
                    .secured
                    .then(|| {
                        view! {
                            " "
                            <span class="api-key-mark">{t.needs_key}</span>
                        }
                    })}
            </h4>
            {(!op.summary.is_empty())
                .then(|| view! { <p class="api-summary">{op.summary.clone()}</p> })}
            {(!op.description.is_empty()).then(|| view! { <p>{op.description.clone()}</p> })}
            {parameters}
            {body}
            <h5>{t.responses}</h5>
            <ul class="api-responses">{responses}</ul>
            <h5>{t.try_with}</h5>
            {snippets}
            {try_it}
        </article>
    }
}

fn example_block(example: String, t: &'static ApiStrings) -> impl IntoView + use<> {
    view! {
        <details class="api-example">
            <summary>{t.example}</summary>
            <pre tabindex="0">
                <code>{example}</code>
            </pre>
        </details>
    }
}

/// `string (date-time), may be null; values: a, b; minimum: 0`.
fn schema_line(s: &Schema, t: &'static ApiStrings) -> String {
    let mut parts = vec![match &s.reference {
        Some(r) => format!("{} ({r})", s.kind),
        None => s.kind.clone(),
    }];
    if s.nullable {
        parts.push(t.nullable.to_owned());
    }
    if !s.enum_values.is_empty() {
        parts.push(format!("{}: {}", t.values, s.enum_values.join(", ")));
    }
    parts.extend(s.constraints.iter().cloned());
    parts.join("; ")
}

/// A schema and what is inside it, as nested list items.
fn schema(s: &Schema, t: &'static ApiStrings) -> AnyView {
    let children = (!s.children.is_empty()).then(|| {
        let inner = s.children.iter().map(|c| schema(c, t)).collect_view();
        view! { <ul>{inner}</ul> }
    });
    view! {
        <li>
            {s
                .name
                .clone()
                .map(|n| {
                    view! {
                        <code>{n}</code>
                        " "
                    }
                })} <span class="api-type">{schema_line(s, t)}</span>
            {s
                .required
                .then(|| {
                    view! {
                        " "
                        <span class="api-required">{t.required}</span>
                    }
                })}
            {(!s.description.is_empty())
                .then(|| {
                    view! {
                        " — "
                        {s.description.clone()}
                    }
                })} {children}
        </li>
    }
    .into_any()
}
