#!/usr/bin/env bash
# Installs whatever is missing for building (and with --test, for testing). Idempotent:
# every step checks first, so a second run takes well under a second.
set -euo pipefail
cd "$(dirname "$0")/.."

WASM_BINDGEN_VERSION=0.2.130
GECKODRIVER_VERSION=0.37.1
TOOLS="$PWD/.tools"
want_test=false
[[ "${1:-}" == "--test" ]] && want_test=true

say() { printf '\033[1m• %s\033[0m\n' "$*"; }

as_root() {
  if [[ $(id -u) -eq 0 ]]; then "$@"; else sudo "$@"; fi
}

apt_updated=false
apt_install() {
  local missing=()
  for pkg in "$@"; do dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg"); done
  [[ ${#missing[@]} -eq 0 ]] && return 0
  say "installing Debian packages: ${missing[*]}"
  if ! $apt_updated; then as_root apt-get update -qq; apt_updated=true; fi
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

command -v cargo >/dev/null || { echo "cargo (Rust) is required: https://rustup.rs" >&2; exit 1; }
command -v node >/dev/null || apt_install nodejs npm

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

if [[ "$("$TOOLS/bin/wasm-bindgen" --version 2>/dev/null)" != "wasm-bindgen $WASM_BINDGEN_VERSION" ]]; then
  say "installing wasm-bindgen-cli $WASM_BINDGEN_VERSION into .tools/ (a few minutes, once)"
  cargo install --quiet --root "$TOOLS" wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION" --locked 2>/dev/null \
    || cargo install --quiet --root "$TOOLS" wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION" --force
fi

# wasm-opt (binaryen) shrinks the module; Debian's works on rustc's output.
apt_install binaryen

if $want_test; then
  # Browsers for the end-to-end suite (Chromium) and the cross-engine smoke suite
  # (Firefox ESR; WebKitGTK's driver, whose MiniBrowser needs an X display: Xvfb).
  apt_install chromium chromium-driver firefox-esr webkit2gtk-driver xvfb
  # geckodriver is not packaged for Debian and GitHub downloads fail here: crates.io.
  if [[ "$("$TOOLS/bin/geckodriver" --version 2>/dev/null | head -1)" != "geckodriver $GECKODRIVER_VERSION"* ]]; then
    say "installing geckodriver $GECKODRIVER_VERSION into .tools/ (a few minutes, once)"
    cargo install --quiet --root "$TOOLS" geckodriver --version "$GECKODRIVER_VERSION" --locked 2>/dev/null \
      || cargo install --quiet --root "$TOOLS" geckodriver --version "$GECKODRIVER_VERSION" --force
  fi
  for component in clippy rustfmt; do
    rustup component list --installed | grep -q "^$component" || rustup component add "$component"
  done
  if [[ ! -f node_modules/.package-lock.json || package-lock.json -nt node_modules/.package-lock.json ]]; then
    say "installing npm packages for the end-to-end tests"
    npm ci --no-audit --no-fund --loglevel=error
  fi
fi
