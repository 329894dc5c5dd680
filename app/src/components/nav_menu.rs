//! The main navigation, collapsible behind a "Menu" button on narrow screens.

use leptos::prelude::*;

/// An island: the only part of the header hydrated in the browser.
///
/// Without JavaScript the button stays `hidden` and the navigation stays open, so the links are
/// always reachable. Once hydrated, the button appears and (on narrow screens, by CSS) the
/// navigation collapses until the button opens it.
///
/// A browser that runs scripts collapses the navigation from the first paint instead (CSS
/// `scripting: enabled`), so hydration moves nothing on the page. Until the island hydrates (or
/// if its wasm never loads) a link of the button's size stands in its place and opens the
/// navigation as its `:target`.
#[island]
pub fn NavMenu(label: String, nav_label: String, children: Children) -> impl IntoView {
    let hydrated = RwSignal::new(false);
    let open = RwSignal::new(false);
    Effect::new(move |_| hydrated.set(true));
    view! {
        <div
            class="nav-wrap"
            class:collapsible=move || hydrated.get()
            class:open=move || open.get()
        >
            <a class="menu-link" href="#site-nav" hidden=move || hydrated.get()>
                {label.clone()}
            </a>
            <button
                type="button"
                class="menu-toggle"
                aria-controls="site-nav"
                aria-expanded=move || if open.get() { "true" } else { "false" }
                hidden=move || !hydrated.get()
                on:click=move |_| open.update(|o| *o = !*o)
            >
                {label}
            </button>
            <nav
                id="site-nav"
                class="site-nav"
                aria-label=nav_label
                on:keydown=move |ev| {
                    if ev.key() == "Escape" {
                        open.set(false);
                    }
                }
            >
                {children()}
            </nav>
        </div>
    }
}
