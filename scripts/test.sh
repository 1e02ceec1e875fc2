#!/usr/bin/env bash
# Sets up what is missing, then runs every test layer; fails if any fails.
#   1. formatting and lints (native and wasm targets)
#   2. native tests of the core, golden images included (cargo test)
#   3. the wasm binding in headless Chromium (cargo test --target wasm32-unknown-unknown)
#   4. end-to-end tests of the served page (node --test with playwright-core)
#   5. a smoke suite in Chromium, Firefox ESR and WebKit over WebDriver (tests/engines/)
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --test

export PATH="$PWD/.tools/bin:$PATH"
export CHROMEDRIVER="${CHROMEDRIVER:-/usr/bin/chromedriver}"
step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

step "format and lints"
cargo fmt --check
cargo clippy --quiet --workspace --all-targets -- -D warnings
cargo clippy --quiet --workspace --target wasm32-unknown-unknown --lib --tests --features hairline/bench-api -- -D warnings

step "native tests"
cargo test --release --workspace

step "browser tests of the wasm binding (headless Chromium)"
cargo test --release --target wasm32-unknown-unknown --test browser --features bench-api

step "end-to-end tests"
scripts/build.sh
node --test --test-concurrency=1 --test-timeout=180000 tests/e2e/

step "cross-engine smoke (Chromium, Firefox ESR, WebKit over WebDriver)"
node --test --test-concurrency=1 --test-timeout=180000 tests/engines/
