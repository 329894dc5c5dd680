//! The console's records: consent statistics (chart, tables, CSV and JSON, summed by the
//! database) and the audit trail (filters, CSV without formulas).

use domain::operator::Role;
use portal_core::clock::Clock;

use super::{console_app, operator};
use crate::common::{ORIGIN, TestApp, post};

async fn decide(app: &TestApp, fields: &[(&str, &str)]) {
    let response = post(app, fields, &[("origin", ORIGIN)]).await;
    assert_eq!(response.status().as_u16(), 303, "{fields:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_analyst_sees_the_decisions_as_a_chart_tables_and_downloads() {
    let (app, clock) = console_app().await;
    // Two days ago: three acceptances in Swedish. Today: a rejection, a choice of external
    // media, a withdrawal, in English.
    clock.advance(-2 * 86_400);
    for _ in 0..3 {
        decide(&app, &[("choice", "accept_all"), ("lang", "sv")]).await;
    }
    clock.advance(2 * 86_400);
    decide(&app, &[("choice", "reject_all"), ("lang", "en")]).await;
    decide(
        &app,
        &[
            ("choice", "save"),
            ("category", "external_media"),
            ("lang", "en"),
        ],
    )
    .await;
    decide(&app, &[("choice", "withdraw"), ("lang", "en")]).await;
    // The raw log is pruned: the statistics stay.
    app.db()
        .await
        .prune_consent_log(i64::MAX)
        .await
        .expect("pruned");

    let (mut analyst, _) = operator(&app, &clock, "numbers@af.example", Role::Analyst).await;
    let (status, page) = analyst.text("/admin/statistics").await;
    assert_eq!(status, 200);
    assert!(
        page.contains("<svg role=\"img\" aria-label=\"Bar chart"),
        "{page}"
    );
    assert_eq!(
        page.matches("class=\"accept\"></rect>").count(),
        1,
        "one day of acceptances"
    );
    assert!(!page.contains("<script"));
    let today = app::console::date(clock.now().div_euclid(86_400));
    let before = app::console::date(clock.now().div_euclid(86_400) - 2);
    assert!(page.contains(&format!("<th scope=\"row\">{before}</th>")));
    // The totals row: 3 accept, 1 reject, 1 choice, 1 withdrawal, 6 in all.
    let foot = &page[page.find("<tfoot>").expect("totals")..];
    let numbers: Vec<&str> = foot
        .split("<td class=\"number\">")
        .skip(1)
        .map(|rest| &rest[..rest.find('<').expect("end")])
        .take(5)
        .collect();
    assert_eq!(numbers, ["3", "1", "1", "1", "6"]);

    let csv = analyst
        .get(&format!("/admin/statistics.csv?from={before}&to={today}"))
        .await;
    assert_eq!(csv.headers()["content-type"], "text/csv; charset=utf-8");
    let csv = csv.text().await.expect("csv");
    assert_eq!(
        csv.lines().collect::<Vec<_>>(),
        [
            "date,accept_all,reject_all,save,withdraw,total",
            &format!("{before},3,0,0,0,3"),
            &format!(
                "{},0,0,0,0,0",
                app::console::date(clock.now().div_euclid(86_400) - 1)
            ),
            &format!("{today},0,1,1,1,3"),
        ]
    );
    let json: serde_json::Value = analyst
        .get(&format!("/admin/statistics.json?from={before}&to={today}"))
        .await
        .json()
        .await
        .expect("json");
    assert_eq!(json["total"], 6);
    assert_eq!(json["by_lang"], serde_json::json!([["en", 3], ["sv", 3]]));
    assert_eq!(
        json["by_category"],
        serde_json::json!([["statistics", 0], ["external_media", 4], ["marketing", 3]])
    );

    // A date that is not one: the last 30 days, and a notice; a download refuses it.
    let (status, page) = analyst.text("/admin/statistics?from=2026-02-30").await;
    assert_eq!(status, 200);
    assert!(page.contains("role=\"alert\""));
    let refused = analyst.get("/admin/statistics.csv?from=yesterday").await;
    assert_eq!(refused.status().as_u16(), 400);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_admin_filters_the_audit_trail_and_exports_it_without_formulas() {
    let (app, clock) = console_app().await;
    let (mut admin, _) = operator(&app, &clock, "admin@af.example", Role::Admin).await;
    let db = app.db().await;
    let entry = |action: &str, subject: &str| portal_core::operators::AuditEntry {
        at: clock.now(),
        operator_id: None,
        action: action.to_owned(),
        subject: subject.to_owned(),
        masked_ip: "-".to_owned(),
    };
    db.audit(&entry(
        "company.hide",
        "=HYPERLINK(\"https://evil.example\")",
    ))
    .await
    .expect("audit");
    db.audit(&entry("mail.retry", "mail 7"))
        .await
        .expect("audit");

    let (status, page) = admin.text("/admin/audit").await;
    assert_eq!(status, 200);
    for action in [
        "operator.add",
        "operator.setup",
        "operator.login",
        "company.hide",
        "mail.retry",
    ] {
        assert!(page.contains(&format!("<code>{action}</code>")), "{action}");
    }
    assert!(page.contains("admin@af.example"), "who, by address");
    let (_, companies) = admin.text("/admin/audit?action=company.").await;
    assert!(companies.contains("company.hide") && !companies.contains("mail.retry"));
    // `_` and `%` are themselves, not patterns.
    let (_, none) = admin.text("/admin/audit?action=%25").await;
    assert!(!none.contains("<code>"));
    let tomorrow = app::console::date(clock.now().div_euclid(86_400) + 1);
    let (_, later) = admin.text(&format!("/admin/audit?from={tomorrow}")).await;
    assert!(!later.contains("<code>"), "nothing from tomorrow on");

    let csv = admin.get("/admin/audit.csv?action=company.").await;
    assert!(
        csv.headers()["content-disposition"]
            .to_str()
            .expect("header")
            .contains("audit.csv")
    );
    let csv = csv.text().await.expect("csv");
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(lines[0], "at_utc,operator,action,subject,masked_ip");
    assert_eq!(lines.len(), 2, "{csv}");
    assert!(
        lines[1].ends_with(
            ",\"-\",\"company.hide\",\"'=HYPERLINK(\"\"https://evil.example\"\")\",\"-\""
        ),
        "{}",
        lines[1]
    );
}
