#!/usr/bin/env bash
# Release build into dist/ (trunk + wasm-bindgen + wasm-opt -Oz). No downloads.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PWD/node_modules/.bin:$PATH"
trunk build --release --offline
