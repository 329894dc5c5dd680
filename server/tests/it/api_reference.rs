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
        ("/complete", "/en/apis/jobsearch#op-complete"),
        ("autocomplete", "/en/apis/taxonomy#op-autocomplete"),
        (
            "enrichtextdocuments",
            "/en/apis/jobad-enrichments#op-enrichtextdocuments",
        ),
    ] {
        let (status, html) = app
            .page(&format!("/en/search?q={}", urlencode(query)))
            .await;
        assert_eq!(status, 200);
        assert!(
            html.contains(&format!(r#"href="{page}""#)),
            "{query} finds {page}"
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn try_it_forms_go_only_to_allowed_servers_and_show_curl_without_a_script() {
    let app = TestApp::spawn().await;
    let response = app.get("/en/apis/jobsearch").await;
    let csp = response.headers()["content-security-policy"]
        .to_str()
        .expect("ascii")
        .to_owned();
    assert!(
        csp.contains(
            "connect-src 'self' https://historical.api.jobtechdev.se \
             https://jobad-enrichments-api.jobtechdev.se https://jobsearch.api.jobtechdev.se \
             https://jobstream.api.jobtechdev.se https://taxonomy.api.jobtechdev.se;"
        ),
        "{csp}"
    );
    let html = response.text().await.expect("body");
    for anchor in ["op-search", "op-getad", "op-complete"] {
        assert!(
            html.contains(&format!(
                r#"action="/en/apis/jobsearch#try-{anchor}" id="try-{anchor}""#
            )),
            "{anchor} has its form"
        );
    }
    // The key's field and "Send" wait for the island; the key's field has no name, so it is
    // never part of the form's query.
    assert!(html.contains(r#"<p hidden class="api-try-field api-try-key">"#));
    assert!(html.contains(r#"data-send="true" hidden"#));
    assert!(!html.contains(r#"name="header.api-key""#));
    assert!(
        !html.contains("<div class=\"api-try-command\">"),
        "no command before a form is sent"
    );

    // Sent without a script: the command for the values entered, in the page.
    let query = "try=op-search&server=https%3A%2F%2Fjobsearch.api.jobtechdev.se\
                 &query.q=data+%26+%27x%27&query.municipality=a1%2C+b2&query.limit=5&show=curl";
    let (status, tried) = app.page(&format!("/en/apis/jobsearch?{query}")).await;
    assert_eq!(status, 200);
    assert!(
        tried.contains(
            "curl -X GET &#x27;https://jobsearch.api.jobtechdev.se/search?q=data%20%26%20%27x%27\
             &amp;municipality=a1&amp;municipality=b2&amp;limit=5&#x27;"
        ) || tried.contains(
            "curl -X GET 'https://jobsearch.api.jobtechdev.se/search?q=data%20%26%20%27x%27\
             &amp;municipality=a1&amp;municipality=b2&amp;limit=5'"
        ),
        "the command with the values entered"
    );
    assert!(
        tried.contains(r#"value="data &amp; &#x27;x&#x27;""#)
            || tried.contains(r#"value="data &amp; 'x'""#),
        "the values stay in the form"
    );
    // Only the one form sent shows a command.
    assert_eq!(tried.matches("<div class=\"api-try-command\">").count(), 1);

    // A server the operator did not allow is never used, not even in the command.
    let (_, forged) = app
        .page("/en/apis/jobsearch?try=op-search&server=https%3A%2F%2Fevil.example&query.q=x")
        .await;
    assert!(!forged.contains("evil.example/search"), "{forged}");
    assert!(
        forged.contains("curl -X GET &#x27;https://jobsearch.api.jobtechdev.se/search?q=x")
            || forged.contains("curl -X GET 'https://jobsearch.api.jobtechdev.se/search?q=x")
    );

    // The page with a query is the sender's own: the shared copy shows no command.
    let plain = app.get("/en/apis/jobsearch").await;
    let plain = plain.text().await.expect("body");
    assert!(
        !plain.contains("<div class=\"api-try-command\">"),
        "nothing entered leaks"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn without_allowed_servers_there_is_no_form_and_no_connect_origin() {
    let app = TestApp::spawn_configured(|s| s.apis.try_servers.clear()).await;
    let response = app.get("/en/apis/jobsearch").await;
    let csp = response.headers()["content-security-policy"]
        .to_str()
        .expect("ascii")
        .to_owned();
    assert!(csp.contains("connect-src 'self';"), "{csp}");
    let html = response.text().await.expect("body");
    assert!(html.contains(r#"id="op-search""#), "the reference stays");
    assert!(!html.contains("api-try"), "no form");
}

fn urlencode(text: &str) -> String {
    form_urlencoded::byte_serialize(text.as_bytes()).collect()
}
