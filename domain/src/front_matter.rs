//! Hugo/Docsy front matter: the YAML block between `---` lines at the top of a page.

use serde::Deserialize;

use super::date::PageDate;

/// The keys this site reads. Unknown keys are ignored, as Hugo does.
#[derive(Debug, Clone, PartialEq)]
pub struct FrontMatter {
    /// Page title, used in `<title>`, the menu and the heading.
    pub title: String,
    /// Meta description.
    pub description: Option<String>,
    /// Publication date.
    pub date: Option<PageDate>,
    /// Last modification date; shown in preference to `date`.
    pub lastmod: Option<PageDate>,
    /// Menu order.
    pub weight: i64,
    /// Drafts are not published.
    pub draft: bool,
    /// Left out of the navigation menu (still published).
    pub toc_hide: bool,
    /// No table of contents on the page.
    pub disable_toc: bool,
    /// Replaces the file name in the page's URL; on a section's `_index.md`, the folder's
    /// name in the URL of the section and of every page in it.
    pub slug: Option<String>,
    /// `type: news` on a section's `_index.md` makes it a news section: its pages are
    /// articles, listed newest first and in the feed.
    pub news: bool,
    /// `openapi: jobsearch.yaml`: the API's OpenAPI file in `content/openapi/`, rendered as
    /// the page's reference after its text.
    pub openapi: Option<String>,
    /// `type: status` on a section's `_index.md` makes it the status page: the APIs' health
    /// after its text, its pages incidents, newest first (and in its own feed).
    pub status: bool,
    /// `health: https://…` on an API's page: the URL whose answer says whether the API is up
    /// (any `2xx` or `3xx` in time), checked on an interval for the status page.
    pub health: Option<String>,
}

/// The YAML as written; dates stay text until [`FrontMatter::parse`] names the bad one.
#[derive(Deserialize)]
struct Raw {
    title: String,
    #[serde(default)]
    description: Option<String>,
    #[serde(default)]
    date: Option<String>,
    #[serde(default)]
    lastmod: Option<String>,
    #[serde(default)]
    weight: i64,
    #[serde(default)]
    draft: bool,
    #[serde(default)]
    toc_hide: bool,
    #[serde(default, rename = "disableToc")]
    disable_toc: bool,
    #[serde(default)]
    slug: Option<String>,
    #[serde(default, rename = "type")]
    kind: Option<String>,
    #[serde(default)]
    openapi: Option<String>,
    #[serde(default)]
    health: Option<String>,
}

/// Why a page's front matter could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FrontMatterError {
    /// The file does not start with a `---` line.
    #[error("the file must start with a front matter block opened by a `---` line")]
    Missing,
    /// TOML front matter.
    #[error("TOML front matter (`+++`) is not supported; write it as YAML between `---` lines")]
    Toml,
    /// The block is never closed.
    #[error("the front matter opened on line 1 is never closed by a `---` line")]
    Unclosed,
    /// The YAML does not parse or has the wrong types.
    #[error("front matter: {0}")]
    Yaml(String),
    /// The title is empty.
    #[error("front matter: `title` must not be empty")]
    EmptyTitle,
    /// The slug could not be a path segment.
    #[error("front matter: `slug` {0:?} may only hold letters, digits, `-`, `_` and `.`")]
    BadSlug(String),
}

impl FrontMatter {
    /// Splits a page into its front matter and its markdown body, and reads the front matter.
    pub fn split(text: &str) -> Result<(FrontMatter, &str), FrontMatterError> {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let mut lines = text.split_inclusive('\n');
        let first = lines.next().unwrap_or_default();
        match first.trim_end() {
            "---" => {}
            "+++" => return Err(FrontMatterError::Toml),
            _ => return Err(FrontMatterError::Missing),
        }
        let mut offset = first.len();
        let yaml_start = offset;
        for line in lines {
            if line.trim_end() == "---" {
                let yaml = &text[yaml_start..offset];
                let body = &text[offset + line.len()..];
                return Ok((FrontMatter::parse(yaml)?, body));
            }
            offset += line.len();
        }
        Err(FrontMatterError::Unclosed)
    }

