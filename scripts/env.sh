# Sourced by the scripts: tool paths shared by build, serve, test and bench.
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export PATH="$root/end2end/node_modules/.bin:$HOME/.cargo/bin:$PATH:$HOME/.cache/portal-moto/bin"
target_dir="${CARGO_TARGET_DIR:-$root/target}"
server_bin="$target_dir/release/server"

# Builds the release server and the browser assets (hashed names, precompressed).
build_release() {
  (cd "$root" && cargo leptos build --release --precompress)
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
