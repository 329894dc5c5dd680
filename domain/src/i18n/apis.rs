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
    /// Heading of the "Try it" form.
    pub try_it: &'static str,
    /// What the form does, before anything is sent.
    pub try_intro: &'static str,
    /// Label of the server's choice.
    pub try_server: &'static str,
    /// Under an array parameter's field.
    pub try_array_hint: &'static str,
    /// A choice left empty.
    pub try_unset: &'static str,
    /// Under the API key's field.
    pub try_key_hint: &'static str,
    /// The button that shows the `curl` command.
    pub try_show: &'static str,
    /// The button that sends the request.
    pub try_send: &'static str,
    /// Heading of the `curl` command for the values entered.
    pub try_command: &'static str,
    /// Heading of the answer.
    pub try_answer: &'static str,
    /// The answer's headers.
    pub try_headers: &'static str,
    /// While the request is on its way.
    pub try_sending: &'static str,
    /// When no answer came.
    pub try_failed: &'static str,
    /// When the body is cut.
    pub try_truncated: &'static str,
    /// The policy's row for the kept key: what it is for.
    pub key_storage_purpose: &'static str,
    /// The policy's row for the kept key: how long it stays.
    pub key_storage_lifetime: &'static str,
    /// Heading of the APIs' state.
    pub status_heading: &'static str,
    /// An API that answers.
    pub status_up: &'static str,
    /// An API that does not.
    pub status_down: &'static str,
    /// An API not checked yet.
    pub status_unknown: &'static str,
    /// Before the time its state began.
    pub status_since: &'static str,
    /// Before the last check's time.
    pub status_last_check: &'static str,
    /// A check without an answer.
    pub status_no_answer: &'static str,
    /// Before the uptime over the days shown.
    pub status_uptime: &'static str,
    /// A day without checks.
    pub status_no_data: &'static str,
    /// What the bars show.
    pub status_days_label: &'static str,
    /// The summary of the days' table.
    pub status_table: &'static str,
    /// Column: the day.
    pub status_col_date: &'static str,
    /// Column: checks made.
    pub status_col_checks: &'static str,
    /// Column: the share up.
    pub status_col_uptime: &'static str,
    /// Heading of the incidents.
    pub status_incidents: &'static str,
    /// When there are none.
    pub status_no_incidents: &'static str,
    /// The incidents' feed.
    pub status_feed: &'static str,
    /// The report for machines.
    pub status_json: &'static str,
    /// When the report cannot be read.
    pub status_unavailable: &'static str,
    /// Before the report's time.
    pub status_read_at: &'static str,
    /// The decimal separator of percentages.
    pub decimal: char,
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
    try_it: "Try it",
    try_intro: "Fill in values and send the request from your browser, or show it as a curl \
                command. Nothing is sent before you press a button.",
    try_server: "Server",
    try_array_hint: "Several values: separate them with commas.",
    try_unset: "(not set)",
    try_key_hint: "Kept only in this browser tab, and sent only to the server above.",
    try_show: "Show as curl",
    try_send: "Send request",
    try_command: "The request as a curl command",
    try_answer: "Answer",
    try_headers: "Headers",
    try_sending: "Sending…",
    try_failed: "No answer: the network failed, the server took longer than 30 seconds, or \
                 it does not accept requests from this page.",
    try_truncated: "The body is longer than this; only its beginning is shown.",
    key_storage_purpose: "Session storage: keeps the API key you type in an API page's \
                          \"Try it\" form, so that the API's other operations can use it.",
    key_storage_lifetime: "Until the tab is closed",
    status_heading: "The APIs now",
    status_up: "Up",
    status_down: "Down",
    status_unknown: "Not checked yet",
    status_since: "Since",
    status_last_check: "Last check",
    status_no_answer: "no answer",
    status_uptime: "Uptime over the last 90 days",
    status_no_data: "no checks",
    status_days_label: "Uptime per day over the last 90 days, oldest first",
    status_table: "Uptime per day as a table",
    status_col_date: "Date",
    status_col_checks: "Checks",
    status_col_uptime: "Uptime",
    status_incidents: "Incidents",
    status_no_incidents: "No incidents reported.",
    status_feed: "Incidents as an Atom feed",
    status_json: "The status as JSON",
    status_unavailable: "The APIs' status cannot be read right now. Try again in a minute.",
    status_read_at: "Read at",
    decimal: '.',
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
    try_it: "Prova",
    try_intro: "Fyll i värden och skicka anropet från din webbläsare, eller visa det som ett \
                curl-kommando. Inget skickas förrän du trycker på en knapp.",
    try_server: "Server",
    try_array_hint: "Flera värden: skilj dem åt med kommatecken.",
    try_unset: "(inget värde)",
    try_key_hint: "Sparas bara i den här fliken och skickas bara till servern ovan.",
    try_show: "Visa som curl",
    try_send: "Skicka anropet",
    try_command: "Anropet som curl-kommando",
    try_answer: "Svar",
    try_headers: "Svarshuvuden",
    try_sending: "Skickar …",
    try_failed: "Inget svar: nätverket svarade inte, servern tog mer än 30 sekunder, eller \
                 den tar inte emot anrop från den här sidan.",
    try_truncated: "Innehållet är längre än så här; bara början visas.",
    key_storage_purpose: "Sessionslagring: sparar API-nyckeln du skriver i formuläret \
                          \"Prova\" på en API-sida, så att API:ets andra anrop kan använda den.",
    key_storage_lifetime: "Tills fliken stängs",
    status_heading: "API:erna just nu",
    status_up: "Fungerar",
    status_down: "Nere",
    status_unknown: "Inte kontrollerad än",
    status_since: "Sedan",
    status_last_check: "Senaste kontroll",
    status_no_answer: "inget svar",
    status_uptime: "Tillgänglighet de senaste 90 dagarna",
    status_no_data: "inga kontroller",
    status_days_label: "Tillgänglighet per dag de senaste 90 dagarna, äldst först",
    status_table: "Tillgänglighet per dag som tabell",
    status_col_date: "Datum",
    status_col_checks: "Kontroller",
    status_col_uptime: "Tillgänglighet",
    status_incidents: "Driftstörningar",
    status_no_incidents: "Inga rapporterade driftstörningar.",
    status_feed: "Driftstörningar som Atom-flöde",
    status_json: "Statusen som JSON",
    status_unavailable: "API:ernas status kan inte läsas just nu. Försök igen om en minut.",
    status_read_at: "Läst",
    decimal: ',',
};

/// The words around an API's reference in `lang`.
pub fn api_strings(lang: Lang) -> &'static ApiStrings {
    match lang {
        Lang::Sv => &SV,
        Lang::En => &EN,
    }
}