    fn parse(yaml: &str) -> Result<FrontMatter, FrontMatterError> {
        // An empty block is valid YAML for "nothing", which lacks the title.
        let raw: Raw = serde_yaml_ng::from_str(if yaml.trim().is_empty() { "{}" } else { yaml })
            .map_err(|e| FrontMatterError::Yaml(e.to_string()))?;
        let date = |key: &str, value: Option<String>| {
            value
                .map(|v| PageDate::parse(&v))
                .transpose()
                .map_err(|e| FrontMatterError::Yaml(format!("{key}: {e}")))
        };
        let fm = FrontMatter {
            date: date("date", raw.date)?,
            lastmod: date("lastmod", raw.lastmod)?,
            title: raw.title,
            description: raw.description,
            weight: raw.weight,
            draft: raw.draft,
            toc_hide: raw.toc_hide,
            disable_toc: raw.disable_toc,
            slug: raw.slug,
            news: raw.kind.as_deref() == Some("news"),
            openapi: raw.openapi,
            status: raw.kind.as_deref() == Some("status"),
            health: raw.health,
        };
        if fm.title.trim().is_empty() {
            return Err(FrontMatterError::EmptyTitle);
        }
        if let Some(slug) = &fm.slug {
            let ok = !slug.is_empty()
                && slug != "."
                && slug != ".."
                && slug
                    .chars()
                    .all(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | '.'));
            if !ok {
                return Err(FrontMatterError::BadSlug(slug.clone()));
            }
        }
        Ok(fm)
    }

    /// The date to show as "last updated".
    pub fn updated(&self) -> Option<PageDate> {
        self.lastmod.or(self.date)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SEED_HEAD: &str = "---\ntitle: \"Cookie Policy\"\ndisableToc: true\ndate: 2019-01-19T20:06:16+01:00\nweight: 60\ntoc_hide: true\n---\n\n\nBody text.   ";

    #[test]
    fn reads_the_seed_front_matter() {
        let (fm, body) = FrontMatter::split(SEED_HEAD).expect("valid");
        assert_eq!(fm.title, "Cookie Policy");
        assert!(fm.disable_toc && fm.toc_hide && !fm.draft);
        assert_eq!(fm.weight, 60);
        assert_eq!(
            fm.updated().map(|d| d.to_string()).as_deref(),
            Some("2019-01-19")
        );
        assert_eq!(body, "\n\nBody text.   ");
    }

    #[test]
    fn ignores_unknown_keys_and_handles_crlf_and_bom() {
        let text = "\u{feff}---\r\ntitle: T\r\nlinkTitle: x\r\nmenu: {main: {weight: 3}}\r\nlastmod: 2021-05-06\r\ndate: 2020-01-01\r\n---\r\nhi";
        let (fm, body) = FrontMatter::split(text).expect("valid");
        assert_eq!(fm.title, "T");
        assert_eq!(
            fm.updated().map(|d| d.to_string()).as_deref(),
            Some("2021-05-06")
        );
        assert_eq!(body, "hi");
    }

    #[test]
    fn explains_what_is_wrong() {
        let cases: [(&str, &str); 8] = [
            ("no front matter", "must start"),
            ("+++\ntitle = 'x'\n+++\n", "TOML"),
            ("---\ntitle: x\n", "never closed"),
            ("---\ntitle: [unclosed\n---\n", "front matter:"),
            ("---\ndescription: x\n---\n", "title"),
            ("---\ntitle: \"  \"\n---\n", "must not be empty"),
            ("---\ntitle: x\ndate: last tuesday\n---\n", "not a date"),
            ("---\ntitle: x\nslug: ../etc\n---\n", "slug"),
        ];
        for (text, expected) in cases {
            let err = FrontMatter::split(text).expect_err(text).to_string();
            assert!(err.contains(expected), "{text:?}: {err}");
        }
        let err = FrontMatter::split("---\ntitle: x\nweight: heavy\n---\n").expect_err("weight");
        assert!(err.to_string().contains("weight"), "{err}");
    }
}
