//! The logo upload form's enhancements: a preview of the chosen file, a drop zone, and an
//! upload that shows its progress. Without JavaScript the form inside is a plain multipart post.

use leptos::prelude::*;

use domain::lang::Lang;

/// Wraps the upload form (its children): finds the file input, preview, progress bar and drop
/// zone by class inside it. A file over `max_bytes` is refused at once with `too_large` (the
/// server checks again).
/// The upload's answer is the typed [`UploadAnswer`](crate::api::UploadAnswer); a refusal's
/// notice is written in `lang`.
// In the full bundle only (see `crate::hydration`).
#[cfg_attr(any(feature = "ssr", feature = "full"), island)]
#[cfg_attr(not(any(feature = "ssr", feature = "full")), component)]
pub fn LogoUpload(
    lang: Lang,
    max_bytes: u64,
    too_large: String,
    children: Children,
) -> impl IntoView {
    let root = NodeRef::<leptos::html::Div>::new();
    #[cfg(feature = "hydrate")]
    Effect::new(move |_| {
        if let Some(el) = root.get() {
            client::wire(&el, lang, max_bytes, too_large.clone());
        }
    });
    #[cfg(not(feature = "hydrate"))]
    let _ = (lang, max_bytes, too_large);
    view! {
        <div class="logo-upload" node_ref=root>
            {children()}
        </div>
    }
}

#[cfg(feature = "hydrate")]
mod client {
    use leptos::{
        wasm_bindgen::{JsCast, closure::Closure},
        web_sys,
    };

    use crate::{
        api::UploadAnswer,
        domain::{i18n::strings, lang::Lang},
    };

    fn find<T: JsCast>(root: &web_sys::Element, selector: &str) -> Option<T> {
        root.query_selector(selector)
            .ok()
            .flatten()?
            .dyn_into::<T>()
            .ok()
    }

    fn listen(target: &web_sys::EventTarget, name: &str, f: impl FnMut(web_sys::Event) + 'static) {
        let closure = Closure::<dyn FnMut(web_sys::Event)>::new(f);
        let _ = target.add_event_listener_with_callback(name, closure.as_ref().unchecked_ref());
        // The listeners live as long as the page.
        closure.forget();
    }

    fn preview(root: &web_sys::Element) {
        let Some(input) = find::<web_sys::HtmlInputElement>(root, "input[type=file]") else {
            return;
        };
        let existing = find::<web_sys::HtmlImageElement>(root, ".logo-preview");
        match input.files().and_then(|files| files.get(0)) {
            Some(file) => {
                let Some(img) = existing.or_else(|| preview_image(root)) else {
                    return;
                };
                if let Ok(url) = web_sys::Url::create_object_url_with_blob(&file) {
                    img.set_src(&url);
                    img.set_hidden(false);
                }
            }
            None => {
                if let Some(img) = existing {
                    img.set_hidden(true);
                }
            }
        }
    }

    /// The preview `img`, made in its slot (which holds its text alternative).
    fn preview_image(root: &web_sys::Element) -> Option<web_sys::HtmlImageElement> {
        let slot = find::<web_sys::Element>(root, ".logo-preview-slot")?;
        let img = web_sys::window()?
            .document()?
            .create_element("img")
            .ok()?
            .dyn_into::<web_sys::HtmlImageElement>()
            .ok()?;
        img.set_class_name("logo-preview");
        img.set_alt(&slot.get_attribute("data-alt").unwrap_or_default());
        slot.append_child(&img).ok()?;
        Some(img)
    }

    fn show_notice(root: &web_sys::Element, text: Option<&str>) {
        if let Some(notice) = find::<web_sys::Element>(root, ".form-notice") {
            notice.set_text_content(text);
            let _ = notice.set_attribute("class", "form-notice error");
        }
    }

