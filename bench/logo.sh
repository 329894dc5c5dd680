#!/usr/bin/env bash
# Times cleaning and storing a 2 MB PNG logo against storing the same bytes unprocessed.
# Usage: bench/logo.sh [rounds]   (release build; prints median, p90 and the ratio)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$here"
cargo run --release --locked -q -p server --example logo_bench -- "${1:-31}"
