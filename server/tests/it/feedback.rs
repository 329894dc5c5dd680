//! "Was this page helpful?": the plain form and the island's server function keep the same
//! answers under the same rules (a real page, yes or no, a short comment without addresses or
//! numbers, a limit per client), nothing about the visitor is stored, and analysts read the
//! totals in the console.

use domain::operator::Role;

use crate::{
    common::{Browser, TestApp, count, location},
    console::{console_app_with, operator},
};

const ORIGIN: &str = "https://portal.example";

async fn rows(app: &TestApp) -> Vec<(String, String, i64, String)> {
    let db = app.db().await;
    let sql = "SELECT page, lang, helpful, comment FROM page_feedback ORDER BY id";
    match db.pool() {
        server::db::Pool::Sqlite(p) => sqlx::query_as(sql).fetch_all(p).await,
        server::db::Pool::Postgres(p) => sqlx::query_as(sql).fetch_all(p).await,
    }
    .expect("rows")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn both_ways_keep_the_same_answer_and_nothing_about_the_visitor() {
    let app = TestApp::spawn().await;
    // The form is under every page but the home pages, and not before the page's text.
    let (_, page) = app.page("/en/apis/jobsearch").await;
    assert!(page.contains(r#"<form method="post" action="/feedback" data-api="/api/feedback""#));
    assert!(page.contains(r#"<input type="hidden" name="page" value="/en/apis/jobsearch">"#));
    let (_, home) = app.page("/en/").await;
    assert!(!home.contains("page-feedback"));

    // Without JavaScript: back to the page, which thanks.
    let mut browser = Browser::new(&app);
    let response = browser
        .post(
            "/feedback",
            &[
                ("page", "/en/apis/jobsearch"),
                ("helpful", "no"),
                (
                    "comment",
                    "The limit is unclear. Write to anna@example.se or 070-123 45 67.",
                ),
            ],
        )
        .await;
    assert_eq!(response.status(), 303);
    let to = location(&response);
    assert_eq!(to, "/en/apis/jobsearch?feedback=thanks#page-feedback");
    let (_, thanked) = app.page(to.split('#').next().expect("path")).await;
    assert!(thanked.contains(r#"<p role="status" class="feedback-thanks">Thank you"#));
    // The shared copy does not thank the next visitor.
    let (_, next) = app.page("/en/apis/jobsearch").await;
    assert!(next.contains(r#"<p role="status" hidden class="feedback-thanks">"#));

    // With JavaScript: the server function, the form's own fields.
    let response = app
        .client
        .post(format!("{}/api/feedback", app.base))
        .header("origin", ORIGIN)
        .header("sec-fetch-site", "same-origin")
        .header("accept", "application/json")
        .form(&[("page", "/sv/status/"), ("helpful", "yes"), ("comment", "")])
        .send()
        .await
        .expect("call");
    assert_eq!(response.status(), 200);

    assert_eq!(
        rows(&app).await,
        [
            (
                "/en/apis/jobsearch".to_owned(),
                "en".to_owned(),
                0,
                "The limit is unclear. Write to […] or […].".to_owned()
            ),
            ("/sv/status/".to_owned(), "sv".to_owned(), 1, String::new()),
        ]
    );
    // Nothing names the visitor: no address, no cookie, no session among the columns.
    let db = app.db().await;
    let columns: Vec<String> = match db.pool() {
        server::db::Pool::Sqlite(p) => sqlx::query_as::<_, (String,)>(
            "SELECT name FROM pragma_table_info('page_feedback') ORDER BY cid",
        )
        .fetch_all(p)
        .await
        .expect("columns")
        .into_iter()
        .map(|(c,)| c)
        .collect(),
        server::db::Pool::Postgres(p) => sqlx::query_as::<_, (String,)>(
            "SELECT column_name::text FROM information_schema.columns
             WHERE table_name = 'page_feedback' ORDER BY ordinal_position",
        )
        .fetch_all(p)
        .await
        .expect("columns")
        .into_iter()
        .map(|(c,)| c)
        .collect(),
    };
    assert_eq!(columns, ["id", "page", "lang", "day", "helpful", "comment"]);
    assert!(
        response_sets_no_cookie(&app).await,
        "an answer sets no cookie"
    );
}

async fn response_sets_no_cookie(app: &TestApp) -> bool {
    let response = Browser::new(app)
        .post("/feedback", &[("page", "/en/contact"), ("helpful", "yes")])
        .await;
    response.status() == 303 && response.headers().get("set-cookie").is_none()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bad_answers_change_nothing() {
    let app = TestApp::spawn().await;
    let call = |fields: Vec<(&'static str, String)>| {
        let app = &app;
        async move {
            app.client
                .post(format!("{}/api/feedback", app.base))
                .header("origin", ORIGIN)
                .header("sec-fetch-site", "same-origin")
                .form(&fields)
                .send()
                .await
                .expect("call")
                .status()
                .as_u16()
        }
    };
    let page = || ("page", "/en/contact".to_owned());
    assert_eq!(
        call(vec![("page", "/en/nope".into()), ("helpful", "yes".into())]).await,
        400
    );
    assert_eq!(call(vec![page(), ("helpful", "maybe".into())]).await, 422);
    assert_eq!(call(vec![page()]).await, 422);
    assert_eq!(
        call(vec![
            page(),
            ("helpful", "no".into()),
            ("comment", "x".repeat(501))
        ])
        .await,
        422
    );
    let mut browser = Browser::new(&app);
    let plain = browser
        .post(
            "/feedback",
            &[("page", "/en/contact"), ("helpful", "maybe")],
        )
        .await;
    assert_eq!(
        location(&plain),
        "/en/contact?feedback=invalid#page-feedback"
    );
    let unknown = browser
        .post(
            "/feedback",
            &[("page", "https://evil.example/"), ("helpful", "yes")],
        )
        .await;
    assert_eq!(unknown.status(), 400);
    // From another site: refused before it is read.
    let forged = browser
        .post_with(
            "/feedback",
            &[("page", "/en/contact"), ("helpful", "yes")],
            &[("origin", "https://evil.example")],
        )
        .await;
    assert_eq!(forged.status(), 403);
    assert!(rows(&app).await.is_empty(), "nothing was kept");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn one_client_is_limited_and_others_are_not() {
    let app = TestApp::spawn_configured(|s| s.trusted_proxies = vec!["127.0.0.1".into()]).await;
    let answer = |client: &'static str| {
        let app = &app;
        async move {
            Browser::behind_proxy(app, client)
                .post("/feedback", &[("page", "/en/contact"), ("helpful", "yes")])
                .await
        }
    };
    for _ in 0..domain::feedback::PER_CLIENT_PER_HOUR {
        assert!(location(&answer("203.0.113.9").await).contains("feedback=thanks"));
    }
    assert!(location(&answer("203.0.113.9").await).contains("feedback=limited"));
    let limited = app
        .client
        .post(format!("{}/api/feedback", app.base))
        .header("origin", ORIGIN)
        .header("sec-fetch-site", "same-origin")
        .header("x-forwarded-for", "203.0.113.9")
        .form(&[("page", "/en/contact"), ("helpful", "yes")])
        .send()
        .await
        .expect("call");
    assert_eq!(limited.status(), 429);
    assert!(limited.headers().contains_key("retry-after"));
    // Another network answers freely.
    assert!(location(&answer("198.51.100.7").await).contains("feedback=thanks"));
    assert_eq!(
        count(&app, "SELECT COUNT(*) FROM page_feedback").await,
        i64::from(domain::feedback::PER_CLIENT_PER_HOUR) + 1
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn analysts_read_the_totals_and_comments_in_the_console() {
    let (app, clock) = console_app_with(|_| {}).await;
    let mut visitor = Browser::new(&app);
    for (helpful, comment) in [("yes", ""), ("yes", ""), ("no", "More examples, please.")] {
        visitor
            .post(
                "/feedback",
                &[
                    ("page", "/en/apis/taxonomy"),
                    ("helpful", helpful),
                    ("comment", comment),
                ],
            )
            .await;
    }
    let (mut analyst, _) = operator(&app, &clock, "analyst@agency.example", Role::Analyst).await;
    let page = analyst.get("/admin/feedback").await;
    assert_eq!(page.status(), 200);
    let html = page.text().await.expect("html");
    assert!(html.contains(r#"<a href="/en/apis/taxonomy">/en/apis/taxonomy</a>"#));
    assert!(
        html.contains(
            r#"<td class="number">2</td><td class="number">1</td><td class="number">67 %</td>"#
        ),
        "{html}"
    );
    assert!(html.contains("More examples, please."));
    // A moderator's role does not open statistics.
    let (mut moderator, _) =
        operator(&app, &clock, "moderator@agency.example", Role::Moderator).await;
    assert_eq!(moderator.get("/admin/feedback").await.status(), 403);
}
