//! Company accounts against the real server: the account page (profile, password, export,
//! deletion) and bad input on every form.

use crate::common::{Browser, EMAIL, PASSWORD, TestApp, count, granular, location, set_cookies};
use app::{
    api::ApiError,
    domain::account::{Field, Notice, Problem},
};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_account_page_edits_exports_and_deletes() {
    let app = TestApp::spawn_configured(granular).await;
    let mut owner = Browser::new(&app);
    owner.register("Acme AB", EMAIL, PASSWORD).await;
    let mut other_device = Browser::new(&app);
    assert!(
        other_device
            .login(EMAIL, PASSWORD)
            .await
            .status()
            .is_redirection()
    );

    let response = owner
        .post(
            "/en/account",
            &[
                ("company", "Acme Jobs AB"),
                ("description", "We match people and jobs."),
                ("website", "https://acme.example"),
                (
                    "social",
                    "https://www.linkedin.com/company/acme\nhttps://mastodon.example/@acme",
                ),
            ],
        )
        .await;
    assert_eq!(location(&response), "/en/account?done=saved");
    let (_, html) = owner.text("/en/account?done=saved").await;
    assert!(html.contains("The profile is saved."));
    assert!(html.contains("Acme Jobs AB") && html.contains("mastodon.example/@acme"));

    let export = owner.get("/en/account/export").await;
    assert_eq!(export.status().as_u16(), 200);
    assert!(
        export.headers()["content-disposition"]
            .to_str()
            .expect("ascii")
            .starts_with("attachment")
    );
    let data: serde_json::Value = export.json().await.expect("json");
    assert_eq!(data["account"]["email"], EMAIL);
    assert_eq!(data["profile"]["company"], "Acme Jobs AB");
    assert_eq!(
        data["profile"]["social"][1],
        "https://mastodon.example/@acme"
    );
    assert_eq!(data["sessions"].as_array().expect("sessions").len(), 2);
    assert!(
        !data.to_string().contains("argon2"),
        "no password hash in the export"
    );
    let mut stranger = Browser::new(&app);
    assert_eq!(
        stranger.get("/en/account/export").await.status().as_u16(),
        401
    );

    // Changing the password ends the other device's session, keeps this one.
    let wrong = owner
        .post(
            "/en/account/password",
            &[
                ("current_password", "not the password"),
                ("new_password", "a brand new passphrase"),
            ],
        )
        .await;
    assert_eq!(wrong.status().as_u16(), 422);
    assert!(
        wrong
            .text()
            .await
            .expect("body")
            .contains("Wrong password.")
    );
    let changed = owner
        .post(
            "/en/account/password",
            &[
                ("current_password", PASSWORD),
                ("new_password", "a brand new passphrase"),
            ],
        )
        .await;
    assert_eq!(location(&changed), "/en/account?done=password");
    assert!(owner.logged_in().await);
    assert!(!other_device.logged_in().await);

    let kept = owner.jar.clone();
    let refused = owner
        .post("/en/account/delete", &[("password", PASSWORD)])
        .await;
    assert_eq!(
        refused.status().as_u16(),
        422,
        "the old password no longer works"
    );
    assert_eq!(count(&app, "SELECT COUNT(*) FROM accounts").await, 1);
    let deleted = owner
        .post(
            "/en/account/delete",
            &[("password", "a brand new passphrase")],
        )
        .await;
    assert_eq!(location(&deleted), "/en/login?done=deleted");
    for table in [
        "accounts",
        "account_sessions",
        "tower_sessions",
        "auth_attempts WHERE bucket LIKE 'login-account:%'",
    ] {
        assert_eq!(
            count(&app, &format!("SELECT COUNT(*) FROM {table}")).await,
            0,
            "{table} keeps nothing"
        );
    }
    owner.jar = kept;
    assert!(!owner.logged_in().await);
    assert_eq!(
        owner
            .login(EMAIL, "a brand new passphrase")
            .await
            .status()
            .as_u16(),
        401
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bad_input_gets_a_clear_message_and_stores_nothing() {
    let app = TestApp::spawn_configured(granular).await;
    let mut browser = Browser::new(&app);
    let long = "x".repeat(129);
    let cases: [(&[(&str, &str)], &str); 7] = [
        (
            &[("company", ""), ("email", EMAIL), ("password", PASSWORD)],
            "Fill in this field.",
        ),
        (
            &[
                ("company", "A"),
                ("email", "not-an-email"),
                ("password", PASSWORD),
            ],
            "Enter an e-mail address",
        ),
        (
            &[("company", "A"), ("email", EMAIL), ("password", "short")],
            "at least 12 characters",
        ),
        (
            &[("company", "A"), ("email", EMAIL), ("password", &long)],
            "At most this many characters: 128.",
        ),
        (
            &[
                ("company", "A"),
                ("email", EMAIL),
                ("password", "Password2024!"),
            ],
            "too common",
        ),
        (
            &[
                ("company", "A\u{0}B"),
                ("email", EMAIL),
                ("password", PASSWORD),
            ],
            "not allowed",
        ),
        (
            &[
                ("company", "A"),
                ("email", "<script>@x.example"),
                ("password", PASSWORD),
            ],
            "Enter an e-mail address",
        ),
    ];
    for (form, message) in cases {
        let response = browser.post("/en/register", form).await;
        assert_eq!(response.status().as_u16(), 422, "{form:?}");
        assert!(set_cookies(&response).is_empty());
        let html = response.text().await.expect("body");
        assert!(html.contains(message), "{form:?}: {message}");
        assert!(html.contains("aria-invalid=\"true\""), "{form:?}");
        assert!(!html.contains(PASSWORD), "a password is never echoed");
        assert!(!html.contains("<script>@"), "input is escaped");
    }
    assert_eq!(count(&app, "SELECT COUNT(*) FROM accounts").await, 0);

    browser.register("Acme AB", EMAIL, PASSWORD).await;
    let taken = Browser::new(&app)
        .post(
            "/en/register",
            &[
                ("company", "B"),
                ("email", "INFO@acme.example"),
                ("password", PASSWORD),
            ],
        )
        .await;
    // The same answer as a new registration: nothing tells which addresses have accounts.
    assert_eq!(taken.status().as_u16(), 303);
    assert_eq!(location(&taken), "/en/login?done=check-email");
    assert_eq!(count(&app, "SELECT COUNT(*) FROM accounts").await, 1);

    // The same refusal through the server function: typed, with the plain form's status.
    let refused = browser
        .call(
            "account/profile",
            serde_json::json!({"lang": "en", "form": {
                "company": "Acme AB",
                "website": "javascript:alert(1)",
                "social": "ftp://x.example",
            }}),
            &[],
        )
        .await;
    assert_eq!(refused.status().as_u16(), 422);
    let body: ApiError = refused.json().await.expect("a typed error");
    let ApiError::Refused(refusal) = body else {
        panic!("not a refusal: {body:?}");
    };
    assert_eq!(
        refusal.errors,
        [
            (Field::Website, Problem::Url),
            (Field::Social, Problem::Url)
        ]
    );
    assert_eq!(refusal.notice, Some(Notice::FixFields));
    for (form, field) in [
        (vec![("company", "")], "company"),
        (
            vec![("company", "A"), ("description", &*"d".repeat(1001))],
            "description",
        ),
        (vec![("company", &*"c".repeat(101))], "company"),
        (
            vec![
                ("company", "A"),
                (
                    "social",
                    "https://a.se\nhttps://b.se\nhttps://c.se\nhttps://d.se\nhttps://e.se\nhttps://f.se",
                ),
            ],
            "social",
        ),
    ] {
        let response = browser.post("/en/account", &form).await;
        assert_eq!(response.status().as_u16(), 422, "{field}");
        let html = response.text().await.expect("body");
        assert!(
            html.contains(&format!("id=\"f-{field}\" ")) && html.contains("aria-invalid=\"true\""),
            "{field}"
        );
    }
    let short = browser
        .post(
            "/en/account/password",
            &[("current_password", PASSWORD), ("new_password", "short")],
        )
        .await;
    assert_eq!(short.status().as_u16(), 422);
    assert!(
        short
            .text()
            .await
            .expect("body")
            .contains("at least 12 characters")
    );
    let (_, html) = browser.text("/en/about").await;
    assert!(html.contains("Logged in as"));
    let response = browser.get("/en/about").await;
    assert_eq!(response.headers()["cache-control"], "private, no-store");
    let data: serde_json::Value = browser
        .get("/en/account/export")
        .await
        .json()
        .await
        .expect("json");
    assert_eq!(
        data["profile"]["website"],
        serde_json::Value::Null,
        "nothing stored"
    );

    let huge = "a".repeat(20_000);
    let response = browser.post("/en/login", &[("email", &huge)]).await;
    assert_eq!(response.status().as_u16(), 413);
}
