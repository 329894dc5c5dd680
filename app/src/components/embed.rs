//! Embedded videos that load only with consent: a local placeholder (no request to YouTube,
//! no remote thumbnail) until external media is allowed, for good or this once.

use leptos::prelude::*;

use crate::{
    api::DecideConsent,
    domain::{
        consent::{Category, ConsentMode, Grant},
        i18n::strings,
        lang::Lang,
    },
};

/// A YouTube video with its title. `granted` is the visitor's consent when the page was
/// rendered; later changes arrive as `portal:consent-changed` window events (a withdrawal
/// removes the video again). `service` is the place, among the declared `services` (their
/// ids), of the service the videos come from; without one, the category decides.
// In the full bundle only (see `crate::hydration`).
#[cfg_attr(any(feature = "ssr", feature = "full"), island)]
#[cfg_attr(not(any(feature = "ssr", feature = "full")), component)]
#[allow(clippy::too_many_arguments)]
pub fn YouTubeEmbed(
    video: String,
    title: String,
    lang: Lang,
    mode: ConsentMode,
    granted: Grant,
    origin: String,
    return_to: String,
    service: Option<usize>,
    services: Vec<String>,
) -> impl IntoView {
    let t = strings(lang);
    let permits = move |grant: Grant| match service {
        Some(i) => grant.services.contains(i),
        None => grant.categories.contains(Category::ExternalMedia),
    };
    let allowed = RwSignal::new(permits(granted));
    let once = RwSignal::new(false);
    let hydrated = RwSignal::new(false);
    Effect::new(move |_| hydrated.set(true));
    #[cfg(feature = "hydrate")]
    super::consent::client::on_change(move |grant| {
        allowed.set(permits(grant));
        if !permits(grant) {
            once.set(false);
        }
    });
    // "Always allow" is the consent server function; its answer reaches this island and the
    // dialog alike through the `portal:consent-changed` event.
    let action = ServerAction::<DecideConsent>::new();
    #[cfg(feature = "hydrate")]
    {
        let value = action.value();
        super::consent::client::announce(
            move || value.get().and_then(Result::ok),
            services.clone(),
        );
    }
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        #[cfg(feature = "hydrate")]
        if let Some((choice, categories, services)) = super::consent::client::decision(&ev) {
            action.dispatch(DecideConsent {
                lang,
                choice,
                categories,
                services,
            });
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = (ev, action);
    };
    let src = format!("{origin}/embed/{video}");
    let watch = format!("https://www.youtube.com/watch?v={video}");
    // "Always allow" keeps what was granted before and adds external media (and the videos'
    // service).
    let (choice, allow_label) = match mode {
        ConsentMode::AllOrNothing => ("accept_all", t.consent.accept_all),
        ConsentMode::Granular => ("save", t.consent.allow_external_media),
    };
    let title_shown = title.clone();
    let placeholder = move || {
        let granular = mode == ConsentMode::Granular;
        let keep = granted
            .categories
            .with(Category::ExternalMedia)
            .iter()
            .filter(|c| *c != Category::Necessary && granular)
            .map(|c| view! { <input type="hidden" name="category" value=c.id() /> })
            .collect_view();
        let keep_services = services
            .iter()
            .enumerate()
            .filter(|(i, _)| granular && (granted.services.contains(*i) || service == Some(*i)))
            .map(|(_, id)| view! { <input type="hidden" name="service" value=id.clone() /> })
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
                        {keep_services}
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
