#!/usr/bin/env bash
# Dependency checks: `cargo deny check` (known vulnerabilities and unmaintained crates, licences,
# bans, sources) with the rules in deny.toml. The RustSec advisory database is never fetched:
# it is read from a local copy, unpacked once from a snapshot (a git clone packed as .tar.gz,
# `PORTAL_ADVISORY_DB_SNAPSHOT`, by default ../shared/advisory-db.tar.gz beside the clone).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$root"
CARGO_DENY_VERSION=0.20.2
if ! cargo deny --version 2>/dev/null | grep -q " $CARGO_DENY_VERSION\$"; then
  echo "installing cargo-deny $CARGO_DENY_VERSION" >&2
  cargo_tool cargo-deny "$CARGO_DENY_VERSION"
fi
# cargo-deny keeps each database under $CARGO_HOME/advisory-dbs/<name>-<hash of its URL>.
dbs="${CARGO_HOME:-$HOME/.cargo}/advisory-dbs"
if ! ls -d "$dbs"/advisory-db-* >/dev/null 2>&1; then
  snapshot="${PORTAL_ADVISORY_DB_SNAPSHOT:-$root/../shared/advisory-db.tar.gz}"
  [ -f "$snapshot" ] || snapshot=/work/shared/advisory-db.tar.gz
  [ -f "$snapshot" ] || { echo "no advisory database: set PORTAL_ADVISORY_DB_SNAPSHOT" >&2; exit 1; }
  # The directory name cargo-deny expects, read from its own complaint about the missing copy.
  want="$(cargo deny --offline check advisories 2>&1 | grep -oE "$dbs/advisory-db-[0-9a-f]+" | head -1 || true)"
  [ -n "$want" ] || { echo "cannot tell where cargo-deny looks for the database" >&2; exit 1; }
  tmp="$(mktemp -d)"
  tar -xzf "$snapshot" -C "$tmp"
  mkdir -p "$dbs"
  mv "$tmp"/* "$want"
  rm -rf "$tmp"
  echo "advisory database unpacked into $want ($(git -C "$want" log -1 --format=%cs 2>/dev/null || echo 'date unknown'))" >&2
fi
cargo deny --locked --offline check
