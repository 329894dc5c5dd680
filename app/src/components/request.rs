//! What the server's middleware read from the current request for every page: the visitor's
//! consent and the logged-in company. (A page's own data comes as context from the handler
//! that renders it.)

use domain::consent::ConsentStatus;

/// The visitor's consent as the server read it from this request (none outside a request).
pub fn consent_status() -> ConsentStatus {
    from_request::<ConsentStatus>().unwrap_or_default()
}

/// A value the server left in this request's extensions (consent, the logged-in company, form
/// feedback); `None` outside a request.
pub fn from_request<T: Clone + Send + Sync + 'static>() -> Option<T> {
    #[cfg(feature = "ssr")]
    {
        leptos::prelude::use_context::<http::request::Parts>()
            .and_then(|parts| parts.extensions.get::<T>().cloned())
    }
    #[cfg(not(feature = "ssr"))]
    None
}
