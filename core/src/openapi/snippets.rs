//! The same request as `curl`, JavaScript (`fetch`) and Python (`requests`), with an
//! operation's required parameters and examples and its request body's example.

use domain::openapi::{ApiKey, Filled, Operation, Request, Snippets};
use serde_json::Value;

/// The request with its required parameters and examples, as `curl`, JavaScript and Python.
pub(super) fn snippets(server: &str, op: &Operation, key: Option<&ApiKey>) -> Snippets {
    let filled: Vec<Filled> = op
        .parameters
        .iter()
        .filter_map(|p| {
            let value = p.example.clone().or_else(|| {
                p.required
                    .then(|| format!("<{}>", p.name.to_ascii_uppercase()))
            })?;
            Some(Filled {
                location: p.location.clone(),
                name: p.name.clone(),
                value,
                array: false,
            })
        })
        .collect();
    let body = op.body.as_ref().and_then(|b| {
        b.example
            .as_ref()
            .map(|e| (b.media_type.as_str(), compact(e)))
    });
    let request = Request::build(
        server,
        &op.method,
        &op.path,
        &filled,
        body.as_ref().map(|(media, e)| (*media, e.as_str())),
        key.map(|k| (k.location.as_str(), k.name.as_str(), "YOUR_API_KEY")),
    );
    let curl = request.curl();
    let Request {
        url, headers, body, ..
    } = request;
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
    if let Some(example) = &body {
        javascript.push_str(&format!("  body: JSON.stringify({example}),\n"));
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
    if let Some(example) = &body {
        python.push_str(&format!("    data={},\n", json_str(example)));
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
