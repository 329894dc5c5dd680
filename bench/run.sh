#!/usr/bin/env bash
# Benchmark (not a test): every figure of the speed-and-size budget from one run, on loopback.
#
#  1. The policy page from the page cache vs. the same bytes from nginx: req/s and p99 (servers
#     share core 0, wrk runs on core 1, runs interleave), and the page rendered per request.
#     nginx runs twice, with and without `sendfile on; tcp_nopush on` (on loopback a small page
#     is faster without), and the ratios are against the faster of the two.
#  2. What a first-time visitor's browser downloads for the policy page (JS, wasm, CSS over the
#     wire, in Chromium), and the assets' raw, gzip and brotli sizes.
#  3. Lighthouse 12 (mobile) scores per page kind.
#  4. The server's RSS at start and over a mixed load of about a million requests.
#  5. Nu HTML Checker errors on every page kind.
#
#   bench/run.sh [seconds-per-run] [rounds] [load-requests]
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../scripts/env.sh"
cd "$root"
secs="${1:-10}"
rounds="${2:-3}"
load_requests="${3:-1000000}"
conns=32
out="$root/bench/out"
mkdir -p "$out"

scripts/bootstrap.sh bench
# PORTAL_BENCH_SERVER and PORTAL_BENCH_SITE measure another build (an older one, to compare)
# instead of building this one.
if [ -n "${PORTAL_BENCH_SERVER:-}" ]; then
  server_bin="$PORTAL_BENCH_SERVER"
  export PORTAL_SITE_DIR="${PORTAL_BENCH_SITE:?PORTAL_BENCH_SITE names the site folder of that build}"
else
  build_release
fi
site_dir="${PORTAL_SITE_DIR:-$root/target/site}"

portal_port="$(free_port)"
nginx_port="$(free_port)"
nginx2_port="$(free_port)"
PORTAL_BIND="127.0.0.1:$portal_port" PORTAL_OPS_BIND="127.0.0.1:$(free_port)" PORTAL_DATA_DIR="$out/data" PORTAL_LOG_LEVEL=warn \
  taskset -c 0 "$server_bin" >"$out/server.log" 2>&1 &
server_pid=$!
nginx_pid=""
nginx2_pid=""
cleanup() {
  kill "$server_pid" 2>/dev/null || true
  [ -n "$nginx_pid" ] && kill "$nginx_pid" 2>/dev/null || true
  [ -n "$nginx2_pid" ] && kill "$nginx2_pid" 2>/dev/null || true
}
trap cleanup EXIT
wait_for "http://127.0.0.1:$portal_port/en/cookie-policy"

# The exact bytes the portal serves, saved for nginx.
mkdir -p "$out/www/en"
curl -fsS "http://127.0.0.1:$portal_port/en/cookie-policy" -o "$out/www/en/cookie-policy"
# nginx_conf NAME PORT SENDFILE: one worker, the same bytes, sendfile (and tcp_nopush) on or off.
nginx_conf() {
  cat >"$out/$1.conf" <<CONF
worker_processes 1;
daemon off;
pid $out/$1.pid;
error_log $out/$1-error.log warn;
events { worker_connections 1024; }
http {
  access_log off;
  default_type text/html;
  sendfile $3;
  tcp_nopush $3;
  keepalive_requests 100000;
  server {
    listen 127.0.0.1:$2;
    root $out/www;
    location / { try_files \$uri =404; }
  }
}
CONF
}
nginx_conf nginx "$nginx_port" on
nginx_conf nginx-plain "$nginx2_port" off
taskset -c 0 nginx -c "$out/nginx.conf" -e "$out/nginx-error.log" &
nginx_pid=$!
taskset -c 0 nginx -c "$out/nginx-plain.conf" -e "$out/nginx-plain-error.log" &
nginx2_pid=$!
wait_for "http://127.0.0.1:$nginx_port/en/cookie-policy"
wait_for "http://127.0.0.1:$nginx2_port/en/cookie-policy"
cmp -s <(curl -fsS "http://127.0.0.1:$nginx_port/en/cookie-policy") "$out/www/en/cookie-policy" \
  || { echo "nginx does not serve the same bytes" >&2; exit 1; }

