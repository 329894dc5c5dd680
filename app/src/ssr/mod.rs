//! Server-only code: loading and rendering the content, and the server functions' link to
//! the server. Compiled only with the `ssr` feature,
//! so none of it (nor its dependencies) reaches the wasm build.

pub mod actions;
