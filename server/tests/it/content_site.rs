//! The content side: nested sections (menu, sidebar, breadcrumbs, section lists), news with
//! pagination and Atom feeds (read by a real feed parser), the sitemap and robots.txt, search,
//! and reloading the content on SIGHUP.

use std::{process::Command, time::Duration};

use crate::{
    common::{Browser, PASSWORD, TestApp, content_dir, granular},
    process::start_binary_on,
};

/// Copies the project's content into a fresh folder.
pub(crate) fn content_copy() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("dir");
    let status = Command::new("cp")
        .arg("-r")
        .arg(content_dir().join("sv"))
        .arg(content_dir().join("en"))
        .arg(content_dir().join("openapi"))
        .arg(dir.path())
        .status()
        .expect("cp");
    assert!(status.success());
    dir
}

/// Runs Python's feedparser (from PyPI) on `xml`; answers its JSON summary.
pub(crate) fn feedparser(xml: &str) -> serde_json::Value {
    // The test venv's Python (scripts/bootstrap.sh installs feedparser there), else python3.
    let venv = std::env::var("HOME").map(|h| format!("{h}/.cache/portal-moto/bin/python"));
    let python = std::env::var("PORTAL_PYTHON")
        .ok()
        .or_else(|| venv.ok().filter(|p| std::path::Path::new(p).exists()))
        .unwrap_or_else(|| "python3".into());
    let script = r#"
import json, sys, feedparser
d = feedparser.parse(sys.stdin.read())
print(json.dumps({
  "bozo": bool(d.bozo), "version": d.version, "title": d.feed.get("title"),
  "language": d.feed.get("language"),
  "links": [l.get("href") for l in d.feed.get("links", [])],
  "entries": [{"title": e.title, "link": e.link, "id": e.id,
               "published": e.get("published"), "summary": e.get("summary")} for e in d.entries],
}))
"#;
    let mut child = Command::new(&python)
        .args(["-c", script])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("the feed test needs {python} with feedparser: {e}"));
    use std::io::Write;
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(xml.as_bytes())
        .expect("write");
    let out = child.wait_with_output().expect("feedparser");
    assert!(
        out.status.success(),
        "feedparser failed (pip install feedparser)"
    );
    serde_json::from_slice(&out.stdout).expect("json")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sections_have_a_sidebar_breadcrumbs_and_a_list_of_their_pages() {
    let app = TestApp::spawn().await;
    let (status, section) = app.page("/en/apis/").await;
    assert_eq!(status, 200);
    // The section lists its pages by weight, with their descriptions.
    let list = &section[section.find("section-children").expect("the list")..];
    let order: Vec<usize> = [
        "JobSearch",
        "JobStream",
        "JobTech Taxonomy",
        "JobAd Enrichments",
    ]
    .iter()
    .map(|t| list.find(t).expect(t))
    .collect();
    assert!(order.windows(2).all(|w| w[0] < w[1]), "{order:?}");
    assert!(list.contains("Search and filter the job ads"));

    let (_, page) = app.page("/en/apis/jobstream").await;
    let crumbs = &page[page
        .find(r#"aria-label="Breadcrumbs""#)
        .expect("breadcrumbs")..];
    let crumbs = &crumbs[..crumbs.find("</nav>").expect("end")];
    assert!(crumbs.contains(r#"href="/en/""#) && crumbs.contains(r#"href="/en/apis/""#));
    assert!(
        crumbs.contains(r#"href="/en/apis/jobstream" aria-current="page""#),
        "{crumbs}"
    );
    let sidebar = &page[page.find(r#"class="section-nav""#).expect("sidebar")..];
    let sidebar = &sidebar[..sidebar.find("</nav>").expect("end")];
    assert!(sidebar.contains(r#"href="/en/apis/jobsearch""#));
    assert!(
        sidebar.contains(r#"href="/en/apis/jobstream" aria-current="page""#),
        "{sidebar}"
    );
    assert_eq!(sidebar.matches("aria-current").count(), 1);
    // The menu shows the section's pages one level down.
    let menu = &page[page.find(r#"id="site-nav""#).expect("menu")..];
    assert!(menu.contains(r#"class="submenu""#) && menu.contains(r#"href="/en/apis/taxonomy""#));
    // The home page has neither breadcrumbs nor a sidebar; a top-level page has breadcrumbs.
    let (_, home) = app.page("/en/").await;
    assert!(!home.contains("Breadcrumbs") && !home.contains("section-nav"));
    let (_, about) = app.page("/en/about").await;
    assert!(about.contains(r#"aria-label="Breadcrumbs""#) && !about.contains("section-nav"));
    // Swedish too, with the Swedish labels.
    let (status, sv) = app.page("/sv/apis/taxonomy").await;
    assert_eq!(status, 200);
    assert!(sv.contains(r#"aria-label="Du är här""#));
    assert!(sv.contains(r#"href="https://portal.example/en/apis/taxonomy" hreflang="en""#));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn news_is_listed_newest_first_and_fed_as_atom() {
    let app = TestApp::spawn().await;
    let (status, list) = app.page("/en/news/").await;
    assert_eq!(status, 200);
    let at = |t: &str| list.find(t).unwrap_or_else(|| panic!("{t} missing"));
    assert!(at("Webinars to get started") < at("JobAd Enrichments is open"));
    assert!(at("JobAd Enrichments is open") < at("Job ads since 2006"));
    assert!(list.contains(r#"<time datetime="2021-03-08""#));
    // Swedish news lives at /sv/nyheter/, and each article knows its translation.
    let (status, sv) = app.page("/sv/nyheter/spring-webinars").await;
    assert_eq!(status, 200);
    assert!(sv.contains("Webbinarier för att komma igång"));
    assert!(sv.contains(r#"href="https://portal.example/en/news/spring-webinars" hreflang="en""#));
    assert_eq!(app.page("/sv/news/spring-webinars").await.0, 404);
    // Every page names the feed of its language.
    assert!(list.contains(r#"<link href="/en/feed.xml" rel="alternate""#));

    for (lang, first) in [
        ("en", "Webinars to get started with the APIs"),
        ("sv", "Webbinarier för att komma igång med API:erna"),
    ] {
        let response = app.get(&format!("/{lang}/feed.xml")).await;
        assert_eq!(response.status().as_u16(), 200);
        assert!(
            response.headers()["content-type"]
                .to_str()
                .expect("type")
                .starts_with("application/atom+xml")
        );
        let feed = feedparser(&response.text().await.expect("body"));
        assert_eq!(feed["bozo"], false, "{feed}");
        assert_eq!(feed["version"], "atom10");
        assert_eq!(feed["language"], lang);
        let entries = feed["entries"].as_array().expect("entries");
        assert_eq!(entries.len(), 3);
        assert_eq!(entries[0]["title"], first);
        assert!(
            entries[0]["link"]
                .as_str()
                .expect("link")
                .starts_with(&format!("https://portal.example/{lang}/"))
        );
        assert!(
            entries[0]["published"]
                .as_str()
                .expect("date")
                .starts_with("2021-03-08")
        );
        assert!(
            !entries[0]["summary"]
                .as_str()
                .unwrap_or_default()
                .is_empty()
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_long_news_section_is_paged_ten_at_a_time() {
    let content = content_copy();
    for n in 0..23 {
        std::fs::write(
            content.path().join(format!("en/news/item-{n:02}.md")),
            format!("---\ntitle: \"Item {n:02} & more\"\ndate: 2030-01-{:02}\ndescription: \"Number {n}\"\n---\nText {n}.\n", n + 1),
        )
        .expect("write");
    }
    let dir = content.path().to_owned();
    let app = TestApp::spawn_configured(move |s| s.content_dir = dir).await;
    let (_, first) = app.page("/en/news/").await;
    assert!(first.contains("Item 22 &amp; more") && !first.contains("Item 12 "));
    assert!(first.contains(r#"href="/en/news/page/2" rel="next""#));
    assert!(!first.contains(r#"rel="prev""#));
    let (status, third) = app.page("/en/news/page/3").await;
    assert_eq!(status, 200);
    assert!(
        third.contains(r#"href="/en/news/page/2" rel="prev""#) && !third.contains(r#"rel="next""#)
    );
    assert!(third.contains("Page 3 of 3"));
    assert_eq!(app.page("/en/news/page/4").await.0, 404);
    let feed = feedparser(&app.get("/en/feed.xml").await.text().await.expect("feed"));
    assert_eq!(feed["bozo"], false);
    assert_eq!(feed["entries"][0]["title"], "Item 22 & more");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_sitemap_names_every_page_and_robots_keeps_accounts_out() {
    let app = TestApp::spawn().await;
    let response = app.get("/sitemap.xml").await;
    assert_eq!(response.status().as_u16(), 200);
    let xml = response.text().await.expect("body");
    // Well-formed XML with every page, its alternates and dates.
    let python = Command::new("python3")
        .args(["-c", "import sys, xml.etree.ElementTree as E; r = E.fromstring(sys.stdin.read()); print(len(r))"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("python3");
    use std::io::Write;
    let mut python = python;
    python
        .stdin
        .take()
        .expect("stdin")
        .write_all(xml.as_bytes())
        .expect("write");
    let out = python.wait_with_output().expect("parse");
    assert!(out.status.success(), "not well-formed: {xml}");
    let urls: usize = String::from_utf8_lossy(&out.stdout)
        .trim()
        .parse()
        .expect("count");
    assert_eq!(urls, 36, "{xml}");
    assert!(xml.contains("<loc>https://portal.example/sv/nyheter/jobad-enrichments</loc><lastmod>2020-09-14</lastmod>"));
    assert!(xml.contains(r#"<xhtml:link rel="alternate" hreflang="en" href="https://portal.example/en/news/jobad-enrichments"/>"#));
    assert!(!xml.contains("/account"));

    let robots = app.get("/robots.txt").await.text().await.expect("robots");
    for line in [
        "Disallow: /en/account",
        "Disallow: /sv/register",
        "Disallow: /api/",
        "Disallow: /sv/sok",
        "Sitemap: https://portal.example/sitemap.xml",
    ] {
        assert!(robots.contains(line), "{line}: {robots}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn search_finds_pages_news_and_companies_and_forgives_typos() {
    let app = TestApp::spawn_configured(granular).await;
    let search = |q: &'static str, lang: &'static str| {
        let app = &app;
        async move {
            let path = if lang == "sv" {
                "/sv/sok"
            } else {
                "/en/search"
            };
            let response = app.get(&format!("{path}?q={q}")).await;
            assert_eq!(response.status().as_u16(), 200);
            assert_eq!(response.headers()["cache-control"], "no-store");
            response.text().await.expect("body")
        }
    };
    let html = search("cookie+policy", "en").await;
    let first = html
        .find(r#"<ol class="search-results">"#)
        .expect("results");
    assert!(
        html[first..].find("/en/cookie-policy").expect("the policy")
            < html[first..].find("</li>").expect("first hit"),
        "the policy first"
    );
    assert!(html.contains("<mark>"), "matches marked");
    assert!(
        html.contains(r#"<meta name="robots" content="noindex">"#)
            && html.contains(r#"<meta name="description" content="Type one or more words"#),
        "kept out of search engines, and described"
    );
    // Titles rank above bodies; news is searchable; Swedish stems.
    let html = search("enrichments", "en").await;
    assert!(
        html.contains("/en/apis/jobad-enrichments") && html.contains("/en/news/jobad-enrichments")
    );
    let html = search("platsannonserna", "sv").await;
    let results = &html[html.find(r#"class="search-results""#).expect("hits")..];
    assert!(results.contains("/sv/apis/jobsearch"), "{results}");
    // One typo in a long word is forgiven; an unknown word gets a suggestion.
    let html = search("taxonomi", "en").await;
    assert!(html.contains("/en/apis/taxonomy"), "one edit");
    let html = search("txonommy", "en").await;
    assert!(html.contains("Nothing matched your search."));
    assert!(html.contains("Did you mean"));
    assert!(
        html.contains(r#"<a href="/en/search?q=taxonomy">taxonomy</a>"#),
        "{html}"
    );
    // No query: the page invites one; the wrong language's path is not a page.
    assert!(search("", "en").await.contains("Type one or more words"));
    assert_eq!(app.get("/en/sok").await.status().as_u16(), 404);
    // Input is shown escaped and cut.
    let html = search("%3Cscript%3Ealert(1)%3C/script%3E", "en").await;
    assert!(!html.contains("<script>alert") && html.contains("&lt;script&gt;"));
    let long = "word+".repeat(20);
    let long: &'static str = Box::leak(long.into_boxed_str());
    assert!(search(long, "en").await.contains("Only the first words"));

    // A published company with a confirmed address is found by its name and description.
    let mut owner = Browser::new(&app);
    owner
        .register("Zebrafish Analytics", "zebra@acme.example", PASSWORD)
        .await;
    owner
        .post(
            "/en/account",
            &[
                ("company", "Zebrafish Analytics"),
                ("description", "Dashboards of vacancies"),
                ("published", "1"),
            ],
        )
        .await;
    assert!(
        !search("zebrafish", "en")
            .await
            .contains("Zebrafish Analytics"),
        "not yet confirmed"
    );
    owner.verify_from_outbox("zebra@acme.example").await;
    let html = search("zebrafish", "en").await;
    assert!(html.contains("Zebrafish Analytics") && html.contains("Company on the showcase"));
    assert!(
        search("dashboards", "sv")
            .await
            .contains("Zebrafish Analytics")
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sighup_reloads_the_content_and_a_broken_file_keeps_the_old_version() {
    let content = content_copy();
    let data = tempfile::tempdir().expect("data");
    let server = start_binary_on(data.path(), content.path()).await;
    let client = reqwest::Client::new();
    let get = |path: &str| {
        let url = format!("{}{path}", server.base);
        let client = client.clone();
        async move {
            client
                .get(url)
                .send()
                .await
                .expect("get")
                .text()
                .await
                .expect("body")
        }
    };
    // Rendered and cached before the change.
    let before = get("/en/about").await;
    assert!(!before.contains("Reloaded about"));
    get("/en/about").await;
    let about = content.path().join("en/about.md");
    let text = std::fs::read_to_string(&about).expect("read");
    std::fs::write(
        &about,
        text.replacen("title:", "title: \"Reloaded about\"\nx_old_title:", 1),
    )
    .expect("write");
    let hup = |pid: u32| {
        let status = Command::new("kill")
            .args(["-HUP", &pid.to_string()])
            .status()
            .expect("kill");
        assert!(status.success());
    };
    hup(server.child.id());
    let mut changed = String::new();
    for _ in 0..100 {
        changed = get("/en/about").await;
        if changed.contains("Reloaded about") {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert!(
        changed.contains("<h1>Reloaded about</h1>"),
        "the page changed: {before}"
    );
    assert!(
        get("/en/search?q=reloaded").await.contains("/en/about"),
        "and the search index"
    );

    // A broken file: nothing changes, and the log names the file.
    std::fs::write(content.path().join("en/broken.md"), "---\ntitle: [\n---\n").expect("write");
    std::fs::write(
        &about,
        text.replacen("title:", "title: \"Never shown\"\nx_old_title:", 1),
    )
    .expect("write");
    hup(server.child.id());
    let mut logged = false;
    for _ in 0..100 {
        logged = server
            .lines
            .lock()
            .expect("lock")
            .iter()
            .any(|l| l.contains("content not reloaded") && l.contains("broken.md"));
        if logged {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert!(logged, "the refusal is logged with the file's name");
    let still = get("/en/about").await;
    assert!(still.contains("<h1>Reloaded about</h1>") && !still.contains("Never shown"));
}
