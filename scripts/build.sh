#!/usr/bin/env bash
# Release build into dist/ (trunk + wasm-bindgen + wasm-opt -Oz, then a CSP and
# minified JS) and dist-single/mofan.html. No downloads.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PWD/node_modules/.bin:$PATH"
trunk build --release --offline
# The single-file version for USB sticks and intranet mail: dist-single/mofan.html.
# First, while wasm-bindgen's glue module is still as trunk wrote it.
node scripts/single-file.mjs dist dist-single/mofan.html
# Trunk's start-up script out of line, the Content-Security-Policy in, the
# glue module minified, and the service worker written.
node scripts/postbuild.mjs dist

# Brotli and gzip copies of every file, for the server to send as they are.
node scripts/compress.mjs dist
