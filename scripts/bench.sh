#!/usr/bin/env bash
# `make bench`: set up, build, run the browser benchmark (table + one JSON line).
# The native criterion benchmarks run separately: cargo bench --bench render
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --test
scripts/build.sh
node scripts/bench.mjs
