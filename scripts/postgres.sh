#!/usr/bin/env bash
# Prints the URL of a PostgreSQL administrator connection on 127.0.0.1:5432 for the tests.
# Uses the server already listening there (for example with trust authentication and a `test`
# database); otherwise installs PostgreSQL from Debian when missing, starts its cluster
# (listening on 127.0.0.1 only) and gives the `postgres` role a password for TCP logins.
set -euo pipefail
# Only the URL goes to stdout (callers capture it); everything the tools print goes to stderr.
exec 3>&1 1>&2

log() { printf '\033[1m[postgres]\033[0m %s\n' "$*" >&2; }
as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }
as_postgres() { as_root su postgres -c "$*"; }

try_url() { psql "$1" -Atqc 'SELECT 1' >/dev/null 2>&1; }

candidates=(
  "postgres://postgres@127.0.0.1:5432/test"
  "postgres://postgres:postgres@127.0.0.1:5432/postgres"
  "postgres://postgres@127.0.0.1:5432/postgres"
)

if ! command -v psql >/dev/null || ! ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1; then
  if ! (exec 3<>/dev/tcp/127.0.0.1/5432) 2>/dev/null; then
    log "installing postgresql from Debian"
    as_root apt-get update -qq
    DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq --no-install-recommends postgresql >/dev/null
  else
    DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq --no-install-recommends postgresql-client >/dev/null
  fi
fi

if ! (exec 3<>/dev/tcp/127.0.0.1/5432) 2>/dev/null; then
  cluster="$(pg_lsclusters -h | awk 'NR==1 {print $1 " " $2}')"
  [ -n "$cluster" ] || { log "no PostgreSQL cluster found"; exit 1; }
  log "starting cluster $cluster"
  # shellcheck disable=SC2086
  as_root pg_ctlcluster $cluster start -- -o "-c listen_addresses=127.0.0.1" 3>&- || as_root pg_ctlcluster $cluster start 3>&-
  for _ in $(seq 1 50); do (exec 3<>/dev/tcp/127.0.0.1/5432) 2>/dev/null && break; sleep 0.2; done
fi

for url in "${candidates[@]}"; do
  if try_url "$url"; then echo "$url" >&3; exit 0; fi
done
# A cluster of our own: allow password logins for `postgres` over TCP.
log "setting a password for the postgres role"
as_postgres "psql -qc \"ALTER USER postgres PASSWORD 'postgres'\""
try_url "${candidates[1]}" && { echo "${candidates[1]}" >&3; exit 0; }
log "cannot log in to the PostgreSQL on 127.0.0.1:5432"
exit 1
