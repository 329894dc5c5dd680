//! What the server left in the current request for the page to show.

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
