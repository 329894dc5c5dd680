#!/usr/bin/env bash
# Three instances of the release server on loopback ports, sharing one PostgreSQL database and
# one S3-compatible server (moto), behind nginx balancing round-robin; then scale/scenario.py
# drives them through the balancer. Everything listens on 127.0.0.1 and is stopped at the end.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../scripts/env.sh"
cd "$root"
[ -x "$server_bin" ] || build_release
command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || scripts/bootstrap.sh scale
nginx_bin="$(command -v nginx || echo /usr/sbin/nginx)"

tmp="$(mktemp -d)"
pids=()
admin_url="$(scripts/postgres.sh)"
db="portal_scale_$$"
cleanup() {
  kill "${pids[@]}" 2>/dev/null || true
  [ -f "$tmp/nginx.pid" ] && kill "$(cat "$tmp/nginx.pid")" 2>/dev/null || true
  psql "$admin_url" -qc "DROP DATABASE IF EXISTS $db WITH (FORCE)" >/dev/null 2>&1 || true
  rm -rf "$tmp"
}
trap cleanup EXIT
psql "$admin_url" -qc "CREATE DATABASE $db"
db_url="${admin_url%/*}/$db"

moto_port="$(free_port)"
moto_server -H 127.0.0.1 -p "$moto_port" >"$tmp/moto.log" 2>&1 &
pids+=($!)
wait_for "http://127.0.0.1:$moto_port/"
curl -fsS -X PUT "http://127.0.0.1:$moto_port/logos" >/dev/null

lb_port="$(free_port)"
export PORTAL_PUBLIC_URL="http://127.0.0.1:$lb_port"
export PORTAL_DATABASE_URL="$db_url"
export PORTAL_CONSENT_SECRET="scale-test-secret-scale-test-secret-0123"
export PORTAL_LOGOS__BACKEND=s3 PORTAL_LOGOS__S3_ENDPOINT="http://127.0.0.1:$moto_port"
export PORTAL_LOGOS__S3_BUCKET=logos PORTAL_LOGOS__S3_ACCESS_KEY_ID=scale PORTAL_LOGOS__S3_SECRET_ACCESS_KEY=scale
export PORTAL_ACCOUNTS__REGISTRATIONS_PER_IP_PER_HOUR=100
# nginx on loopback is the only proxy: its X-Forwarded-For names the client.
export PORTAL_TRUSTED_PROXIES='["127.0.0.1"]'
PORTAL_DATA_DIR="$tmp/migrate" "$server_bin" migrate

upstreams=""
server_pids=()
for n in 1 2 3; do
  port="$(free_port)"
  PORTAL_BIND="127.0.0.1:$port" PORTAL_OPS_BIND="127.0.0.1:$(free_port)" \
    PORTAL_INSTANCE_ID="instance-$n" PORTAL_DATA_DIR="$tmp/data-$n" \
    "$server_bin" >"$tmp/instance-$n.log" 2>&1 &
  pids+=($!)
  server_pids+=($!)
  wait_for "http://127.0.0.1:$port/healthz" || { cat "$tmp/instance-$n.log" >&2; exit 1; }
  upstreams+="    server 127.0.0.1:$port max_fails=1 fail_timeout=30s;"$'\n'
done

cat >"$tmp/nginx.conf" <<CONF
worker_processes 1;
pid $tmp/nginx.pid;
error_log $tmp/nginx-error.log warn;
events { worker_connections 256; }
http {
  access_log off;
  client_body_temp_path $tmp/body;
  proxy_temp_path $tmp/proxy;
  fastcgi_temp_path $tmp/fastcgi;
  uwsgi_temp_path $tmp/uwsgi;
  scgi_temp_path $tmp/scgi;
  upstream portal {
$upstreams  }
  server {
    listen 127.0.0.1:$lb_port;
    client_max_body_size 3m;
    location / {
      proxy_pass http://portal;
      proxy_set_header Host \$host;
      proxy_set_header X-Forwarded-For \$proxy_add_x_forwarded_for;
      proxy_next_upstream error timeout http_502 http_503;
      proxy_connect_timeout 2s;
    }
  }
}
CONF
"$nginx_bin" -p "$tmp" -c "$tmp/nginx.conf"
wait_for "http://127.0.0.1:$lb_port/healthz"

SCALE_URL="http://127.0.0.1:$lb_port" SCALE_PIDS="$(IFS=,; echo "${server_pids[*]}")" \
  SCALE_LOGO="server/tests/corpus/ok-logo.png" timeout 300 python3 scale/scenario.py
