//! A database of its own for each test server on PostgreSQL, dropped afterwards.

/// With `PORTAL_TEST_DATABASE_URL` set to a PostgreSQL server (an administrator connection),
/// every test server gets a database of its own, dropped afterwards; otherwise SQLite.
pub(super) fn test_database() -> Option<(String, DropDatabase)> {
    let admin = std::env::var("PORTAL_TEST_DATABASE_URL")
        .ok()
        .filter(|u| !u.is_empty())?;
    assert!(
        admin.starts_with("postgres://") || admin.starts_with("postgresql://"),
        "PORTAL_TEST_DATABASE_URL must be a postgres:// URL (an administrator connection)"
    );
    static COUNTER: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let name = format!(
        "portal_test_{}_{}",
        std::process::id(),
        COUNTER.fetch_add(1, std::sync::atomic::Ordering::SeqCst)
    );
    let (base, _) = admin.rsplit_once('/').expect("a database URL with a path");
    let url = format!("{base}/{name}");
    let create = format!("CREATE DATABASE {name}");
    run_admin(&admin, &create);
    Some((url, DropDatabase { admin, name }))
}

/// Runs one statement on the administrator connection, on a thread of its own (so it works
/// from async code and from `Drop`).
fn run_admin(admin: &str, sql: &str) {
    let (admin, sql) = (admin.to_owned(), sql.to_owned());
    std::thread::spawn(move || {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .expect("runtime");
        runtime.block_on(async {
            use sqlx::Connection;
            let mut conn = sqlx::PgConnection::connect(&admin)
                .await
                .expect("admin connection");
            sqlx::query(&sql)
                .execute(&mut conn)
                .await
                .expect("admin statement");
        });
    })
    .join()
    .expect("admin thread");
}

pub(super) struct DropDatabase {
    admin: String,
    name: String,
}

impl Drop for DropDatabase {
    fn drop(&mut self) {
        run_admin(
            &self.admin,
            &format!("DROP DATABASE IF EXISTS {} WITH (FORCE)", self.name),
        );
    }
}
