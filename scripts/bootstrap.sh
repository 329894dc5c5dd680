#!/usr/bin/env bash
# Installs, idempotently, every tool the build and the tests need. Only package registries are
# used (rustup's toolchain channel, crates.io, npm, Debian apt); nothing else is downloaded.
set -euo pipefail

CARGO_LEPTOS_VERSION=0.3.10
LEPTOSFMT_VERSION=0.1.33
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$here"

log() { printf '\033[1m[bootstrap]\033[0m %s\n' "$*" >&2; }

# The wasm-bindgen CLI must equal the wasm-bindgen crate in Cargo.lock exactly.
WASM_BINDGEN_VERSION="$(awk '/^name = "wasm-bindgen"$/{getline; gsub(/version = |"/, ""); print; exit}' Cargo.lock)"

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

apt_install() {
  local missing=()
  for pkg in "$@"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || missing+=("$pkg")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    log "apt: installing ${missing[*]}"
    as_root apt-get update -qq
    DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fi
}

want_rust() {
  rustup target list --installed | grep -qx wasm32-unknown-unknown || {
    log "rustup: adding wasm32-unknown-unknown"
    rustup target add wasm32-unknown-unknown
  }
  rustup component list --installed | grep -q '^rustfmt' || rustup component add rustfmt
  rustup component list --installed | grep -q '^clippy' || rustup component add clippy
  if ! cargo leptos --version 2>/dev/null | grep -q "$CARGO_LEPTOS_VERSION"; then
    log "cargo: installing cargo-leptos $CARGO_LEPTOS_VERSION (no_downloads)"
    cargo install --locked cargo-leptos --version "$CARGO_LEPTOS_VERSION" --features no_downloads
  fi
  if ! leptosfmt --version 2>/dev/null | grep -q "$LEPTOSFMT_VERSION"; then
    log "cargo: installing leptosfmt $LEPTOSFMT_VERSION"
    cargo install --locked leptosfmt --version "$LEPTOSFMT_VERSION"
  fi
  if ! wasm-bindgen --version 2>/dev/null | grep -q " $WASM_BINDGEN_VERSION\$"; then
    log "cargo: installing wasm-bindgen-cli $WASM_BINDGEN_VERSION"
    # Not --locked: the CLI's own lockfile names a crate version the registry lacks.
    cargo install --force wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION"
  fi
}

want_node() {
  command -v npm >/dev/null || apt_install nodejs npm
  # end2end/package.json pins Playwright, axe-core and binaryen (wasm-opt).
  if [ ! -x end2end/node_modules/.bin/wasm-opt ] || [ end2end/package-lock.json -nt end2end/node_modules/.package-lock.json ]; then
    log "npm: installing end2end packages"
    (cd end2end && npm ci --no-audit --no-fund --loglevel=error)
  fi
}

# The bench's Lighthouse 12, from npm into a cache folder, pinned so figures compare between
# runs (the Nu HTML Checker is installed by scripts/html-check.sh).
want_bench_tools() {
  local dir="${XDG_CACHE_HOME:-$HOME/.cache}/portal-bench"
  command -v java >/dev/null || apt_install default-jre-headless
  if ! grep -q '"version": "12.8.2"' "$dir/node_modules/lighthouse/package.json" 2>/dev/null; then
    log "npm: installing Lighthouse into $dir"
    mkdir -p "$dir"
    (cd "$dir" && npm install --no-audit --no-fund --loglevel=error lighthouse@12.8.2)
  fi
}

# The Python test servers, from PyPI, in their own venv unless already on PATH: moto's
# S3-compatible server (storage tests), aiosmtpd (a real SMTP server for the mail tests) and
# feedparser and rdflib (read the news feeds and the API catalogue in the tests).
want_pytools() {
  local venv="$HOME/.cache/portal-moto" wanted=()
  { command -v moto_server || [ -x "$venv/bin/moto_server" ]; } >/dev/null 2>&1 ||
    wanted+=('moto[server]==5.2.*')
  { command -v aiosmtpd || [ -x "$venv/bin/aiosmtpd" ]; } >/dev/null 2>&1 ||
    wanted+=('aiosmtpd==1.4.*')
  "$venv/bin/python" -c 'import feedparser' >/dev/null 2>&1 || wanted+=('feedparser==6.0.*')
  "$venv/bin/python" -c 'import rdflib' >/dev/null 2>&1 || wanted+=('rdflib==7.*')
  [ "${#wanted[@]}" -gt 0 ] || return 0
  apt_install python3-venv python3-pip
  log "pip: installing ${wanted[*]} into $venv"
  [ -x "$venv/bin/pip" ] || python3 -m venv "$venv"
  "$venv/bin/pip" install -q "${wanted[@]}"
}

case "${1:-all}" in
  build) apt_install curl brotli; want_rust; want_node ;;
  all) apt_install curl brotli chromium nginx python3-venv wrk; want_rust; want_node; want_pytools ;;
  bench) apt_install curl wrk nginx brotli util-linux chromium; want_rust; want_node; want_bench_tools ;;
  scale) apt_install curl nginx; want_pytools ;;
  *) echo "usage: $0 [build|all|bench|scale]" >&2; exit 2 ;;
esac