    fn chosen_size(root: &web_sys::Element) -> Option<f64> {
        find::<web_sys::HtmlInputElement>(root, "input[type=file]")?
            .files()?
            .get(0)
            .map(|f| f.size())
    }

    pub fn wire(root: &web_sys::Element, lang: Lang, max_bytes: u64, too_large: String) {
        let Some(form) = find::<web_sys::HtmlFormElement>(root, "form") else {
            return;
        };
        if let Some(zone) = find::<web_sys::HtmlElement>(root, ".logo-drop") {
            zone.set_hidden(false);
            let r = root.clone();
            listen(&zone, "dragover", move |ev| {
                ev.prevent_default();
                let _ = r.class_list().add_1("dragging");
            });
            let r = root.clone();
            listen(&zone, "dragleave", move |_| {
                let _ = r.class_list().remove_1("dragging");
            });
            let r = root.clone();
            listen(&zone, "drop", move |ev| {
                ev.prevent_default();
                let _ = r.class_list().remove_1("dragging");
                let files = ev
                    .dyn_ref::<web_sys::DragEvent>()
                    .and_then(web_sys::DragEvent::data_transfer)
                    .and_then(|dt| dt.files());
                if let (Some(files), Some(input)) = (
                    files,
                    find::<web_sys::HtmlInputElement>(&r, "input[type=file]"),
                ) {
                    input.set_files(Some(&files));
                    preview(&r);
                }
            });
        }
        if let Some(input) = find::<web_sys::HtmlInputElement>(root, "input[type=file]") {
            let r = root.clone();
            listen(&input, "change", move |_| preview(&r));
        }
        let r = root.clone();
        let f = form.clone();
        listen(&form, "submit", move |ev| {
            if chosen_size(&r).is_some_and(|size| size > max_bytes as f64) {
                ev.prevent_default();
                show_notice(&r, Some(&too_large));
                return;
            }
            show_notice(&r, None);
            let Ok(data) = web_sys::FormData::new_with_form(&f) else {
                return;
            };
            let Ok(xhr) = web_sys::XmlHttpRequest::new() else {
                return;
            };
            ev.prevent_default();
            let progress = find::<web_sys::HtmlProgressElement>(&r, "progress");
            if let Some(bar) = &progress {
                bar.set_value(0.0);
                bar.set_hidden(false);
            }
            let _ = f.set_attribute("aria-busy", "true");
            if let (Ok(upload), Some(bar)) = (xhr.upload(), progress.clone()) {
                listen(&upload, "progress", move |ev| {
                    if let Some(p) = ev.dyn_ref::<web_sys::ProgressEvent>()
                        && p.length_computable()
                        && p.total() > 0.0
                    {
                        bar.set_value((p.loaded() / p.total() * 100.0).floor());
                    }
                });
            }
            let x = xhr.clone();
            let r2 = r.clone();
            let f2 = f.clone();
            listen(&xhr, "loadend", move |_| {
                let _ = f2.remove_attribute("aria-busy");
                if let Some(bar) = &progress {
                    bar.set_value(100.0);
                }
                let answer = x
                    .response_text()
                    .ok()
                    .flatten()
                    .and_then(|t| serde_json::from_str::<UploadAnswer>(&t).ok());
                let refusal = match answer {
                    Some(Ok(to)) => {
                        let _ = web_sys::window().map(|w| w.location().assign(&to));
                        return;
                    }
                    Some(Err(refusal)) => refusal,
                    None => {
                        // No answer the page understands: post the form the plain way.
                        let _ = f2.submit();
                        return;
                    }
                };
                let text = refusal.notice.map(|n| strings(lang).notice(n));
                show_notice(&r2, text.as_deref());
                if let Some(bar) = &progress {
                    bar.set_hidden(true);
                }
            });
            let _ = xhr.open("POST", &f.action());
            let _ = xhr.set_request_header("Accept", "application/json");
            let _ = xhr.send_with_opt_form_data(Some(&data));
        });
    }
}
