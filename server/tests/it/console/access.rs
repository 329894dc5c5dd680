//! Who reaches what: every role against every console page and action (allowed, or 403 and
//! nothing changed), nobody without an operator session (404), and no action from another
//! site (403), whoever's cookie it carries.

use domain::operator::Role;

use super::{console_app, operator, trail};

/// Every page of the console and the area it belongs to (`None`: every operator).
const PAGES: [(&str, Option<&str>); 11] = [
    ("/admin", None),
    ("/admin/companies", Some("companies")),
    ("/admin/statistics", Some("statistics")),
    ("/admin/statistics.csv", Some("statistics")),
    ("/admin/statistics.json", Some("statistics")),
    ("/admin/audit", Some("audit")),
    ("/admin/audit.csv", Some("audit")),
    ("/admin/mail", Some("mail")),
    ("/admin/content", Some("content")),
    ("/admin/operators", Some("operators")),
    ("/admin/companies?q=acme", Some("companies")),
];

/// Every action, its area, and a form that names nothing that exists (so an allowed one
/// answers without changing anything either).
type Fields = &'static [(&'static str, &'static str)];

const ACTIONS: [(&str, &str, Fields); 13] = [
    ("/admin/companies/approve", "companies", &[("id", "999999")]),
    (
        "/admin/companies/reject",
        "companies",
        &[("id", "999999"), ("reason", "r")],
    ),
    ("/admin/companies/hide", "companies", &[("id", "999999")]),
    ("/admin/companies/show", "companies", &[("id", "999999")]),
    (
        "/admin/companies/end-sessions",
        "companies",
        &[("id", "999999")],
    ),
    ("/admin/mail/retry", "mail", &[("id", "999999")]),
    ("/admin/mail/discard", "mail", &[("id", "999999")]),
    (
        "/admin/mail/test",
        "mail",
        &[("address", "x"), ("lang", "en")],
    ),
    ("/admin/content/publish", "content", &[]),
    ("/admin/operators/disable", "operators", &[("id", "999999")]),
    (
        "/admin/operators/end-sessions",
        "operators",
        &[("id", "999999")],
    ),
    ("/admin/operators/link", "operators", &[("id", "999999")]),
    ("/admin/logout", "", &[]),
];

fn opens(role: Role, area: &str) -> bool {
    match role {
        Role::Admin => true,
        Role::Moderator => area == "companies",
        Role::Analyst => area == "statistics",
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn each_role_reaches_its_areas_and_is_refused_the_rest() {
    let (app, clock) = console_app().await;
    for (i, role) in Role::ALL.into_iter().enumerate() {
        let email = format!("op{i}@af.example");
        let (mut browser, _) = operator(&app, &clock, &email, role).await;
        for (path, area) in PAGES {
            let status = browser.get(path).await.status().as_u16();
            let allowed = area.is_none_or(|a| opens(role, a));
            if allowed {
                assert_eq!(status, 200, "{role} {path}");
            } else {
                assert_eq!(status, 403, "{role} {path}");
            }
        }
        for (path, area, form) in ACTIONS {
            if area.is_empty() {
                continue;
            }
            let before = trail(&app).await;
            let status = browser.post(path, form).await.status().as_u16();
            if opens(role, area) {
                assert!(status != 403 && status != 405, "{role} {path}: {status}");
            } else {
                assert_eq!(status, 403, "{role} {path}");
                assert_eq!(trail(&app).await, before, "{role} {path} changed nothing");
            }
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn no_console_action_is_taken_from_another_site_or_without_a_session() {
    let (app, clock) = console_app().await;
    let (mut admin, _) = operator(&app, &clock, "admin@af.example", Role::Admin).await;
    let before = trail(&app).await;
    for (path, _, form) in ACTIONS {
        let response = admin
            .post_with(path, form, &[("origin", "https://evil.example")])
            .await;
        assert_eq!(response.status().as_u16(), 403, "{path} from another site");
        let mut nobody = crate::common::Browser::new(&app);
        let response = nobody.post(path, form).await;
        assert_eq!(response.status().as_u16(), 404, "{path} without a session");
    }
    for (path, _) in PAGES {
        assert_eq!(
            app.get(path).await.status().as_u16(),
            404,
            "{path} without a session"
        );
    }
    assert_eq!(trail(&app).await, before, "nothing changed");
    assert_eq!(
        admin.get("/admin").await.status().as_u16(),
        200,
        "still logged in"
    );
}
