//! Form pieces: a labelled field with its hint and error, the notice at the top of a form, and
//! the island that sends a form with `fetch` and marks its fields without a reload.
//!
//! Every form works without JavaScript: it posts, and the server answers with the page again
//! (problems marked) or a redirect. With JavaScript the island calls the form's server function
//! and writes the typed refusal's messages into the same places, from the same strings, so
//! both paths show the same words.

use leptos::prelude::*;

use domain::{
    account::{Field, FormFeedback, Notice},
    i18n::Strings,
    lang::Lang,
};

/// The `id` of a field's input; its hint and error add `-hint` and `-error`.
pub fn field_id(field: Field) -> String {
    format!("f-{}", field.name())
}

/// How a field is entered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A one-line input of this `type`.
    Input(&'static str),
    /// A multi-line text area.
    Text,
}

/// A labelled field with an optional hint and the server's problem, if any.
#[component]
pub fn FormField(
    field: Field,
    label: &'static str,
    kind: Kind,
    #[prop(optional)] autocomplete: &'static str,
    #[prop(optional)] hint: Option<&'static str>,
    #[prop(optional)] value: String,
    #[prop(optional)] required: bool,
    feedback: FormFeedback,
    t: &'static Strings,
) -> impl IntoView {
    let id = field_id(field);
    let error = feedback.error(field).map(|p| t.problem(p));
    let value = feedback
        .value(field)
        .filter(|_| field.echoes())
        .map(str::to_owned)
        .unwrap_or(value);
    let hint_id = format!("{id}-hint");
    let error_id = format!("{id}-error");
    let described = if hint.is_some() {
        format!("{hint_id} {error_id}")
    } else {
        error_id.clone()
    };
    let invalid = error.as_ref().map(|_| "true");
    let input = match kind {
        Kind::Input(kind) => view! {
            <input
                id=id.clone()
                name=field.name()
                type=kind
                value=value
                autocomplete=autocomplete
                required=required
                aria-invalid=invalid
                aria-describedby=described
            />
        }
        .into_any(),
        Kind::Text => view! {
            <textarea
                id=id.clone()
                name=field.name()
                rows="4"
                aria-invalid=invalid
                aria-describedby=described
            >
                {value}
            </textarea>
        }
        .into_any(),
    };
    view! {
        <div class="field">
            <label for=id>{label}</label>
            {hint
                .map(|h| {
                    view! {
                        <p class="hint" id=hint_id>
                            {h}
                        </p>
                    }
                })}
            {input}
            <p class="field-error" id=error_id>
                {error}
            </p>
        </div>
    }
}

/// The notice area of a form (`role="alert"` for problems, a status for successes). It is
/// always in the page, so the island can fill it.
#[component]
pub fn FormNotice(notice: Option<Notice>, t: &'static Strings) -> impl IntoView {
    let class = match notice {
        Some(n) if n.is_error() => "form-notice error",
        Some(_) => "form-notice success",
        None => "form-notice",
    };
    let role = match notice {
        Some(n) if !n.is_error() => "status",
        _ => "alert",
    };
    view! {
        <p class=class role=role>
            {notice.map(|n| t.notice(n))}
        </p>
    }
}

/// Which account action a form is: the server function its island calls.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum FormKind {
    /// [`register`](crate::api::register)
    Register,
    /// [`log_in`](crate::api::log_in)
    LogIn,
    /// [`log_out`](crate::api::log_out)
    LogOut,
    /// [`log_out_everywhere`](crate::api::log_out_everywhere)
    LogOutEverywhere,
    /// [`save_profile`](crate::api::save_profile)
    Profile,
    /// [`change_password`](crate::api::change_password)
    Password,
    /// [`delete_account`](crate::api::delete_account)
    Delete,
    /// [`remove_logo`](crate::api::remove_logo)
    RemoveLogo,
    /// [`forgot_password`](crate::api::forgot_password)
    Forgot,
    /// [`reset_password`](crate::api::reset_password)
    Reset,
    /// [`confirm_email`](crate::api::confirm_email)
    Verify,
    /// [`resend_verification`](crate::api::resend_verification)
    Resend,
    /// [`change_email`](crate::api::change_email)
    ChangeEmail,
}

