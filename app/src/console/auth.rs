//! The console's doors: the login form, the set-up page of a one-time link, the recovery
//! codes shown once, and the home page that lists the areas a role opens.

use domain::{
    i18n::strings,
    lang::Lang,
    operator::{Area, Role},
};
use leptos::prelude::*;

use super::{AREAS, area_path, words};

/// How a field of the console's forms is typed: its `type`, `autocomplete` and `inputmode`.
#[derive(Clone, Copy)]
struct Input(&'static str, &'static str, Option<&'static str>);

const EMAIL: Input = Input("email", "username", None);
const CURRENT_PASSWORD: Input = Input("password", "current-password", None);
const NEW_PASSWORD: Input = Input("password", "new-password", None);
const CODE: Input = Input("text", "one-time-code", None);
const DIGITS: Input = Input("text", "one-time-code", Some("numeric"));

/// A required, labelled one-line field whose id is its `name`, with an optional hint below.
fn field(
    name: &'static str,
    label: &'static str,
    input: Input,
    value: Option<String>,
    hint: Option<&'static str>,
) -> impl IntoView {
    let hint_id = hint.map(|_| format!("{name}-hint"));
    let Input(kind, autocomplete, inputmode) = input;
    view! {
        <div class="field">
            <label for=name>{label}</label>
            <input
                id=name
                name=name
                type=kind
                autocomplete=autocomplete
                inputmode=inputmode
                required
                value=value
                aria-describedby=hint_id.clone()
            />
            {hint
                .map(|text| {
                    view! {
                        <p id=hint_id class="hint">
                            {text}
                        </p>
                    }
                })}
        </div>
    }
}

/// The login form, with the address typed before (never the password or code).
pub fn login(lang: Lang, email: String) -> impl IntoView {
    let t = words(lang);
    view! {
        <form class="account-form" method="post" action="/admin/login">
            {field("email", t.email, EMAIL, Some(email), None)}
            {field("password", t.password, CURRENT_PASSWORD, None, None)}
            {field("code", t.code, CODE, None, Some(t.code_hint))}
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
            {field(
                "password",
                t.password,
                NEW_PASSWORD,
                None,
                Some(strings(lang).account.password_hint),
            )}
            {field("confirm", t.confirm, NEW_PASSWORD, None, None)}
            <figure class="qr-code">
                <div role="img" aria-label=t.setup_qr inner_html=view.qr_svg></div>
                <figcaption>{t.setup_key} " " <code class="totp-key">{key}</code></figcaption>
            </figure>
            {field("code", t.code, DIGITS, None, None)}
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
