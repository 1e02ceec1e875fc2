#!/usr/bin/env bash
# Builds the wasm core into www/pkg/ (wasm + ES module glue) and reports the gzipped
# size of everything the page transfers. Cheap when nothing changed.
set -euo pipefail
cd "$(dirname "$0")/.."

raw=target/wasm32-unknown-unknown/release/hairline.wasm
opt=target/wasm32-unknown-unknown/release/hairline.opt.wasm

cargo build --quiet --release --target wasm32-unknown-unknown --lib

if [[ ! -f www/pkg/hairline_bg.wasm || "$raw" -nt www/pkg/hairline_bg.wasm ]]; then
  input="$raw"
  if command -v wasm-opt >/dev/null; then
    # Debian's binaryen only reads rustc's output, so optimise before wasm-bindgen.
    # -Os: 1.5 KB gzipped smaller than -O3, no difference measurable in the benchmark.
    wasm-opt -Os --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
      --enable-mutable-globals --enable-multivalue --enable-reference-types "$raw" -o "$opt"
    input="$opt"
  fi
  rm -rf www/pkg
  .tools/bin/wasm-bindgen --target web --remove-name-section --remove-producers-section \
    --out-dir www/pkg --out-name hairline "$input"
fi

# What a visitor downloads: the widget's code, styles and page (the sample photo aside).
mapfile -t files < <(find www -type f \( -name '*.js' -o -name '*.wasm' -o -name '*.css' -o -name '*.html' \) \
  ! -name '*.d.ts' ! -path 'www/bench/*' | sort)
total=0
for f in "${files[@]}"; do total=$((total + $(gzip -9 -c "$f" | wc -c))); done
wasm_gz=$(gzip -9 -c www/pkg/hairline_bg.wasm | wc -c)
printf 'built www/pkg: wasm %d KB gzipped; page total %d KB gzipped over %d files\n' \
  $((wasm_gz / 1024)) $((total / 1024)) "${#files[@]}"
