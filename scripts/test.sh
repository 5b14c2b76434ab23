#!/usr/bin/env bash
# `npm test`: everything, in the order that fails fastest — commit subjects at most 72 characters
# (scripts/check-commits.sh), type check, lint, the layering (dependency-cruiser), the
# custom-elements manifest being current, server tests, the same database suites again on a
# throw-away PostgreSQL (scripts/test-server-postgres.sh, issue 26), the widget build and its
# size, browser tests in Chromium, then the end-to-end tests (Chromium and nginx). Any failure
# stops the run with a non-zero exit. `--also-node=26` (what .ci/run passes) then runs the server
# tests and the start-up smoke test again on that Node (scripts/test-node.sh), and the closing
# total counts both runs.
set -euo pipefail
cd "$(dirname "$0")/.."
also_node=()
for arg in "$@"; do
  case $arg in
    --also-node=*) also_node+=("${arg#--also-node=}") ;;
    *) echo "test.sh: unknown argument $arg (known: --also-node=24|26)" >&2; exit 2 ;;
  esac
done
step() { printf '\n=== %s\n' "$*"; }
summary=$(mktemp)
out=$(mktemp)
trap 'rm -f "$summary" "$out"' EXIT
# Runs one suite, keeping its closing "<suite>: N passed, N failed" line for the total.
suite() {
  bash "$@" 2>&1 | tee "$out"
  grep -E '^[a-z0-9-]+: [0-9]+ passed, [0-9]+ failed$' "$out" >>"$summary"
}
step "commit subjects"; bash scripts/check-commits.sh
step "type check";    npm run --silent typecheck
step "lint";          npm run --silent lint
step "layers";        npm run --silent deps
step "manifest";      bash scripts/check-manifest.sh
step "server tests";  suite scripts/test-server.sh
step "server tests on PostgreSQL"
started=$SECONDS
suite scripts/test-server-postgres.sh
echo "The PostgreSQL pass took $((SECONDS - started)) s."
step "build";         npm run --silent build
step "start-up";      suite scripts/test-start.sh
step "widget size";   npx tsx scripts/size.ts
if [ -f web-test-runner.config.ts ]; then
  step "browser tests"; suite scripts/test-browser.sh
fi
if [ -d test/e2e ]; then
  step "end-to-end tests"; suite scripts/test-e2e.sh
fi
for major in "${also_node[@]}"; do
  step "server and start-up tests on Node $major"
  started=$SECONDS
  suite scripts/test-node.sh "$major"
  echo "The Node $major pass took $((SECONDS - started)) s."
done
step "all green"
cat "$summary"
awk '{p += $2; f += $4} END {printf "total: %d passed, %d failed\n", p, f}' "$summary"
