#!/usr/bin/env bash
# The run command: installs what is missing, builds the release and serves it
# on http://127.0.0.1:8080 (PORT=… to change).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
bash scripts/build.sh
exec node scripts/serve.mjs dist "${PORT:-8080}"
