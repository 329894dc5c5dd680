#!/usr/bin/env bash
# Times the console's consent statistics page with a year of one million decisions, against
# the same sums computed from the raw consent log in the same run.
# Usage: bench/console-stats.sh [decisions]   (release build; PostgreSQL with PORTAL_DATABASE_URL)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$here"
cargo run --release --locked -q -p server --example console_stats_bench -- "${1:-1000000}"
