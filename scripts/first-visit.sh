#!/usr/bin/env bash
# Builds the first-visit bundle (app::hydration): the browser crate without its `full` feature,
# so only the islands of a content page. It is built by a pinned nightly that rebuilds the
# standard library for size, with panics that abort at once (no panic messages, no formatting
# code for them), then bound, optimised, minified, named by hash and precompressed next to the
# full bundle. The server finds it through <site>/first-visit.txt; without that file every
# page loads the full bundle.
#
#   scripts/first-visit.sh        # after `cargo leptos build --release` (scripts/env.sh's build_release)
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$root"
toolchain=nightly-2026-10-15
site="$root/target/site"
pkg="$site/pkg"
work="$target_dir/first-visit"
[ -d "$pkg" ] || { echo "no $pkg: build the site first" >&2; exit 1; }

if ! rustup component list --toolchain "$toolchain" --installed 2>/dev/null | grep -q '^rust-src'; then
  echo "rustup: installing $toolchain (rust-src, wasm32)" >&2
  rustup toolchain install "$toolchain" --profile minimal --component rust-src \
    --target wasm32-unknown-unknown
fi

echo "building the first-visit bundle ($toolchain, build-std)" >&2
RUSTFLAGS="-Zunstable-options -Cpanic=immediate-abort" \
  cargo "+$toolchain" build --locked -p frontend --lib --no-default-features \
  --target wasm32-unknown-unknown --profile wasm-release --target-dir "$work" \
  -Zbuild-std=std,panic_abort -Zbuild-std-features=optimize_for_size

out="$work/bundle"
rm -rf "$out"
mkdir -p "$out"
wasm-bindgen --target web --no-typescript --out-dir "$out" --out-name first \
  "$work/wasm32-unknown-unknown/wasm-release/frontend.wasm"
wasm-opt -Oz --converge --zero-filled-memory --enable-bulk-memory --enable-nontrapping-float-to-int \
  --enable-sign-ext --enable-mutable-globals \
  "$out/first_bg.wasm" -o "$out/first.wasm"
terser "$out/first.js" --module --compress --mangle -o "$out/first.min.js"

# Content-hashed names, so a changed bundle never meets an old cached copy.
hash() { sha256sum "$1" | head -c 20; }
js="portal-first.$(hash "$out/first.min.js").js"
wasm="portal-first.$(hash "$out/first.wasm").wasm"
rm -f "$pkg"/portal-first.*
cp "$out/first.min.js" "$pkg/$js"
cp "$out/first.wasm" "$pkg/$wasm"
for file in "$pkg/$js" "$pkg/$wasm"; do
  brotli -f -q 11 -o "$file.br" "$file"
  gzip -f -k -9 "$file"
done
# The full bundle it was built with: a later full build without this one (cargo leptos watch,
# say) makes the server ignore a first-visit bundle that no longer matches.
full="portal.$(sed -n 's/^wasm: *//p' "$target_dir/release/hash.txt").wasm"
printf 'js: %s\nwasm: %s\nfor: %s\n' "$js" "$wasm" "$full" >"$site/first-visit.txt"
echo "first-visit bundle: $js $(stat -c %s "$pkg/$js.br") B + $wasm $(stat -c %s "$pkg/$wasm.br") B (brotli)" >&2
