#!/usr/bin/env bash
# `npm test`: everything, in the order that fails fastest — type check, lint, the layering
# (dependency-cruiser), the custom-elements manifest being current, server tests, the
# widget build and its size, browser tests in Chromium, then the end-to-end tests (Chromium and
# nginx). Any failure stops the run with a non-zero exit.
set -euo pipefail
cd "$(dirname "$0")/.."
step() { printf '\n=== %s\n' "$*"; }
summary=$(mktemp)
out=$(mktemp)
trap 'rm -f "$summary" "$out"' EXIT
# Runs one suite, keeping its closing "<suite>: N passed, N failed" line for the total.
suite() {
  bash "$@" 2>&1 | tee "$out"
  grep -E '^[a-z0-9-]+: [0-9]+ passed, [0-9]+ failed$' "$out" >>"$summary"
}
step "type check";    npm run --silent typecheck
step "lint";          npm run --silent lint
step "layers";        npm run --silent deps
step "manifest";      bash scripts/check-manifest.sh
step "server tests";  suite scripts/test-server.sh
step "build";         npm run --silent build
step "widget size";   npx tsx scripts/size.ts
if [ -f web-test-runner.config.ts ]; then
  step "browser tests"; suite scripts/test-browser.sh
fi
if [ -d test/e2e ]; then
  step "end-to-end tests"; suite scripts/test-e2e.sh
fi
step "all green"
cat "$summary"
awk '{p += $2; f += $4} END {printf "total: %d passed, %d failed\n", p, f}' "$summary"
