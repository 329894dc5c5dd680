//! The logged-in company's account page: profile, logo, password, data export and deletion.

use leptos::{prelude::*, server_fn::ServerFn};

use super::account::{AccountFrame, page_lang};
use crate::{
    SiteContext, api,
    components::{
        forms::{EnhancedForm, FormField, FormNotice, Kind, PostForm},
        logo_upload::LogoUpload,
    },
    domain::{
        account::{AccountView, Field, FormFeedback, Notice},
        i18n::strings,
        logo::LogoProblem,
    },
    routes::not_found::NotFound,
};

/// Which of the account page's forms a piece of feedback belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum AccountForm {
    Profile,
    Email,
    Password,
    Delete,
}

fn form_of(feedback: &FormFeedback) -> Option<AccountForm> {
    let (field, _) = feedback.errors.first()?;
    Some(match field {
        Field::CurrentPassword | Field::NewPassword => AccountForm::Password,
        Field::NewEmail | Field::EmailPassword => AccountForm::Email,
        Field::Password => AccountForm::Delete,
        _ => AccountForm::Profile,
    })
}

/// `/{lang}/account`: only rendered with the logged-in company's data (the server handler
/// loads it for the session's owner and for nobody else).
#[component]
pub fn AccountPage() -> impl IntoView {
    let Some(lang) = page_lang() else {
        return view! { <NotFound /> }.into_any();
    };
    let t = strings(lang);
    let code = lang.code();
    let feedback = use_context::<FormFeedback>().unwrap_or_default();
    // Loaded by the handler that renders this page, for the session's owner only; without
    // it, say that it cannot be shown rather than show an empty account.
    let Some(account) = use_context::<AccountView>() else {
        return view! {
            <AccountFrame lang rest="account" title=t.account.account_title>
                <FormNotice notice=Some(Notice::Unavailable) t />
            </AccountFrame>
        }
        .into_any();
    };
    let target = form_of(&feedback);
    let for_form = |form: AccountForm| {
        if target == Some(form) {
            feedback.clone()
        } else {
            FormFeedback::default()
        }
    };
    let page_notice = if target.is_none() {
        feedback.notice
    } else {
        None
    };
    let profile = for_form(AccountForm::Profile);
    let password = for_form(AccountForm::Password);
    let email = for_form(AccountForm::Email);
    let delete = for_form(AccountForm::Delete);
    let ctx = expect_context::<SiteContext>();
    let p = account.profile.clone();
    let company = p.company.clone();
    view! {
        <AccountFrame lang rest="account" title=t.account.account_title>
            <FormNotice notice=page_notice t />
            <p class="account-email">
                {t.account.email_label} ": " <strong>{account.email.clone()}</strong>
            </p>
            {(!account.email_verified)
                .then(|| {
                    view! {
                        <div class="unverified" role="note">
                            <p>{t.account.unverified_text}</p>
                            <PostForm
                                action=lang.path("account/verify/resend")
                                api=api::ResendVerification::PATH
                                lang
                                notice=None
                                t
                            >
                                <button type="submit">{t.account.resend_button}</button>
                            </PostForm>
                        </div>
                    }
                })}

            <section aria-labelledby="profile-heading">
                <h2 id="profile-heading">{t.account.profile_heading}</h2>
                <PostForm
                    action=lang.path("account")
                    api=api::SaveProfile::PATH
                    lang
                    notice=profile.notice
                    t
                >
                    <FormField
                        field=Field::Company
                        label=t.account.company_label
                        kind=Kind::Input("text")
                        autocomplete="organization"
                        value=p.company
                        required=true
                        feedback=profile.clone()
                        t
                    />
                    <FormField
                        field=Field::Description
                        label=t.account.description_label
                        kind=Kind::Text
                        value=p.description
                        feedback=profile.clone()
                        t
                    />
                    <FormField
                        field=Field::Website
                        label=t.account.website_label
                        kind=Kind::Input("url")
                        autocomplete="url"
                        hint=t.account.url_hint
                        value=p.website.unwrap_or_default()
                        feedback=profile.clone()
                        t
                    />
                    <FormField
                        field=Field::Social
                        label=t.account.social_label
                        kind=Kind::Text
                        hint=t.account.url_hint
                        value=p.social.join("\n")
                        feedback=profile.clone()
                        t
                    />
                    <div class="field checkbox">
                        <input
                            type="checkbox"
                            id="f-published"
                            name="published"
                            value="1"
                            checked=p.published
                            aria-describedby="f-published-state"
                        />
                        <label for="f-published">{t.logos.published_label}</label>
                    </div>
                    <p class="hint listing" id="f-published-state">
                        {t.listing(account.listing)}
                    </p>
                    <button type="submit">{t.account.save_profile}</button>
                </PostForm>
            </section>

            <section aria-labelledby="logo-heading">
                <h2 id="logo-heading">{t.logos.logo_heading}</h2>
                {match account.logo.clone() {
                    Some(logo) => {
                        view! {
                            <img
                                class="logo-current"
                                src=logo.url()
                                width=logo.width
                                height=logo.height
                                alt=format!("{} {}", t.logos.logo_alt, company)
                            />
                        }
                            .into_any()
                    }
                    None => view! { <p class="logo-none">{t.logos.logo_none}</p> }.into_any(),
                }}
                <LogoUpload
                    lang
                    max_bytes=ctx.logo_max_bytes
                    too_large=t.logo_problem(LogoProblem::TooLarge(ctx.logo_max_bytes))
                >
                    <form
                        method="post"
                        action=lang.path("account/logo")
                        enctype="multipart/form-data"
                        class="account-form logo-form"
                    >
                        <FormNotice notice=None t />
                        <div class="field">
                            <label for="f-logo">{t.logos.logo_label}</label>
                            <p class="hint" id="f-logo-hint">
                                {format!(
                                    "{} {}.",
                                    t.logos.logo_hint,
                                    domain::i18n::megabytes(ctx.logo_max_bytes),
                                )}
                            </p>
                            <input
                                type="file"
                                id="f-logo"
                                name="logo"
                                accept="image/png,image/jpeg,image/webp,image/svg+xml,.svg"
                                aria-describedby="f-logo-hint"
                            />
                        </div>
                        <p class="logo-drop" hidden>
                            {t.logos.logo_drop}
                        </p>
                        // The preview image is made by the island once a file is chosen: an
                        // `img` needs a `src`, and there is none before.
                        <div class="logo-preview-slot" data-alt=t.logos.logo_preview></div>
                        <progress
                            class="logo-progress"
                            max="100"
                            value="0"
                            aria-label=t.logos.logo_progress
                            hidden
                        ></progress>
                        <button type="submit">{t.logos.upload_logo}</button>
                    </form>
                </LogoUpload>
                {account
                    .logo
                    .is_some()
                    .then(|| {
                        view! {
                            <EnhancedForm>
                                <form
                                    method="post"
                                    action=lang.path("account/logo/remove")
                                    data-api=api::RemoveLogo::PATH
                                    data-lang=code
                                    class="account-form"
                                >
                                    <button type="submit">{t.logos.remove_logo}</button>
                                </form>
                            </EnhancedForm>
                        }
                    })}
            </section>

            <section aria-labelledby="email-heading">
                <h2 id="email-heading">{t.account.email_heading}</h2>
                {account
                    .pending_email
                    .clone()
                    .map(|pending| {
                        view! {
                            <p class="pending-email">
                                {t.account.pending_email_text} " " <strong>{pending}</strong>
                            </p>
                        }
                    })}
                <PostForm
                    action=lang.path("account/email")
                    api=api::ChangeEmail::PATH
                    lang
                    notice=email.notice
                    t
                >
                    <FormField
                        field=Field::NewEmail
                        label=t.account.new_email_label
                        kind=Kind::Input("email")
                        autocomplete="email"
                        hint=t.account.email_change_hint
                        required=true
                        feedback=email.clone()
                        t
                    />
                    <FormField
                        field=Field::EmailPassword
                        label=t.account.email_password_label
                        kind=Kind::Input("password")
                        autocomplete="current-password"
                        required=true
                        feedback=email.clone()
                        t
                    />
                    <button type="submit">{t.account.change_email}</button>
                </PostForm>
            </section>

            <section aria-labelledby="password-heading">
                <h2 id="password-heading">{t.account.password_heading}</h2>
                <PostForm
                    action=lang.path("account/password")
                    api=api::ChangePassword::PATH
                    lang
                    notice=password.notice
                    t
                >
                    <FormField
                        field=Field::CurrentPassword
                        label=t.account.current_password_label
                        kind=Kind::Input("password")
                        autocomplete="current-password"
                        required=true
                        feedback=password.clone()
                        t
                    />
                    <FormField
                        field=Field::NewPassword
                        label=t.account.new_password_label
                        kind=Kind::Input("password")
                        autocomplete="new-password"
                        hint=t.account.password_hint
                        required=true
                        feedback=password.clone()
                        t
                    />
                    <button type="submit">{t.account.change_password}</button>
                </PostForm>
            </section>

            <section aria-labelledby="sessions-heading">
                <h2 id="sessions-heading">{t.account.sessions_heading}</h2>
                <p>{t.account.sessions_text}</p>
                <PostForm
                    action=lang.path("account/logout-everywhere")
                    api=api::LogOutEverywhere::PATH
                    lang
                    notice=None
                    t
                >
                    <button type="submit">{t.account.log_out_everywhere}</button>
                </PostForm>
            </section>

            <section aria-labelledby="export-heading">
                <h2 id="export-heading">{t.account.export_heading}</h2>
                <p>{t.account.export_text}</p>
                <p>
                    <a class="button" href=lang.path("account/export") download="account-data.json">
                        {t.account.export_button}
                    </a>
                </p>
            </section>

            <section aria-labelledby="delete-heading">
                <h2 id="delete-heading">{t.account.delete_heading}</h2>
                <p>{t.account.delete_text}</p>
                <PostForm
                    action=lang.path("account/delete")
                    api=api::DeleteAccount::PATH
                    lang
                    notice=delete.notice
                    t
                    danger=true
                >
                    <FormField
                        field=Field::Password
                        label=t.account.password_label
                        kind=Kind::Input("password")
                        autocomplete="current-password"
                        required=true
                        feedback=delete.clone()
                        t
                    />
                    <button type="submit">{t.account.delete_button}</button>
                </PostForm>
            </section>
        </AccountFrame>
    }
    .into_any()
}