/// An account form that posts to `action`: its notice on top, then the fields and the button
/// (the children). Without JavaScript it is a plain POST; with it, [`EnhancedForm`] calls the
/// form's server function instead.
#[component]
pub fn PostForm(
    action: String,
    kind: FormKind,
    lang: Lang,
    notice: Option<Notice>,
    t: &'static Strings,
    /// Styles it as a dangerous action (account deletion).
    #[prop(optional)]
    danger: bool,
    children: Children,
) -> impl IntoView {
    let class = if danger {
        "account-form danger"
    } else {
        "account-form"
    };
    view! {
        <EnhancedForm kind lang>
            <form method="post" action=action class=class>
                <FormNotice notice t />
                {children()}
            </form>
        </EnhancedForm>
    }
}

/// Sends the form inside it through its server function (`kind`): the answer's path is
/// followed, a refusal's problems are written next to their fields and into the form's
/// notice (in `lang`), and focus moves to the first field with a problem. While the call is
/// pending the form is `aria-busy`. Without JavaScript the form posts as usual.
#[island]
pub fn EnhancedForm(kind: FormKind, lang: Lang, children: Children) -> impl IntoView {
    #[cfg(feature = "hydrate")]
    let on_submit = client::wire(kind, lang);
    #[cfg(not(feature = "hydrate"))]
    let on_submit = {
        let _ = (kind, lang);
        |_: leptos::ev::SubmitEvent| {}
    };
    view! {
        <div class="enhanced-form" on:submit=on_submit>
            {children()}
        </div>
    }
}

#[cfg(feature = "hydrate")]
mod client {
    use std::{cell::Cell, rc::Rc};

    use leptos::{prelude::*, wasm_bindgen::JsCast, web_sys};

    use super::{FormKind, field_id};
    use crate::{
        api::{self, ApiError, Refusal},
        domain::{account::Field, i18n::strings, lang::Lang},
    };

    /// The submitted form's values, by field.
    struct Values(web_sys::FormData);

    impl Values {
        fn text(&self, name: &str) -> String {
            self.0.get(name).as_string().unwrap_or_default()
        }
        fn field(&self, field: Field) -> String {
            self.text(field.name())
        }
    }

    /// One call of an account server function, built from the submitted form.
    #[derive(Clone)]
    enum Call {
        Register(api::RegisterForm),
        LogIn(api::LoginForm),
        LogOut,
        LogOutEverywhere,
        Profile(api::ProfileForm),
        Password(api::PasswordForm),
        Delete(api::DeleteForm),
        RemoveLogo,
        Forgot(api::ForgotForm),
        Reset(api::ResetForm),
        Verify(api::TokenForm),
        Resend,
        ChangeEmail(api::EmailForm),
    }

    impl Call {
        fn of(kind: FormKind, v: &Values) -> Call {
            match kind {
                FormKind::Register => Call::Register(api::RegisterForm {
                    company: v.field(Field::Company),
                    email: v.field(Field::Email),
                    password: v.field(Field::Password),
                }),
                FormKind::LogIn => Call::LogIn(api::LoginForm {
                    email: v.field(Field::Email),
                    password: v.field(Field::Password),
                    next: v.text("next"),
                }),
                FormKind::LogOut => Call::LogOut,
                FormKind::LogOutEverywhere => Call::LogOutEverywhere,
                FormKind::Profile => Call::Profile(api::ProfileForm {
                    company: v.field(Field::Company),
                    description: v.field(Field::Description),
                    website: v.field(Field::Website),
                    social: v.field(Field::Social),
                    published: !v.text("published").is_empty(),
                }),
                FormKind::Password => Call::Password(api::PasswordForm {
                    current_password: v.field(Field::CurrentPassword),
                    new_password: v.field(Field::NewPassword),
                }),
                FormKind::Delete => Call::Delete(api::DeleteForm {
                    password: v.field(Field::Password),
                }),
                FormKind::RemoveLogo => Call::RemoveLogo,
                FormKind::Forgot => Call::Forgot(api::ForgotForm {
                    email: v.field(Field::Email),
                }),
                FormKind::Reset => Call::Reset(api::ResetForm {
                    token: v.field(Field::Token),
                    new_password: v.field(Field::NewPassword),
                }),
                FormKind::Verify => Call::Verify(api::TokenForm {
                    token: v.field(Field::Token),
                }),
                FormKind::Resend => Call::Resend,
                FormKind::ChangeEmail => Call::ChangeEmail(api::EmailForm {
                    new_email: v.field(Field::NewEmail),
                    email_password: v.field(Field::EmailPassword),
                }),
            }
        }

