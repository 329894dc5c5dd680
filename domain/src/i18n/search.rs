//! The search page.

/// The search page.
#[derive(Debug)]
pub struct SearchStrings {
    /// Heading of the search page and accessible name of the search form.
    pub search: &'static str,
    /// Label of the search field.
    pub search_label: &'static str,
    /// The search button.
    pub search_button: &'static str,
    /// Shown in the empty search box: what can be found.
    pub search_placeholder: &'static str,
    /// Before the number of results.
    pub search_results: &'static str,
    /// No results.
    pub search_none: &'static str,
    /// Before a suggested search.
    pub search_did_you_mean: &'static str,
    /// The search page without a query.
    pub search_empty: &'static str,
    /// The search page when its results could not be computed.
    pub search_unavailable: &'static str,
    /// The section name of a company found in search.
    pub search_company: &'static str,
    /// The query was cut.
    pub search_too_long: &'static str,
}

/// English.
pub(super) const EN: SearchStrings = SearchStrings {
    search: "Search",
    search_label: "Search the site",
    search_button: "Search",
    search_placeholder: "Pages, APIs, /search …",
    search_results: "Results",
    search_none: "Nothing matched your search.",
    search_did_you_mean: "Did you mean",
    search_empty: "Type one or more words to search the pages, the news and the companies on the showcase.",
    search_unavailable: "Search is unavailable just now. Try again in a while.",
    search_company: "Company on the showcase",
    search_too_long: "Only the first words of a long search are used.",
};

/// Swedish.
pub(super) const SV: SearchStrings = SearchStrings {
    search: "Sök",
    search_label: "Sök på webbplatsen",
    search_button: "Sök",
    search_placeholder: "Sidor, API:er, /search …",
    search_results: "Träffar",
    search_none: "Inget matchade din sökning.",
    search_did_you_mean: "Menade du",
    search_empty: "Skriv ett eller flera ord för att söka bland sidorna, nyheterna och företagen i företagsgalleriet.",
    search_unavailable: "Sökningen fungerar inte just nu. Försök igen om en stund.",
    search_company: "Företag i galleriet",
    search_too_long: "Bara de första orden i en lång sökning används.",
};
