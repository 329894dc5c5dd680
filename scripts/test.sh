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
cargo clippy --locked -p app -p server --features app/ssr --all-targets -- -D warnings
step "clippy: wasm build"
cargo clippy --locked -p frontend --target wasm32-unknown-unknown -- -D warnings

step "dependencies (cargo deny: advisories, licences, bans, sources)"
scripts/deny.sh

step "unit and integration tests (SQLite)"
cargo test --locked -p app -p server --features app/ssr

step "integration tests again on PostgreSQL (each test server on a database of its own)"
pg_url="$(scripts/postgres.sh)"
case "$pg_url" in postgres://*) ;; *) echo "scripts/postgres.sh printed no postgres:// URL" >&2; exit 1 ;; esac
PORTAL_TEST_DATABASE_URL="$pg_url" cargo test --locked -p server

step "fuzzing (a short run of every target; scripts/fuzz.sh 600 for the long one)"
scripts/fuzz.sh "${PORTAL_FUZZ_SECONDS:-15}"

step "release build"
build_release

step "load: 256 connections over pages, 404s, an account page and junk URLs"
bench/load.sh "${PORTAL_LOAD_SECONDS:-15}" 256

step "browser tests (Chromium)"
# One server per consent mode, each with its own data folder; videos come from a local
# stand-in host, so the tests can see whether anything is requested from it. Every browser test
# registers from 127.0.0.1, so the registration limit is raised for these servers.
pids=()
trap 'kill "${pids[@]}" 2>/dev/null || true' EXIT
video_port="$(free_port)"
python3 end2end/fake-video-host.py "$video_port" &
pids+=($!)
video_url="http://127.0.0.1:$video_port"
wait_for "$video_url/embed/x" 
start_server() { # mode -> prints the base URL
  local port log
  port="$(free_port)"
  log="$(mktemp)"
  data_dir="$(mktemp -d)"
  # No PORTAL_PUBLIC_URL: a server on a port other than 3000 must derive it from its bind.
  PORTAL_BIND="127.0.0.1:$port" PORTAL_OPS_BIND="127.0.0.1:$(free_port)" \
    PORTAL_DATA_DIR="$data_dir" \
    PORTAL_CONSENT__MODE="$1" PORTAL_CONSENT__VIDEO_ORIGIN="$video_url" \
    PORTAL_ACCOUNTS__REGISTRATIONS_PER_IP_PER_HOUR=100 \
    PORTAL_CONSENT__SCRIPTS="[{category=\"marketing\",src=\"$video_url/tag.js\"}]" \
    "$server_bin" >"$log" 2>&1 &
  pids+=($!)
  wait_for "http://127.0.0.1:$port/en/" || { cat "$log" >&2; exit 1; }
  base_url="http://127.0.0.1:$port"
}
# No SMTP server is configured: each server writes its mail to `data_dir/outbox/`, where the
# tests read the links.
start_server all-or-nothing; default_url="$base_url"; default_outbox="$data_dir/outbox"
start_server granular; granular_url="$base_url"; granular_outbox="$data_dir/outbox"
(cd end2end && BASE_URL="$default_url" GRANULAR_URL="$granular_url" VIDEO_URL="$video_url" \
  OUTBOX="$default_outbox" GRANULAR_OUTBOX="$granular_outbox" npx playwright test)

step "security headers: the MDN HTTP Observatory's tests"
scripts/observatory.sh "$granular_url"

step "scale-out: three instances behind nginx, one PostgreSQL, one S3 server"
scale/run.sh

step "PostgreSQL down and back (a private cluster)"
scale/db-outage.sh

step "all tests passed"
