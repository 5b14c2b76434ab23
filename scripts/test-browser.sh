#!/usr/bin/env bash
# Runs the browser tests in Debian's Chromium through web-test-runner. The config starts the real
# backend (real libSQL, embedded SecSign ID server) for the tests to talk to.
set -euo pipefail
cd "$(dirname "$0")/.."
CHROME_PATH=$(bash scripts/ensure-chromium.sh)
# test/widget/built-bundle.test.ts tests dist/ as built: rebuilt first when a source changed.
node --import tsx scripts/build.ts --changed --only=bundles
export CHROME_PATH
if ! { find test/widget test/admin -name '*.test.ts' 2>/dev/null || true; } | grep -q .; then
  echo "No browser test files found under test/widget." >&2; exit 1
fi
log=$(mktemp)
trap 'rm -f "$log"' EXIT
set +e
# A folder among the arguments means its browser tests: its *.test.ts files, never the Node unit
# tests of test/widget/unit/ (which scripts/test-server.sh runs).
args=()
for a in "$@"; do
  if [ -d "$a" ]; then
    found=$(find "$a" -name '*.test.ts' -not -path '*/unit/*' | sort)
    if [ -z "$found" ]; then echo "No browser test files under $a." >&2; exit 1; fi
    while IFS= read -r f; do args+=("$f"); done <<< "$found"
  else
    args+=("$a")
  fi
done
node --import tsx node_modules/@web/test-runner/dist/bin.js --config web-test-runner.config.ts ${args[@]+"${args[@]}"} 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e
# web-test-runner's own count sits inside its progress line; restate it as a closing line.
counts=$(grep -oE '[0-9]+ passed, [0-9]+ failed' "$log" | tail -n 1)
pass=$(echo "$counts" | awk '{print $1}')
fail=$(echo "$counts" | awk '{print $3}')
echo "browser: ${pass:-0} passed, ${fail:-0} failed"
if [ "${pass:-0}" -eq 0 ]; then echo "No browser test passed: treating as failure." >&2; exit 1; fi
exit $status
