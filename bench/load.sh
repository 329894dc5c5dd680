#!/usr/bin/env bash
# Load run on loopback (bounded): 256 connections over a mix of pages, 404s, /healthz, a
# logged-in account page and junk URLs, against the release server on embedded defaults.
# Prints requests/s, p99, the answers by status and the server's RSS before and after; fails
# when any answer is an error other than the intended 404s, or RSS grew by more than 10 MB.
#
#   bench/load.sh [seconds] [connections]
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../scripts/env.sh"
cd "$root"
secs="${1:-60}"
conns="${2:-256}"
command -v wrk >/dev/null || scripts/bootstrap.sh bench
[ -x "$server_bin" ] || build_release

tmp="$(mktemp -d)"
port="$(free_port)"
base="http://127.0.0.1:$port"
PORTAL_BIND="127.0.0.1:$port" PORTAL_OPS_BIND="127.0.0.1:$(free_port)" PORTAL_PUBLIC_URL="$base" \
  PORTAL_DATA_DIR="$tmp/data" PORTAL_LOG_LEVEL=warn PORTAL_CONSENT__MODE=granular \
  "$server_bin" >"$tmp/server.log" 2>&1 &
server_pid=$!
trap 'kill "$server_pid" 2>/dev/null || true; rm -rf "$tmp"' EXIT
wait_for "$base/en/" || { cat "$tmp/server.log" >&2; exit 1; }
rss() { awk '/^VmRSS/ {print $2}' "/proc/$server_pid/status"; }

# A logged-in company for the account page.
cookie="$(company_session "$base" load@acme.example "$tmp/jar")"
case "$cookie" in *session=*) ;; *) echo "login gave no session" >&2; exit 1 ;; esac
export LOAD_COOKIE="$cookie"
[ "$(curl -s -o /dev/null -w '%{http_code}' -H "Cookie: $LOAD_COOKIE" "$base/en/account")" = 200 ]

# Warm up (every page rendered and cached once, connections and allocator settled), then measure.
wrk -t2 -c"$conns" -d"$(( secs < 10 ? secs : 10 ))s" -s bench/load.lua "$base" >/dev/null
before="$(rss)"
result="$(wrk -t2 -c"$conns" -d"${secs}s" --latency -s bench/load.lua "$base")"
after="$(rss)"
echo "$result" | grep -E '^(requests/s|p99|socket errors|statuses)'
echo "rss before ${before} kB, after ${after} kB"

statuses="$(echo "$result" | sed -n 's/^statuses //p')"
bad="$(echo "$statuses" | tr ' ' '\n' | awk -F= '$1 >= 400 && $1 != 404 {print}')"
sock="$(echo "$result" | sed -n 's/^socket errors //p')"
status=0
[ -z "$bad" ] || { echo "error answers: $bad" >&2; status=1; }
[ "${sock:-0}" -eq 0 ] || { echo "socket errors: $sock" >&2; status=1; }
[ $(( after - before )) -le 10240 ] || { echo "RSS grew by $(( (after - before) / 1024 )) MB" >&2; status=1; }
exit $status
