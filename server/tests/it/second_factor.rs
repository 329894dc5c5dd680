//! The operators' credentials in the store, on SQLite and PostgreSQL: a set-up link works
//! once, a TOTP code is accepted once across instances (two connections stand for two
//! instances), a recovery code works once, and a disabled operator gets nowhere.

use domain::{account::normalise_email, lang::Lang, operator::Role};
use portal_core::operators::{
    AuditEntry,
    credentials::second_factor,
    totp::{self, STEP},
};

use crate::common::TestApp;

fn entry(action: &str, at: i64) -> AuditEntry {
    AuditEntry {
        at,
        operator_id: None,
        action: action.to_owned(),
        subject: "test".to_owned(),
        masked_ip: "-".to_owned(),
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_code_works_once_across_instances_and_a_disabled_operator_gets_nowhere() {
    let app = TestApp::spawn().await;
    let (a, b) = (app.db().await, app.db().await);
    let now = 1_800_000_000;
    let email = normalise_email("ops@af.example").expect("address");
    let id = a
        .add_operator(&email, Role::Admin, Lang::En, &entry("operator.add", now))
        .await
        .expect("added");

    // The set-up link: once, not after it expires, and a newer one ends the older.
    a.add_operator_link(id, "old", now + 3600, now)
        .await
        .expect("link");
    a.add_operator_link(id, "new", now + 3600, now)
        .await
        .expect("link");
    assert_eq!(b.take_operator_link("old", now).await.expect("query"), None);
    assert_eq!(
        b.take_operator_link("new", now + 3600)
            .await
            .expect("query"),
        None,
        "expired"
    );
    assert_eq!(
        b.take_operator_link("new", now).await.expect("query"),
        Some(id)
    );
    assert_eq!(
        a.take_operator_link("new", now).await.expect("query"),
        None,
        "used"
    );

    let secret = totp::new_secret().expect("random");
    let codes = totp::recovery_codes().expect("random");
    let hashes: Vec<String> = codes.iter().map(|(_, h)| h.clone()).collect();
    a.set_operator_credentials(id, "$argon2id$test", &secret, &hashes)
        .await
        .expect("set up");
    assert_eq!(a.recovery_codes_left(id).await.expect("count"), 10);

    let login = a
        .operator_login("ops@af.example")
        .await
        .expect("query")
        .expect("operator");
    assert_eq!(login.role, Role::Admin);
    let code = totp::code_at(&secret, now);
    assert!(second_factor(&a, &login, &code, now).await.expect("check"));
    // The same code again, on the other instance (which read the operator before the first
    // use): refused by the store.
    assert!(
        !second_factor(&b, &login, &code, now).await.expect("check"),
        "replayed"
    );
    let fresh = b
        .operator_login("ops@af.example")
        .await
        .expect("query")
        .expect("operator");
    assert!(
        !second_factor(&b, &fresh, &code, now + 5)
            .await
            .expect("check"),
        "replayed"
    );
    let next = totp::code_at(&secret, now + STEP);
    assert!(
        second_factor(&b, &fresh, &next, now + STEP)
            .await
            .expect("check")
    );
    let stale = totp::code_at(&secret, now - 10 * STEP);
    assert!(
        !second_factor(&a, &fresh, &stale, now + STEP)
            .await
            .expect("check"),
        "stale"
    );

    // A recovery code, once, typed in any case.
    let (first, _) = &codes[0];
    assert!(
        second_factor(&a, &fresh, &first.to_uppercase(), now)
            .await
            .expect("check")
    );
    assert!(
        !second_factor(&b, &fresh, first, now).await.expect("check"),
        "used"
    );
    assert_eq!(a.recovery_codes_left(id).await.expect("count"), 9);
    assert!(
        !second_factor(&a, &fresh, "abcde-fghjk", now)
            .await
            .expect("check"),
        "unknown"
    );

    // Disabled: no code, no recovery code, no link works.
    assert!(
        a.disable_operator(&email, &entry("operator.disable", now))
            .await
            .expect("disable")
    );
    a.add_operator_link(id, "late", now + 3600, now)
        .await
        .expect("link");
    assert_eq!(
        a.take_operator_link("late", now).await.expect("query"),
        None
    );
    let disabled = a
        .operator_login("ops@af.example")
        .await
        .expect("query")
        .expect("operator");
    assert!(disabled.disabled);
    let later = totp::code_at(&secret, now + 2 * STEP);
    assert!(
        !second_factor(&a, &disabled, &later, now + 2 * STEP)
            .await
            .expect("check")
    );
    assert!(
        !second_factor(&a, &login, &later, now + 2 * STEP)
            .await
            .expect("check"),
        "a stale read of the operator changes nothing"
    );
    let (second, _) = &codes[1];
    assert!(!second_factor(&a, &fresh, second, now).await.expect("check"));
    assert_eq!(
        a.recovery_codes_left(id).await.expect("count"),
        0,
        "deleted on disabling"
    );
}
