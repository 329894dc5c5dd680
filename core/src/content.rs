//! Loads the content folder once at start-up: one folder per language, one markdown page per
//! file, every page rendered to HTML before the first request.

use std::{
    collections::HashMap,
    fmt,
    path::{Path, PathBuf},
};

use domain::{
    front_matter::FrontMatter,
    lang::Lang,
    site::{Block, COOKIE_POLICY_KEY, Page, Site, TocEntry},
};

use crate::markdown;

/// Everything wrong with a content folder, one line per file, so an editor can fix them all
/// in one pass.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContentError {
    /// `(file, what is wrong)`.
    pub problems: Vec<(PathBuf, String)>,
}

impl fmt::Display for ContentError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "the content has {} problem(s):", self.problems.len())?;
        for (path, problem) in &self.problems {
            writeln!(f, "  {}: {problem}", path.display())?;
        }
        Ok(())
    }
}

impl std::error::Error for ContentError {}

/// Reads and renders every page under `dir` (`dir/sv/…`, `dir/en/…`). Drafts are skipped.
pub fn load(dir: &Path) -> Result<Site, ContentError> {
    let mut problems = Vec::new();
    let mut pages = Vec::new();
    match std::fs::read_dir(dir) {
        Err(e) => problems.push((
            dir.to_owned(),
            format!("cannot read the content folder: {e}"),
        )),
        Ok(entries) => {
            for entry in entries.flatten() {
                let path = entry.path();
                let name = entry.file_name().to_string_lossy().into_owned();
                if !path.is_dir() {
                    continue;
                }
                match Lang::from_code(&name) {
                    Some(lang) => load_language(&path, lang, &mut pages, &mut problems),
                    None if name.starts_with('.') => {}
                    // The API pages' OpenAPI files, read through the pages that name them.
                    None if name == OPENAPI_DIR => {}
                    None => problems.push((
                        path,
                        "not a language folder of this site (expected `sv` or `en`)".into(),
                    )),
                }
            }
        }
    }
    if problems.is_empty() {
        match Site::new(pages) {
            Ok(site) if site.is_empty() => {
                problems.push((dir.to_owned(), "no pages found".into()));
            }
            Ok(site) => return Ok(site),
            Err(e) => problems.push((dir.to_owned(), e.to_string())),
        }
    }
    problems.sort();
    Err(ContentError { problems })
}

fn load_language(
    root: &Path,
    lang: Lang,
    pages: &mut Vec<Page>,
    problems: &mut Vec<(PathBuf, String)>,
) {
    let mut loaded = Vec::new();
    let mut stack = vec![root.to_owned()];
    while let Some(dir) = stack.pop() {
        let entries = match std::fs::read_dir(&dir) {
            Ok(entries) => entries,
            Err(e) => {
                problems.push((dir, format!("cannot read folder: {e}")));
                continue;
            }
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "md") {
                match load_page(root, &path, lang) {
                    Ok(Some(page)) => loaded.push(page),
                    Ok(None) => {}
                    Err(problem) => problems.push((path, problem)),
                }
            }
        }
    }
    // A section's `slug` renames its folder in every URL below it.
    let folders: HashMap<String, String> = loaded
        .iter()
        .filter_map(|(page, segments, slug)| {
            let folder = segments[..segments.len() - 1].join("/");
            (page.is_section && !folder.is_empty()).then(|| (folder, slug.clone()))
        })
        .filter_map(|(folder, slug)| slug.map(|s| (folder, s)))
        .collect();
    for (mut page, segments, slug) in loaded {
        page.url = page_url(lang, &segments, slug.as_deref(), &folders);
        pages.push(page);
    }
}

/// A page as read, before its URL is known: its file path's segments and its `slug`.
type Loaded = (Page, Vec<String>, Option<String>);

/// The folder of `content/` that holds the OpenAPI files.
pub const OPENAPI_DIR: &str = "openapi";

/// The OpenAPI file `file` names, from `content/openapi/` (beside the language folder
/// `root`); the error names the file.
fn load_openapi(root: &Path, file: &str) -> Result<domain::openapi::ApiReference, String> {
    let plain = !file.is_empty()
        && file
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
        && !file.starts_with('.');
    if !plain {
        return Err(format!(
            "front matter: `openapi` {file:?} must be a file name in content/{OPENAPI_DIR}/"
        ));
    }
    let path = root.parent().unwrap_or(root).join(OPENAPI_DIR).join(file);
    crate::openapi::load(&path).map_err(|e| format!("{}: {e}", path.display()))
}

