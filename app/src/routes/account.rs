//! The account pages: registration, login and the logged-in company's account page. The server
//! handlers (`server::accounts`) decide; these components show the forms, the problems the
//! server found and its notices.

use leptos::{prelude::*, server_fn::ServerFn};
use leptos_meta::{Meta, Title};
use leptos_router::hooks::{use_location, use_params_map};

use crate::{
    SiteContext, api,
    components::{
        consent::CookieSettingsLink,
        forms::{FormField, Kind, PostForm},
        layout::{Layout, SETTINGS_QUERY},
        request::consent_status,
    },
    domain::{
        account::{Field, FormFeedback, safe_next},
        consent::ConsentMode,
        i18n::{Strings, strings},
        lang::Lang,
    },
    routes::not_found::NotFound,
};

/// The page's language from the `:lang` segment; `None` for anything but `sv` and `en`.
pub(super) fn page_lang() -> Option<Lang> {
    use_params_map()
        .get_untracked()
        .get("lang")
        .and_then(|code| Lang::from_code(&code))
}

/// The frame of an account page: title, description, noindex, layout with both language
/// versions. The description is the page's own when it has one (registration), else the
/// account pages' shared one.
#[component]
pub(super) fn AccountFrame(
    lang: Lang,
    rest: &'static str,
    title: &'static str,
    #[prop(optional)] description: Option<&'static str>,
    children: Children,
) -> impl IntoView {
    let description = description.unwrap_or(strings(lang).account.account_pages_description);
    let ctx = expect_context::<SiteContext>();
    let current = lang.path(rest);
    let alternates = Lang::ALL.into_iter().map(|l| (l, l.path(rest))).collect();
    view! {
        <Title text=format!("{title} | {}", ctx.name) />
        <Meta name="robots" content="noindex" />
        <Meta name="description" content=description />
        // Passwords and link tokens are typed or carried here: no third-party script.
        <Layout lang current alternates private=true>
            <article class="page form-page">
                <h1>{title}</h1>
                {children()}
            </article>
        </Layout>
    }
}

/// In all-or-nothing mode, before consent: login needs cookies; a way to the dialog.
fn consent_needed(t: &'static Strings) -> Option<impl IntoView + use<>> {
    let ctx = expect_context::<SiteContext>();
    let status = consent_status();
    (ctx.consent.mode == ConsentMode::AllOrNothing && !status.answered).then(|| {
        let path = use_location().pathname.get_untracked();
        view! {
            <div class="consent-needed">
                <p>{t.account.login_needs_consent}</p>
                <p>
                    <a data-open-consent href=format!("{path}?{SETTINGS_QUERY}")>
                        {t.consent.cookie_settings}
                    </a>
                    <CookieSettingsLink />
                </p>
            </div>
        }
    })
}

/// `/{lang}/login`
#[component]
pub fn LoginPage() -> impl IntoView {
    let Some(lang) = page_lang() else {
        return view! { <NotFound /> }.into_any();
    };
    let t = strings(lang);
    let feedback = use_context::<FormFeedback>().unwrap_or_default();
    let next = use_location()
        .query
        .get_untracked()
        .get("next")
        .and_then(|n| safe_next(&n))
        .unwrap_or_default();
    view! {
        <AccountFrame lang rest="login" title=t.account.login_title>
            {consent_needed(t)}
            <PostForm action=lang.path("login") api=api::LogIn::PATH lang notice=feedback.notice t>
                <input type="hidden" name="next" value=next />
                <FormField
                    field=Field::Email
                    label=t.account.email_label
                    kind=Kind::Input("email")
                    autocomplete="username"
                    required=true
                    feedback=feedback.clone()
                    t
                />
                <FormField
                    field=Field::Password
                    label=t.account.password_label
                    kind=Kind::Input("password")
                    autocomplete="current-password"
                    required=true
                    feedback=feedback.clone()
                    t
                />
                <button type="submit">{t.account.log_in}</button>
            </PostForm>
            <p>
                <a href=lang.path("forgot")>{t.account.forgot_link}</a>
            </p>
            <p>
                <a href=lang.path("register")>{t.account.no_account}</a>
            </p>
        </AccountFrame>
    }
    .into_any()
}

/// `/{lang}/register`
#[component]
pub fn RegisterPage() -> impl IntoView {
    let Some(lang) = page_lang() else {
        return view! { <NotFound /> }.into_any();
    };
    let t = strings(lang);
    let feedback = use_context::<FormFeedback>().unwrap_or_default();
    view! {
        <AccountFrame
            lang
            rest="register"
            title=t.account.register_title
            description=t.account.register_intro
        >
            <p>{t.account.register_intro}</p>
            {consent_needed(t)}
            <PostForm
                action=lang.path("register")
                api=api::Register::PATH
                lang
                notice=feedback.notice
                t
            >
                <FormField
                    field=Field::Company
                    label=t.account.company_label
                    kind=Kind::Input("text")
                    autocomplete="organization"
                    required=true
                    feedback=feedback.clone()
                    t
                />
                <FormField
                    field=Field::Email
                    label=t.account.email_label
                    kind=Kind::Input("email")
                    autocomplete="email"
                    required=true
                    feedback=feedback.clone()
                    t
                />
                <FormField
                    field=Field::Password
                    label=t.account.password_label
                    kind=Kind::Input("password")
                    autocomplete="new-password"
                    hint=t.account.password_hint
                    required=true
                    feedback=feedback.clone()
                    t
                />
                <button type="submit">{t.account.register}</button>
            </PostForm>
            <p>
                <a href=lang.path("login")>{t.account.have_account}</a>
            </p>
        </AccountFrame>
    }
    .into_any()
}
