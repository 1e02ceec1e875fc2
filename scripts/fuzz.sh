#!/usr/bin/env bash
# Runs every fuzz target for FUZZ_SECONDS each (default 60) with cargo-fuzz on the
# nightly toolchain, starting from the saved seeds. Crashes land in fuzz/artifacts/;
# copy each into fuzz/regressions/<target>/ once fixed so `cargo test` replays it.
#   make fuzz                      # a minute per target
#   FUZZ_SECONDS=600 make fuzz     # ten minutes per target
#   scripts/fuzz.sh session render # only the named targets
# Targets (fuzz/Cargo.toml): decode, options, render, design, session (the whole
# Session, as the page drives it), analysis, model.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${FUZZ_SECONDS:-60}"
rustup toolchain list | grep -q '^nightly' || rustup toolchain install nightly --profile minimal
command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz
cd fuzz
targets=("$@")
[[ ${#targets[@]} -gt 0 ]] || mapfile -t targets < <(cargo +nightly fuzz list)
for target in "${targets[@]}"; do
  mkdir -p "corpus/$target"
  cp -n seeds/"$target"/* "corpus/$target/" 2>/dev/null || true
  echo "== $target for ${seconds}s"
  cargo +nightly fuzz run -O "$target" "corpus/$target" -- \
    -max_total_time="$seconds" -rss_limit_mb=4096 -max_len=65536 -print_final_stats=1 2>&1 \
    | grep -E '^(#[0-9]+.*(DONE|pulse)|stat::number_of_executed_units|Done|SUMMARY|==[0-9]+==)' | tail -4
done
