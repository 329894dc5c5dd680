//! The test binary and the server binary as processes: a test run alone in a child process,
//! a process's resident memory, a server command against a test app.

use super::TestApp;

/// Memory is measured for the whole process, and the tests of this binary run in parallel, so
/// a test that measures it runs alone. Called first thing with the test's `module_path!()` and
/// name: outside that run it starts this binary again with only that test, checks that the
/// test ran and passed, and answers `true` (the caller returns); inside, it answers `false`
/// and the test goes on.
pub fn ran_alone(module: &str, test: &str) -> bool {
    const INSIDE: &str = "PORTAL_TEST_ALONE";
    if std::env::var_os(INSIDE).is_some() {
        return false;
    }
    let name = match module.split_once("::") {
        Some((_, path)) => format!("{path}::{test}"),
        None => test.to_owned(),
    };
    let out = std::process::Command::new(std::env::current_exe().expect("test binary"))
        .args([name.as_str(), "--exact", "--test-threads=1", "--nocapture"])
        .env(INSIDE, "1")
        .output()
        .expect("the test binary runs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        out.status.success(),
        "{name} alone failed:\n{stdout}\n{stderr}"
    );
    assert!(
        stdout.contains("1 passed"),
        "{name} did not run alone:\n{stdout}"
    );
    true
}

/// The process's resident memory in KiB (Linux).
pub fn rss_kib() -> u64 {
    status_number("self", "VmRSS")
}

/// A number from `/proc/<process>/status` (Linux): `field` of `process` (a PID or `self`),
/// without its unit (kB for the memory fields).
pub fn status_number(process: &str, field: &str) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{process}/status")).expect("status");
    status
        .lines()
        .find_map(|l| l.strip_prefix(field)?.strip_prefix(':'))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap_or_else(|| panic!("{field} in {status}"))
}

/// The paths (without scheme and host) of the pages a sitemap lists.
pub fn sitemap_paths(xml: &str) -> Vec<String> {
    xml.split("<loc>")
        .skip(1)
        .filter_map(|rest| rest.split_once("</loc>"))
        .filter_map(|(url, _)| {
            let host_on = url.split_once("://").map_or(url, |(_, rest)| rest);
            host_on.find('/').map(|i| host_on[i..].to_owned())
        })
        .collect()
}

/// Runs the server binary's command `args` against `app`'s data folder and database (no
/// settings file), as an operator would on that instance.
pub fn server_command(app: &TestApp, args: &[&str]) -> std::process::Output {
    let mut command = std::process::Command::new(env!("CARGO_BIN_EXE_server"));
    command
        .args(args)
        .env_remove("PORTAL_CONFIG")
        .env("PORTAL_DATA_DIR", app.data_dir());
    if !app.database_url.is_empty() {
        command.env("PORTAL_DATABASE_URL", &app.database_url);
    }
    command.output().expect("runs")
}
