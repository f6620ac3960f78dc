#!/usr/bin/env bash
# The benchmark command: installs what is missing, builds the release, and
# measures it (see scripts/bench.mjs). `--smoke` runs one short iteration.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --browser
bash scripts/build.sh
node scripts/bench.mjs "$@"
