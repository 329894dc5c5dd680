//! The main navigation, collapsible behind a "Menu" button on narrow screens.

use leptos::prelude::*;

/// The navigation as the server draws it, inside the [`NavMenu`] island: `menu` labels the
/// button, `navigation` names the navigation for screen readers.
///
/// Without JavaScript the button stays `hidden` and the navigation stays open, so the links are
/// always reachable. A browser that runs scripts collapses the navigation from the first paint
/// instead (CSS `scripting: enabled`), so hydration moves nothing on the page. Until the island
/// hydrates (or if its wasm never loads) a link of the button's size stands in its place and
/// opens the navigation as its `:target`.
#[component]
pub fn MainNav(menu: String, navigation: String, children: Children) -> impl IntoView {
    view! {
        <div class="nav-wrap">
            <a class="menu-link" href="#site-nav">
                {menu.clone()}
            </a>
            <button
                type="button"
                class="menu-toggle"
                aria-controls="site-nav"
                aria-expanded="false"
                hidden
            >
                {menu}
            </button>
            <nav id="site-nav" class="site-nav" aria-label=navigation>
                {children()}
            </nav>
        </div>
        <NavMenu />
    }
}

/// An island: the only part of the header hydrated in the browser. Once hydrated, the button
/// appears and (on narrow screens, by CSS) the navigation collapses until the button opens it;
/// Escape in the navigation closes it again. It has no view: it wires [`MainNav`]'s markup.
#[island]
pub fn NavMenu() -> impl IntoView {
    #[cfg(feature = "hydrate")]
    client::start();
}

#[cfg(feature = "hydrate")]
mod client {
    use leptos::{prelude::*, wasm_bindgen::JsCast, web_sys};

    use crate::components::dom::{find, listen};

    pub fn start() {
        let Some(button) = find(".menu-toggle") else {
            return;
        };
        let Some(wrap) = button.parent_element() else {
            return;
        };
        let find_in = |selector: &str| wrap.query_selector(selector).ok().flatten();
        let (Some(link), Some(nav)) = (find_in(".menu-link"), find_in(".site-nav")) else {
            return;
        };
        let open = RwSignal::new(false);
        let _ = wrap.class_list().add_1("collapsible");
        let _ = link.toggle_attribute_with_force("hidden", true);
        let _ = button.toggle_attribute_with_force("hidden", false);
        listen(&button, "click", move |_| open.update(|o| *o = !*o));
        listen(&nav, "keydown", move |ev| {
            if ev
                .dyn_ref::<web_sys::KeyboardEvent>()
                .is_some_and(|k| k.key() == "Escape")
            {
                open.set(false);
            }
        });
        Effect::new(move |_| {
            let o = open.get();
            let _ = wrap.class_list().toggle_with_force("open", o);
            let _ = button.set_attribute("aria-expanded", if o { "true" } else { "false" });
        });
    }
}
