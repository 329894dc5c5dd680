#!/usr/bin/env bash
# The Nu HTML Checker (vnu) on every kind of page of a running server: content pages in both
# languages, home pages, a section, an API page, news, an article, search, the showcase, the
# account forms, a logged-in account page, a 404, and (given the server's data folder) every
# page of the operator console. Fails on any error. Installs vnu-jar from npm into a cache
# folder the first time (Java runs it).
#
#   scripts/html-check.sh <base URL> [<the server's data folder>]
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
base="$1"
jar="$(npm_cached "${XDG_CACHE_HOME:-$HOME/.cache}/portal-vnu" vnu-jar 26.9.27)/build/dist/vnu.jar"
command -v java >/dev/null || { echo "the Nu HTML Checker needs Java (apt install default-jre-headless)" >&2; exit 1; }

pages="$(mktemp -d)"
trap 'rm -rf "$pages"' EXIT
session="$(company_session "$base" "checker-$RANDOM$RANDOM@acme.example" "$pages/jar")"
case "$session" in *session=*) ;; *) echo "logging in gave no session" >&2; exit 1 ;; esac

fetch() { # name path [cookie]
  curl -fsS ${3:+-H "Cookie: $3"} "$base$2" -o "$pages/$1.html" || { echo "cannot fetch $2" >&2; exit 1; }
}
fetch policy-en /en/cookie-policy
fetch policy-sv /sv/cookie-policy
fetch home-en /en/
fetch home-sv /sv/
fetch section /en/apis/
fetch api /sv/apis/taxonomy
fetch api-tried "/en/apis/jobsearch?try=op-search&server=https%3A%2F%2Fjobsearch.api.jobtechdev.se&query.q=data&show=curl"
fetch status-en /en/status/
fetch status-sv /sv/status/
fetch feedback-thanks "/en/contact?feedback=thanks"
fetch news /en/news/
fetch article /en/news/jobad-enrichments
fetch search "/en/search?q=api"
fetch showcase /en/showcase
fetch login /en/login
fetch register /sv/register
fetch forgot /en/forgot
fetch account /en/account "$session"
fetch accessibility /sv/tillganglighet
# A 404 has a page too.
curl -s "$base/en/no-such-page" -o "$pages/not-found.html"
fetch console-login /admin/login
if [ -n "${2:-}" ]; then
  operator="$(python3 "$root/scripts/operator-session.py" "$base" "$server_bin" "$2" \
    "checker-$RANDOM$RANDOM@af.example" "$pages")"
  for area in "" /companies?q=a /statistics /audit /mail /content /operators; do
    fetch "console${area//[\/?=]/-}" "/admin$area" "$operator"
  done
fi

java -jar "$jar" --errors-only "$pages"/*.html 2>"$pages/report.txt" || true
errors="$(grep -c ': error:' "$pages/report.txt" || true)"
echo "Nu HTML Checker: $(ls "$pages"/*.html | wc -l) pages, $errors errors"
# With --errors-only, anything reported is an error (or the checker's own failure).
if [ -s "$pages/report.txt" ]; then
  sed 's|^"file:[^"]*/\([^/"]*\)"|\1|' "$pages/report.txt" | head -40 >&2
  exit 1
fi
