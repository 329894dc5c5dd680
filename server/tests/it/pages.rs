//! Content pages over HTTP: rendering, languages, redirects, 404s, and no cookies.

use crate::common::{TestApp, content_dir};

/// The prose of the seed policy, line by line, as a reader sees it (markdown marks removed).
fn seed_sentences() -> Vec<String> {
    let seed = std::fs::read_to_string(content_dir().join("en/cookie-policy.md")).expect("seed");
    let body = seed
        .splitn(3, "---\n")
        .nth(2)
        .expect("body after front matter");
    body.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(|l| {
            let l = l
                .trim_start_matches("### ")
                .trim_start_matches("- ")
                .trim_start_matches("1. ")
                .trim_start_matches("2. ");
            // Keep a link's text, drop its target.
            match (l.find("]("), l.find('[')) {
                (Some(close), Some(open)) => {
                    let end = l[close..]
                        .find(')')
                        .map(|i| close + i + 1)
                        .unwrap_or(l.len());
                    format!("{}{}{}", &l[..open], &l[open + 1..close], &l[end..])
                }
                _ => l.to_owned(),
            }
        })
        .collect()
}

/// The text of an HTML document: tags removed, whitespace collapsed.
fn visible_text(html: &str) -> String {
    let mut text = String::with_capacity(html.len());
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            _ if !in_tag => text.push(c),
            _ => {}
        }
    }
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The opening tag of the first element with `class`.
fn tag_with_class<'a>(html: &'a str, class: &str) -> &'a str {
    let at = html.find(&format!(r#"class="{class}""#)).expect(class);
    let start = html[..at].rfind('<').expect("tag start");
    let end = at + html[at..].find('>').expect("tag end");
    &html[start..=end]
}

/// The first element with `class`, from its opening tag to the first `end` after it.
fn element_with_class<'a>(html: &'a str, class: &str, end: &str) -> &'a str {
    let start = html.find(tag_with_class(html, class)).expect(class);
    let stop = start + html[start..].find(end).expect(end) + end.len();
    &html[start..stop]
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn english_policy_renders_the_whole_seed() {
    let app = TestApp::spawn().await;
    let (status, html) = app.page("/en/cookie-policy").await;
    assert_eq!(status, 200);
    let sentences = seed_sentences();
    assert!(sentences.len() > 20, "the seed has its prose");
    let text = visible_text(&html);
    for sentence in &sentences {
        assert!(
            text.contains(sentence.as_str()),
            "missing from the page: {sentence}"
        );
    }
    assert!(
        html.contains("<title>Cookie Policy | JobTech Development</title>"),
        "title"
    );
    assert!(html.contains(r#"<html lang="en""#), "document language");
    assert!(html.contains(r#"<h1>Cookie Policy</h1>"#));
    assert!(
        html.contains(r#"<time datetime="2019-01-19">19 January 2019</time>"#),
        "last updated"
    );
    assert!(
        html.contains(r#"<a href="http://www.pts.se" rel="noopener noreferrer">Post och Telestyrelsens website</a>"#),
        "external link"
    );
    // The seed's `###` headings, word for word, as the outline's second level under the h1.
    assert!(
        html.contains(r#"<h2 id="what-does-it-mean-that-a-website-uses-cookies">What does it mean that a website uses cookies?</h2>"#),
        "heading ids and levels"
    );
    let main = &html[html.find("<main").expect("main")..];
    let levels: Vec<u8> = main
        .match_indices("<h")
        .filter_map(|(i, _)| main[i + 2..].bytes().next())
        .filter(u8::is_ascii_digit)
        .map(|b| b - b'0')
        .collect();
    assert_eq!(levels.first(), Some(&1), "{levels:?}");
    assert!(
        levels.windows(2).all(|w| w[1] <= w[0] + 1),
        "no level skipped: {levels:?}"
    );
    assert!(
        !html.contains(r#"class="toc""#),
        "disableToc: true leaves out the table of contents"
    );
    assert!(
        html.contains(
            r#"<link href="https://portal.example/sv/cookie-policy" hreflang="sv" rel="alternate">"#
        ),
        "hreflang"
    );
    assert!(
        html.contains(r#"<link href="https://portal.example/en/cookie-policy" rel="canonical">"#),
        "canonical"
    );
    assert!(
        html.contains(r#"("/pkg", ["portal.js", "portal.wasm"], null, ["NavMenu""#)
            && html.contains("<leptos-island"),
        "the islands' loader (the full bundle only: this site has no first-visit bundle) and \
         the menu island are in the page"
    );
}

/// The policy page of a site whose build recorded `manifest` as its first-visit bundle.
async fn policy_page_with_manifest(manifest: &str) -> String {
    let site = tempfile::tempdir().expect("site");
    std::fs::write(site.path().join("first-visit.txt"), manifest).expect("manifest");
    let dir = site.path().to_owned();
    let app = TestApp::spawn_configured(move |s| s.site_dir = dir).await;
    app.get("/en/cookie-policy")
        .await
        .text()
        .await
        .expect("body")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_loader_offers_the_first_visit_bundle_the_build_recorded() {
    let html = policy_page_with_manifest(
        "js: portal-first.abc.js\nwasm: portal-first.def.wasm\nfor: portal.wasm\n",
    )
    .await;
    assert!(
        html.contains(
            r#"["portal.js", "portal.wasm"], ["portal-first.abc.js", "portal-first.def.wasm"], ["NavMenu", "ConsentDialog", "CookieSettingsLink", "FeedbackForm", "ScriptLoader"]"#
        ),
        "the loader names both bundles and the first-visit islands"
    );

    // A manifest that names a path instead of a file is not followed: the full bundle only.
    let html = policy_page_with_manifest(
        "js: ../../etc/passwd\nwasm: portal-first.def.wasm\nfor: portal.wasm\n",
    )
    .await;
    assert!(html.contains(r#"["portal.js", "portal.wasm"], null,"#));
    assert!(!html.contains("passwd"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn swedish_policy_and_language_switch() {
    let app = TestApp::spawn().await;
    let (status, html) = app.page("/sv/cookie-policy").await;
    assert_eq!(status, 200);
    assert!(html.contains("<title>Kakpolicy | JobTech Development</title>"));
    assert!(html.contains(r#"<html lang="sv""#));
    assert!(html.contains("Hälsingegatan 38, 113 99 Stockholm, är personuppgiftsansvarig"));
    assert!(html.contains(r#"<time datetime="2019-01-19">19 januari 2019</time>"#));
    assert!(
        tag_with_class(&html, "lang-switch").contains(r#"href="/en/cookie-policy""#),
        "switch to English"
    );
    let (_, en) = app.page("/en/cookie-policy").await;
    assert!(
        tag_with_class(&en, "lang-switch").contains(r#"href="/sv/cookie-policy""#),
        "switch to Swedish"
    );
    for lang in ["sv", "en"] {
        assert!(
            html.contains(&format!(r#"hreflang="{lang}" rel="alternate""#)),
            "hreflang {lang}"
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn menu_follows_weight_and_hides_toc_hide_pages() {
    let app = TestApp::spawn().await;
    let (status, html) = app.page("/en/").await;
    assert_eq!(status, 200);
    let nav = &html[html.find(r#"id="site-nav""#).expect("nav")..];
    let nav = &nav[..nav.find("</nav>").expect("nav end")];
    let started = nav
        .find(r#"href="/en/get-started""#)
        .expect("Get started in menu");
    let about = nav.find(r#"href="/en/about""#).expect("About in menu");
    assert!(started < about, "weight 10 before weight 20");
    assert!(
        !nav.contains("cookie-policy"),
        "toc_hide keeps the policy out of the menu"
    );
    let footer = &html[html.find("site-footer").expect("footer")..];
    assert!(
        footer.contains(r#"href="/en/cookie-policy""#),
        "footer links the policy"
    );
    assert!(
        !html.contains(r#"class="toc""#),
        "the home page opens with its hero, not a table of contents (disableToc)"
    );
    let (_, started) = app.page("/en/get-started").await;
    assert!(
        started.contains(r#"class="toc""#) && started.contains(r##"href="#choose-an-api""##),
        "a page with headings has a table of contents"
    );
    assert!(
        html.contains(r#"name="description" content="Open APIs, data"#),
        "meta description"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_page_names_its_publisher_and_links_the_statements_in_its_language() {
    let app = TestApp::spawn().await;
    for (path, links) in [
        (
            "/en/news/",
            [
                "/en/cookie-policy",
                "/en/accessibility",
                "/en/contact",
                "?consent=settings",
            ],
        ),
        (
            "/sv/apis/jobsearch",
            [
                "/sv/cookie-policy",
                "/sv/tillganglighet",
                "/sv/kontakt",
                "?consent=settings",
            ],
        ),
        (
            "/en/no-such-page",
            [
                "/en/cookie-policy",
                "/en/accessibility",
                "/en/contact",
                "?consent=settings",
            ],
        ),
    ] {
        let (_, html) = app.page(path).await;
        let footer = element_with_class(&html, "site-footer", "</footer>");
        assert!(
            footer.contains("202100-2114") && footer.contains("Hälsingegatan 38, 113 99 Stockholm"),
            "{path}: the publisher in the footer"
        );
        for link in links {
            assert!(footer.contains(link), "{path}: the footer links {link}");
        }
    }
    for (path, title) in [
        ("/en/accessibility", "Accessibility statement"),
        ("/sv/tillganglighet", "Tillgänglighetsredogörelse"),
        ("/en/contact", "Contact"),
        ("/sv/kontakt", "Kontakt"),
    ] {
        let (status, html) = app.page(path).await;
        assert_eq!(status, 200, "{path}");
        assert!(html.contains(&format!("<h1>{title}</h1>")), "{path}");
        assert!(
            html.contains(r#"href="mailto:jobtechdev@arbetsformedlingen.se""#),
            "{path}: how to reach the publisher"
        );
    }
    let (_, html) = app.page("/en/accessibility").await;
    assert!(
        tag_with_class(&html, "lang-switch").contains(r#"href="/sv/tillganglighet""#),
        "the statement's translation is one click away"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_home_page_opens_with_a_hero_for_each_audience_and_cards_to_the_sections() {
    let app = TestApp::spawn().await;
    for (path, get_started, showcase, apis) in [
        ("/en/", "/en/get-started", "/en/showcase", "/en/apis/"),
        ("/sv/", "/sv/get-started", "/sv/showcase", "/sv/apis/"),
    ] {
        let (_, html) = app.page(path).await;
        let hero = element_with_class(&html, "hero", "</section>");
        assert!(hero.contains("<h1>JobTech Development</h1>"), "{path}");
        assert!(
            hero.contains(&format!(r#"href="{get_started}" class="button""#))
                && hero.contains(&format!(r#"href="{showcase}" class="button secondary""#)),
            "{path}: one call to action per audience: {hero}"
        );
        let cards = element_with_class(&html, "cards", "</ul>");
        assert!(cards.contains(&format!(r#"href="{apis}""#)), "{path}");
        assert!(
            !cards.contains(&format!(r#"href="{path}""#)),
            "{path}: no card for itself"
        );
        assert_eq!(html.matches("<h1").count(), 1, "{path}: one h1");
        // The video placeholder names the video, without any request to YouTube.
        let placeholder = element_with_class(&html, "embed-placeholder", "</figure>");
        assert!(placeholder.contains(r#"class="play-icon""#), "{path}");
        assert!(
            placeholder.contains("JobTech Development"),
            "{path}: {placeholder}"
        );
    }
    let (_, about) = app.page("/en/about").await;
    assert!(
        !about.contains(r#"class="hero""#),
        "only the home page has a hero"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn root_redirects_by_accept_language() {
    let app = TestApp::spawn().await;
    let cases = [
        (None, "/sv/"),
        (Some("en-GB,en;q=0.9"), "/en/"),
        (Some("sv-SE,sv;q=0.9,en;q=0.8"), "/sv/"),
        (Some("de-DE"), "/sv/"),
        (Some("fr;q=0.9, en;q=0.5"), "/en/"),
    ];
    for (accept, target) in cases {
        let headers: Vec<(&str, &str)> =
            accept.map(|a| ("accept-language", a)).into_iter().collect();
        let response = app.get_with("/", &headers).await;
        assert!(response.status().is_redirection(), "{accept:?}");
        assert_eq!(response.headers()["location"], target, "{accept:?}");
        assert_eq!(response.headers()["vary"], "accept-language");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn trailing_slashes_are_redirected_to_the_canonical_url() {
    let app = TestApp::spawn().await;
    for (from, to) in [
        ("/en", "/en/"),
        ("/sv/cookie-policy/", "/sv/cookie-policy"),
        ("/en/about/?x=1", "/en/about?x=1"),
    ] {
        let response = app.get(from).await;
        assert_eq!(response.status().as_u16(), 308, "{from}");
        assert_eq!(response.headers()["location"], to, "{from}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn unknown_paths_get_a_real_404_page() {
    let app = TestApp::spawn().await;
    let cases = [
        ("/en/no-such-page", "Page not found", r#"lang="en""#),
        ("/sv/finns-inte", "Sidan finns inte", r#"lang="sv""#),
        ("/nothing/here", "Sidan finns inte", r#"lang="sv""#),
        ("/en/cookie-policy/extra", "Page not found", r#"lang="en""#),
        ("/en/../../etc/passwd", "Sidan finns inte", r#"lang="sv""#),
    ];
    for (path, text, lang) in cases {
        let (status, html) = app.page(path).await;
        assert_eq!(status, 404, "{path}");
        assert!(html.contains(text), "{path}: {text}");
        assert!(html.contains(lang), "{path}: {lang}");
        assert!(
            html.contains(r#"name="robots" content="noindex""#),
            "{path}"
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn no_response_sets_a_cookie() {
    let app = TestApp::spawn().await;
    for path in [
        "/",
        "/sv/",
        "/en/",
        "/en/cookie-policy",
        "/sv/cookie-policy",
        "/en/x",
        "/en",
        "/favicon.svg",
        "/pkg/portal.js",
    ] {
        let response = app.get_with(path, &[("accept-encoding", "br, gzip")]).await;
        assert!(
            response.headers().get("set-cookie").is_none(),
            "{path} set a cookie"
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pages_are_compressed_and_revalidated() {
    let app = TestApp::spawn().await;
    let plain = app.get("/en/cookie-policy").await;
    let etag = plain.headers()["etag"].to_str().expect("etag").to_owned();
    let plain_len = plain.bytes().await.expect("body").len();
    for (accept, encoding) in [("br", "br"), ("gzip", "gzip"), ("gzip, deflate, br", "br")] {
        let response = app
            .get_with("/en/cookie-policy", &[("accept-encoding", accept)])
            .await;
        assert_eq!(response.status(), 200);
        assert_eq!(response.headers()["content-encoding"], encoding, "{accept}");
        assert_eq!(
            response.headers()["vary"],
            "accept-encoding, cookie, sec-gpc"
        );
        let len = response.bytes().await.expect("body").len();
        assert!(
            len * 2 < plain_len,
            "{encoding}: {len} bytes vs {plain_len} plain"
        );
    }
    let not_modified = app
        .get_with("/en/cookie-policy", &[("if-none-match", &etag)])
        .await;
    assert_eq!(not_modified.status().as_u16(), 304);
    let security = app.get("/en/").await;
    assert_eq!(security.headers()["x-content-type-options"], "nosniff");
}
