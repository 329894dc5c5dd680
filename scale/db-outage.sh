#!/usr/bin/env bash
# PostgreSQL down and back: one instance on a private PostgreSQL cluster (initdb in a temp dir,
# 127.0.0.1 on a free port). While the database is stopped, content pages still answer 200,
# what needs the database answers a clear 503 page, /readyz is 503 naming the database; once it
# is back, everything works again without restarting the server.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../scripts/env.sh"
cd "$root"
[ -x "$server_bin" ] || build_release
initdb_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1; }
bin="$(initdb_bin)"
if [ ! -x "$bin/initdb" ]; then
  # A PostgreSQL elsewhere may have left only the client here: the server package has initdb.
  if [ "$(id -u)" -eq 0 ]; then apt-get update -qq; DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends postgresql >/dev/null
  else sudo apt-get update -qq; sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends postgresql >/dev/null; fi
  bin="$(initdb_bin)"
fi

as_pg() { if [ "$(id -u)" -eq 0 ]; then su postgres -s /bin/bash -c "$*"; else bash -c "$*"; fi; }
tmp="$(mktemp -d)"
chmod 755 "$tmp"
pgdata="$tmp/pg"
mkdir -p "$pgdata"
[ "$(id -u)" -eq 0 ] && chown postgres "$pgdata"
pg_port="$(free_port)"
pg() { as_pg "'$bin/pg_ctl' -D '$pgdata' -l '$pgdata/log' -w -o '-p $pg_port -k $pgdata -c listen_addresses=127.0.0.1' $*" >/dev/null; }
server_pid=""
cleanup() {
  [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null || true
  pg stop -m immediate 2>/dev/null || true
  rm -rf "$tmp"
}
trap cleanup EXIT
as_pg "'$bin/initdb' -D '$pgdata' -A trust -U postgres" >/dev/null
pg start

port="$(free_port)"
base="http://127.0.0.1:$port"
PORTAL_BIND="127.0.0.1:$port" PORTAL_OPS_BIND="127.0.0.1:$(free_port)" PORTAL_PUBLIC_URL="$base" PORTAL_DATA_DIR="$tmp/data" \
  PORTAL_DATABASE_URL="postgres://postgres@127.0.0.1:$pg_port/postgres" PORTAL_CONSENT__MODE=granular \
  "$server_bin" >"$tmp/server.log" 2>&1 &
server_pid=$!
wait_for "$base/healthz" || { cat "$tmp/server.log" >&2; exit 1; }

failures=0
expect() { # status path [method] [body]
  local want="$1" path="$2" got
  if [ "${3:-GET}" = POST ]; then
    got="$(curl -s -o "$tmp/body" -w '%{http_code}' -X POST -H "Origin: $base" --data "$4" "$base$path")"
  else
    got="$(curl -s -o "$tmp/body" -w '%{http_code}' "$base$path")"
  fi
  if [ "$got" = "$want" ]; then echo "ok   $want ${3:-GET} $path"; else echo "FAIL $got (wanted $want) ${3:-GET} $path"; failures=$((failures + 1)); fi
}
contains() { if grep -q "$1" "$tmp/body"; then echo "ok   says: $1"; else echo "FAIL missing: $1"; failures=$((failures + 1)); fi; }

register="company=Outage+AB&email=outage%40acme.example&password=correct+horse+battery+staple"
login="email=outage%40acme.example&password=correct+horse+battery+staple"
echo "-- database up"
expect 200 /readyz
expect 303 /en/register POST "$register"

echo "-- database stopped"
pg stop -m fast
expect 200 /en/cookie-policy
expect 200 /en/login
expect 200 /healthz
# Readiness answers from a check at most a second old: give it that second.
for _ in $(seq 1 15); do [ "$(curl -s -o /dev/null -w '%{http_code}' "$base/readyz")" = 503 ] && break; sleep 0.2; done
expect 503 /readyz
contains '"database":"unreachable"'
expect 503 /en/login POST "$login"
contains 'Nothing was changed'
expect 503 /en/showcase
contains 'showcase is unavailable'

echo "-- database back"
pg start
for _ in $(seq 1 50); do [ "$(curl -s -o /dev/null -w '%{http_code}' "$base/readyz")" = 200 ] && break; sleep 0.2; done
expect 200 /readyz
expect 303 /en/login POST "$login"
expect 200 /en/showcase
echo "failures: $failures"
[ "$failures" -eq 0 ]