# wrk prints "Requests/sec: N" and, with --latency, "99% Xms".
run_wrk() {
  taskset -c 1 wrk -t1 -c"$conns" -d"${secs}s" --latency "$@" >"$out/wrk.txt"
  local rps p99
  rps=$(awk '/Requests\/sec/ {print $2}' "$out/wrk.txt")
  p99=$(awk '$1=="99%" {print $2}' "$out/wrk.txt")
  echo "$rps $p99"
}
to_ms() { awk -v v="$1" 'BEGIN { if (v ~ /us$/) printf "%.3f", v/1000; else if (v ~ /ms$/) printf "%.3f", v+0; else printf "%.3f", v*1000 }'; }
median() { sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

echo "warming up"
taskset -c 1 wrk -t1 -c"$conns" -d2s "http://127.0.0.1:$portal_port/en/cookie-policy" >/dev/null
taskset -c 1 wrk -t1 -c"$conns" -d2s "http://127.0.0.1:$nginx_port/en/cookie-policy" >/dev/null
taskset -c 1 wrk -t1 -c"$conns" -d2s "http://127.0.0.1:$nginx2_port/en/cookie-policy" >/dev/null

: >"$out/portal.txt"; : >"$out/nginx.txt"; : >"$out/nginx-plain.txt"; : >"$out/uncached.txt"
for round in $(seq 1 "$rounds"); do
  read -r rps p99 < <(run_wrk "http://127.0.0.1:$portal_port/en/cookie-policy")
  echo "$rps $(to_ms "$p99")" >>"$out/portal.txt"
  echo "round $round portal: $rps req/s, p99 $p99"
  read -r rps p99 < <(run_wrk "http://127.0.0.1:$nginx_port/en/cookie-policy")
  echo "$rps $(to_ms "$p99")" >>"$out/nginx.txt"
  echo "round $round nginx (sendfile):  $rps req/s, p99 $p99"
  read -r rps p99 < <(run_wrk "http://127.0.0.1:$nginx2_port/en/cookie-policy")
  echo "$rps $(to_ms "$p99")" >>"$out/nginx-plain.txt"
  echo "round $round nginx (no sendfile): $rps req/s, p99 $p99"
  # A request with a cookie bypasses the page cache: every response is rendered by Leptos.
  read -r rps p99 < <(run_wrk -H "Cookie: bench=1" "http://127.0.0.1:$portal_port/en/cookie-policy")
  echo "$rps $(to_ms "$p99")" >>"$out/uncached.txt"
  echo "round $round portal, rendered per request: $rps req/s, p99 $p99"
done

portal_rps=$(cut -d' ' -f1 "$out/portal.txt" | median)
portal_p99=$(cut -d' ' -f2 "$out/portal.txt" | median)
sendfile_rps=$(cut -d' ' -f1 "$out/nginx.txt" | median)
sendfile_p99=$(cut -d' ' -f2 "$out/nginx.txt" | median)
plain_rps=$(cut -d' ' -f1 "$out/nginx-plain.txt" | median)
plain_p99=$(cut -d' ' -f2 "$out/nginx-plain.txt" | median)
# The baseline is the faster nginx (by requests per second).
if awk -v a="$plain_rps" -v b="$sendfile_rps" 'BEGIN { exit !(a > b) }'; then
  nginx_rps=$plain_rps; nginx_p99=$plain_p99; baseline="nginx without sendfile"
else
  nginx_rps=$sendfile_rps; nginx_p99=$sendfile_p99; baseline="nginx with sendfile"
fi
uncached_rps=$(cut -d' ' -f1 "$out/uncached.txt" | median)
uncached_p99=$(cut -d' ' -f2 "$out/uncached.txt" | median)
page_bytes=$(wc -c <"$out/www/en/cookie-policy")
echo
echo "policy page: $page_bytes bytes of HTML, $conns connections, ${secs}s x $rounds rounds (medians)"
printf '%-22s %12s %10s\n' "" "req/s" "p99 ms"
printf '%-22s %12.0f %10.2f\n' portal "$portal_rps" "$portal_p99" "nginx, sendfile" "$sendfile_rps" "$sendfile_p99" \
  "nginx, no sendfile" "$plain_rps" "$plain_p99" "portal, rendered" "$uncached_rps" "$uncached_p99"
echo "baseline: $baseline"
# The portal runs under `taskset -c 0`: its runtime starts one async worker per CPU it may use
# (its blocking threads, which compress pages, share the worker's name, so threads are not
# counted here).
echo "portal's CPUs (affinity): $(awk '/^Cpus_allowed_list/ {print $2}' "/proc/$server_pid/status"), so one async worker"
awk -v a="$portal_rps" -v b="$nginx_rps" 'BEGIN { printf "P1 ratio portal/nginx req/s: %.2f (goal >= 1.00)\n", a/b }'
awk -v a="$portal_p99" -v b="$nginx_p99" 'BEGIN { printf "P2 ratio portal/nginx p99:   %.2f (goal <= 1.00)\n", a/b }'
awk -v a="$uncached_rps" -v b="$nginx_rps" 'BEGIN { printf "ratio rendered-per-request/nginx req/s: %.2f\n", a/b }'

echo
echo "== what a first-time visitor downloads for /en/cookie-policy (dialog open), in Chromium"
node bench/first-visit.mjs "http://127.0.0.1:$portal_port" /en/cookie-policy >"$out/first-visit.txt"
cat "$out/first-visit.txt"
read -r _ fv_js fv_wasm fv_css fv_total < <(head -1 "$out/first-visit.txt")
echo "first visit: JS $fv_js + wasm $fv_wasm + CSS $fv_css = $fv_total bytes over the wire (goal <= 60000)"
echo "the assets (raw, gzip -9, brotli -q 11):"
html="$out/www/en/cookie-policy"
printf '  %-40s %10s %10s %10s\n' file raw gzip brotli
for asset in $(grep -oE '/pkg/[A-Za-z0-9_.-]+\.(js|wasm|css)' "$html" | sort -u); do
  file="$site_dir$asset"
  raw=$(wc -c <"$file")
  gz=$(gzip -9 -c "$file" | wc -c)
  br=$(brotli -q 11 -c "$file" | wc -c)
  printf '  %-40s %10d %10d %10d\n' "${asset#/pkg/}" "$raw" "$gz" "$br"
done

base="http://127.0.0.1:$portal_port"

echo
echo "== Lighthouse 12, mobile: performance / accessibility / best practices / SEO"
tools="${XDG_CACHE_HOME:-$HOME/.cache}/portal-bench/node_modules"
for path in /en/cookie-policy /en/ /sv/ /en/showcase /en/login /en/register /en/apis/jobsearch /en/status/; do
  report="$out/lighthouse-$(echo "$path" | tr -c 'a-z0-9\n' '_').json"
  for attempt in 1 2; do
    CHROME_PATH=/usr/bin/chromium "$tools/.bin/lighthouse" "$base$path" --quiet --output=json \
      --output-path="$report" --chrome-flags="--headless=new --no-sandbox --disable-gpu" \
      >/dev/null 2>&1 || true
    # A trace error leaves a category without a score: run again once.
    node -e 'const r=require(process.argv[1]); process.exit(Object.values(r.categories).every(c=>c.score!==null)?0:1)' "$report" 2>/dev/null && break
  done
  node -e '
    const r = require(process.argv[1]);
    const s = ["performance", "accessibility", "best-practices", "seo"].map((k) => r.categories[k].score === null ? "?" : Math.round(r.categories[k].score * 100));
    const failed = Object.values(r.audits).filter((a) => a.score !== null && a.score < 1 && ["binary", "numeric"].includes(a.scoreDisplayMode) && a.score < 0.9).map((a) => a.id);
    console.log(`  ${process.argv[2].padEnd(20)} ${s.join(" / ")}${failed.length ? "   below 0.9: " + failed.join(", ") : ""}`);
  ' "$report" "$path"
done

echo
echo "== Nu HTML Checker on every page kind"
scripts/html-check.sh "$base" || true

echo
echo "== server memory: RSS at start and over a mixed load of $load_requests requests (256 connections)"
kill "$server_pid" 2>/dev/null || true
wait "$server_pid" 2>/dev/null || true
load_port="$(free_port)"
load_base="http://127.0.0.1:$load_port"
rm -rf "$out/load-data"
PORTAL_BIND="127.0.0.1:$load_port" PORTAL_OPS_BIND="127.0.0.1:$(free_port)" PORTAL_PUBLIC_URL="$load_base" \
  PORTAL_DATA_DIR="$out/load-data" PORTAL_LOG_LEVEL=warn PORTAL_CONSENT__MODE=granular \
  taskset -c 0 "$server_bin" >"$out/load-server.log" 2>&1 &
server_pid=$!
wait_for "$load_base/en/"
rss() { awk '/^VmRSS/ {print $2}' "/proc/$server_pid/status"; }
rss_anon() { awk '/^RssAnon/ {print $2}' "/proc/$server_pid/status"; }
sleep 2
start_rss=$(rss); start_anon=$(rss_anon)
rm -f "$out/jar"
LOAD_COOKIE="$(company_session "$load_base" bench@acme.example "$out/jar")"
export LOAD_COOKIE
# Two halves of the requests; wrk runs for a time, so each half's length comes from a probe.
taskset -c 1 wrk -t1 -c256 -d3s -s bench/load.lua "$load_base" >"$out/load-probe.txt"
probe_rps=$(awk '/^requests\/s/ {print $2}' "$out/load-probe.txt")
half_secs=$(awk -v n="$load_requests" -v r="$probe_rps" 'BEGIN { s = int(n / 2 / r + 0.5); print (s < 1 ? 1 : s) }')
total=0
for half in 1 2; do
  # RSS every half second while wrk runs: the median and the largest, beside the value read
  # the moment it ends.
  taskset -c 1 wrk -t1 -c256 -d"${half_secs}s" -s bench/load.lua "$load_base" >"$out/load-$half.txt" &
  wrk_pid=$!
  : >"$out/load-rss-$half.txt"
  while kill -0 "$wrk_pid" 2>/dev/null; do
    rss >>"$out/load-rss-$half.txt"
    sleep 0.5
  done
  wait "$wrk_pid"
  n=$(awk '/^requests\/s/ {r=$2} END {print r}' "$out/load-$half.txt")
  total=$(awk -v t="$total" -v r="$n" -v s="$half_secs" 'BEGIN { printf "%d", t + r * s }')
  now=$(rss)
  eval "rss_$half=$now"
  during=$(sort -n "$out/load-rss-$half.txt" | awk '{v[NR]=$1} END {printf "median %d MB, largest %d MB", v[int((NR+1)/2)]/1024, v[NR]/1024}')
  echo "  after ~$total requests: RSS $(( now / 1024 )) MB; during that half: $during ($(awk '/^statuses/' "$out/load-$half.txt"))"
done
sleep 3
idle_rss=$(rss)
echo "  RSS at start: $(( start_rss / 1024 )) MB (anonymous $(( start_anon / 1024 )) MB)"
echo "  RSS after the load: $(( rss_2 / 1024 )) MB, second half grew $(( (rss_2 - rss_1) / 1024 )) MB; 3 s idle later: $(( idle_rss / 1024 )) MB (goal <= 40 MB, flat)"
# What each MB is, after the load at 256 connections and then after a round at 32.
breakdown() {
  python3 - "$server_pid" <<'PY'
import re, sys
pid = sys.argv[1]
kinds = {}
name = None
for line in open(f"/proc/{pid}/smaps"):
    if re.match(r"^[0-9a-f]+-[0-9a-f]+ ", line):
        parts = line.split()
        path = parts[5] if len(parts) > 5 else ""
        if path.endswith("/server"):
            name = "binary code" if "x" in parts[1] else "binary data"
        elif path.startswith("/"):
            name = "libraries"
        elif path == "[stack]" or path == "":
            name = "heap and stacks (anonymous)"
        else:
            name = "heap and stacks (anonymous)" if path == "[heap]" else "other"
    elif line.startswith("Rss:"):
        kinds[name] = kinds.get(name, 0) + int(line.split()[1])
print("    " + ", ".join(f"{k} {v / 1024:.1f} MB" for k, v in sorted(kinds.items(), key=lambda kv: -kv[1])))
PY
}
echo "  3 s after the load at 256 connections: RSS $(( idle_rss / 1024 )) MB; by kind:"
breakdown
taskset -c 1 wrk -t1 -c32 -d"${half_secs}s" -s bench/load.lua "$load_base" >"$out/load-32.txt"
echo "  after a round at 32 connections: RSS $(( $(rss) / 1024 )) MB; by kind:"
breakdown
