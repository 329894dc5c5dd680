//! The site as the pages see it: every rendered page, looked up by URL, with the navigation
//! menu and translations worked out once when the content is loaded.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use super::{date::PageDate, lang::Lang};

/// One heading in a page's table of contents.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TocEntry {
    /// Heading level, 2 to 4.
    pub level: u8,
    /// The heading's `id`, the link target.
    pub id: String,
    /// The heading's text.
    pub text: String,
}

/// A page rendered from one markdown file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Page {
    /// The language folder it came from.
    pub lang: Lang,
    /// The file's path inside its language folder, without `.md` (`cookie-policy`,
    /// `docs/_index`); the same key in another language is this page's translation.
    pub key: String,
    /// Where the page is served: `/en/cookie-policy`, `/en/` for `_index.md`.
    pub url: String,
    /// From the front matter.
    pub title: String,
    /// From the front matter; used for the meta description.
    pub description: Option<String>,
    /// `lastmod`, or else `date`: shown as "last updated".
    pub updated: Option<PageDate>,
    /// Menu order (Hugo: 0 means unset and sorts last).
    pub weight: i64,
    /// False for `toc_hide: true`.
    pub in_menu: bool,
    /// Headings for the table of contents; empty with `disableToc: true`.
    pub toc: Vec<TocEntry>,
    /// The body: sanitised HTML, with embeds between.
    pub body: Vec<Block>,
}

/// A piece of a page body.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Block {
    /// Sanitised HTML.
    Html(String),
    /// A YouTube video (from the `{{< youtube ID >}}` shortcode), shown only with consent.
    YouTube(String),
    /// The declared cookies, from the consent configuration (`{{< cookie-table >}}`).
    CookieTable,
    /// The companies that publish themselves (`{{< showcase >}}`), read per request.
    Showcase,
}

impl Page {
    /// Whether the page shows live data (the showcase) and so must not be cached.
    pub fn is_live(&self) -> bool {
        self.body.contains(&Block::Showcase)
    }
}

/// The file key of the cookie policy in every language.
pub const COOKIE_POLICY_KEY: &str = "cookie-policy";

impl Page {
    /// Whether the page sits directly under its language's home (`/en/x` or `/en/x/`).
    fn is_top_level(&self) -> bool {
        let rest = self.url[self.lang.code().len() + 2..].trim_end_matches('/');
        !rest.is_empty() && !rest.contains('/')
    }
}

/// Two content files that would be served at the same URL.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("two pages would be served at {url}: `{first}` and `{second}`")]
pub struct DuplicateUrl {
    /// The contested URL.
    pub url: String,
    /// Key of the page seen first.
    pub first: String,
    /// Key of the page seen second.
    pub second: String,
}

/// All published pages.
#[derive(Debug, Clone, Default)]
pub struct Site {
    pages: HashMap<String, Page>,
    by_key: HashMap<(Lang, String), String>,
    menus: HashMap<Lang, Vec<String>>,
}

impl Site {
    /// Indexes the pages; refuses two pages with the same URL.
    pub fn new(pages: Vec<Page>) -> Result<Site, DuplicateUrl> {
        let mut site = Site::default();
        for page in pages {
            if let Some(existing) = site.pages.get(&page.url) {
                return Err(DuplicateUrl {
                    url: page.url.clone(),
                    first: existing.key.clone(),
                    second: page.key.clone(),
                });
            }
            site.by_key
                .insert((page.lang, page.key.clone()), page.url.clone());
            site.pages.insert(page.url.clone(), page);
        }
        for lang in Lang::ALL {
            let mut items: Vec<&Page> = site
                .pages
                .values()
                .filter(|p| p.lang == lang && p.in_menu && p.is_top_level())
                .collect();
            items.sort_by(|a, b| {
                (a.weight == 0, a.weight, &a.title).cmp(&(b.weight == 0, b.weight, &b.title))
            });
            site.menus
                .insert(lang, items.into_iter().map(|p| p.url.clone()).collect());
        }
        Ok(site)
    }

    /// The page served at exactly `url`.
    pub fn page(&self, url: &str) -> Option<&Page> {
        self.pages.get(url)
    }

    /// The same page in `lang`, when it has been translated.
    pub fn translation(&self, page: &Page, lang: Lang) -> Option<&Page> {
        self.by_key
            .get(&(lang, page.key.clone()))
            .and_then(|url| self.pages.get(url))
    }

