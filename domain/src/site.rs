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
    /// The text of every heading (levels 2–4), for search, whatever `disableToc` says.
    pub headings: Vec<String>,
    /// The body: sanitised HTML, with embeds between.
    pub body: Vec<Block>,
    /// `date` from the front matter (a news article's publication date).
    pub date: Option<PageDate>,
    /// An `_index.md`: the page of a folder, whose other pages are its children.
    pub is_section: bool,
    /// A section with `type: news`: its children are articles, newest first, in the feed.
    pub is_news: bool,
    /// An API page's health URL (`health:`), checked for the status page.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub health: Option<String>,
}

/// A piece of a page body.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Block {
    /// Sanitised HTML.
    Html(String),
    /// A YouTube video (from the `{{< youtube ID >}}` shortcode), shown only with consent.
    YouTube {
        /// The video's id.
        id: String,
        /// Its title (the shortcode's `title`), shown on the placeholder.
        title: Option<String>,
    },
    /// The declared cookies, from the consent configuration (`{{< cookie-table >}}`).
    CookieTable,
    /// The companies that publish themselves (`{{< showcase >}}`), read per request.
    Showcase,
    /// A section's pages with their descriptions (added after a section's own text).
    Children,
    /// Page `n` (from 1) of a news section's articles, newest first.
    NewsList(u32),
    /// An API's reference, from the OpenAPI file the front matter names.
    ApiReference(Box<crate::openapi::ApiReference>),
    /// The APIs' current state and 90 days of uptime, then the incidents (the section's
    /// pages), on the page with `type: status`; read per request.
    ApiStatus,
}

impl Page {
    /// Whether the page shows live data (the showcase) and so must not be cached.
    pub fn is_live(&self) -> bool {
        self.body.contains(&Block::Showcase) || self.is_status()
    }

    /// Whether this is the status page (its pages are incidents).
    pub fn is_status(&self) -> bool {
        self.body.contains(&Block::ApiStatus)
    }
}

/// Articles on one page of a news list.
pub const NEWS_PER_PAGE: usize = 10;

/// The file key of the cookie policy in every language.
pub const COOKIE_POLICY_KEY: &str = "cookie-policy";
/// The file key of the accessibility statement, linked from every footer.
pub const ACCESSIBILITY_KEY: &str = "accessibility";
/// The file key of the contact page, linked from every footer.
pub const CONTACT_KEY: &str = "contact";
/// The file key of the getting-started guide, the developers' call to action on the home page.
pub const GET_STARTED_KEY: &str = "get-started";
/// The file key of the showcase, the companies' call to action on the home page.
pub const SHOWCASE_KEY: &str = "showcase";

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
    /// Page URL → the URL of the section it belongs to (the home page for top-level pages).
    parents: HashMap<String, String>,
    /// Section URL → its pages, in menu order (news: newest first).
    children: HashMap<String, Vec<String>>,
}

impl Site {
    /// Indexes the pages; refuses two pages with the same URL. Works out the section tree,
    /// adds a section's list of pages to its body, and the further pages of a news list
    /// (`<section>page/2`, …).
    pub fn new(pages: Vec<Page>) -> Result<Site, DuplicateUrl> {
        let mut site = Site::default();
        for page in pages {
            site.insert(page)?;
        }
        let urls: Vec<String> = site.pages.keys().cloned().collect();
        for url in urls {
            if let Some(parent) = site.parent_url(&url) {
                site.children
                    .entry(parent.clone())
                    .or_default()
                    .push(url.clone());
                site.parents.insert(url, parent);
            }
        }
        let sections: Vec<String> = site.children.keys().cloned().collect();
        for section in sections {
            let news = site
                .pages
                .get(&section)
                .is_some_and(|p| p.is_news || p.is_status());
            let mut list = std::mem::take(site.children.get_mut(&section).expect("listed"));
            let pages = &site.pages;
            list.sort_by(|a, b| {
                let (a, b) = (&pages[a], &pages[b]);
                if news {
                    (b.date, &a.title).cmp(&(a.date, &b.title))
                } else {
                    (a.weight == 0, a.weight, &a.title).cmp(&(b.weight == 0, b.weight, &b.title))
                }
            });
            site.children.insert(section, list);
        }
        site.add_lists()?;
        for lang in Lang::ALL {
            let home = home_url(lang);
            let items = site
                .children
                .get(&home)
                .into_iter()
                .flatten()
                .filter(|url| site.pages[*url].in_menu)
                .cloned()
                .collect();
            site.menus.insert(lang, items);
        }
        Ok(site)
    }

    fn insert(&mut self, page: Page) -> Result<(), DuplicateUrl> {
        if let Some(existing) = self.pages.get(&page.url) {
            return Err(DuplicateUrl {
                url: page.url.clone(),
                first: existing.key.clone(),
                second: page.key.clone(),
            });
        }
        self.by_key
            .insert((page.lang, page.key.clone()), page.url.clone());
        self.pages.insert(page.url.clone(), page);
        Ok(())
    }

