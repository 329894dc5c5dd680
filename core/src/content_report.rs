//! What the content needs fixing, for the console: pages that exist in one language only, and
//! internal links that lead nowhere.

use domain::site::{Block, Site};

/// The report.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ContentReport {
    /// Pages without a translation: (url, title).
    pub one_language: Vec<(String, String)>,
    /// Links to a path of this site that no page or route serves: (page url, link).
    pub broken_links: Vec<(String, String)>,
}

/// The internal links of a page's text: `href` values that start with one `/`, without their
/// query or fragment.
pub fn internal_links(body: &[Block]) -> Vec<String> {
    let mut links = Vec::new();
    for block in body {
        let Block::Html(html) = block else { continue };
        let mut rest = html.as_str();
        while let Some(at) = rest.find("href=\"") {
            rest = &rest[at + 6..];
            let Some(end) = rest.find('"') else { break };
            let href = &rest[..end];
            rest = &rest[end..];
            if href.starts_with('/') && !href.starts_with("//") {
                let path = href.split(['#', '?']).next().unwrap_or_default();
                links.push(path.replace("&amp;", "&"));
            }
        }
    }
    links
}

/// The report on `site`: `served` says whether a path outside the content pages is served
/// (the account pages, search, feeds, static files).
pub fn report(site: &Site, served: impl Fn(&str) -> bool) -> ContentReport {
    let mut report = ContentReport::default();
    for page in site.pages() {
        if site.translation(page, page.lang.other()).is_none() {
            report
                .one_language
                .push((page.url.clone(), page.title.clone()));
        }
        for link in internal_links(&page.body) {
            let known = site.page(&link).is_some() || site.canonical(&link).is_some();
            if !known && !served(&link) {
                report.broken_links.push((page.url.clone(), link));
            }
        }
    }
    report.one_language.sort();
    report.broken_links.sort();
    report.broken_links.dedup();
    report
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_are_the_paths_of_this_site_only() {
        let body = [Block::Html(
            "<p><a href=\"/sv/om#team\">a</a> <a href=\"https://x.example/\">b</a> \
             <a href=\"//cdn.example/x\">c</a> <a href=\"/sv/sok?q=a&amp;b\">d</a> \
             <a href=\"#top\">e</a></p>"
                .into(),
        )];
        assert_eq!(internal_links(&body), ["/sv/om", "/sv/sok"]);
    }
}
