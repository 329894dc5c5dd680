//! The words around an API's reference (the spec's own text stays as written). Kept apart
//! from the pages' [`Strings`](super::Strings): the reference is drawn on the server only, so
//! the browser build never carries these.

use super::Lang;

/// The words around an API's reference.
#[derive(Debug)]
pub struct ApiStrings {
    /// Heading of the reference.
    pub reference: &'static str,
    /// Before the version.
    pub version: &'static str,
    /// Heading of the servers.
    pub servers: &'static str,
    /// Heading of the authentication.
    pub authentication: &'static str,
    /// "Send your key in the header" (the name follows).
    pub key_in_header: &'static str,
    /// "Send your key as the query parameter" (the name follows).
    pub key_in_query: &'static str,
    /// The key is optional.
    pub key_optional: &'static str,
    /// The key is needed.
    pub key_required: &'static str,
    /// The operations without a tag.
    pub other_operations: &'static str,
    /// Heading: parameters.
    pub parameters: &'static str,
    /// Column: name.
    pub col_name: &'static str,
    /// Column: where it goes.
    pub col_in: &'static str,
    /// Column: type.
    pub col_type: &'static str,
    /// Column: what it is.
    pub col_description: &'static str,
    /// Marks a required parameter or property.
    pub required: &'static str,
    /// Marks a value that may be null.
    pub nullable: &'static str,
    /// Heading: request body.
    pub request_body: &'static str,
    /// Heading: responses.
    pub responses: &'static str,
    /// Before an example.
    pub example: &'static str,
    /// Before the values an enum allows.
    pub values: &'static str,
    /// Marks a deprecated operation.
    pub deprecated: &'static str,
    /// Heading of the snippets.
    pub try_with: &'static str,
    /// Marks that an operation takes the API key.
    pub needs_key: &'static str,
}

const EN: ApiStrings = ApiStrings {
    reference: "API reference",
    version: "Version",
    servers: "Servers",
    authentication: "Authentication",
    key_in_header: "Send your API key in the header",
    key_in_query: "Send your API key as the query parameter",
    key_optional: "The API also answers without a key.",
    key_required: "Operations marked with a key need it.",
    other_operations: "Other operations",
    parameters: "Parameters",
    col_name: "Name",
    col_in: "In",
    col_type: "Type",
    col_description: "Description",
    required: "required",
    nullable: "may be null",
    request_body: "Request body",
    responses: "Responses",
    example: "Example",
    values: "Values",
    deprecated: "Deprecated",
    try_with: "Request examples",
    needs_key: "API key",
};

const SV: ApiStrings = ApiStrings {
    reference: "API-referens",
    version: "Version",
    servers: "Servrar",
    authentication: "Autentisering",
    key_in_header: "Skicka din API-nyckel i headern",
    key_in_query: "Skicka din API-nyckel som frågeparametern",
    key_optional: "API:et svarar även utan nyckel.",
    key_required: "Anrop som är märkta med nyckel behöver den.",
    other_operations: "Övriga anrop",
    parameters: "Parametrar",
    col_name: "Namn",
    col_in: "Plats",
    col_type: "Typ",
    col_description: "Beskrivning",
    required: "obligatorisk",
    nullable: "kan vara null",
    request_body: "Anropets innehåll",
    responses: "Svar",
    example: "Exempel",
    values: "Värden",
    deprecated: "Utfasad",
    try_with: "Exempel på anrop",
    needs_key: "API-nyckel",
};

/// The words around an API's reference in `lang`.
pub fn api_strings(lang: Lang) -> &'static ApiStrings {
    match lang {
        Lang::Sv => &SV,
        Lang::En => &EN,
    }
}
