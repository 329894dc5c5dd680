//! "Was this page helpful?" under a content page: Yes or No and an optional comment.
//!
//! Without JavaScript the form posts to `/feedback`, which keeps the answer and sends the
//! visitor back to the page with `?feedback=thanks` (or what went wrong). With JavaScript the
//! [`FeedbackForm`] island posts the same fields to the server function
//! ([`crate::api::page_feedback`]) and answers in place: the form gives way to the thanks. Its
//! messages are in the page, so the browser build carries none of the words.

use leptos::prelude::*;

use crate::domain::{feedback::MAX_COMMENT, i18n::feedback_strings, lang::Lang};

/// What the page says after a form sent without JavaScript (`?feedback=…`).
fn outcome(lang: Lang) -> Option<(bool, &'static str)> {
    let t = feedback_strings(lang);
    let query = leptos_router::hooks::use_query_map().get_untracked();
    match query.get("feedback").as_deref() {
        Some("thanks") => Some((true, t.thanks)),
        Some("limited") => Some((false, t.limited)),
        Some("invalid") => Some((false, t.invalid)),
        Some("failed") => Some((false, t.failed)),
        _ => None,
    }
}

/// The form under the page at `page_url`.
#[component]
pub fn PageFeedback(page_url: String, lang: Lang) -> impl IntoView {
    let t = feedback_strings(lang);
    let outcome = outcome(lang);
    let thanked = outcome.is_some_and(|(done, _)| done);
    let problem = outcome.filter(|(done, _)| !done).map(|(_, text)| text);
    view! {
        <section class="page-feedback" id="page-feedback" aria-labelledby="page-feedback-question">
            <form
                method="post"
                action="/feedback"
                data-api="/api/feedback"
                data-limited=t.limited
                data-failed=t.failed
                hidden=thanked
            >
                <input type="hidden" name="page" value=page_url />
                <fieldset>
                    <legend id="page-feedback-question">{t.question}</legend>
                    <p class="feedback-comment">
                        <label for="feedback-comment">{t.comment}</label>
                        <textarea
                            id="feedback-comment"
                            name="comment"
                            rows="3"
                            maxlength=MAX_COMMENT.to_string()
                            aria-describedby="feedback-comment-hint"
                        ></textarea>
                        <span class="hint" id="feedback-comment-hint">
                            {t.comment_hint}
                        </span>
                    </p>
                    <p class="feedback-buttons">
                        <button type="submit" name="helpful" value="yes">
                            {t.yes}
                        </button>
                        <button type="submit" name="helpful" value="no">
                            {t.no}
                        </button>
                    </p>
                </fieldset>
            </form>
            <p class="feedback-thanks" role="status" hidden=!thanked>
                {t.thanks}
            </p>
            <p class="feedback-problem" role="alert" hidden=problem.is_none()>
                {problem.unwrap_or_default()}
            </p>
            <FeedbackForm />
        </section>
    }
}

/// Sends the feedback form (`#page-feedback`) with `fetch` and answers in place. No props and
/// no view: it wires the form next to it.
#[island]
pub fn FeedbackForm() -> impl IntoView {
    #[cfg(feature = "hydrate")]
    if let Some(section) = crate::components::dom::find("#page-feedback") {
        use leptos::wasm_bindgen::JsCast;
        crate::components::dom::listen(&section, "submit", |ev| {
            if let Ok(ev) = ev.dyn_into::<web_sys::SubmitEvent>() {
                client::submit(ev);
            }
        });
    }
}

#[cfg(feature = "hydrate")]
mod client {
    use leptos::{wasm_bindgen::JsCast, web_sys};

    /// Posts the form's fields and the pressed button's answer; shows the thanks, or the
    /// message the page holds for a refusal (429: too many, anything else: not saved).
    pub fn submit(ev: leptos::ev::SubmitEvent) {
        let Some(form) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlFormElement>().ok())
        else {
            return;
        };
        let (Some(api), Some(root)) = (form.get_attribute("data-api"), form.parent_element())
        else {
            return;
        };
        let Some(body) = web_sys::FormData::new_with_form(&form)
            .ok()
            .and_then(|d| web_sys::UrlSearchParams::new_with_str_sequence_sequence(&d).ok())
        else {
            return;
        };
        let Some(button) = ev
            .submitter()
            .and_then(|b| b.dyn_into::<web_sys::HtmlButtonElement>().ok())
        else {
            return;
        };
        body.set("helpful", &button.value());
        ev.prevent_default();
        if form.has_attribute("aria-busy") {
            return;
        }
        let _ = form.set_attribute("aria-busy", "true");
        leptos::task::spawn_local(async move {
            let status = crate::components::forms::client::post(&api, &body)
                .await
                .map(|r| r.status());
            let _ = form.remove_attribute("aria-busy");
            let slot = |selector: &str| root.query_selector(selector).ok().flatten();
            if status == Some(200) {
                let _ = form.set_attribute("hidden", "");
                if let Some(problem) = slot(".feedback-problem") {
                    let _ = problem.set_attribute("hidden", "");
                }
                if let Some(thanks) = slot(".feedback-thanks") {
                    let _ = thanks.remove_attribute("hidden");
                }
                return;
            }
            let message = if status == Some(429) {
                form.get_attribute("data-limited")
            } else {
                form.get_attribute("data-failed")
            };
            if let Some(problem) = slot(".feedback-problem") {
                problem.set_text_content(message.as_deref());
                let _ = problem.remove_attribute("hidden");
            }
        });
    }
}
