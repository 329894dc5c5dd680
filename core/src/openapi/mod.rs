//! API pages' references from OpenAPI files (JSON or YAML, 3.0 and 3.1), kept with the content
//! in `content/openapi/`. A file is read into a JSON tree; a 3.0 file is brought to 3.1's
//! forms (`nullable`, boolean `exclusiveMinimum`); the `oas3` crate must accept it as an
//! OpenAPI 3.1 document; then the page's [`ApiReference`] is built from the tree, with every
//! local `$ref` followed (a cycle or a depth past [`MAX_DEPTH`] stops with the name).

use std::path::Path;

use domain::openapi::{
    ApiKey, ApiReference, Body, Operation, OperationGroup, Parameter, Response, Schema, Snippets,
};
use serde_json::{Map, Value};

mod schema;
mod snippets;

use snippets::snippets;

/// How deep schemas are unfolded on a page.
pub const MAX_DEPTH: usize = 8;

const METHODS: [&str; 8] = [
    "get", "put", "post", "delete", "options", "head", "patch", "trace",
];

/// Reads and renders the OpenAPI file at `path`; the error says what is wrong, for
/// `server check-content`.
pub fn load(path: &Path) -> Result<ApiReference, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("cannot read: {e}"))?;
    let yaml = path.extension().is_some_and(|e| e == "yaml" || e == "yml");
    parse(&text, yaml)
}

/// Parses a spec's text (YAML or JSON) and builds its reference.
pub fn parse(text: &str, yaml: bool) -> Result<ApiReference, String> {
    let mut tree: Value = if yaml {
        serde_yaml_ng::from_str(text).map_err(|e| format!("not YAML: {e}"))?
    } else {
        serde_json::from_str(text).map_err(|e| format!("not JSON: {e}"))?
    };
    let version = tree
        .get("openapi")
        .and_then(Value::as_str)
        .ok_or("not an OpenAPI 3 document: no `openapi` version")?
        .to_owned();
    if version.starts_with("3.0") {
        upgrade(&mut tree);
        tree["openapi"] = Value::String("3.1.0".into());
    } else if !version.starts_with("3.1") {
        return Err(format!(
            "OpenAPI {version} is not supported (3.0 and 3.1 are)"
        ));
    }
    let json = serde_json::to_string(&tree).map_err(|e| e.to_string())?;
    oas3::from_json(json).map_err(|e| format!("not a valid OpenAPI document: {e}"))?;
    Builder { root: &tree }.reference()
}

/// Rewrites 3.0's forms into 3.1's, in place: `nullable: true` becomes a `null` type, and a
/// boolean `exclusiveMinimum`/`exclusiveMaximum` takes the bound's value.
fn upgrade(value: &mut Value) {
    match value {
        Value::Object(map) => {
            if map.remove("nullable") == Some(Value::Bool(true)) {
                match map.get_mut("type") {
                    Some(Value::String(t)) => {
                        let t = std::mem::take(t);
                        map.insert("type".into(), serde_json::json!([t, "null"]));
                    }
                    _ => {
                        map.insert("nullable_hint".into(), Value::Bool(true));
                    }
                }
            }
            for (flag, bound) in [
                ("exclusiveMinimum", "minimum"),
                ("exclusiveMaximum", "maximum"),
            ] {
                if let Some(Value::Bool(on)) = map.get(flag).cloned() {
                    map.remove(flag);
                    if on && let Some(limit) = map.remove(bound) {
                        map.insert(flag.into(), limit);
                    }
                }
            }
            // `example` beside a schema's other keywords is 3.0's; 3.1 keeps it too.
            for child in map.values_mut() {
                upgrade(child);
            }
        }
        Value::Array(items) => items.iter_mut().for_each(upgrade),
        _ => {}
    }
}

struct Builder<'a> {
    root: &'a Value,
}

fn text(value: Option<&Value>) -> String {
    value
        .and_then(Value::as_str)
        .unwrap_or_default()
        .trim()
        .to_owned()
}

