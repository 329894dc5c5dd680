//! The API pages' references, drawn from the OpenAPI files in `content/openapi/`: every
//! operation at its anchor, in both languages, with snippets; found by the site search.

use crate::common::TestApp;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_api_page_shows_its_reference_in_the_pages_language() {
    let app = TestApp::spawn().await;
    for (path, anchors) in [
        (
            "/apis/jobsearch",
            &["op-search", "op-getad", "op-complete"][..],
        ),
        ("/apis/jobstream", &["op-snapshot", "op-stream"]),
        (
            "/apis/taxonomy",
            &["op-concepts", "op-versions", "op-autocomplete"],
        ),
        (
            "/apis/historical-ads",
            &["op-searchhistorical", "op-gethistoricalad"],
        ),
        ("/apis/jobad-enrichments", &["op-enrichtextdocuments"]),
    ] {
        for (lang, heading) in [("en", "API reference"), ("sv", "API-referens")] {
            let (status, html) = app.page(&format!("/{lang}{path}")).await;
            assert_eq!(status, 200, "{lang}{path}");
            assert!(
                html.contains(heading),
                "{lang}{path}: the chrome in the page's language"
            );
            for anchor in anchors {
                assert!(
                    html.contains(&format!(r#"id="{anchor}""#)),
                    "{lang}{path}: {anchor}"
                );
                assert!(
                    html.contains(&format!(r##"href="#{anchor}""##)),
                    "{lang}{path}: {anchor} in the page's contents"
                );
            }
            assert!(html.contains("curl -X "), "{lang}{path}: a curl snippet");
        }
    }
    // Without a script, curl is open and the others a click away.
    let (_, en) = app.page("/en/apis/jobsearch").await;
    assert!(en.contains(r#"<details open><summary>curl"#), "curl open");
    assert!(
        en.contains(r#"<details><summary>JavaScript"#),
        "JavaScript closed"
    );
    // The spec's own text stays as written, in both languages.
    let (_, sv) = app.page("/sv/apis/jobsearch").await;
    assert!(sv.contains("Free text, such as an occupation"));
    assert!(sv.contains("Skicka din API-nyckel i headern"));
    // Schemas: a reference, a nested object, an enum, a variant list.
    let (_, taxonomy) = app.page("/en/apis/taxonomy").await;
    assert!(
        taxonomy.contains("occupation-name, ssyk-level-4"),
        "enum values"
    );
    let (_, enrich) = app.page("/en/apis/jobad-enrichments").await;
    assert!(enrich.contains("one of"), "oneOf");
    assert!(
        enrich.contains("array of Candidate"),
        "an array of a referenced schema"
    );
    assert!(
        enrich.contains("--data"),
        "the request body's example in the curl snippet"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_operations_path_typed_in_the_search_finds_its_page() {
    let app = TestApp::spawn().await;
    for (query, page) in [
        ("/complete", "/en/apis/jobsearch"),
        ("autocomplete", "/en/apis/taxonomy"),
        ("enrichtextdocuments", "/en/apis/jobad-enrichments"),
    ] {
        let (status, html) = app
            .page(&format!("/en/search?q={}", urlencode(query)))
            .await;
        assert_eq!(status, 200);
        assert!(
            html.contains(&format!(r#"href="{page}"#)),
            "{query} finds {page}"
        );
    }
}

fn urlencode(text: &str) -> String {
    form_urlencoded::byte_serialize(text.as_bytes()).collect()
}
