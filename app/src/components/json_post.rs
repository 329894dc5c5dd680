//! Browser-only: how islands send a form to the server and read its JSON answer.

use leptos::{
    prelude::window,
    wasm_bindgen::{JsCast, JsValue},
    web_sys,
};

/// Posts `body` to `action` with `Accept: application/json` and reads the answer to its end
/// (so the request is finished before anything else happens). `None` when the request failed
/// or the answer is not JSON; otherwise whether the status was a success, and the JSON.
pub async fn post_json(action: &str, body: &web_sys::UrlSearchParams) -> Option<(bool, JsValue)> {
    let init = web_sys::RequestInit::new();
    init.set_method("POST");
    init.set_body(body);
    if let Ok(headers) = web_sys::Headers::new() {
        let _ = headers.set("Accept", "application/json");
        init.set_headers(&headers);
    }
    let response =
        wasm_bindgen_futures::JsFuture::from(window().fetch_with_str_and_init(action, &init))
            .await
            .ok()?
            .dyn_into::<web_sys::Response>()
            .ok()?;
    let text = wasm_bindgen_futures::JsFuture::from(response.text().ok()?)
        .await
        .ok()?
        .as_string()?;
    let json = js_sys::JSON::parse(&text).ok()?;
    Some((response.ok(), json))
}

/// A field of a JSON object (`undefined` when missing).
pub fn field(value: &JsValue, key: &str) -> JsValue {
    js_sys::Reflect::get(value, &key.into()).unwrap_or(JsValue::UNDEFINED)
}
