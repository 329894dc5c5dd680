//! Browser-only helpers for islands that wire the server's markup themselves instead of
//! rendering a view: one kind of event listener (a boxed closure), so every island shares its
//! code in the wasm.

use leptos::{
    prelude::*,
    wasm_bindgen::{JsCast, closure::Closure},
    web_sys,
};

/// Calls `f` with every `name` event that reaches `target`, for the page's life.
pub fn listen(target: &web_sys::EventTarget, name: &str, f: impl FnMut(web_sys::Event) + 'static) {
    let f: Box<dyn FnMut(web_sys::Event)> = Box::new(f);
    let closure = Closure::wrap(f);
    let _ = target.add_event_listener_with_callback(name, closure.as_ref().unchecked_ref());
    closure.forget();
}

/// The first element of the page that matches `selector`.
pub fn find(selector: &str) -> Option<web_sys::Element> {
    document().query_selector(selector).ok().flatten()
}