    /// The nearest section above `url`: `/en/a/b` → `/en/a/` when that exists, else `/en/`.
    fn parent_url(&self, url: &str) -> Option<String> {
        let mut rest = url.strip_suffix('/').unwrap_or(url);
        while let Some(cut) = rest.rfind('/') {
            let candidate = &url[..=cut];
            rest = &rest[..cut];
            if candidate.len() < 4 {
                // Above `/xx/`: nothing.
                break;
            }
            if self.pages.get(candidate).is_some_and(|p| p.is_section) {
                return Some(candidate.to_owned());
            }
        }
        // A language without a home page still has its top level (`/xx/`).
        let home = url.get(..4).filter(|h| *h != url && h.ends_with('/'))?;
        Some(home.to_owned())
    }

    /// A section's list of pages after its text (news: the first page of articles, and a
    /// page more for every [`NEWS_PER_PAGE`] further articles). The home page keeps its own.
    fn add_lists(&mut self) -> Result<(), DuplicateUrl> {
        let mut extra = Vec::new();
        for (url, page) in &mut self.pages {
            let count = self.children.get(url).map_or(0, Vec::len);
            if !page.is_section || *url == home_url(page.lang) || count == 0 && !page.is_news {
                continue;
            }
            if page.is_status() {
                // The status block lists its incidents.
                continue;
            }
            if !page.is_news {
                page.body.push(Block::Children);
                continue;
            }
            page.body.push(Block::NewsList(1));
            let lists = count.div_ceil(NEWS_PER_PAGE).max(1);
            for n in 2..=lists {
                let mut more = page.clone();
                let n = u32::try_from(n).unwrap_or(u32::MAX);
                more.url = format!("{url}page/{n}");
                more.key = format!("{}/page/{n}", page.key);
                more.is_section = false;
                more.in_menu = false;
                if let Some(Block::NewsList(at)) = more.body.last_mut() {
                    *at = n;
                }
                extra.push(more);
            }
        }
        for page in extra {
            let parent = page.url[..page.url.rfind("page/").unwrap_or(0)].to_owned();
            self.parents.insert(page.url.clone(), parent);
            self.insert(page)?;
        }
        Ok(())
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

    /// The menu of `lang`: top-level pages not hidden, by weight then title (a section's own
    /// pages: [`Site::children`]).
    pub fn menu(&self, lang: Lang) -> impl Iterator<Item = &Page> {
        self.menus
            .get(&lang)
            .into_iter()
            .flatten()
            .filter_map(|url| self.pages.get(url))
    }

    /// The section `page` belongs to (the home page for a top-level page).
    pub fn parent(&self, page: &Page) -> Option<&Page> {
        self.parents.get(&page.url).and_then(|u| self.pages.get(u))
    }

    /// A section's pages, in order (news: newest first).
    pub fn children(&self, page: &Page) -> impl Iterator<Item = &Page> {
        self.children
            .get(&page.url)
            .into_iter()
            .flatten()
            .filter_map(|url| self.pages.get(url))
    }

    /// The sections above `page`, the home page first (for breadcrumbs).
    pub fn ancestors(&self, page: &Page) -> Vec<&Page> {
        let mut chain = Vec::new();
        let mut at = self.parent(page);
        while let Some(section) = at {
            chain.push(section);
            at = self.parent(section);
        }
        chain.reverse();
        chain
    }

    /// The top-level section `page` is in (or is), for the section sidebar; `None` on the
    /// home page and for top-level pages that are not sections.
    pub fn top_section(&self, page: &Page) -> Option<&Page> {
        let home = home_url(page.lang);
        let mut at = self.pages.get(&page.url)?;
        loop {
            match self.parent(at) {
                Some(parent) if parent.url == home => {
                    return at.is_section.then_some(at);
                }
                Some(parent) => at = parent,
                None => return None,
            }
        }
    }

    /// Page `n` (from 1) of a news section's articles, and how many list pages there are.
    pub fn news_list(&self, section: &Page, n: u32) -> (Vec<&Page>, u32) {
        let section = self
            .parent(section)
            .filter(|_| !section.is_section)
            .unwrap_or(section);
        let all: Vec<&Page> = self.children(section).collect();
        let pages = u32::try_from(all.len().div_ceil(NEWS_PER_PAGE).max(1)).unwrap_or(1);
        let start = (n.saturating_sub(1) as usize) * NEWS_PER_PAGE;
        let items = all.into_iter().skip(start).take(NEWS_PER_PAGE).collect();
        (items, pages)
    }

    /// Every article of every news section in `lang`, newest first.
    pub fn news(&self, lang: Lang) -> Vec<&Page> {
        let mut all: Vec<&Page> = self
            .pages
            .values()
            .filter(|p| p.lang == lang && p.is_news && p.is_section)
            .flat_map(|section| self.children(section))
            .collect();
        all.sort_by(|a, b| (b.date, &a.url).cmp(&(a.date, &b.url)));
        all
    }

    /// Every page, in no particular order.
    pub fn pages(&self) -> impl Iterator<Item = &Page> {
        self.pages.values()
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
    lang.path("")
}

#[cfg(test)]
mod tests;
