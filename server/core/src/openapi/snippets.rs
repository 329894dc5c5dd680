//! The same request as `curl`, JavaScript (`fetch`) and Python (`requests`), with an
//! operation's required parameters and examples and its request body's example.

use domain::openapi::{ApiKey, Operation, Snippets};
use serde_json::Value;

/// Percent-encodes a query value.
fn encode(value: &str) -> String {
    form_urlencoded::byte_serialize(value.as_bytes()).collect()
}

/// The request with its required parameters and examples, as `curl`, JavaScript and Python.
pub(super) fn snippets(server: &str, op: &Operation, key: Option<&ApiKey>) -> Snippets {
    let mut path = op.path.clone();
    let mut query = Vec::new();
    let mut headers: Vec<(String, String)> = Vec::new();
    for p in &op.parameters {
        let value = p.example.clone().or_else(|| {
            p.required
                .then(|| format!("<{}>", p.name.to_ascii_uppercase()))
        });
        let Some(value) = value else { continue };
        match p.location.as_str() {
            "path" => path = path.replace(&format!("{{{}}}", p.name), &encode(&value)),
            "query" => query.push(format!("{}={}", p.name, encode(&value))),
            "header" => headers.push((p.name.clone(), value)),
            _ => {}
        }
    }
    if let Some(key) = key
        && key.location == "header"
    {
        headers.push((key.name.clone(), "YOUR_API_KEY".into()));
    }
    let url = if query.is_empty() {
        format!("{server}{path}")
    } else {
        format!("{server}{path}?{}", query.join("&"))
    };
    let body = op
        .body
        .as_ref()
        .and_then(|b| b.example.clone().map(|e| (b.media_type.clone(), e)));
    if let Some((media, _)) = &body {
        headers.push(("Content-Type".into(), media.clone()));
    }
    let sh = |s: &str| format!("'{}'", s.replace('\'', r"'\''"));
    let mut curl = format!("curl -X {} {}", op.method, sh(&url));
    for (k, v) in &headers {
        curl.push_str(&format!(" \\\n  -H {}", sh(&format!("{k}: {v}"))));
    }
    if let Some((_, example)) = &body {
        curl.push_str(&format!(" \\\n  --data {}", sh(&compact(example))));
    }
    let js_headers: Vec<String> = headers
        .iter()
        .map(|(k, v)| format!("    {}: {},", json_str(k), json_str(v)))
        .collect();
    let mut javascript = format!(
        "const response = await fetch({}, {{\n  method: {},\n",
        json_str(&url),
        json_str(&op.method)
    );
    if !js_headers.is_empty() {
        javascript.push_str(&format!(
            "  headers: {{\n{}\n  }},\n",
            js_headers.join("\n")
        ));
    }
    if let Some((_, example)) = &body {
        javascript.push_str(&format!("  body: JSON.stringify({}),\n", compact(example)));
    }
    javascript.push_str("});\nconst data = await response.json();");
    let py_headers: Vec<String> = headers
        .iter()
        .map(|(k, v)| format!("{}: {}", json_str(k), json_str(v)))
        .collect();
    let mut python = format!(
        "import requests\n\nresponse = requests.request(\n    {},\n    {},\n",
        json_str(&op.method),
        json_str(&url)
    );
    if !py_headers.is_empty() {
        python.push_str(&format!("    headers={{{}}},\n", py_headers.join(", ")));
    }
    if let Some((_, example)) = &body {
        python.push_str(&format!("    data={},\n", json_str(&compact(example))));
    }
    python.push_str(")\ndata = response.json()");
    Snippets {
        curl,
        javascript,
        python,
    }
}

fn compact(json: &str) -> String {
    serde_json::from_str::<Value>(json)
        .map(|v| v.to_string())
        .unwrap_or_else(|_| json.to_owned())
}

fn json_str(s: &str) -> String {
    Value::String(s.to_owned()).to_string()
}