        async fn send(self, lang: Lang) -> Result<String, ApiError> {
            match self {
                Call::Register(form) => api::register(lang, form).await,
                Call::LogIn(form) => api::log_in(lang, form).await,
                Call::LogOut => api::log_out(lang).await,
                Call::LogOutEverywhere => api::log_out_everywhere(lang).await,
                Call::Profile(form) => api::save_profile(lang, form).await,
                Call::Password(form) => api::change_password(lang, form).await,
                Call::Delete(form) => api::delete_account(lang, form).await,
                Call::RemoveLogo => api::remove_logo(lang).await,
                Call::Forgot(form) => api::forgot_password(lang, form).await,
                Call::Reset(form) => api::reset_password(lang, form).await,
                Call::Verify(form) => api::confirm_email(lang, form).await,
                Call::Resend => api::resend_verification(lang).await,
                Call::ChangeEmail(form) => api::change_email(lang, form).await,
            }
        }
    }

    /// The submit handler for a form of this kind: the form's server function is called;
    /// its answer is followed (a path), shown (a refusal), or handed to the browser's own post
    /// (the call failed). While it is pending the form is `aria-busy` and a second submission
    /// waits for it.
    pub fn wire(kind: FormKind, lang: Lang) -> impl Fn(leptos::ev::SubmitEvent) + 'static {
        let busy = Rc::new(Cell::new(false));
        move |ev: leptos::ev::SubmitEvent| {
            let Some(form) = ev
                .target()
                .and_then(|t| t.dyn_into::<web_sys::HtmlFormElement>().ok())
            else {
                return;
            };
            let Ok(data) = web_sys::FormData::new_with_form(&form) else {
                return;
            };
            ev.prevent_default();
            if busy.replace(true) {
                return;
            }
            let call = Call::of(kind, &Values(data));
            let _ = form.set_attribute("aria-busy", "true");
            let busy = busy.clone();
            leptos::task::spawn_local(async move {
                let answer = call.send(lang).await;
                busy.set(false);
                let _ = form.remove_attribute("aria-busy");
                match answer {
                    Ok(to) => {
                        let _ = window().location().assign(&to);
                    }
                    Err(ApiError::Refused(refusal)) => show_problems(&form, lang, &refusal),
                    Err(ApiError::Failed(_)) => {
                        let _ = form.submit();
                    }
                }
            });
        }
    }

    fn show_problems(form: &web_sys::HtmlFormElement, lang: Lang, refusal: &Refusal) {
        let t = strings(lang);
        if let Ok(errors) = form.query_selector_all(".field-error") {
            for i in 0..errors.length() {
                if let Some(node) = errors.item(i) {
                    node.set_text_content(None);
                }
            }
        }
        if let Ok(inputs) = form.query_selector_all("[aria-invalid]") {
            for i in 0..inputs.length() {
                if let Some(el) = inputs
                    .item(i)
                    .and_then(|n| n.dyn_into::<web_sys::Element>().ok())
                {
                    let _ = el.remove_attribute("aria-invalid");
                }
            }
        }
        let mut first: Option<web_sys::HtmlElement> = None;
        for (field, problem) in &refusal.errors {
            let id = field_id(*field);
            if let Ok(Some(slot)) = form.query_selector(&format!("#{id}-error")) {
                slot.set_text_content(Some(&t.problem(*problem)));
            }
            if let Ok(Some(input)) = form.query_selector(&format!("#{id}")) {
                let _ = input.set_attribute("aria-invalid", "true");
                if first.is_none() {
                    first = input.dyn_into::<web_sys::HtmlElement>().ok();
                }
            }
        }
        if let Ok(Some(notice)) = form.query_selector(".form-notice") {
            let text = refusal.notice.map(|n| t.notice(n));
            notice.set_text_content(text.as_deref());
            let _ = notice.set_attribute("class", "form-notice error");
        }
        if let Some(input) = first {
            let _ = input.focus();
        }
    }
}
