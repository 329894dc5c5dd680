//! Server-only code: loading and rendering the content. Compiled only with the `ssr` feature,
//! so none of it (nor its dependencies) reaches the wasm build.

pub mod consent;
pub mod content;
pub mod markdown;
