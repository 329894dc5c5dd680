//! What the site tells machines: `/sitemap.xml` (every page with its language versions and
//! date), `/robots.txt` (the sitemap; account and search pages kept out), an Atom feed of
//! each language's news (`/sv/feed.xml`, `/en/feed.xml`). The API catalogue is
//! `crate::dcat`'s; the incidents' feeds are `crate::status`'s (with this [`Feed`]).

use std::fmt::Write as _;

use axum::{
    Router,
    extract::State,
    response::{IntoResponse, Response},
    routing::get,
};
use domain::{
    lang::Lang,
    search::{feed_url, search_url},
    site::{Page, Site},
};
use http::header;

use crate::{
    published::Content,
    state::{AppState, SiteOrigin},
};

/// The routes.
pub fn routes() -> Router<AppState> {
    let mut router = Router::new()
        .route("/sitemap.xml", get(sitemap))
        .route("/robots.txt", get(robots));
    for lang in Lang::ALL {
        router = router.route(&feed_url(lang), get(move |s, c| feed(s, c, lang)));
    }
    router
}

/// XML text: `&`, `<`, `>`, `"` and `'` escaped.
pub fn xml(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            // Characters XML 1.0 does not allow.
            c if (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r') => {}
            c => out.push(c),
        }
    }
    out
}

/// A machine-readable answer, cached for five minutes.
pub(crate) fn answer(content_type: &'static str, body: String) -> Response {
    (
        [
            (header::CONTENT_TYPE, content_type),
            (header::CACHE_CONTROL, "public, max-age=300"),
        ],
        body,
    )
        .into_response()
}

/// `/sitemap.xml`
pub async fn sitemap(State(content): State<Content>, State(origin): State<SiteOrigin>) -> Response {
    let site = content.site();
    let mut pages: Vec<&Page> = site.pages().collect();
    pages.sort_by(|a, b| a.url.cmp(&b.url));
    let base = &origin.0;
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">\n",
    );
    for page in pages {
        let _ = write!(
            out,
            "<url><loc>{}</loc>",
            xml(&format!("{base}{}", page.url))
        );
        if let Some(date) = page.updated {
            let _ = write!(out, "<lastmod>{date}</lastmod>");
        }
        for lang in Lang::ALL {
            if let Some(version) = site.translation(page, lang) {
                let _ = write!(
                    out,
                    "<xhtml:link rel=\"alternate\" hreflang=\"{}\" href=\"{}\"/>",
                    lang.code(),
                    xml(&format!("{base}{}", version.url))
                );
            }
        }
        out.push_str("</url>\n");
    }
    out.push_str("</urlset>\n");
    answer("application/xml; charset=utf-8", out)
}

/// The paths crawlers are asked to leave alone: the account pages, the one-time links' pages,
/// search results and the server functions.
pub fn disallowed() -> Vec<String> {
    let mut paths = vec!["/api/".to_owned(), "/logos/".to_owned()];
    for lang in Lang::ALL {
        for rest in [
            "account", "login", "register", "forgot", "reset", "verify", "logout",
        ] {
            paths.push(lang.path(rest));
        }
        paths.push(search_url(lang).to_owned());
    }
    paths
}

/// `/robots.txt`
pub async fn robots(State(origin): State<SiteOrigin>) -> Response {
    let mut out = String::from("User-agent: *\n");
    for path in disallowed() {
        let _ = writeln!(out, "Disallow: {path}");
    }
    let _ = writeln!(out, "\nSitemap: {}/sitemap.xml", origin.0);
    answer("text/plain; charset=utf-8", out)
}

/// `/<lang>/feed.xml`: the language's news, newest first (at most 50).
async fn feed(
    State(content): State<Content>,
    State(origin): State<SiteOrigin>,
    lang: Lang,
) -> Response {
    let site = content.site();
    answer(
        "application/atom+xml; charset=utf-8",
        atom(&site, &origin.0, lang),
    )
}

fn rfc3339(date: domain::date::PageDate) -> String {
    format!("{date}T00:00:00Z")
}

/// The Atom document of a language's news.
pub fn atom(site: &Site, base: &str, lang: Lang) -> String {
    let articles = site.news(lang);
    let section = articles.first().and_then(|a| site.parent(a));
    let home = format!("{base}/{}/", lang.code());
    let alternate = section.map_or(home.clone(), |s| format!("{base}{}", s.url));
    let name = site
        .by_key(lang, "_index")
        .map_or_else(String::new, |p| p.title.clone());
    let title = match section {
        Some(s) => format!("{name} – {}", s.title),
        None => name.clone(),
    };
    Feed {
        lang,
        title,
        alternate,
        me: format!("{base}{}", feed_url(lang)),
        author: name,
        base,
    }
    .atom(&articles)
}

/// An Atom feed's own parts; its entries are pages.
pub struct Feed<'a> {
    /// Its language.
    pub lang: Lang,
    /// Its title.
    pub title: String,
    /// The page it follows (also its id).
    pub alternate: String,
    /// Its own URL.
    pub me: String,
    /// Who writes it.
    pub author: String,
    /// The site's origin, before each page's path.
    pub base: &'a str,
}

impl Feed<'_> {
    /// The Atom document with `pages` as entries (at most 50, in the order given).
    pub fn atom(&self, pages: &[&Page]) -> String {
        let updated = pages
            .iter()
            .filter_map(|a| a.updated)
            .max()
            .map_or_else(|| "1970-01-01T00:00:00Z".to_owned(), rfc3339);
        let mut out = String::new();
        let _ = write!(
            out,
            "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{code}\">\n<title>{title}</title>\n<id>{alternate}</id>\n<link rel=\"self\" href=\"{me}\"/>\n<link rel=\"alternate\" type=\"text/html\" href=\"{alternate}\"/>\n<updated>{updated}</updated>\n<author><name>{author}</name></author>\n",
            code = self.lang.code(),
            title = xml(&self.title),
            alternate = xml(&self.alternate),
            me = xml(&self.me),
            author = xml(&self.author),
        );
        for article in pages.iter().take(50) {
            let url = xml(&format!("{}{}", self.base, article.url));
            let published = article.date.map(rfc3339);
            let updated = article.updated.map_or_else(|| updated.clone(), rfc3339);
            let _ = write!(
                out,
                "<entry>\n<title>{}</title>\n<id>{url}</id>\n<link rel=\"alternate\" type=\"text/html\" href=\"{url}\"/>\n<updated>{updated}</updated>\n",
                xml(&article.title)
            );
            if let Some(published) = published {
                let _ = writeln!(out, "<published>{published}</published>");
            }
            if let Some(summary) = &article.description {
                let _ = writeln!(out, "<summary>{}</summary>", xml(summary));
            }
            out.push_str("</entry>\n");
        }
        out.push_str("</feed>\n");
        out
    }
}
