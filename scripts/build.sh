#!/usr/bin/env bash
# Release build into dist/ (trunk + wasm-bindgen + wasm-opt -Oz, then a CSP and
# minified JS): the member's app (index.html, with the files worker) and the
# 支部汇总 desk's page (branch.html), and dist-single/mofan.html with both.
# No downloads.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PWD/node_modules/.bin:$PATH"
trunk build --release --offline
# The desk's page, its own module, built apart (trunk empties its dist) and
# put beside the member's app; their shared files (CSS, icons) are the same.
trunk build branch.html --release --offline --html-output branch.html --dist target/dist-desk
cp -R target/dist-desk/. dist/
# The single-file version for USB sticks and intranet mail: dist-single/mofan.html.
# First, while wasm-bindgen's glue module is still as trunk wrote it.
node scripts/single-file.mjs dist dist-single/mofan.html
# For both pages: trunk's start-up script out of line, the
# Content-Security-Policy in, the glue module minified; then the service worker.
node scripts/postbuild.mjs dist

# Brotli and gzip copies of every file, for the server to send as they are.
node scripts/compress.mjs dist
