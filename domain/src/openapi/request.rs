//! One request to an operation, built from values a visitor entered: the same code gives the
//! `curl` command the page shows (on the server, for a form sent without JavaScript) and the
//! request the "Try it" island sends (in the browser).

/// A value entered for one parameter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Filled {
    /// `path`, `query` or `header`.
    pub location: String,
    /// The parameter's name.
    pub name: String,
    /// What was entered (trimmed; empty: left out).
    pub value: String,
    /// An array parameter: comma-separated values become one parameter each.
    pub array: bool,
}

/// A request ready to send or to show.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Request {
    /// `GET`, `POST`, …
    pub method: String,
    /// The whole URL, with the path's parameters and the query.
    pub url: String,
    /// The headers, in order.
    pub headers: Vec<(String, String)>,
    /// The body, as entered.
    pub body: Option<String>,
}

/// What a "Try it" form holds: the chosen server, the parameters' values and the body. Its
/// fields are named `server`, `body` and `<location>.<name>` (`query.q`, `path.id`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Entered {
    /// The server's URL as chosen (the caller checks it against the allowed ones).
    pub server: String,
    /// The parameters' values, in the form's order.
    pub filled: Vec<Filled>,
    /// The request body as entered.
    pub body: String,
}

/// The most fields a form is read with.
pub const MAX_FIELDS: usize = 64;
/// The longest value kept, in characters (a body: four times as long).
pub const MAX_VALUE: usize = 4096;

impl Entered {
    /// Reads a form's `(name, value)` pairs; `arrays` names the array parameters. Unknown
    /// names are skipped, and past [`MAX_FIELDS`] pairs or [`MAX_VALUE`] characters the rest
    /// is dropped.
    pub fn read(pairs: impl IntoIterator<Item = (String, String)>, arrays: &[&str]) -> Entered {
        let cut = |s: String, max: usize| -> String {
            match s.char_indices().nth(max) {
                Some((i, _)) => s[..i].to_owned(),
                None => s,
            }
        };
        let mut entered = Entered::default();
        for (name, value) in pairs.into_iter().take(MAX_FIELDS) {
            match name.as_str() {
                "server" => entered.server = cut(value, MAX_VALUE),
                "body" => entered.body = cut(value, 4 * MAX_VALUE),
                _ => {
                    let Some((location, param)) = name.split_once('.') else {
                        continue;
                    };
                    if !matches!(location, "path" | "query" | "header") || param.is_empty() {
                        continue;
                    }
                    entered.filled.push(Filled {
                        location: location.to_owned(),
                        name: param.to_owned(),
                        value: cut(value, MAX_VALUE),
                        array: location == "query" && arrays.contains(&param),
                    });
                }
            }
        }
        entered
    }

    /// The value entered for the parameter `name` in `location`.
    pub fn value(&self, location: &str, name: &str) -> Option<&str> {
        self.filled
            .iter()
            .find(|f| f.location == location && f.name == name)
            .map(|f| f.value.as_str())
    }
}

