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

    fn schema(&self, name: Option<&str>, value: &Value, depth: usize) -> Result<Schema, String> {
        let reference = value
            .get("$ref")
            .and_then(Value::as_str)
            .map(|r| r.rsplit('/').next().unwrap_or(r).to_owned());
        if depth > MAX_DEPTH {
            return Ok(Schema {
                name: name.map(str::to_owned),
                kind: "…".into(),
                reference,
                ..Schema::default()
            });
        }
        let value = self.follow(value, 0)?;
        let mut schema = Schema {
            name: name.map(str::to_owned),
            reference,
            description: text(value.get("description")),
            ..Schema::default()
        };
        // `type` is a name or (3.1) a list that may hold `null`.
        let types: Vec<String> = match value.get("type") {
            Some(Value::String(t)) => vec![t.clone()],
            Some(Value::Array(list)) => list
                .iter()
                .filter_map(Value::as_str)
                .map(str::to_owned)
                .collect(),
            _ => Vec::new(),
        };
        schema.nullable = types.iter().any(|t| t == "null")
            || value.get("nullable_hint") == Some(&Value::Bool(true));
        let mut kind = types
            .iter()
            .filter(|t| *t != "null")
            .cloned()
            .collect::<Vec<_>>()
            .join(" | ");
        for (keyword, label) in [
            ("oneOf", "one of"),
            ("anyOf", "any of"),
            ("allOf", "all of"),
        ] {
            if let Some(variants) = value.get(keyword).and_then(Value::as_array) {
                kind = label.into();
                for variant in variants {
                    schema.children.push(self.schema(None, variant, depth + 1)?);
                }
            }
        }
        if let Some(format) = value.get("format").and_then(Value::as_str) {
            kind = format!("{kind} ({format})");
        }
        if let Some(items) = value.get("items") {
            let item = self.schema(None, items, depth + 1)?;
            let of = item.reference.clone().unwrap_or_else(|| item.kind.clone());
            if kind.is_empty() || kind == "array" {
                kind = format!("array of {of}");
            }
            schema.children.push(item);
        }
        if let Some(properties) = value.get("properties").and_then(Value::as_object) {
            let required: Vec<&str> = value
                .get("required")
                .and_then(Value::as_array)
                .map(|r| r.iter().filter_map(Value::as_str).collect())
                .unwrap_or_default();
            for (property, inner) in properties {
                let mut child = self.schema(Some(property), inner, depth + 1)?;
                child.required = required.contains(&property.as_str());
                schema.children.push(child);
            }
            if kind.is_empty() {
                kind = "object".into();
            }
        }
        schema.kind = if kind.is_empty() { "any".into() } else { kind };
        schema.enum_values = value
            .get("enum")
            .and_then(Value::as_array)
            .map(|v| v.iter().map(plain).collect())
            .unwrap_or_default();
        for keyword in [
            "default",
            "minimum",
            "maximum",
            "exclusiveMinimum",
            "exclusiveMaximum",
            "minLength",
            "maxLength",
            "pattern",
            "minItems",
            "maxItems",
        ] {
            if let Some(v) = value.get(keyword) {
                schema.constraints.push(format!("{keyword}: {}", plain(v)));
            }
        }
        Ok(schema)
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
mod tests {
    use super::*;

    const SPEC_30: &str = r##"
openapi: 3.0.3
info: { title: Demo, version: "1", description: Says hello. }
servers: [{ url: "https://api.example/" }]
security: [{}, { key: [] }]
tags: [{ name: Greetings, description: Hellos. }]
paths:
  /hello/{name}:
    parameters:
      - { name: name, in: path, required: true, schema: { type: string }, example: "Ada Lovelace" }
    post:
      tags: [Greetings]
      operationId: sayHello
      summary: Say hello
      parameters:
        - $ref: '#/components/parameters/loud'
      requestBody:
        required: true
        content:
          application/json:
            schema: { $ref: '#/components/schemas/Greeting' }
            example: { words: "it's me" }
      responses:
        '200':
          description: The greeting.
          content:
            application/json:
              schema: { $ref: '#/components/schemas/Greeting' }
components:
  securitySchemes:
    key: { type: apiKey, in: header, name: api-key }
  parameters:
    loud: { name: loud, in: query, schema: { type: integer, minimum: 0, exclusiveMinimum: true } }
  schemas:
    Greeting:
      type: object
      required: [words]
      properties:
        words: { type: string, nullable: true }
        tone: { type: string, enum: [warm, dry] }
        next: { $ref: '#/components/schemas/Greeting' }
        either:
          oneOf: [{ type: string }, { type: integer, format: int32 }]
"##;

    #[test]
    fn a_3_0_spec_is_read_with_its_refs_schemas_and_snippets() {
        let api = parse(SPEC_30, true).expect("valid");
        assert_eq!(api.title, "Demo");
        assert_eq!(api.servers, ["https://api.example"]);
        let key = api.api_key.as_ref().expect("a key");
        assert!(key.optional && key.name == "api-key");
        let op = api.operations().next().expect("one");
        assert_eq!(op.anchor, "op-sayhello");
        assert_eq!(
            (op.method.as_str(), op.path.as_str()),
            ("POST", "/hello/{name}")
        );
        let names: Vec<&str> = op.parameters.iter().map(|p| p.name.as_str()).collect();
        assert_eq!(names, ["name", "loud"], "shared and referenced parameters");
        assert_eq!(
            op.parameters[1].schema.constraints,
            ["exclusiveMinimum: 0"],
            "3.0's boolean bound becomes 3.1's number"
        );
        let body = op.body.as_ref().expect("a body");
        let schema = body.schema.as_ref().expect("a schema");
        assert_eq!(schema.reference.as_deref(), Some("Greeting"));
        let words = &schema.children[0];
        assert!(words.required && words.nullable, "{words:?}");
        assert_eq!(schema.children[1].enum_values, ["warm", "dry"]);
        assert_eq!(schema.children[3].kind, "one of");
        assert_eq!(schema.children[3].children[1].kind, "integer (int32)");
        // The cycle (`next` is a Greeting) stops at the depth limit.
        let mut depth = 0;
        let mut at = schema;
        while let Some(next) = at
            .children
            .iter()
            .find(|c| c.name.as_deref() == Some("next"))
        {
            at = next;
            depth += 1;
        }
        assert!(depth <= MAX_DEPTH + 1, "{depth}");
        assert!(
            op.snippets
                .curl
                .starts_with("curl -X POST 'https://api.example/hello/Ada%20Lovelace'"),
            "{}",
            op.snippets.curl
        );
        assert!(
            op.snippets
                .curl
                .contains(r#"--data '{"words":"it'\''s me"}'"#),
            "{}",
            op.snippets.curl
        );
        assert!(
            op.snippets
                .javascript
                .contains(r#""api-key": "YOUR_API_KEY""#)
        );
        assert!(op.snippets.python.contains("requests.request("));
    }

    #[test]
    fn what_is_not_a_spec_says_why() {
        for (text, yaml, why) in [
            ("{", false, "not JSON"),
            ("a: [", true, "not YAML"),
            ("{}", false, "no `openapi`"),
            (r#"{"openapi": "2.0"}"#, false, "not supported"),
            (
                r##"{"openapi": "3.1.0", "info": {"title": "x", "version": "1"},
                     "paths": {"/a": {"get": {"responses": {"200": {"$ref": "#/nowhere"}}}}}}"##,
                false,
                "leads nowhere",
            ),
            (
                r#"{"openapi": "3.1.0", "info": {"title": "x", "version": "1"}, "paths": {}}"#,
                false,
                "no operations",
            ),
            (
                r#"{"openapi": "3.1.0", "paths": {}}"#,
                false,
                "valid OpenAPI",
            ),
        ] {
            let error = parse(text, yaml).expect_err(text);
            assert!(error.contains(why), "{text}: {error}");
        }
    }
}
