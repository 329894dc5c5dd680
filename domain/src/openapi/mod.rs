//! An API's reference as a page shows it: operations grouped by tag, each with its parameters,
//! request body, responses, schemas and ready-to-copy snippets. Plain data, built on the
//! server from the page's OpenAPI file; the spec's own text stays as written.

use serde::{Deserialize, Serialize};

/// The reference of one API.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApiReference {
    /// `info.title`.
    pub title: String,
    /// `info.version`.
    pub version: String,
    /// `info.description`.
    pub description: String,
    /// The servers' URLs.
    pub servers: Vec<String>,
    /// The API key the operations take, if any.
    pub api_key: Option<ApiKey>,
    /// The operations, grouped by their first tag (in the spec's tag order).
    pub groups: Vec<OperationGroup>,
}

/// An API key: where it goes and whether the API works without one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApiKey {
    /// The header's (or query parameter's) name.
    pub name: String,
    /// `header` or `query`.
    pub location: String,
    /// What the spec says about it.
    pub description: String,
    /// Whether an operation also works without it.
    pub optional: bool,
}

/// The operations of one tag.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OperationGroup {
    /// The tag (empty for operations without one).
    pub tag: String,
    /// The tag's description.
    pub description: String,
    /// The operations, in the spec's order.
    pub operations: Vec<Operation>,
}

/// One operation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Operation {
    /// Its anchor on the page (`op-search`).
    pub anchor: String,
    /// `GET`, `POST`, …
    pub method: String,
    /// `/ad/{id}`.
    pub path: String,
    /// One line.
    pub summary: String,
    /// More.
    pub description: String,
    /// Marked deprecated.
    pub deprecated: bool,
    /// Whether the API key applies.
    pub secured: bool,
    /// Its parameters.
    pub parameters: Vec<Parameter>,
    /// Its request body.
    pub body: Option<Body>,
    /// Its responses, by status.
    pub responses: Vec<Response>,
    /// Ready-to-copy requests.
    pub snippets: Snippets,
}

/// A parameter.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Parameter {
    /// Its name.
    pub name: String,
    /// `query`, `path`, `header` or `cookie`.
    pub location: String,
    /// Whether it must be given.
    pub required: bool,
    /// What it is.
    pub description: String,
    /// Its type.
    pub schema: Schema,
    /// An example value.
    pub example: Option<String>,
}

/// A request body.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Body {
    /// `application/json`, …
    pub media_type: String,
    /// Whether it must be sent.
    pub required: bool,
    /// Its shape.
    pub schema: Option<Schema>,
    /// An example, pretty-printed.
    pub example: Option<String>,
}

/// A response.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Response {
    /// `200`, `404`, `default`.
    pub status: String,
    /// What it means.
    pub description: String,
    /// Its media type, when it has a body.
    pub media_type: Option<String>,
    /// Its body's shape.
    pub schema: Option<Schema>,
    /// An example, pretty-printed.
    pub example: Option<String>,
}

/// A schema as the page shows it: a type line, its constraints, and what is inside.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Schema {
    /// The property's name, inside an object.
    pub name: Option<String>,
    /// `string`, `integer (int32)`, `array`, `object`, `one of`, …
    pub kind: String,
    /// The component it comes from (`Ad` for `#/components/schemas/Ad`).
    pub reference: Option<String>,
    /// Required inside its object.
    pub required: bool,
    /// May be `null`.
    pub nullable: bool,
    /// What it is.
    pub description: String,
    /// The values it may take.
    pub enum_values: Vec<String>,
    /// Its limits and default, as `minimum: 0`, `default: 10`.
    pub constraints: Vec<String>,
    /// Its properties, its items, or its variants.
    pub children: Vec<Schema>,
}

/// The same request as `curl`, JavaScript and Python.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Snippets {
    /// A shell command.
    pub curl: String,
    /// `fetch`.
    pub javascript: String,
    /// `requests`.
    pub python: String,
}

impl ApiReference {
    /// Every operation, in page order.
    pub fn operations(&self) -> impl Iterator<Item = &Operation> {
        self.groups.iter().flat_map(|g| g.operations.iter())
    }
}

mod request;

pub use request::{Entered, Filled, MAX_FIELDS, MAX_VALUE, Request, percent, server_allowed};
