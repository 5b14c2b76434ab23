#!/usr/bin/env bash
# `npm test`: everything, in the order that fails fastest — type check, lint, server tests, the
# widget build and its size, browser tests in Chromium, then the end-to-end tests (Chromium and
# nginx). Any failure stops the run with a non-zero exit.
set -euo pipefail
cd "$(dirname "$0")/.."
step() { printf '\n=== %s\n' "$*"; }
step "type check";    npm run --silent typecheck
step "lint";          npm run --silent lint
step "server tests";  bash scripts/test-server.sh
step "build";         npm run --silent build
step "widget size";   npx tsx scripts/size.ts
if [ -f web-test-runner.config.ts ]; then
  step "browser tests"; bash scripts/test-browser.sh
fi
if [ -d test/e2e ]; then
  step "end-to-end tests"; bash scripts/test-e2e.sh
fi
step "all green"
