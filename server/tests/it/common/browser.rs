//! A cookie-keeping browser for the tests: it keeps whatever cookies the server sets and can
//! come through a proxy.

use super::{ORIGIN, TestApp, location, set_cookies};

/// A browser stand-in with its own cookie jar, kept by hand so that tests see exactly what the
/// server sets (`__Host-` and `Secure` cookies included, over the test's plain http).
pub struct Browser<'a> {
    pub app: &'a TestApp,
    pub jar: std::collections::BTreeMap<String, String>,
    /// Sent as `X-Forwarded-For` (as a proxy in front of the server would).
    pub forwarded_for: Option<String>,
    client: reqwest::Client,
}

impl<'a> Browser<'a> {
    pub fn new(app: &'a TestApp) -> Browser<'a> {
        Browser {
            app,
            jar: Default::default(),
            forwarded_for: None,
            client: reqwest::Client::builder()
                .redirect(reqwest::redirect::Policy::none())
                .build()
                .expect("client"),
        }
    }

    /// A browser that has accepted all cookies (a consent cookie in its jar).
    pub async fn consenting(app: &'a TestApp) -> Browser<'a> {
        let mut browser = Browser::new(app);
        let response = browser.post("/consent", &[("choice", "accept_all")]).await;
        assert_eq!(response.status().as_u16(), 303);
        assert!(browser.jar.contains_key("consent"));
        browser
    }

    /// A browser whose requests arrive through a proxy that says they come from `client`.
    pub fn behind_proxy(app: &'a TestApp, client: &str) -> Browser<'a> {
        Browser {
            forwarded_for: Some(client.to_owned()),
            ..Browser::new(app)
        }
    }

    fn forwarded(&self, request: reqwest::RequestBuilder) -> reqwest::RequestBuilder {
        match &self.forwarded_for {
            Some(client) => request.header("x-forwarded-for", client),
            None => request,
        }
    }

    pub fn cookie_header(&self) -> String {
        self.jar
            .iter()
            .map(|(k, v)| format!("{k}={v}"))
            .collect::<Vec<_>>()
            .join("; ")
    }

    fn keep(&mut self, response: &reqwest::Response) {
        for cookie in set_cookies(response) {
            let pair = cookie.split(';').next().expect("pair");
            let (name, value) = pair.split_once('=').expect("name=value");
            let removed = cookie.contains("Max-Age=0") || cookie.contains("1970");
            if removed || value.is_empty() {
                self.jar.remove(name);
            } else {
                self.jar.insert(name.to_owned(), value.to_owned());
            }
        }
    }

    pub async fn get(&mut self, path: &str) -> reqwest::Response {
        self.get_with(path, &[]).await
    }

    /// A GET with extra headers.
    pub async fn get_with(&mut self, path: &str, headers: &[(&str, &str)]) -> reqwest::Response {
        let mut request = self
            .forwarded(self.client.get(format!("{}{path}", self.app.base)))
            .header("cookie", self.cookie_header());
        for (k, v) in headers {
            request = request.header(*k, *v);
        }
        let response = request.send().await.expect("request");
        self.keep(&response);
        response
    }

    /// A same-origin form post.
    pub async fn post(&mut self, path: &str, form: &[(&str, &str)]) -> reqwest::Response {
        self.post_with(path, form, &[("origin", ORIGIN)]).await
    }

    pub async fn post_with(
        &mut self,
        path: &str,
        form: &[(&str, &str)],
        headers: &[(&str, &str)],
    ) -> reqwest::Response {
        let mut request = self
            .forwarded(self.client.post(format!("{}{path}", self.app.base)))
            .header("cookie", self.cookie_header())
            .form(form);
        for (k, v) in headers {
            request = request.header(*k, *v);
        }
        let response = request.send().await.expect("request");
        self.keep(&response);
        response
    }

    /// Calls a server function the way an island does, with this browser's cookies: the
    /// consent dialog posts JSON; an account form posts its own fields URL-encoded, with
    /// `lang` (`input` names them as `{"lang": …, "form": {…}}`; a ticked box is `true`).
    /// `headers` replace the same-origin ones when given.
    pub async fn call(
        &mut self,
        endpoint: &str,
        input: serde_json::Value,
        headers: &[(&str, &str)],
    ) -> reqwest::Response {
        let mut request = self
            .forwarded(
                self.client
                    .post(format!("{}/api/{endpoint}", self.app.base)),
            )
            .header("cookie", self.cookie_header());
        // The account functions and the consent function take URL-encoded fields, as the
        // islands post them (lists as `name[0]=…`).
        request = if endpoint.starts_with("account/") || endpoint == "consent" {
            request
                .header("content-type", "application/x-www-form-urlencoded")
                .body(form_fields(&input))
        } else {
            request
                .header("content-type", "application/json")
                .body(input.to_string())
        };
        let same_origin = [("sec-fetch-site", "same-origin"), ("origin", ORIGIN)];
        let headers = if headers.is_empty() {
            &same_origin[..]
        } else {
            headers
        };
        for (k, v) in headers {
            request = request.header(*k, *v);
        }
        let response = request.send().await.expect("request");
        self.keep(&response);
        response
    }

    /// Uploads `bytes` as the logo file, named `name`, claiming `content_type`.
    pub async fn upload(
        &mut self,
        bytes: Vec<u8>,
        name: &str,
        content_type: &str,
    ) -> reqwest::Response {
        let part = reqwest::multipart::Part::bytes(bytes)
            .file_name(name.to_owned())
            .mime_str(content_type)
            .expect("mime");
        let form = reqwest::multipart::Form::new().part("logo", part);
        let response = self
            .forwarded(
                self.client
                    .post(format!("{}/en/account/logo", self.app.base)),
            )
            .header("cookie", self.cookie_header())
            .header("origin", ORIGIN)
            .multipart(form)
            .send()
            .await
            .expect("request");
        self.keep(&response);
        response
    }

    /// The body of a GET.
    pub async fn text(&mut self, path: &str) -> (u16, String) {
        let response = self.get(path).await;
        let status = response.status().as_u16();
        (status, response.text().await.expect("body"))
    }

    /// Registers a company (the answer: check your e-mail), then logs in and follows the
    /// login check; returns the account page. The address stays unconfirmed.
    pub async fn register(&mut self, company: &str, email: &str, password: &str) -> String {
        let response = self
            .post(
                "/en/register",
                &[
                    ("company", company),
                    ("email", email),
                    ("password", password),
                ],
            )
            .await;
        assert_eq!(response.status().as_u16(), 303, "registered");
        assert_eq!(location(&response), "/en/login?done=check-email");
        let response = self.login(email, password).await;
        assert_eq!(response.status().as_u16(), 303, "logged in");
        let check = location(&response);
        let response = self.get(&check).await;
        assert_eq!(response.status().as_u16(), 303, "the cookie came back");
        let (status, html) = self.text(&location(&response)).await;
        assert_eq!(status, 200);
        html
    }

    /// Opens the newest verification link mailed to `email` (from the outbox) and sends its
    /// form; returns where the server sent the browser.
    pub async fn verify_from_outbox(&mut self, email: &str) -> String {
        let outbox = self.app.data_dir().join("outbox");
        let mail = super::mail::wait_for(&outbox, email, "Confirm").await;
        self.open_link_and_confirm(&mail.path("/verify?token="))
            .await
    }

    /// Opens a verification link's page and sends its form.
    pub async fn open_link_and_confirm(&mut self, path: &str) -> String {
        let (status, html) = self.text(path).await;
        assert_eq!(status, 200, "the link's page");
        let token = path.split("token=").nth(1).expect("token");
        assert!(html.contains(token), "the page carries the token");
        let lang = &path[1..3];
        let response = self
            .post(&format!("/{lang}/verify"), &[("token", token)])
            .await;
        assert_eq!(response.status().as_u16(), 303, "confirmed");
        location(&response)
    }

    /// Logs in; returns the response to the login post.
    pub async fn login(&mut self, email: &str, password: &str) -> reqwest::Response {
        self.post("/en/login", &[("email", email), ("password", password)])
            .await
    }

    /// Whether the header shows a logged-in company.
    pub async fn logged_in(&mut self) -> bool {
        let (_, html) = self.text("/en/about").await;
        html.contains("Logged in as")
    }
}

/// `{"lang": "en", "form": {"email": "a@b", "published": true}}` as a form's body:
/// `lang=en&email=a%40b&published=on` (an unticked box is left out, as a browser does).
fn form_fields(input: &serde_json::Value) -> String {
    let mut body = form_urlencoded::Serializer::new(String::new());
    let mut add = |key: &str, value: &serde_json::Value| match value {
        serde_json::Value::String(text) => {
            body.append_pair(key, text);
        }
        serde_json::Value::Bool(true) => {
            body.append_pair(key, "on");
        }
        serde_json::Value::Bool(false) | serde_json::Value::Null => {}
        serde_json::Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                let item = item
                    .as_str()
                    .map_or_else(|| item.to_string(), str::to_owned);
                body.append_pair(&format!("{key}[{i}]"), &item);
            }
        }
        other => {
            body.append_pair(key, &other.to_string());
        }
    };
    for (key, value) in input.as_object().into_iter().flatten() {
        if key == "form" {
            for (field, value) in value.as_object().into_iter().flatten() {
                add(field, value);
            }
        } else {
            add(key, value);
        }
    }
    body.finish()
}
