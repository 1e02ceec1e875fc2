#!/usr/bin/env bash
# Builds the wasm core into www/pkg/ (wasm + ES module glue) and reports the gzipped
# size of everything the page transfers. Cheap when nothing changed.
set -euo pipefail
cd "$(dirname "$0")/.."

# The renderer (www/pkg/) and, loaded only once a person opens a photo of their own,
# the photo analysis (www/pkg/analysis/, its models in www/models/).
cargo build --quiet --release --target wasm32-unknown-unknown --lib -p hairline
# The analysis's inner loops vectorise with wasm SIMD (every current engine has it; one
# without fails to load the analysis and the page falls back to the manual tools). Its
# own target directory: other flags would rebuild the renderer's dependencies.
RUSTFLAGS="-C target-feature=+simd128" CARGO_TARGET_DIR=target/simd \
  cargo build --quiet --release --target wasm32-unknown-unknown --lib -p hairline-analysis

# bindgen <target dir> <crate's wasm name> <out dir> <out name> <wasm-opt flags…>
bindgen() {
  local dir=$1
  shift
  local raw=$dir/wasm32-unknown-unknown/release/$1.wasm opt=$dir/wasm32-unknown-unknown/release/$1.opt.wasm
  [[ -f "$2/${3}_bg.wasm" && ! "$raw" -nt "$2/${3}_bg.wasm" ]] && return
  local input="$raw"
  if command -v wasm-opt >/dev/null; then
    # Debian's binaryen only reads rustc's output, so optimise before wasm-bindgen.
    wasm-opt "${@:4}" --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
      --enable-mutable-globals --enable-multivalue --enable-reference-types "$raw" -o "$opt"
    input="$opt"
  fi
  rm -rf "${2:?}"/"$3"*
  .tools/bin/wasm-bindgen --target web --remove-name-section --remove-producers-section \
    --out-dir "$2" --out-name "$3" "$input"
}
# -Os: 1.5 KB gzipped smaller than -O3, no difference measurable in the benchmark.
bindgen target hairline www/pkg hairline -Os
# The analysis is speed-bound (three networks on every photo): -O3.
bindgen target/simd hairline_analysis www/pkg/analysis hairline_analysis -O3 --enable-simd

# What a visitor downloads: the widget's code, styles and page (the sample photo aside).
mapfile -t files < <(find www -type f \( -name '*.js' -o -name '*.wasm' -o -name '*.css' -o -name '*.html' \) \
  ! -name '*.d.ts' ! -path 'www/bench/*' ! -path 'www/pkg/analysis/*' ! -name analysis.js | sort)
total=0
for f in "${files[@]}"; do total=$((total + $(gzip -9 -c "$f" | wc -c))); done
wasm_gz=$(gzip -9 -c www/pkg/hairline_bg.wasm | wc -c)
printf 'built www/pkg: wasm %d KB gzipped; page total %d KB gzipped over %d files\n' \
  $((wasm_gz / 1024)) $((total / 1024)) "${#files[@]}"
analysis=0
for f in www/analysis.js www/pkg/analysis/*.js www/pkg/analysis/*.wasm www/models/*.hlnn; do
  analysis=$((analysis + $(gzip -9 -c "$f" | wc -c)))
done
printf 'photo analysis (loaded when the picker opens): %d KB gzipped\n' $((analysis / 1024))
