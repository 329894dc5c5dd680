//! Site search (`/sv/sok`, `/en/search`): an index per language of every published page (the
//! policy and the news included), built with the content and swapped with it, plus the
//! companies on the showcase, looked up per query (their profiles change between reloads).

mod index;

pub use index::{Doc, Index, words};

use crate::db::Db;
use domain::{
    i18n::strings,
    lang::Lang,
    search::{Hit, QUERY_MAX_CHARS, QUERY_MAX_WORDS, SearchResults},
    site::{Block, Page, Site},
};

/// Hits on a results page.
const HITS: usize = 20;

/// One index per language.
#[derive(Debug)]
pub struct SearchIndex {
    sv: Index,
    en: Index,
}

impl SearchIndex {
    /// Indexes every page of `site` but the further pages of news lists.
    pub fn build(site: &Site) -> SearchIndex {
        let docs = |lang: Lang| {
            site.pages()
                .filter(|p| p.lang == lang && !is_list_copy(p))
                .map(|p| page_doc(site, p))
                .collect()
        };
        SearchIndex {
            sv: Index::build(Lang::Sv, docs(Lang::Sv)),
            en: Index::build(Lang::En, docs(Lang::En)),
        }
    }

    /// The index of `lang`.
    pub fn of(&self, lang: Lang) -> &Index {
        match lang {
            Lang::Sv => &self.sv,
            Lang::En => &self.en,
        }
    }
}

fn is_list_copy(page: &Page) -> bool {
    page.body
        .iter()
        .any(|b| matches!(b, Block::NewsList(n) if *n > 1))
}

fn page_doc(site: &Site, page: &Page) -> Doc {
    let body: Vec<String> = page
        .body
        .iter()
        .filter_map(|b| match b {
            Block::Html(html) => Some(plain_text(html)),
            _ => None,
        })
        .collect();
    let section = site
        .parent(page)
        .map_or_else(|| page.title.clone(), |p| p.title.clone());
    Doc {
        url: page.url.clone(),
        title: page.title.clone(),
        section,
        headings: page.headings.join(" \n "),
        body: body.join(" "),
    }
}

/// The text of sanitised HTML: tags dropped (block ends become spaces), entities decoded.
pub fn plain_text(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(open) = rest.find('<') {
        out.push_str(&rest[..open]);
        match rest[open..].find('>') {
            Some(close) => {
                out.push(' ');
                rest = &rest[open + close + 1..];
            }
            None => {
                rest = "";
            }
        }
    }
    out.push_str(rest);
    let decoded = out
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&#x27;", "'")
        .replace("&nbsp;", " ")
        .replace("&amp;", "&");
    decoded.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The query's words (lower-case, at most [`QUERY_MAX_WORDS`]), and whether some were left
/// out. The text is cut to [`QUERY_MAX_CHARS`] first.
pub fn query_words(query: &str) -> (Vec<String>, bool) {
    let all: Vec<String> = words(query).collect();
    let truncated = all.len() > QUERY_MAX_WORDS;
    (all.into_iter().take(QUERY_MAX_WORDS).collect(), truncated)
}

/// Where a search looks: the pages of one version of the content and their index, and the
/// showcase in the database.
#[derive(Clone, Copy)]
pub struct Sources<'a> {
    /// The pages.
    pub site: &'a Site,
    /// Their index.
    pub index: &'a SearchIndex,
    /// The showcase's companies.
    pub db: &'a Db,
    /// Whether a company is shown only once approved.
    pub require_approval: bool,
}

/// The results for `query` in `lang`: pages, and companies on the showcase.
pub async fn search(sources: Sources<'_>, lang: Lang, query: &str) -> SearchResults {
    let query: String = query.chars().take(QUERY_MAX_CHARS).collect();
    let (words, truncated) = query_words(&query);
    let pages = sources.index.of(lang);
    let mut hits: Vec<(f32, Hit)> = pages.search(&words, HITS);
    for (_, hit) in &mut hits {
        if let Some(anchor) = operation_anchor(sources.site, &hit.url, &query) {
            hit.url = format!("{}#{anchor}", hit.url);
        }
    }
    if !words.is_empty() {
        hits.extend(companies(sources, lang, &words).await);
    }
    hits.sort_by(|a, b| b.0.total_cmp(&a.0));
    hits.truncate(HITS);
    let suggestion = if hits.is_empty() {
        pages.suggest(&words)
    } else {
        None
    };
    SearchResults {
        query,
        hits: hits.into_iter().map(|(_, h)| h).collect(),
        suggestion,
        truncated,
    }
}

/// On an API page, the anchor of the first operation whose method and path (its heading before
/// the summary) or id holds a word of the query as typed (`/complete`, `autocomplete`), so the
/// hit opens there.
fn operation_anchor(site: &Site, url: &str, query: &str) -> Option<String> {
    let page = site.page(url)?;
    let terms: Vec<String> = query
        .split_whitespace()
        .map(|t| {
            t.trim_matches(|c: char| !c.is_alphanumeric() && c != '/')
                .to_lowercase()
        })
        .filter(|t| t.trim_matches('/').chars().count() >= 3)
        .collect();
    page.toc
        .iter()
        .filter(|e| e.id.starts_with("op-"))
        .find(|e| {
            let path = e.text.split(": ").next().unwrap_or_default().to_lowercase();
            let id = &e.id["op-".len()..];
            terms
                .iter()
                .any(|t| path.contains(t.as_str()) || id == t.trim_matches('/'))
        })
        .map(|e| e.id.clone())
}

/// The showcase's companies that match (name as title, description as text); none when the
/// database does not answer (the pages' hits still show).
async fn companies(sources: Sources<'_>, lang: Lang, words: &[String]) -> Vec<(f32, Hit)> {
    let site = sources.site;
    let showcase = match sources.db.showcase(sources.require_approval).await {
        Ok(showcase) => showcase,
        Err(e) => {
            tracing::warn!(error = %e, "search: the showcase could not be read");
            return Vec::new();
        }
    };
    if showcase.0.is_empty() {
        return Vec::new();
    }
    let url = site
        .by_key(lang, "showcase")
        .map_or_else(|| lang.path(""), |p| p.url.clone());
    let section = strings(lang).search.search_company.to_owned();
    let docs = showcase
        .0
        .into_iter()
        .map(|entry| Doc {
            url: url.clone(),
            title: entry.company,
            section: section.clone(),
            headings: String::new(),
            body: entry.description,
        })
        .collect();
    Index::build(lang, docs).search(words, HITS)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_becomes_text() {
        assert_eq!(
            plain_text("<h2 id=\"x\">A &amp; B</h2><p>one<br>two &lt;3</p>"),
            "A & B one two <3"
        );
    }

    #[test]
    fn long_queries_are_cut() {
        let (words, cut) = query_words("a b c d e f g h i j");
        assert_eq!(words.len(), QUERY_MAX_WORDS);
        assert!(cut);
        assert_eq!(
            query_words("Cookie, policy!"),
            (vec!["cookie".into(), "policy".into()], false)
        );
    }
}
