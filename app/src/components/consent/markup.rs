//! The dialog as the server draws it.

use leptos::prelude::*;

use super::{DialogState, ServiceItem, privacy_link};
use crate::domain::{
    consent::{CategorySet, ConsentMode, Grant},
    i18n::strings,
    lang::Lang,
};

/// The dialog as the server draws it: complete, and a plain form that works without
/// JavaScript. `open` is whether the server found no current answer; `granted` what the
/// current answer allows; `return_to` the page to come back to without JavaScript; `offered`
/// the optional categories offered and `services` every declared service.
#[component]
#[allow(clippy::too_many_arguments)]
pub fn DialogMarkup(
    lang: Lang,
    mode: ConsentMode,
    open: bool,
    answered: bool,
    granted: Grant,
    gpc: bool,
    return_to: String,
    policy_url: String,
    offered: CategorySet,
    services: Vec<ServiceItem>,
) -> impl IntoView {
    let t = strings(lang);
    let state = DialogState {
        open,
        answered,
        granted,
        offered,
        ids: services.iter().map(|s| s.id.clone()).collect(),
        current: t.consent.consent_current.to_owned(),
        nothing: t.consent.consent_nothing.to_owned(),
        saved: t.consent.consent_saved.to_owned(),
        names: offered.iter().map(|c| t.category(c).to_owned()).collect(),
    };
    let text = match mode {
        ConsentMode::AllOrNothing => t.consent.consent_text_all_or_nothing,
        ConsentMode::Granular => t.consent.consent_text_granular,
    };
    // Global Privacy Control: "Accept all" leaves marketing out, and the dialog says why.
    let gpc_note = gpc.then(|| view! { <p class="consent-gpc">{t.consent.consent_gpc}</p> });
    let accept_label = if gpc {
        t.consent.accept_all_but_marketing
    } else {
        t.consent.accept_all
    };
    let choices = (mode == ConsentMode::Granular).then(|| {
        let boxes = offered
            .iter()
            .map(|category| {
                let id = format!("consent-{}", category.id());
                let inside: Vec<_> = services
                    .iter()
                    .enumerate()
                    .filter(|(_, s)| s.category == category)
                    .map(|(i, s)| {
                        let box_id = format!("consent-service-{}", s.id);
                        view! {
                            <li>
                                <input
                                    type="checkbox"
                                    id=box_id.clone()
                                    name="service"
                                    value=s.id.clone()
                                    data-category=category.id()
                                    checked=granted.services.contains(i)
                                />
                                <label for=box_id>{s.name.clone()}</label>
                                <span class="consent-service-purpose">
                                    {s.purpose.clone()} {privacy_link(&s.privacy_url, lang)}
                                </span>
                            </li>
                        }
                    })
                    .collect();
                let list = (!inside.is_empty()).then(|| {
                    view! { <ul class="consent-services">{inside}</ul> }
                });
                view! {
                    <div class="consent-category">
                        <input
                            type="checkbox"
                            id=id.clone()
                            name="category"
                            value=category.id()
                            data-category=category.id()
                            checked=granted.categories.contains(category)
                        />
                        <label for=id>{t.category(category)}</label>
                        {list}
                    </div>
                }
            })
            .collect_view();
        view! {
            <details class="consent-choices">
                <summary>{t.consent.choose}</summary>
                <fieldset>
                    <legend class="visually-hidden">{t.consent.choose}</legend>
                    <div class="consent-category">
                        <input type="checkbox" id="consent-necessary" checked disabled />
                        <label for="consent-necessary">
                            {t.consent.category_necessary} " (" {t.consent.always_on} ")"
                        </label>
                    </div>
                    {boxes}
                    <button type="submit" name="choice" value="save">
                        {t.consent.save_choices}
                    </button>
                </fieldset>
            </details>
        }
    });
    let second = match mode {
        ConsentMode::Granular => view! {
            <button type="submit" name="choice" value="reject_all">
                {t.consent.reject_all}
            </button>
        }
        .into_any(),
        ConsentMode::AllOrNothing => view! {
            <a class="button" href="#consent-later">
                {t.consent.not_now}
            </a>
        }
        .into_any(),
    };
    let current = format!("{} {}", state.current, state.allowed(granted));
    view! {
        <div class="consent" data-dialog=state.encode()>
            <span id="consent-later"></span>
            <section
                class="consent-dialog"
                role="dialog"
                aria-labelledby="consent-title"
                aria-describedby="consent-text"
                tabindex="-1"
                hidden=!open
            >
                <h2 id="consent-title">{t.consent.consent_title}</h2>
                <p id="consent-text">
                    {text} " " <a href=policy_url>{t.consent.consent_read_policy}</a>
                </p>
                {gpc_note}
                <p class="consent-current" hidden=!answered>
                    {current}
                </p>
                <form method="post" action="/consent">
                    <input type="hidden" name="return_to" value=return_to />
                    <input type="hidden" name="lang" value=lang.code() />
                    <div class="consent-actions">
                        <button type="submit" name="choice" value="accept_all">
                            {accept_label}
                        </button>
                        {second}
                    </div>
                    {choices}
                    <button
                        type="submit"
                        name="choice"
                        value="withdraw"
                        class="consent-withdraw"
                        hidden=!answered
                    >
                        {t.consent.withdraw}
                    </button>
                </form>
            </section>
            <p class="visually-hidden" role="status"></p>
        </div>
    }
}