    /// The page with this key in `lang` (for fixed links such as the cookie policy).
    pub fn by_key(&self, lang: Lang, key: &str) -> Option<&Page> {
        self.by_key
            .get(&(lang, key.to_owned()))
            .and_then(|url| self.pages.get(url))
    }

    /// The cookie policy for readers of `lang`: in their language, else in the other one.
    pub fn cookie_policy(&self, lang: Lang) -> Option<&Page> {
        self.by_key(lang, COOKIE_POLICY_KEY)
            .or_else(|| self.by_key(lang.other(), COOKIE_POLICY_KEY))
    }

    /// The menu of `lang`: top-level pages not hidden, by weight then title.
    pub fn menu(&self, lang: Lang) -> impl Iterator<Item = &Page> {
        self.menus
            .get(&lang)
            .into_iter()
            .flatten()
            .filter_map(|url| self.pages.get(url))
    }

    /// Where a request for `path` should be sent when only its trailing slash is wrong
    /// (`/en` → `/en/`, `/en/cookie-policy/` → `/en/cookie-policy`).
    pub fn canonical(&self, path: &str) -> Option<&str> {
        let alternate = match path.strip_suffix('/') {
            Some(without) => without.to_owned(),
            None => format!("{path}/"),
        };
        self.pages
            .get_key_value(&alternate)
            .map(|(url, _)| url.as_str())
    }

    /// Number of pages.
    pub fn len(&self) -> usize {
        self.pages.len()
    }

    /// Whether there are no pages at all.
    pub fn is_empty(&self) -> bool {
        self.pages.is_empty()
    }
}

/// The URL of a language's home page.
pub fn home_url(lang: Lang) -> String {
    format!("/{}/", lang.code())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(lang: Lang, key: &str, url: &str, weight: i64, in_menu: bool) -> Page {
        Page {
            lang,
            key: key.into(),
            url: url.into(),
            title: key.to_uppercase(),
            description: None,
            updated: None,
            weight,
            in_menu,
            toc: vec![],
            body: Vec::new(),
        }
    }

    fn sample() -> Site {
        Site::new(vec![
            page(Lang::En, "_index", "/en/", 0, true),
            page(Lang::En, "b", "/en/b", 20, true),
            page(Lang::En, "a", "/en/a", 10, true),
            page(Lang::En, "z", "/en/z", 0, true),
            page(Lang::En, "hidden", "/en/hidden", 1, false),
            page(Lang::En, "docs/_index", "/en/docs/", 30, true),
            page(Lang::En, "docs/deep", "/en/docs/deep", 5, true),
            page(Lang::Sv, "a", "/sv/a", 10, true),
        ])
        .expect("no duplicates")
    }

    #[test]
    fn menu_orders_by_weight_and_leaves_out_hidden_nested_and_home() {
        let site = sample();
        let urls: Vec<_> = site.menu(Lang::En).map(|p| p.url.as_str()).collect();
        assert_eq!(urls, ["/en/a", "/en/b", "/en/docs/", "/en/z"]);
        let sv: Vec<_> = site.menu(Lang::Sv).map(|p| p.url.as_str()).collect();
        assert_eq!(sv, ["/sv/a"]);
    }

    #[test]
    fn translations_follow_the_file_key() {
        let site = sample();
        let a = site.page("/en/a").expect("page");
        assert_eq!(
            site.translation(a, Lang::Sv).map(|p| p.url.as_str()),
            Some("/sv/a")
        );
        let b = site.page("/en/b").expect("page");
        assert!(site.translation(b, Lang::Sv).is_none());
    }

    #[test]
    fn canonical_fixes_only_the_trailing_slash() {
        let site = sample();
        assert_eq!(site.canonical("/en"), Some("/en/"));
        assert_eq!(site.canonical("/en/a/"), Some("/en/a"));
        assert_eq!(site.canonical("/en/docs"), Some("/en/docs/"));
        assert_eq!(site.canonical("/en/nothing"), None);
    }

    #[test]
    fn refuses_two_pages_at_one_url() {
        let err = Site::new(vec![
            page(Lang::En, "x", "/en/x", 0, true),
            page(Lang::En, "y", "/en/x", 0, true),
        ])
        .expect_err("duplicate");
        assert_eq!(err.url, "/en/x");
    }
}
