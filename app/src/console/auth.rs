//! The console's doors: the login form, the set-up page of a one-time link, the recovery
//! codes shown once, and the home page that lists the areas a role opens.

use domain::{
    i18n::strings,
    lang::Lang,
    operator::{Area, Role},
};
use leptos::prelude::*;

use super::{AREAS, area_path, words};

/// The login form, with the address typed before (never the password or code).
pub fn login(lang: Lang, email: String) -> impl IntoView {
    let t = words(lang);
    view! {
        <form class="account-form" method="post" action="/admin/login">
            <div class="field">
                <label for="email">{t.email}</label>
                <input
                    id="email"
                    name="email"
                    type="email"
                    autocomplete="username"
                    required
                    value=email
                />
            </div>
            <div class="field">
                <label for="password">{t.password}</label>
                <input
                    id="password"
                    name="password"
                    type="password"
                    autocomplete="current-password"
                    required
                />
            </div>
            <div class="field">
                <label for="code">{t.code}</label>
                <input
                    id="code"
                    name="code"
                    type="text"
                    autocomplete="one-time-code"
                    required
                    aria-describedby="code-hint"
                />
                <p id="code-hint" class="hint">
                    {t.code_hint}
                </p>
            </div>
            <button type="submit">{t.log_in}</button>
        </form>
    }
}

/// What the set-up page shows: the link's token, the operator's address, the new secret.
#[derive(Debug, Clone)]
pub struct SetupView {
    /// The link's token (sent back with the form).
    pub token: String,
    /// The operator's address (the password manager's user name).
    pub email: String,
    /// The secret, base32 (sent back with the form, shown to type by hand).
    pub secret: String,
    /// The QR code of the `otpauth://` address, an SVG drawn on the server.
    pub qr_svg: String,
}

/// The set-up form: password twice, the key as a QR code and as text, the first code.
pub fn setup(lang: Lang, view: SetupView) -> impl IntoView {
    let t = words(lang);
    let key = view
        .secret
        .as_bytes()
        .chunks(4)
        .map(|c| String::from_utf8_lossy(c).into_owned())
        .collect::<Vec<_>>()
        .join(" ");
    view! {
        <p>{t.setup_intro}</p>
        <form class="account-form" method="post" action="/admin/setup">
            <input type="hidden" name="token" value=view.token />
            <input type="hidden" name="secret" value=view.secret />
            <input
                type="text"
                name="username"
                autocomplete="username"
                value=view.email
                hidden
                readonly
            />
            <div class="field">
                <label for="password">{t.password}</label>
                <input
                    id="password"
                    name="password"
                    type="password"
                    autocomplete="new-password"
                    required
                    aria-describedby="password-hint"
                />
                <p id="password-hint" class="hint">
                    {strings(lang).account.password_hint}
                </p>
            </div>
            <div class="field">
                <label for="confirm">{t.confirm}</label>
                <input
                    id="confirm"
                    name="confirm"
                    type="password"
                    autocomplete="new-password"
                    required
                />
            </div>
            <figure class="qr-code">
                <div role="img" aria-label=t.setup_qr inner_html=view.qr_svg></div>
                <figcaption>{t.setup_key} " " <code class="totp-key">{key}</code></figcaption>
            </figure>
            <div class="field">
                <label for="code">{t.code}</label>
                <input
                    id="code"
                    name="code"
                    type="text"
                    inputmode="numeric"
                    autocomplete="one-time-code"
                    required
                />
            </div>
            <button type="submit">{t.setup_save}</button>
        </form>
    }
}

/// The recovery codes, shown once after set-up.
pub fn recovery_codes(lang: Lang, codes: Vec<String>) -> impl IntoView {
    let t = words(lang);
    let items = codes
        .into_iter()
        .map(|c| {
            view! {
                <li>
                    <code>{c}</code>
                </li>
            }
        })
        .collect_view();
    view! {
        <p>{t.recovery_intro}</p>
        <ol class="recovery-codes">{items}</ol>
        <p>
            <a class="button" href="/admin/login">
                {t.recovery_done}
            </a>
        </p>
    }
}

/// The home page: the areas `role` opens, each with what it is for.
pub fn home(lang: Lang, role: Role) -> impl IntoView {
    let t = words(lang);
    let cards = AREAS
        .into_iter()
        .filter(|a: &Area| role.may(*a))
        .map(|a| {
            let (name, about) = t.area(a);
            view! {
                <li class="card">
                    <h2>
                        <a href=area_path(a)>{name}</a>
                    </h2>
                    <p>{about}</p>
                </li>
            }
        })
        .collect_view();
    view! { <ul class="cards">{cards}</ul> }
}