/// The characters a URL carries as they are (RFC 3986's unreserved ones); everything else is
/// percent-encoded, byte by byte of its UTF-8.
pub fn percent(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for b in value.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// Whether the operator's list allows a spec's `server`: it is one of them, or below one
/// (`https://api.example/v1` under `https://api.example`).
pub fn server_allowed(allowed: &[String], server: &str) -> bool {
    let server = server.trim_end_matches('/');
    allowed.iter().any(|a| {
        let a = a.trim_end_matches('/');
        server == a
            || server
                .strip_prefix(a)
                .is_some_and(|rest| rest.starts_with('/'))
    })
}

impl Request {
    /// The request `method path` on `server` with the `filled` parameters, the body (with its
    /// media type as `Content-Type`) and the API key where it goes (`key`: its place, name and
    /// value).
    pub fn build(
        server: &str,
        method: &str,
        path: &str,
        filled: &[Filled],
        body: Option<(&str, &str)>,
        key: Option<(&str, &str, &str)>,
    ) -> Request {
        let mut path = path.to_owned();
        let mut query: Vec<String> = Vec::new();
        let mut headers = Vec::new();
        for f in filled {
            let value = f.value.trim();
            if value.is_empty() {
                continue;
            }
            match f.location.as_str() {
                "path" => path = path.replace(&format!("{{{}}}", f.name), &percent(value)),
                "query" if f.array => query.extend(
                    value
                        .split(',')
                        .map(str::trim)
                        .filter(|v| !v.is_empty())
                        .map(|v| format!("{}={}", percent(&f.name), percent(v))),
                ),
                "query" => query.push(format!("{}={}", percent(&f.name), percent(value))),
                "header" => headers.push((f.name.clone(), value.to_owned())),
                _ => {}
            }
        }
        match key {
            Some(("query", name, value)) if !value.is_empty() => {
                query.push(format!("{}={}", percent(name), percent(value)));
            }
            Some(("header", name, value)) if !value.is_empty() => {
                headers.push((name.to_owned(), value.to_owned()));
            }
            _ => {}
        }
        let body = body
            .filter(|(_, text)| !text.trim().is_empty())
            .map(|(media, text)| {
                headers.push(("Content-Type".to_owned(), media.to_owned()));
                text.trim().to_owned()
            });
        let server = server.trim_end_matches('/');
        let url = if query.is_empty() {
            format!("{server}{path}")
        } else {
            format!("{server}{path}?{}", query.join("&"))
        };
        Request {
            method: method.to_ascii_uppercase(),
            url,
            headers,
            body,
        }
    }

    /// The request as a `curl` command, each part quoted for a POSIX shell.
    pub fn curl(&self) -> String {
        let mut curl = format!("curl -X {} {}", self.method, shell(&self.url));
        for (k, v) in &self.headers {
            curl.push_str(" \\\n  -H ");
            curl.push_str(&shell(&format!("{k}: {v}")));
        }
        if let Some(body) = &self.body {
            curl.push_str(" \\\n  --data ");
            curl.push_str(&shell(body));
        }
        curl
    }
}

/// `'…'` with each `'` closed, escaped and reopened.
fn shell(s: &str) -> String {
    format!("'{}'", s.replace('\'', r"'\''"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn filled(location: &str, name: &str, value: &str, array: bool) -> Filled {
        Filled {
            location: location.into(),
            name: name.into(),
            value: value.into(),
            array,
        }
    }

    #[test]
    fn builds_the_url_headers_and_body() {
        let request = Request::build(
            "https://api.example/",
            "post",
            "/ad/{id}/text",
            &[
                filled("path", "id", "a/b c", false),
                filled("query", "q", "smörgås & co", false),
                filled("query", "municipality", "a1, b2,,", true),
                filled("query", "empty", "  ", false),
                filled("header", "Accept-Language", "sv", false),
                filled("cookie", "ignored", "x", false),
            ],
            Some(("application/json", " {\"a\": 1} ")),
            Some(("header", "api-key", "k'1")),
        );
        assert_eq!(
            request.url,
            "https://api.example/ad/a%2Fb%20c/text?q=sm%C3%B6rg%C3%A5s%20%26%20co\
             &municipality=a1&municipality=b2"
        );
        assert_eq!(request.method, "POST");
        assert_eq!(
            request.headers,
            [
                ("Accept-Language".to_owned(), "sv".to_owned()),
                ("api-key".to_owned(), "k'1".to_owned()),
                ("Content-Type".to_owned(), "application/json".to_owned()),
            ]
        );
        assert_eq!(request.body.as_deref(), Some("{\"a\": 1}"));
        assert_eq!(
            request.curl(),
            "curl -X POST 'https://api.example/ad/a%2Fb%20c/text?q=sm%C3%B6rg%C3%A5s%20%26%20co\
             &municipality=a1&municipality=b2' \\\n  -H 'Accept-Language: sv' \\\n  \
             -H 'api-key: k'\\''1' \\\n  -H 'Content-Type: application/json' \\\n  \
             --data '{\"a\": 1}'"
        );
    }

    #[test]
    fn a_key_in_the_query_and_an_empty_key_or_body() {
        let request = Request::build(
            "https://api.example",
            "GET",
            "/search",
            &[],
            Some(("application/json", "  ")),
            Some(("query", "key", "abc")),
        );
        assert_eq!(request.url, "https://api.example/search?key=abc");
        assert!(request.headers.is_empty() && request.body.is_none());
        let without = Request::build("https://api.example", "GET", "/s", &[], None, None);
        assert_eq!(without.curl(), "curl -X GET 'https://api.example/s'");
        let empty_key = Request::build(
            "https://api.example",
            "GET",
            "/s",
            &[],
            None,
            Some(("header", "api-key", "")),
        );
        assert!(empty_key.headers.is_empty());
    }

    #[test]
    fn reads_a_form() {
        let pairs = [
            ("try", "op-search"),
            ("server", "https://api.example"),
            ("query.q", "x"),
            ("query.municipality", "a,b"),
            ("path.id", "7"),
            ("cookie.c", "no"),
            ("nodot", "no"),
            ("query.", "no"),
            ("body", "{}"),
        ]
        .map(|(k, v)| (k.to_owned(), v.to_owned()));
        let entered = Entered::read(pairs, &["municipality"]);
        assert_eq!(entered.server, "https://api.example");
        assert_eq!(entered.body, "{}");
        assert_eq!(
            entered.filled,
            [
                filled("query", "q", "x", false),
                filled("query", "municipality", "a,b", true),
                filled("path", "id", "7", false),
            ]
        );
        assert_eq!(entered.value("path", "id"), Some("7"));
        assert_eq!(entered.value("query", "id"), None);
        let long = Entered::read(
            (0..100).map(|i| (format!("query.p{i}"), "é".repeat(MAX_VALUE + 5))),
            &[],
        );
        assert_eq!(long.filled.len(), MAX_FIELDS);
        assert_eq!(long.filled[0].value.chars().count(), MAX_VALUE);
    }

    #[test]
    fn servers_allowed_by_the_list() {
        let allowed = vec![
            "https://api.example".to_owned(),
            "http://127.0.0.1:9/".into(),
        ];
        assert!(server_allowed(&allowed, "https://api.example"));
        assert!(server_allowed(&allowed, "https://api.example/v1"));
        assert!(server_allowed(&allowed, "http://127.0.0.1:9"));
        assert!(!server_allowed(&allowed, "https://api.example.evil"));
        assert!(!server_allowed(&allowed, "https://api.examplev1"));
        assert!(!server_allowed(&allowed, "http://api.example"));
        assert!(!server_allowed(&[], "https://api.example"));
    }
}
