#!/usr/bin/env bash
# Fuzzes the parsers that take visitors' input (cargo-fuzz, libFuzzer with AddressSanitizer):
# content (front matter, markdown, shortcodes), consent_cookie, forms, client_addr
# (X-Forwarded-For, trusted proxies, request paths) and logo (image decoding, SVG).
#
#   scripts/fuzz.sh [seconds-per-target] [target…]      # default: 20 s each, every target
#
# Each target starts from its committed seeds (fuzz/seeds/<target>), and a run of a minute or
# more also from what earlier long runs found (kept under the cache folder, outside the clone). A crash, a hang (10 s per input) or
# more than 2 GB of memory fails the run and leaves the input in fuzz/artifacts/<target>/.
# Prints the executions and coverage of each target.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$root/fuzz"
secs="${1:-20}"
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(content consent_cookie forms client_addr logo)
CARGO_FUZZ_VERSION=0.13.2
toolchain="$(sed -n 's/^channel = "\(.*\)"/\1/p' rust-toolchain.toml)"
work="${PORTAL_FUZZ_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/portal-fuzz}"
mkdir -p "$work"
export CARGO_TARGET_DIR="$work/target"

rustup toolchain list | grep -q "^$toolchain" ||
  rustup toolchain install "$toolchain" --profile minimal
if ! cargo fuzz --version 2>/dev/null | grep -q " $CARGO_FUZZ_VERSION\$"; then
  cargo_tool cargo-fuzz "$CARGO_FUZZ_VERSION"
fi

echo "building the fuzz targets (nightly $toolchain, AddressSanitizer)" >&2
cargo fuzz build --release >"$work/build.log" 2>&1 || { tail -30 "$work/build.log" >&2; exit 1; }
status=0
for target in "${targets[@]}"; do
  corpus="$work/corpus/$target"
  # A short run starts from the seeds alone: libFuzzer first replays every input it is given,
  # whatever the time limit, and the kept corpus grows with every long run.
  [ "$secs" -ge 60 ] || corpus="$(mktemp -d)"
  mkdir -p "$corpus" "artifacts/$target"
  log="$work/$target.log"
  if cargo fuzz run --release "$target" "$corpus" "seeds/$target" -- \
      -max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 -max_len=1048576 \
      -print_final_stats=1 >"$log" 2>&1; then
    runs="$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)"
    cov="$(grep -oE 'cov: [0-9]+' "$log" | tail -1)"
    printf '%-15s %10s executions in %s s, %s, no crash\n' "$target" "${runs:-?}" "$secs" "${cov:-cov: ?}"
  else
    echo "$target: FAILED (input kept under fuzz/artifacts/$target)" >&2
    grep -E 'ERROR|panicked|SUMMARY|timeout|out-of-memory' "$log" | head -20 >&2
    status=1
  fi
done
exit $status
