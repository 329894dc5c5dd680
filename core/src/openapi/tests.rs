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
