//! Embedded videos that load only with consent: a local placeholder (no request to YouTube,
//! no remote thumbnail) until external media is allowed, for good or this once.

use leptos::prelude::*;

use crate::{
    api::DecideConsent,
    domain::{
        consent::{Category, CategorySet, ConsentMode},
        i18n::strings,
        lang::Lang,
    },
};

/// A YouTube video with its title. `granted` is the visitor's consent when the page was rendered; later
/// changes arrive as `portal:consent-changed` window events (a withdrawal removes the video again).
#[island]
pub fn YouTubeEmbed(
    video: String,
    title: String,
    lang: Lang,
    mode: ConsentMode,
    granted: CategorySet,
    origin: String,
    return_to: String,
) -> impl IntoView {
    let t = strings(lang);
    let allowed = RwSignal::new(granted.contains(Category::ExternalMedia));
    let once = RwSignal::new(false);
    let hydrated = RwSignal::new(false);
    Effect::new(move |_| hydrated.set(true));
    #[cfg(feature = "hydrate")]
    super::consent::client::on_change(move |set| {
        allowed.set(set.contains(Category::ExternalMedia));
        if !set.contains(Category::ExternalMedia) {
            once.set(false);
        }
    });
    // "Always allow" is the consent server function; its answer reaches this island and the
    // dialog alike through the `portal:consent-changed` event.
    let action = ServerAction::<DecideConsent>::new();
    #[cfg(feature = "hydrate")]
    super::consent::client::announce(action);
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        #[cfg(feature = "hydrate")]
        if let Some(decision) = super::consent::client::decision(&ev) {
            action.dispatch(DecideConsent { lang, decision });
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = (ev, action);
    };
    let src = format!("{origin}/embed/{video}");
    let watch = format!("https://www.youtube.com/watch?v={video}");
    // "Always allow" keeps what was granted before and adds external media.
    let (choice, allow_label) = match mode {
        ConsentMode::AllOrNothing => ("accept_all", t.consent.accept_all),
        ConsentMode::Granular => ("save", t.consent.allow_external_media),
    };
    let title_shown = title.clone();
    let placeholder = move || {
        let keep = granted
            .with(Category::ExternalMedia)
            .iter()
            .filter(|c| *c != Category::Necessary && mode == ConsentMode::Granular)
            .map(|c| view! { <input type="hidden" name="category" value=c.id() /> })
            .collect_view();
        view! {
            <div class="embed-placeholder">
                <span class="play-icon" aria-hidden="true"></span>
                <p class="embed-title">{title_shown.clone()}</p>
                <p class="embed-notice">{t.consent.video_notice}</p>
                <div class="embed-actions">
                    <button
                        type="button"
                        hidden=move || !hydrated.get()
                        on:click=move |_| once.set(true)
                    >
                        {t.consent.load_video}
                    </button>
                    <form method="post" action="/consent" on:submit=on_submit>
                        <input type="hidden" name="return_to" value=return_to.clone() />
                        <input type="hidden" name="lang" value=lang.code() />
                        {keep}
                        <button type="submit" name="choice" value=choice>
                            {allow_label}
                        </button>
                    </form>
                    <a href=watch.clone() rel="noopener noreferrer">
                        {t.consent.watch_on_youtube}
                    </a>
                </div>
            </div>
        }
    };
    view! {
        <figure class="embed">
            <Show when=move || allowed.get() || once.get() fallback=placeholder>
                <iframe
                    src=src.clone()
                    title=title.clone()
                    allow="accelerometer; encrypted-media; picture-in-picture"
                    allowfullscreen
                    referrerpolicy="strict-origin-when-cross-origin"
                ></iframe>
            </Show>
        </figure>
    }
}
