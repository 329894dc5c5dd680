//! What the search page shows: the query, the hits with their marked snippets, and a
//! suggestion when nothing matched. The server's index fills it in.

use serde::{Deserialize, Serialize};

use super::lang::Lang;

/// The search page's path in `lang` (`/sv/sok`, `/en/search`).
pub fn search_url(lang: Lang) -> &'static str {
    match lang {
        Lang::Sv => "/sv/sok",
        Lang::En => "/en/search",
    }
}

/// The feed of a language's news (`/sv/feed.xml`, `/en/feed.xml`).
pub fn feed_url(lang: Lang) -> String {
    lang.path("feed.xml")
}

/// Where the search query is cut (in characters), and how many words of it count.
pub const QUERY_MAX_CHARS: usize = 200;
/// Words of a query that are searched for.
pub const QUERY_MAX_WORDS: usize = 8;

/// One piece of a snippet: text, marked when it matched the query.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Piece {
    /// The text.
    pub text: String,
    /// Whether it matched.
    pub marked: bool,
}

/// One result.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Hit {
    /// The page's (or company's) title.
    pub title: String,
    /// Where it is.
    pub url: String,
    /// The section it belongs to (its title), or what kind of result it is.
    pub section: String,
    /// A few words around the matches.
    pub snippet: Vec<Piece>,
}

/// The search page's data.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct SearchResults {
    /// The query as typed (cut to [`QUERY_MAX_CHARS`]).
    pub query: String,
    /// The hits, best first.
    pub hits: Vec<Hit>,
    /// With no hits: a query with the closest known words instead.
    pub suggestion: Option<String>,
    /// Whether the query had more words than are searched.
    pub truncated: bool,
}
