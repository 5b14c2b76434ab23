#!/usr/bin/env bash
# Runs the browser tests in Debian's Chromium through web-test-runner. The config starts the real
# backend (real libSQL, embedded SecSign ID server) for the tests to talk to.
set -euo pipefail
cd "$(dirname "$0")/.."
CHROME_PATH=$(bash scripts/ensure-chromium.sh)
export CHROME_PATH
if ! { find test/widget test/admin -name '*.test.ts' 2>/dev/null || true; } | grep -q .; then
  echo "No browser test files found under test/widget." >&2; exit 1
fi
node --import tsx node_modules/@web/test-runner/dist/bin.js --config web-test-runner.config.ts "$@"
