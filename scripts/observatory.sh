#!/usr/bin/env bash
# The MDN HTTP Observatory's tests on the policy page, the login page and a logged-in account
# page of a running server (scripts/test.sh starts one). Installs the Observatory from npm into
# a cache folder the first time (without its install script, which downloads lists; the two
# lists it reads are given empty, so nothing counts as HSTS-preloaded).
#
#   scripts/observatory.sh <base URL>
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$root"
base="$1"
pkg="$(npm_cached "${XDG_CACHE_HOME:-$HOME/.cache}/portal-observatory" \
  @mdn/mdn-http-observatory 1.4.8 --ignore-scripts)"
echo '{}' >"$pkg/conf/hsts-preload.json"
echo '[]' >"$pkg/conf/tld-list.json"

# A logged-in company for the account page.
jar="$(mktemp)"
trap 'rm -f "$jar"' EXIT
cookie="$(company_session "$base" "observatory-$RANDOM$RANDOM@acme.example" "$jar")"
node scripts/observatory.mjs "$pkg" "$base" /en/cookie-policy /en/login "/en/account=$cookie"
