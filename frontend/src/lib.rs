//! The browser entry point. The page arrives fully rendered from the server; only its islands
//! (the interactive parts) are hydrated here, so the wasm carries just those. With the `full`
//! feature it carries every island; without it, the first-visit bundle's (`app::hydration`).

// Links the island exports of the `app` crate into this cdylib.
pub use app::ISLANDS_LINKED;

/// Called by the hydration script once the wasm module has loaded.
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    // Panic messages in the console; the first-visit bundle leaves the formatting out.
    #[cfg(feature = "full")]
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_islands();
}
