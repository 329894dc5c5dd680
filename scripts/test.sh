#!/usr/bin/env bash
# Runs every test: formatting, clippy (server and wasm builds), unit and integration tests,
# then the release build in real Chromium (Playwright). Installs what is missing first.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$root"

step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

step "tools"
scripts/bootstrap.sh all

step "deployment files (Dockerfile, Kubernetes manifests)"
scripts/check-deploy.sh

step "format"
cargo fmt --all --check
leptosfmt --check app/src >/dev/null || { leptosfmt --check app/src | grep -v '^✅'; exit 1; }

step "clippy: server build"
cargo clippy --locked -p domain -p app -p portal-core -p server --features app/ssr --all-targets -- -D warnings
step "clippy: wasm builds (the full bundle and the first-visit one)"
cargo clippy --locked -p frontend --features full --target wasm32-unknown-unknown -- -D warnings
cargo clippy --locked -p frontend --target wasm32-unknown-unknown -- -D warnings

step "dependencies (cargo deny: advisories, licences, bans, sources)"
scripts/deny.sh

step "unit and integration tests (SQLite)"
cargo test --locked -p domain -p app -p portal-core -p server --features app/ssr

step "integration tests again on PostgreSQL (each test server on a database of its own)"
pg_url="$(scripts/postgres.sh)"
case "$pg_url" in postgres://*) ;; *) echo "scripts/postgres.sh printed no postgres:// URL" >&2; exit 1 ;; esac
PORTAL_TEST_DATABASE_URL="$pg_url" cargo test --locked -p server

# The fuzz targets' seeds and saved inputs are replayed by the tests above (fuzz_seeds); the
# timed fuzzing, on a nightly toolchain, is its own command: scripts/fuzz.sh (see docs/testing.md).
if [ -n "${PORTAL_FUZZ_SECONDS:-}" ]; then
  step "fuzzing ($PORTAL_FUZZ_SECONDS s per target)"
  scripts/fuzz.sh "$PORTAL_FUZZ_SECONDS"
fi

step "release build"
build_release

step "load: 256 connections over pages, 404s, an account page and junk URLs"
bench/load.sh "${PORTAL_LOAD_SECONDS:-15}" 256

step "browser tests (Chromium)"
scripts/browser-tests.sh

step "security headers: the MDN HTTP Observatory's tests"
pids=()
trap 'kill "${pids[@]}" 2>/dev/null || true' EXIT
start_test_server granular "http://127.0.0.1:9"
scripts/observatory.sh "$base_url"
step "HTML: the Nu HTML Checker on every kind of page"
scripts/html-check.sh "$base_url" "$data_dir"
kill "${pids[@]}" 2>/dev/null || true

step "scale-out: three instances behind nginx, one PostgreSQL, one S3 server"
scale/run.sh

step "PostgreSQL down and back (a private cluster)"
scale/db-outage.sh

step "all tests passed"
