//! Times the console's consent statistics with a year of one million decisions: the page
//! `/admin/statistics` for the whole year (median and p95 over HTTP, with a logged-in
//! analyst), the database's summary alone, and, as the baseline measured in the same run, the
//! same sums computed from the raw consent log instead of the daily counts. Run with
//! `bench/console-stats.sh [decisions]` (SQLite; PostgreSQL with `PORTAL_DATABASE_URL`).

use std::time::{Duration, Instant};

use domain::{account::normalise_email, lang::Lang, operator::Role};
use portal_core::{
    clock::{Clock, SystemClock},
    consent_stats::DAY,
    operators::AuditEntry,
    tokens::new_token,
};
use server::{Application, Settings, db::Db};

/// A small deterministic generator (xorshift).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn percentile(sorted: &[Duration], p: f64) -> f64 {
    let at = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    ms(sorted[at])
}

/// Fills the consent log with `n` decisions over the year before `today`, in batches.
async fn fill(db: &Db, n: u64, today: i64) -> Result<(), Box<dyn std::error::Error>> {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let decisions = ["accept_all", "reject_all", "save", "withdraw"];
    let granted = [
        "necessary,external_media,marketing",
        "necessary",
        "necessary,external_media",
        "necessary",
    ];
    let batch = 500;
    let mut done = 0;
    while done < n {
        let rows = batch.min(n - done);
        let mut sql = String::from(
            "INSERT INTO consent_log (consent_id, at_unix, mode, revision, decision, granted, denied, lang, masked_ip) VALUES ",
        );
        for i in 0..rows {
            let day = today - 364 + rng.below(365) as i64;
            let at = day * DAY + rng.below(DAY as u64) as i64;
            let kind = rng.below(100);
            let d = match kind {
                0..=54 => 0,
                55..=84 => 1,
                85..=97 => 2,
                _ => 3,
            };
            let lang = if rng.below(3) == 0 { "en" } else { "sv" };
            let revision = if day > today - 120 { 2 } else { 1 };
            if i > 0 {
                sql.push(',');
            }
            sql.push_str(&format!(
                "('c{}', {at}, 'granular', {revision}, '{}', '{}', '', '{lang}', '192.0.2.0')",
                done + i,
                decisions[d],
                granted[d]
            ));
        }
        db.execute(&sql).await?;
        done += rows;
    }
    Ok(())
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let n: u64 = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(1_000_000);
    let data = tempfile::tempdir()?;
    let url = std::env::var("PORTAL_DATABASE_URL").unwrap_or_default();
    let mut settings = Settings {
        bind: "127.0.0.1:0".parse()?,
        ops_bind: "127.0.0.1:0".parse()?,
        data_dir: data.path().join("data"),
        site_dir: data.path().join("site"),
        public_url: "http://127.0.0.1".into(),
        ..Settings::default()
    };
    if !url.is_empty() {
        settings.database_url = Some(server::config::Secret::new(url.clone()));
    }
    let settings = settings.validated()?;
    let app = Application::build(settings.clone()).await?;
    let base = format!("http://127.0.0.1:{}", app.port());
    tokio::spawn(app.run_until_stopped());
    let db = Db::connect(settings.database_url(), &settings.data_dir).await?;
    let today = SystemClock.now().div_euclid(DAY);

    let start = Instant::now();
    fill(&db, n, today).await?;
    let filled = start.elapsed();
    // The daily counts, computed by the database from the log (the migration's statement).
    let start = Instant::now();
    db.execute("DELETE FROM consent_daily").await?;
    db.execute(
        "INSERT INTO consent_daily (day, decision, lang, revision, granted, decisions)
         SELECT at_unix / 86400, decision, lang, revision, granted, COUNT(*) FROM consent_log
         GROUP BY at_unix / 86400, decision, lang, revision, granted",
    )
    .await?;
    let counted = start.elapsed();

    // An analyst's session, made directly in the store.
    let email = normalise_email("analyst@bench.example").map_err(|_| "address")?;
    let entry = AuditEntry {
        at: SystemClock.now(),
        operator_id: None,
        action: "operator.add".into(),
        subject: "bench".into(),
        masked_ip: "-".into(),
    };
    let id = db
        .add_operator(&email, Role::Analyst, Lang::En, &entry)
        .await?;
    let (token, hash) = new_token()?;
    db.start_operator_session(id, &hash, SystemClock.now())
        .await?;
    let client = reqwest::Client::new();
    let (from, to) = (app::console::date(today - 364), app::console::date(today));
    let page = format!("{base}/admin/statistics?from={from}&to={to}");

    let mut summary_runs = Vec::new();
    let mut page_runs = Vec::new();
    let mut raw_runs = Vec::new();
    let mut total = 0;
    for round in 0..12 {
        let start = Instant::now();
        let summary = db.consent_summary(today - 364, today).await?;
        let t = start.elapsed();
        total = summary.total;
        let start = Instant::now();
        let response = client
            .get(&page)
            .header("cookie", format!("operator={token}"))
            .send()
            .await?;
        assert_eq!(response.status(), 200, "the page answers");
        let body = response.text().await?;
        let p = start.elapsed();
        assert!(body.contains(&total.to_string()));
        // The baseline: the same sums from the raw log.
        let start = Instant::now();
        db.execute(&format!(
            "SELECT at_unix / 86400, decision, COUNT(*) FROM consent_log
             WHERE at_unix >= {} GROUP BY at_unix / 86400, decision",
            (today - 364) * DAY
        ))
        .await?;
        db.execute("SELECT lang, COUNT(*) FROM consent_log GROUP BY lang")
            .await?;
        db.execute("SELECT revision, COUNT(*) FROM consent_log GROUP BY revision")
            .await?;
        let r = start.elapsed();
        if round >= 2 {
            summary_runs.push(t);
            page_runs.push(p);
            raw_runs.push(r);
        }
    }
    summary_runs.sort();
    page_runs.sort();
    raw_runs.sort();
    let daily_rows = db.consent_stats(today - 364, today).await?.len();
    println!(
        "backend: {}",
        if url.is_empty() {
            "SQLite"
        } else {
            "PostgreSQL"
        }
    );
    println!(
        "decisions in the log: {n} (filled in {:.1} s); counted in the page: {total}",
        filled.as_secs_f64()
    );
    println!(
        "daily rows: {daily_rows} (computed from the log in {:.0} ms)",
        ms(counted)
    );
    println!(
        "summary from the daily counts: median {:.1} ms, p95 {:.1} ms",
        percentile(&summary_runs, 0.5),
        percentile(&summary_runs, 0.95)
    );
    println!(
        "the same sums from the raw log (baseline): median {:.1} ms, p95 {:.1} ms",
        percentile(&raw_runs, 0.5),
        percentile(&raw_runs, 0.95)
    );
    println!(
        "GET /admin/statistics for the year: median {:.1} ms, p95 {:.1} ms (budget 200 ms)",
        percentile(&page_runs, 0.5),
        percentile(&page_runs, 0.95)
    );
    println!(
        "ratio raw-log baseline / daily counts: {:.1}x; page p95 / budget: {:.2}",
        percentile(&raw_runs, 0.5) / percentile(&summary_runs, 0.5).max(0.001),
        percentile(&page_runs, 0.95) / 200.0
    );
    Ok(())
}
