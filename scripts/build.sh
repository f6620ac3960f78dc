#!/usr/bin/env bash
# Release build into dist/ (trunk + wasm-bindgen + wasm-opt -Oz, then a CSP). No downloads.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PWD/node_modules/.bin:$PATH"
trunk build --release --offline
# Trunk's start-up script out of line, and the Content-Security-Policy in.
node scripts/postbuild.mjs dist
# The single-file version for USB sticks and intranet mail: dist-single/mofan.html.
node scripts/single-file.mjs dist dist-single/mofan.html
