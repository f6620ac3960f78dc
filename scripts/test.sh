#!/usr/bin/env bash
# The test command: installs what is missing, checks the formatting and
# clippy (native and wasm32, warnings denied), then runs every layer:
#   1. native cargo test (src/core and the template files)
#   2. wasm-bindgen-test in headless Chromium, then Firefox ESR (storage, files, components)
#   3. end-to-end specs against the release build served on 127.0.0.1
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --browser
export PATH="$HOME/.cargo/bin:$PWD/node_modules/.bin:$PATH"
export CHROMEDRIVER=/usr/bin/chromedriver

echo "== formatting (leptosfmt for view!, then rustfmt) and clippy"
node scripts/fmt.mjs --check
cargo clippy --quiet --all-targets -- -D warnings
cargo clippy --quiet --all-targets --target wasm32-unknown-unknown -- -D warnings

echo "== 1/3 native tests"
cargo test --quiet

echo "== 2/3 browser tests (wasm-bindgen-test, headless Chromium, then Firefox ESR)"
cargo test --target wasm32-unknown-unknown --test browser --test components
# The same tests again in Firefox ESR (the runner takes GECKODRIVER first).
# Without geckodriver the runner would quietly use Chromium a second time.
GECKODRIVER="$(command -v geckodriver)" || { echo "geckodriver is missing: run bash scripts/setup.sh --browser" >&2; exit 1; }
GECKODRIVER="$GECKODRIVER" cargo test --target wasm32-unknown-unknown --test browser --test components

echo "== 3/3 end-to-end specs (release build)"
bash scripts/build.sh
# The benchmark is not a test; this only checks that it still starts and runs once.
mkdir -p target
node scripts/bench.mjs --smoke > target/bench-smoke.log || { cat target/bench-smoke.log; exit 1; }
node --test --test-concurrency=1 --test-timeout=120000 tests/e2e/*.spec.mjs
