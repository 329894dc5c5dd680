#!/usr/bin/env bash
# The browser tests (Playwright, real Chromium) against the release build, which must be built
# (scripts/test.sh builds it). Arguments go to Playwright: a spec file to run only that one,
# `--update-snapshots` to take new screenshot baselines after a deliberate change of look.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$root"
# One server per consent mode, each with its own data folder; videos come from a local
# stand-in host, so the tests can see whether anything is requested from it.
pids=()
trap 'kill "${pids[@]}" 2>/dev/null || true' EXIT
video_port="$(free_port)"
python3 end2end/fake-video-host.py "$video_port" &
pids+=($!)
video_url="http://127.0.0.1:$video_port"
wait_for "$video_url/embed/x"
# No SMTP server is configured: each server writes its mail to `data_dir/outbox/`, where the
# tests read the links.
start_test_server all-or-nothing "$video_url"; default_url="$base_url"; default_outbox="$data_dir/outbox"
start_test_server granular "$video_url"; granular_url="$base_url"; granular_outbox="$data_dir/outbox"
granular_data="$data_dir"
# A site that shares its consent cookie with its sibling subdomains: Chromium maps
# *.portal.test to loopback (playwright.config.ts), so www. and forum. are two sites.
shared_port="$(free_port)"
shared_log="$(mktemp)"
PORTAL_BIND="127.0.0.1:$shared_port" PORTAL_OPS_BIND="127.0.0.1:$(free_port)" \
  PORTAL_DATA_DIR="$(mktemp -d)" PORTAL_PUBLIC_URL="http://www.portal.test:$shared_port" \
  PORTAL_CONSENT__MODE=granular PORTAL_CONSENT__COOKIE_DOMAIN=portal.test \
  PORTAL_CONSENT__SHARE_ORIGINS="[\"http://forum.portal.test:$shared_port\"]" \
  "$server_bin" >"$shared_log" 2>&1 &
pids+=($!)
wait_for "http://127.0.0.1:$shared_port/en/" || { cat "$shared_log" >&2; exit 1; }
# A site with services: Matomo, a video host and a marketing tag, all on the stand-in host. The
# tag sets a first-party cookie and a storage key, declared so that withdrawing clears them.
withdrawal_port="$(free_port)"
withdrawal_log="$(mktemp)"
youtube="{id=\"youtube\",category=\"external_media\",name=\"YouTube\",provider=\"Google\",purpose_en=\"Plays the pages' videos.\",purpose_sv=\"Spelar sidornas filmer.\"}"
tag="{id=\"tag\",category=\"marketing\",name=\"Stand-in tag\",provider=\"A stand-in tag\",purpose_en=\"Tells visits apart.\",purpose_sv=\"Skiljer besök åt.\",scripts=[\"$video_url/tag.js?cookie=_tag_id&storage=tag:visits\"],storage=[\"tag:*\"],opt_out=\"tag.optOut\"}"
PORTAL_CONFIG="$root/end2end/withdrawal.toml" PORTAL_BIND="127.0.0.1:$withdrawal_port" \
  PORTAL_OPS_BIND="127.0.0.1:$(free_port)" PORTAL_DATA_DIR="$(mktemp -d)" \
  PORTAL_CONSENT__VIDEO_ORIGIN="$video_url" PORTAL_CONSENT__SERVICES="[$youtube,$tag]" \
  PORTAL_CONSENT__MATOMO="{url=\"$video_url/matomo/\",site_id=1}" \
  "$server_bin" >"$withdrawal_log" 2>&1 &
pids+=($!)
wait_for "http://127.0.0.1:$withdrawal_port/en/" || { cat "$withdrawal_log" >&2; exit 1; }
# The API pages against a stand-in API on loopback: JobSearch's spec (in a copy of the content)
# lists it, and the operator allows it, so its "Try it" forms call it.
api_port="$(free_port)"
python3 end2end/fake-api.py "$api_port" &
pids+=($!)
api_url="http://127.0.0.1:$api_port"
wait_for "$api_url/health"
api_content="$(mktemp -d)"
cp -r content/. "$api_content"
sed -i "s#https://jobsearch.api.jobtechdev.se#$api_url#g" "$api_content/openapi/jobsearch.yaml" \
  "$api_content"/*/apis/jobsearch.md
api_site_port="$(free_port)"
api_site_log="$(mktemp)"
PORTAL_BIND="127.0.0.1:$api_site_port" PORTAL_OPS_BIND="127.0.0.1:$(free_port)" \
  PORTAL_DATA_DIR="$(mktemp -d)" PORTAL_CONTENT_DIR="$api_content" \
  PORTAL_APIS__TRY_SERVERS="[\"$api_url\"]" \
  "$server_bin" >"$api_site_log" 2>&1 &
pids+=($!)
wait_for "http://127.0.0.1:$api_site_port/en/" || { cat "$api_site_log" >&2; exit 1; }
cd end2end
# The console's tests add operators with the server binary's command line, on the granular
# server's data folder.
BASE_URL="$default_url" GRANULAR_URL="$granular_url" VIDEO_URL="$video_url" \
  OUTBOX="$default_outbox" GRANULAR_OUTBOX="$granular_outbox" \
  SERVER_BIN="$server_bin" GRANULAR_DATA="$granular_data" SHARED_PORT="$shared_port" \
  WITHDRAWAL_URL="http://127.0.0.1:$withdrawal_port" \
  API_URL="$api_url" API_SITE_URL="http://127.0.0.1:$api_site_port" \
  npx playwright test "$@"
