# Sourced by the scripts: tool paths shared by build, serve, test and bench.
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export PATH="$root/end2end/node_modules/.bin:$HOME/.cargo/bin:$PATH:$HOME/.cache/portal-moto/bin:$HOME/.cache/portal-tools/bin"

# Installs the prebuilt cargo tool $1 (the crate's name) at version $2 from PyPI (wheels named
# astral-dev-toolchain-<crate>) into a venv under ~/.cache, on PATH above: seconds, where
# `cargo install` compiles for minutes. Falls back to `cargo install --locked`.
cargo_tool() {
  local crate="$1" version="$2" venv="$HOME/.cache/portal-tools"
  if { [ -x "$venv/bin/pip" ] || python3 -m venv "$venv"; } &&
    "$venv/bin/pip" install -q "astral-dev-toolchain-$crate==$version" &&
    "$venv/bin/$crate" --version | grep -q " $version\$"; then
    return 0
  fi
  echo "no prebuilt $crate $version: building it" >&2
  (cd / && cargo install --locked "$crate" --version "$version")
}
target_dir="${CARGO_TARGET_DIR:-$root/target}"
server_bin="$target_dir/release/server"

# Builds the release server and the browser assets (hashed names, precompressed): the full
# bundle through cargo-leptos, then the first-visit bundle (scripts/first-visit.sh).
build_release() {
  (cd "$root" && cargo leptos build --release --precompress) && "$root/scripts/first-visit.sh"
}

# Prints a free TCP port on 127.0.0.1.
free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# Waits until a URL answers (at most ~30 s).
wait_for() {
  for _ in $(seq 1 150); do
    curl -fsS -o /dev/null "$1" 2>/dev/null && return 0
    sleep 0.2
  done
  echo "no answer from $1" >&2
  return 1
}

# Installs the npm package $2 at version $3 into the cache folder $1 unless it is there already
# (further arguments go to `npm install`); prints the package's folder.
npm_cached() {
  local dir="$1" package="$2" version="$3"
  shift 3
  if ! grep -q "\"version\": \"$version\"" "$dir/node_modules/$package/package.json" 2>/dev/null; then
    mkdir -p "$dir"
    (cd "$dir" && npm install --no-audit --no-fund --loglevel=error "$@" "$package@$version") >&2
  fi
  echo "$dir/node_modules/$package"
}

# Gives a company at the server $1, with the address $2, a login session: consent (which an
# all-or-nothing server needs before an account), registration, login. The cookies go to the
# jar file $3; prints the `Cookie` header value (consent and session).
company_session() {
  local base="$1" email="$2" jar="$3" password="correct horse battery staple"
  local post=(curl -fsS -o /dev/null -c "$jar" -b "$jar" -H "Origin: $base")
  "${post[@]}" -d choice=accept_all "$base/consent"
  "${post[@]}" --data-urlencode company="Test AB" --data-urlencode email="$email" \
    --data-urlencode password="$password" "$base/en/register"
  "${post[@]}" --data-urlencode email="$email" --data-urlencode password="$password" \
    "$base/en/login"
  awk '$6 ~ /session$/ || $6 == "consent" {printf "%s%s=%s", sep, $6, $7; sep="; "}' "$jar"
}

# Starts the release server for the browser tests in consent mode $1, on a free port with a
# data folder of its own, videos from the stand-in host at $2. Sets base_url and data_dir, and
# adds the process to the caller's `pids` array. Every browser test registers from 127.0.0.1,
# so the registration limit is raised.
start_test_server() {
  local port log
  port="$(free_port)"
  log="$(mktemp)"
  data_dir="$(mktemp -d)"
  # No PORTAL_PUBLIC_URL: a server on a port other than 3000 must derive it from its bind.
  PORTAL_BIND="127.0.0.1:$port" PORTAL_OPS_BIND="127.0.0.1:$(free_port)" \
    PORTAL_DATA_DIR="$data_dir" \
    PORTAL_CONSENT__MODE="$1" PORTAL_CONSENT__VIDEO_ORIGIN="$2" \
    PORTAL_ACCOUNTS__REGISTRATIONS_PER_IP_PER_HOUR=100 \
    PORTAL_CONSENT__SCRIPTS="[{category=\"marketing\",src=\"$2/tag.js\"}]" \
    "$server_bin" >"$log" 2>&1 &
  pids+=($!)
  wait_for "http://127.0.0.1:$port/en/" || { cat "$log" >&2; exit 1; }
  base_url="http://127.0.0.1:$port"
}
