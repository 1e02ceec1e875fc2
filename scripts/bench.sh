#!/usr/bin/env bash
# `make bench`: set up, build, run the browser benchmark (table + one JSON line).
# The native criterion benchmarks run separately: cargo bench --bench render
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --test
scripts/build.sh
# The benchmark page needs exports the shipped module leaves out (feature bench-api):
# built in its own target directory so the shipped build is never replaced by it.
CARGO_TARGET_DIR=target/bench cargo build --quiet --release --target wasm32-unknown-unknown --lib -p hairline --features bench-api
raw=target/bench/wasm32-unknown-unknown/release/hairline.wasm
if [[ ! -f www/bench/pkg/hairline_bg.wasm || "$raw" -nt www/bench/pkg/hairline_bg.wasm ]]; then
  input="$raw"
  if command -v wasm-opt >/dev/null; then
    wasm-opt -Os --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext --enable-mutable-globals \
      --enable-multivalue --enable-reference-types "$raw" -o target/bench/hairline.opt.wasm
    input=target/bench/hairline.opt.wasm
  fi
  .tools/bin/wasm-bindgen --target web --out-dir www/bench/pkg --out-name hairline "$input"
fi
node scripts/bench.mjs
