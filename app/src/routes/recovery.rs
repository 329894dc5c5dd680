//! The pages a mailed link leads to, and the one that sends a reset link: forgotten password,
//! new password, address confirmation. Each is a form that works without JavaScript; a link's
//! token travels in the query string to the page and in a hidden field from there, so opening
//! a link changes nothing until its form is sent (mail scanners that fetch links use nothing
//! up). Once the page has the token, a one-line script takes it out of the address bar and
//! the history ([`FORGET_TOKEN`]); the pages load no third-party script and send no
//! `Referer` (the server adds `Referrer-Policy: no-referrer` too).

use leptos::{prelude::*, server_fn::ServerFn};
use leptos_meta::Meta;
use leptos_router::hooks::use_location;

use super::account::{AccountFrame, page_lang};
use crate::{
    api,
    components::forms::{FormField, Kind, PostForm},
    domain::{
        account::{Field, FormFeedback},
        i18n::strings,
    },
    routes::not_found::NotFound,
};

/// The token of the link that opened the page, or of the form sent from it.
fn token(feedback: &FormFeedback) -> String {
    feedback
        .value(Field::Token)
        .map(str::to_owned)
        .or_else(|| use_location().query.get_untracked().get("token"))
        .filter(|t| t.len() <= 128)
        .unwrap_or_default()
}

/// Takes the token out of the address (and so out of the history, bookmarks and anything that
/// reads `location`): the form below holds it. Allowed by the page's policy by its hash.
pub const FORGET_TOKEN: &str = "history.replaceState(null,'',location.pathname)";

/// `/{lang}/forgot`
#[component]
pub fn ForgotPage() -> impl IntoView {
    let Some(lang) = page_lang() else {
        return view! { <NotFound /> }.into_any();
    };
    let t = strings(lang);
    let feedback = use_context::<FormFeedback>().unwrap_or_default();
    view! {
        <AccountFrame lang rest="forgot" title=t.account.forgot_title>
            <p>{t.account.forgot_intro}</p>
            <PostForm
                action=lang.path("forgot")
                api=api::ForgotPassword::PATH
                lang
                notice=feedback.notice
                t
            >
                <FormField
                    field=Field::Email
                    label=t.account.email_label
                    kind=Kind::Input("email")
                    autocomplete="username"
                    required=true
                    feedback=feedback.clone()
                    t
                />
                <button type="submit">{t.account.send_reset_link}</button>
            </PostForm>
            <p>
                <a href=lang.path("login")>{t.account.have_account}</a>
            </p>
        </AccountFrame>
    }
    .into_any()
}

/// `/{lang}/reset?token=…`
#[component]
pub fn ResetPage() -> impl IntoView {
    let Some(lang) = page_lang() else {
        return view! { <NotFound /> }.into_any();
    };
    let t = strings(lang);
    let feedback = use_context::<FormFeedback>().unwrap_or_default();
    let token = token(&feedback);
    view! {
        // The token is in this page's address: no request from it names the address.
        <Meta name="referrer" content="no-referrer" />
        <AccountFrame lang rest="reset" title=t.account.reset_title>
            <p>{t.account.reset_intro}</p>
            <PostForm
                action=lang.path("reset")
                api=api::ResetPassword::PATH
                lang
                notice=feedback.notice
                t
            >
                <input type="hidden" name="token" value=token />
                <script inner_html=FORGET_TOKEN></script>
                <FormField
                    field=Field::NewPassword
                    label=t.account.new_password_label
                    kind=Kind::Input("password")
                    autocomplete="new-password"
                    hint=t.account.password_hint
                    required=true
                    feedback=feedback.clone()
                    t
                />
                <button type="submit">{t.account.reset_button}</button>
            </PostForm>
            <p>
                <a href=lang.path("forgot")>{t.account.forgot_link}</a>
            </p>
        </AccountFrame>
    }
    .into_any()
}

/// `/{lang}/verify?token=…`
#[component]
pub fn VerifyPage() -> impl IntoView {
    let Some(lang) = page_lang() else {
        return view! { <NotFound /> }.into_any();
    };
    let t = strings(lang);
    let feedback = use_context::<FormFeedback>().unwrap_or_default();
    let token = token(&feedback);
    view! {
        <Meta name="referrer" content="no-referrer" />
        <AccountFrame lang rest="verify" title=t.account.verify_title>
            <p>{t.account.verify_intro}</p>
            <PostForm
                action=lang.path("verify")
                api=api::ConfirmEmail::PATH
                lang
                notice=feedback.notice
                t
            >
                <input type="hidden" name="token" value=token />
                <script inner_html=FORGET_TOKEN></script>
                <button type="submit">{t.account.verify_button}</button>
            </PostForm>
        </AccountFrame>
    }
    .into_any()
}
