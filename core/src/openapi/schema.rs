//! A schema unfolded for the page: its type line, constraints, variants and what is inside,
//! following local `$ref`s to [`MAX_DEPTH`] levels.

use domain::openapi::Schema;
use serde_json::Value;

use super::{Builder, MAX_DEPTH, plain, text};

impl Builder<'_> {
    pub(super) fn schema(
        &self,
        name: Option<&str>,
        value: &Value,
        depth: usize,
    ) -> Result<Schema, String> {
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
