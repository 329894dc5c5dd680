//! The browser entry point. The page arrives fully rendered from the server; only its islands
//! (the interactive parts) are hydrated here, so the wasm carries just those.

// Links the island exports of the `app` crate into this cdylib.
pub use app::ISLANDS_LINKED;

/// Called by the hydration script once the wasm module has loaded.
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_islands();
}
