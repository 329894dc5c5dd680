//! An API's reference on its page, drawn on the server (no script): the servers and the key,
//! then per tag each operation at its own anchor with its parameters, request body,
//! responses, schemas and ready-to-copy requests. The words around it are in the page's
//! language; the spec's own text stays as written.

use leptos::prelude::*;

use crate::domain::{
    i18n::{ApiStrings, api_strings},
    lang::Lang,
    openapi::{ApiReference, Operation, Schema},
};

/// The reference of one API.
#[component]
pub fn ApiReferenceView(api: ApiReference, lang: Lang) -> impl IntoView {
    let t = api_strings(lang);
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
                .map(|op| operation(op, t))
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

fn operation(op: &Operation, t: &'static ApiStrings) -> impl IntoView + use<> {
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