/// One page; `Ok(None)` for a draft.
fn load_page(root: &Path, path: &Path, lang: Lang) -> Result<Option<Loaded>, String> {
    let bytes = std::fs::read(path).map_err(|e| format!("cannot read: {e}"))?;
    let text = String::from_utf8(bytes).map_err(|_| "not valid UTF-8 text".to_owned())?;
    let (fm, body) = FrontMatter::split(&text).map_err(|e| e.to_string())?;
    if fm.draft {
        return Ok(None);
    }
    let relative = path
        .strip_prefix(root)
        .map_err(|_| "outside its language folder".to_owned())?
        .with_extension("");
    let segments: Vec<String> = relative
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    for segment in &segments {
        let ok = !segment.is_empty()
            && segment
                .chars()
                .all(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | '.'));
        if !ok {
            return Err(format!(
                "the path segment {segment:?} may only hold letters, digits, `-`, `_` and `.`"
            ));
        }
    }
    let key = segments.join("/");
    let is_section = segments.last().is_some_and(|s| s == "_index");
    if (fm.news || fm.status) && !is_section {
        return Err("`type: news` and `type: status` belong on a section's `_index.md`".into());
    }
    if let Some(url) = &fm.health {
        let ok = (url.starts_with("https://") || url.starts_with("http://"))
            && url.len() > "https://".len()
            && !url.contains(|c: char| c.is_whitespace() || c.is_control());
        if !ok {
            return Err(format!(
                "front matter: `health` {url:?} must be an http:// or https:// URL"
            ));
        }
    }
    let mut rendered = markdown::render(body);
    if let Some(file) = &fm.openapi {
        let reference = load_openapi(root, file)?;
        // The reference and each operation are headings of the page: in its contents and in
        // the site search (so `/search` typed in the header finds it).
        rendered.toc.push(TocEntry {
            level: 2,
            id: "api-reference".into(),
            text: reference.title.clone(),
        });
        for op in reference.operations() {
            let text = if op.summary.is_empty() {
                format!("{} {}", op.method, op.path)
            } else {
                format!("{} {}: {}", op.method, op.path, op.summary)
            };
            rendered.toc.push(TocEntry {
                level: 3,
                id: op.anchor.clone(),
                text,
            });
        }
        rendered.body.push(Block::ApiReference(Box::new(reference)));
    }
    if fm.status {
        rendered.body.push(Block::ApiStatus);
    }
    // The policy lists the declared cookies even when its text (like the seed, which must stay
    // as written) has no `{{< cookie-table >}}`: then the table follows the text.
    if key == COOKIE_POLICY_KEY && !rendered.body.contains(&Block::CookieTable) {
        rendered.body.push(Block::CookieTable);
    }
    let page = Page {
        lang,
        key,
        url: String::new(),
        updated: fm.updated(),
        date: fm.date,
        weight: fm.weight,
        in_menu: !fm.toc_hide,
        headings: rendered.toc.iter().map(|e| e.text.clone()).collect(),
        toc: if fm.disable_toc {
            Vec::new()
        } else {
            rendered.toc
        },
        body: rendered.body,
        description: fm
            .description
            .filter(|d| !d.trim().is_empty())
            .or(rendered.summary),
        title: fm.title,
        is_section,
        is_news: fm.news,
        health: fm.health,
    };
    Ok(Some((page, segments, fm.slug)))
}

