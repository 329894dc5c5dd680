#!/usr/bin/env bash
# Times the site search (index build, two-word query p50/p99) on the real content and on
# 10,000 generated pages, against a plain scan of the same pages in the same run.
# Usage: bench/search.sh   (release build)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$here"
cargo run --release --locked -q -p server --example search_bench -- content
