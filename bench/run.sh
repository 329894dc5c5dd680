#!/usr/bin/env bash
# Benchmark (not a test): the policy page served by the portal vs. the same bytes served by
# nginx, in one run, on loopback. Servers share core 0, wrk runs on core 1, runs interleave.
# Also prints what a visitor downloads for the page's JS and wasm (raw, gzip, brotli).
#
#   bench/run.sh [seconds-per-run] [rounds]
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../scripts/env.sh"
cd "$root"
secs="${1:-10}"
rounds="${2:-3}"
conns=32
out="$root/bench/out"
mkdir -p "$out"

scripts/bootstrap.sh bench
build_release

portal_port="$(free_port)"
nginx_port="$(free_port)"
PORTAL_BIND="127.0.0.1:$portal_port" PORTAL_OPS_BIND="127.0.0.1:$(free_port)" PORTAL_DATA_DIR="$out/data" PORTAL_LOG_LEVEL=warn \
  taskset -c 0 "$server_bin" >"$out/server.log" 2>&1 &
server_pid=$!
nginx_pid=""
cleanup() {
  kill "$server_pid" 2>/dev/null || true
  [ -n "$nginx_pid" ] && kill "$nginx_pid" 2>/dev/null || true
}
trap cleanup EXIT
wait_for "http://127.0.0.1:$portal_port/en/cookie-policy"

# The exact bytes the portal serves, saved for nginx.
mkdir -p "$out/www/en"
curl -fsS "http://127.0.0.1:$portal_port/en/cookie-policy" -o "$out/www/en/cookie-policy"
cat >"$out/nginx.conf" <<CONF
worker_processes 1;
daemon off;
pid $out/nginx.pid;
error_log $out/nginx-error.log warn;
events { worker_connections 1024; }
http {
  access_log off;
  default_type text/html;
  sendfile on;
  tcp_nopush on;
  keepalive_requests 100000;
  server {
    listen 127.0.0.1:$nginx_port;
    root $out/www;
    location / { try_files \$uri =404; }
  }
}
CONF
taskset -c 0 nginx -c "$out/nginx.conf" -e "$out/nginx-error.log" &
nginx_pid=$!
wait_for "http://127.0.0.1:$nginx_port/en/cookie-policy"
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

: >"$out/portal.txt"; : >"$out/nginx.txt"; : >"$out/uncached.txt"
for round in $(seq 1 "$rounds"); do
  read -r rps p99 < <(run_wrk "http://127.0.0.1:$portal_port/en/cookie-policy")
  echo "$rps $(to_ms "$p99")" >>"$out/portal.txt"
  echo "round $round portal: $rps req/s, p99 $p99"
  read -r rps p99 < <(run_wrk "http://127.0.0.1:$nginx_port/en/cookie-policy")
  echo "$rps $(to_ms "$p99")" >>"$out/nginx.txt"
  echo "round $round nginx:  $rps req/s, p99 $p99"
  # A request with a cookie bypasses the page cache: every response is rendered by Leptos.
  read -r rps p99 < <(run_wrk -H "Cookie: bench=1" "http://127.0.0.1:$portal_port/en/cookie-policy")
  echo "$rps $(to_ms "$p99")" >>"$out/uncached.txt"
  echo "round $round portal, rendered per request: $rps req/s, p99 $p99"
done

portal_rps=$(cut -d' ' -f1 "$out/portal.txt" | median)
nginx_rps=$(cut -d' ' -f1 "$out/nginx.txt" | median)
portal_p99=$(cut -d' ' -f2 "$out/portal.txt" | median)
nginx_p99=$(cut -d' ' -f2 "$out/nginx.txt" | median)
uncached_rps=$(cut -d' ' -f1 "$out/uncached.txt" | median)
uncached_p99=$(cut -d' ' -f2 "$out/uncached.txt" | median)
page_bytes=$(wc -c <"$out/www/en/cookie-policy")
echo
echo "policy page: $page_bytes bytes of HTML, $conns connections, ${secs}s x $rounds rounds (medians)"
printf '%-8s %12s %10s\n' "" "req/s" "p99 ms"
printf '%-8s %12.0f %10.2f\n' portal "$portal_rps" "$portal_p99" nginx "$nginx_rps" "$nginx_p99" rendered "$uncached_rps" "$uncached_p99"
awk -v a="$portal_rps" -v b="$nginx_rps" 'BEGIN { printf "ratio portal/nginx req/s: %.2f\n", a/b }'
awk -v a="$uncached_rps" -v b="$nginx_rps" 'BEGIN { printf "ratio rendered-per-request/nginx req/s: %.2f\n", a/b }'

echo
echo "what a visitor downloads for the policy page's scripts:"
html="$out/www/en/cookie-policy"
printf '%-40s %10s %10s %10s\n' file raw gzip brotli
for asset in $(grep -oE '/pkg/[A-Za-z0-9_.-]+\.(js|wasm|css)' "$html" | sort -u); do
  file="$root/target/site$asset"
  raw=$(wc -c <"$file")
  gz=$(gzip -9 -c "$file" | wc -c)
  br=$(brotli -q 11 -c "$file" | wc -c)
  printf '%-40s %10d %10d %10d\n' "${asset#/pkg/}" "$raw" "$gz" "$br"
done