/// `_index` is its folder's page (served with a trailing slash); a `slug` replaces the last
/// segment of any other page, and a section's slug (`folders`: folder path → slug) its folder
/// in every URL below it.
fn page_url(
    lang: Lang,
    segments: &[String],
    slug: Option<&str>,
    folders: &HashMap<String, String>,
) -> String {
    let mut url = lang.path("");
    let (last, parents) = segments
        .split_last()
        .expect("a file path has a last segment");
    for (i, parent) in parents.iter().enumerate() {
        let folder = parents[..=i].join("/");
        url.push_str(folders.get(&folder).map_or(parent.as_str(), String::as_str));
        url.push('/');
    }
    if last != "_index" {
        url.push_str(slug.unwrap_or(last));
    }
    url
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(dir: &Path, rel: &str, text: &str) {
        let path = dir.join(rel);
        std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
        std::fs::write(path, text).expect("write");
    }

    #[test]
    fn maps_files_to_urls() {
        let tmp = tempfile::tempdir().expect("tempdir");
        let d = tmp.path();
        write(d, "en/_index.md", "---\ntitle: Home\n---\nHi");
        write(d, "en/cookie-policy.md", "---\ntitle: Cookies\n---\nText");
        write(d, "en/docs/_index.md", "---\ntitle: Docs\n---\n");
        write(d, "en/docs/api.md", "---\ntitle: API\nslug: the-api\n---\n");
        write(d, "en/wip.md", "---\ntitle: WIP\ndraft: true\n---\n");
        write(d, "sv/cookie-policy.md", "---\ntitle: Kakor\n---\n");
        write(d, "en/notes.txt", "ignored");
        let site = load(d).expect("loads");
        for url in [
            "/en/",
            "/en/cookie-policy",
            "/en/docs/",
            "/en/docs/the-api",
            "/sv/cookie-policy",
        ] {
            assert!(site.page(url).is_some(), "{url} missing");
        }
        assert!(site.page("/en/wip").is_none(), "drafts are not published");
        assert_eq!(site.len(), 5);
        let en = site.page("/en/cookie-policy").expect("page");
        assert_eq!(
            site.translation(en, Lang::Sv).map(|p| p.title.as_str()),
            Some("Kakor")
        );
    }

    #[test]
    fn an_api_page_gets_its_reference_and_a_broken_spec_is_named() {
        let tmp = tempfile::tempdir().expect("tempdir");
        let d = tmp.path();
        write(
            d,
            "en/apis/demo.md",
            "---\ntitle: Demo\nopenapi: demo.json\n---\nText.",
        );
        write(
            d,
            "openapi/demo.json",
            r#"{"openapi": "3.1.0", "info": {"title": "Demo", "version": "1"},
                "paths": {"/things": {"get": {"operationId": "listThings", "summary": "List",
                "responses": {"200": {"description": "The things."}}}}}}"#,
        );
        let site = load(d).expect("valid");
        let page = site.page("/en/apis/demo").expect("page");
        assert!(
            page.body
                .iter()
                .any(|b| matches!(b, Block::ApiReference(api) if api.title == "Demo"))
        );
        assert!(page.toc.iter().any(|e| e.id == "op-listthings"));
        assert!(page.headings.iter().any(|h| h == "GET /things: List"));

        write(
            d,
            "openapi/demo.json",
            r#"{"openapi": "3.1.0", "paths": {}}"#,
        );
        write(
            d,
            "en/apis/other.md",
            "---\ntitle: Other\nopenapi: ../secret\n---\n",
        );
        let problems = load(d).expect_err("broken").problems;
        let text: Vec<String> = problems
            .iter()
            .map(|(path, why)| format!("{}: {why}", path.display()))
            .collect();
        assert_eq!(problems.len(), 2, "{text:?}");
        assert!(
            text.iter()
                .any(|t| t.contains("openapi/demo.json") && t.contains("not a valid OpenAPI")),
            "{text:?}"
        );
        assert!(
            text.iter().any(|t| t.contains("must be a file name")),
            "{text:?}"
        );
    }

    #[test]
    fn the_policy_always_lists_the_cookies_once() {
        let tmp = tempfile::tempdir().expect("tempdir");
        let d = tmp.path();
        write(
            d,
            "en/cookie-policy.md",
            "---\ntitle: Cookies\n---\nText   ",
        );
        write(
            d,
            "sv/cookie-policy.md",
            "---\ntitle: Kakor\n---\n{{< cookie-table >}}\n\nMer text",
        );
        write(d, "en/other.md", "---\ntitle: Other\n---\nNo table");
        let site = load(d).expect("loads");
        let tables = |url: &str| {
            let page = site.page(url).expect(url);
            let at: Vec<usize> = page
                .body
                .iter()
                .enumerate()
                .filter(|(_, b)| **b == Block::CookieTable)
                .map(|(i, _)| i)
                .collect();
            (at, page.body.len())
        };
        assert_eq!(
            tables("/en/cookie-policy"),
            (vec![1], 2),
            "appended after the text"
        );
        assert_eq!(
            tables("/sv/cookie-policy"),
            (vec![0], 2),
            "where the author put it"
        );
        assert_eq!(tables("/en/other"), (vec![], 1));
    }

    #[test]
    fn names_every_broken_file() {
        let tmp = tempfile::tempdir().expect("tempdir");
        let d = tmp.path();
        write(d, "en/good.md", "---\ntitle: Good\n---\n");
        write(d, "en/bad.md", "---\ntitle: [\n---\n");
        write(d, "sv/nodate.md", "---\ntitle: x\ndate: soon\n---\n");
        write(d, "de/x.md", "---\ntitle: x\n---\n");
        let err = load(d).expect_err("broken");
        let text = err.to_string();
        assert_eq!(err.problems.len(), 3, "{text}");
        assert!(text.contains("bad.md: front matter:"), "{text}");
        assert!(text.contains("nodate.md: front matter: date"), "{text}");
        assert!(text.contains("de: not a language folder"), "{text}");
    }

    #[test]
    fn refuses_a_missing_folder_and_clashing_urls() {
        assert!(load(Path::new("/nonexistent/content")).is_err());
        let tmp = tempfile::tempdir().expect("tempdir");
        write(tmp.path(), "en/a.md", "---\ntitle: A\n---\n");
        write(tmp.path(), "en/b.md", "---\ntitle: B\nslug: a\n---\n");
        let err = load(tmp.path()).expect_err("clash").to_string();
        assert!(err.contains("two pages would be served at /en/a"), "{err}");
    }
}