impl Builder<'_> {
    fn reference(&self) -> Result<ApiReference, String> {
        let info = self.root.get("info").ok_or("no `info`")?;
        let servers: Vec<String> = self
            .root
            .get("servers")
            .and_then(Value::as_array)
            .map(|list| {
                list.iter()
                    .filter_map(|s| s.get("url").and_then(Value::as_str))
                    .map(|u| u.trim_end_matches('/').to_owned())
                    .collect()
            })
            .unwrap_or_default();
        let api_key = self.api_key();
        let mut groups: Vec<OperationGroup> = self
            .root
            .get("tags")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .map(|t| OperationGroup {
                tag: text(t.get("name")),
                description: text(t.get("description")),
                operations: Vec::new(),
            })
            .collect();
        let paths = self
            .root
            .get("paths")
            .and_then(Value::as_object)
            .ok_or("no `paths`")?;
        let mut anchors = std::collections::HashSet::new();
        for (path, item) in paths {
            let item = self.follow(item, 0)?;
            let shared = item.get("parameters").and_then(Value::as_array);
            for method in METHODS {
                let Some(op) = item.get(method) else { continue };
                let operation =
                    self.operation(path, method, op, shared, &servers, api_key.as_ref())?;
                if !anchors.insert(operation.anchor.clone()) {
                    return Err(format!(
                        "two operations have the anchor {:?} (give them different operationIds)",
                        operation.anchor
                    ));
                }
                let tag = op
                    .get("tags")
                    .and_then(Value::as_array)
                    .and_then(|t| t.first())
                    .and_then(Value::as_str)
                    .unwrap_or_default()
                    .to_owned();
                match groups.iter_mut().find(|g| g.tag == tag) {
                    Some(group) => group.operations.push(operation),
                    None => groups.push(OperationGroup {
                        tag,
                        description: String::new(),
                        operations: vec![operation],
                    }),
                }
            }
        }
        groups.retain(|g| !g.operations.is_empty());
        if groups.is_empty() {
            return Err("the document has no operations".into());
        }
        Ok(ApiReference {
            title: text(info.get("title")),
            version: text(info.get("version")),
            description: text(info.get("description")),
            servers,
            api_key,
            groups,
        })
    }

    /// The first API-key scheme the document's security names; optional when `{}` is among
    /// the alternatives.
    fn api_key(&self) -> Option<ApiKey> {
        let schemes = self
            .root
            .pointer("/components/securitySchemes")
            .and_then(Value::as_object)?;
        let (name, scheme) = schemes
            .iter()
            .find(|(_, s)| s.get("type").and_then(Value::as_str) == Some("apiKey"))?;
        let security = self.root.get("security").and_then(Value::as_array);
        let optional = security.is_none_or(|alternatives| {
            alternatives
                .iter()
                .any(|a| a.as_object().is_some_and(Map::is_empty))
                || !alternatives.iter().any(|a| a.get(name).is_some())
        });
        Some(ApiKey {
            name: text(scheme.get("name")),
            location: text(scheme.get("in")),
            description: text(scheme.get("description")),
            optional,
        })
    }

    /// Follows a local `$ref` (`#/components/…`), however many times.
    fn follow<'v>(&'v self, value: &'v Value, depth: usize) -> Result<&'v Value, String> {
        match value.get("$ref").and_then(Value::as_str) {
            None => Ok(value),
            Some(_) if depth > MAX_DEPTH => Err("a `$ref` leads back to itself".into()),
            Some(reference) => {
                let pointer = reference
                    .strip_prefix('#')
                    .ok_or_else(|| format!("only local references are read, not {reference:?}"))?;
                let target = self
                    .root
                    .pointer(pointer)
                    .ok_or_else(|| format!("{reference:?} leads nowhere"))?;
                self.follow(target, depth + 1)
            }
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn operation(
        &self,
        path: &str,
        method: &str,
        op: &Value,
        shared: Option<&Vec<Value>>,
        servers: &[String],
        api_key: Option<&ApiKey>,
    ) -> Result<Operation, String> {
        let id = op
            .get("operationId")
            .and_then(Value::as_str)
            .map(str::to_owned)
            .unwrap_or_else(|| format!("{method}{path}"));
        let anchor = format!("op-{}", slug(&id));
        let mut parameters = Vec::new();
        for p in shared.into_iter().flatten().chain(
            op.get("parameters")
                .and_then(Value::as_array)
                .into_iter()
                .flatten(),
        ) {
            let p = self.follow(p, 0)?;
            let name = text(p.get("name"));
            let location = text(p.get("in"));
            if name.is_empty() || location.is_empty() {
                return Err(format!(
                    "{method} {path}: a parameter needs `name` and `in`"
                ));
            }
            let schema = match p.get("schema") {
                Some(s) => self.schema(None, s, 0)?,
                None => Schema::default(),
            };
            parameters.retain(|q: &Parameter| !(q.name == name && q.location == location));
            parameters.push(Parameter {
                required: location == "path" || p.get("required") == Some(&Value::Bool(true)),
                description: text(p.get("description")),
                example: p
                    .get("example")
                    .or_else(|| p.pointer("/schema/example"))
                    .map(plain),
                name,
                location,
                schema,
            });
        }
        let body = match op.get("requestBody") {
            None => None,
            Some(b) => {
                let b = self.follow(b, 0)?;
                let (media_type, content) = first_content(b);
                Some(Body {
                    media_type: media_type.unwrap_or_default(),
                    required: b.get("required") == Some(&Value::Bool(true)),
                    schema: match content.and_then(|c| c.get("schema")) {
                        Some(s) => Some(self.schema(None, s, 0)?),
                        None => None,
                    },
                    example: content.and_then(|c| c.get("example")).map(pretty),
                })
            }
        };
        let mut responses = Vec::new();
        for (status, r) in op
            .get("responses")
            .and_then(Value::as_object)
            .into_iter()
            .flatten()
        {
            let r = self.follow(r, 0)?;
            let (media_type, content) = first_content(r);
            responses.push(Response {
                status: status.clone(),
                description: text(r.get("description")),
                media_type,
                schema: match content.and_then(|c| c.get("schema")) {
                    Some(s) => Some(self.schema(None, s, 0)?),
                    None => None,
                },
                example: content.and_then(|c| c.get("example")).map(pretty),
            });
        }
        let secured = api_key.is_some()
            && op
                .get("security")
                .and_then(Value::as_array)
                .is_none_or(|s| !s.is_empty());
        let mut operation = Operation {
            anchor,
            method: method.to_ascii_uppercase(),
            path: path.to_owned(),
            summary: text(op.get("summary")),
            description: text(op.get("description")),
            deprecated: op.get("deprecated") == Some(&Value::Bool(true)),
            secured,
            parameters,
            body,
            responses,
            snippets: Snippets::default(),
        };
        operation.snippets = snippets(
            servers.first().map_or("", String::as_str),
            &operation,
            api_key.filter(|_| secured),
        );
        Ok(operation)
    }
}

/// The first media type of a body or response, and its content.
fn first_content(value: &Value) -> (Option<String>, Option<&Value>) {
    match value
        .get("content")
        .and_then(Value::as_object)
        .and_then(|c| c.iter().next())
    {
        Some((media, content)) => (Some(media.clone()), Some(content)),
        None => (None, None),
    }
}

/// A value as one line: strings as they are, anything else as JSON.
fn plain(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

fn pretty(value: &Value) -> String {
    serde_json::to_string_pretty(value).unwrap_or_default()
}

/// `a-z0-9-` from an operation id.
fn slug(id: &str) -> String {
    let mut out = String::new();
    for c in id.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('-') {
            out.push('-');
        }
    }
    out.trim_matches('-').to_owned()
}

#[cfg(test)]
mod tests;
