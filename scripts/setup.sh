#!/usr/bin/env bash
# Installs whatever is missing to build (and, with --browser, to test) Mofan.
# Idempotent: a second run changes nothing. Downloads only from package
# registries (rustup/crates.io, npm, Debian).
set -euo pipefail
cd "$(dirname "$0")/.."

WANT_BROWSER=0
[[ "${1:-}" == "--browser" ]] && WANT_BROWSER=1

export PATH="$HOME/.cargo/bin:$PWD/node_modules/.bin:$PATH"
say() { printf '\033[1m[setup]\033[0m %s\n' "$*"; }

TRUNK_VERSION=0.21.14
# The CLI must equal the crate pinned in Cargo.toml, or trunk tries to download it.
BINDGEN_VERSION=$(sed -n 's/^wasm-bindgen = "=\([0-9.]*\)"/\1/p' Cargo.toml)
[[ -n "$BINDGEN_VERSION" ]] || { echo "Cargo.toml must pin wasm-bindgen = \"=X.Y.Z\"" >&2; exit 1; }

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "adding Rust target wasm32-unknown-unknown"
  rustup target add wasm32-unknown-unknown
fi

for component in clippy rustfmt; do
  if ! rustup component list --installed 2>/dev/null | grep -q "^$component"; then
    say "adding Rust component $component"
    rustup component add "$component"
  fi
done

if [[ "$(trunk --version 2>/dev/null || true)" != "trunk $TRUNK_VERSION" ]]; then
  say "installing trunk $TRUNK_VERSION (takes about 13 minutes on 2 cores, once)"
  cargo install trunk --version "$TRUNK_VERSION" --locked
fi

LEPTOSFMT_VERSION=0.1.33
if [[ "$(leptosfmt --version 2>/dev/null || true)" != "leptosfmt $LEPTOSFMT_VERSION" ]]; then
  say "installing leptosfmt $LEPTOSFMT_VERSION (formats view! code)"
  cargo install leptosfmt --version "$LEPTOSFMT_VERSION" --locked
fi

if [[ "$(wasm-bindgen --version 2>/dev/null || true)" != "wasm-bindgen $BINDGEN_VERSION" ]] \
   || ! command -v wasm-bindgen-test-runner >/dev/null; then
  say "installing wasm-bindgen-cli $BINDGEN_VERSION"
  # Not --locked: its lockfile names a crate version the registry lacks.
  cargo install wasm-bindgen-cli --version "$BINDGEN_VERSION" --force
fi

if [[ ! -x node_modules/.bin/wasm-opt || ! -d node_modules/terser || ! -d node_modules/playwright-core || ! -d node_modules/pdfjs-dist || ! -d node_modules/negotiator || ! -d node_modules/axe-core || ! -d node_modules/exceljs \
      || ! -d node_modules/puppeteer-core || package-lock.json -nt node_modules/.package-lock.json ]]; then
  say "installing npm tools (binaryen wasm-opt, terser, negotiator, playwright-core, puppeteer-core, pdfjs-dist, axe-core, exceljs)"
  npm ci --no-audit --no-fund
fi

if [[ $WANT_BROWSER == 1 ]] && { [[ ! -x /usr/bin/chromium ]] || [[ ! -x /usr/bin/chromedriver ]] || [[ ! -x /usr/bin/firefox-esr ]] \
      || ! fc-list 2>/dev/null | grep -qi "wenquanyi micro hei"; }; then
  say "installing Debian chromium, chromium-driver and firefox-esr"
  SUDO=""; [[ $(id -u) == 0 ]] || SUDO="sudo"
  $SUDO apt-get update
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y chromium chromium-driver firefox-esr fonts-wqy-microhei
fi

# geckodriver drives Firefox ESR for the wasm-bindgen tests (Debian has no
# package of it); crates.io has it, a registry like the rest.
GECKODRIVER_VERSION=0.37.1
if [[ $WANT_BROWSER == 1 && "$(geckodriver --version 2>/dev/null | head -1 | cut -d' ' -f2)" != "$GECKODRIVER_VERSION" ]]; then
  say "installing geckodriver $GECKODRIVER_VERSION (about 2 minutes on 2 cores, once)"
  cargo install geckodriver --version "$GECKODRIVER_VERSION" --locked
fi

say "fetching crates"
cargo fetch --quiet
cargo fetch --quiet --target wasm32-unknown-unknown
