#!/usr/bin/env bash
# Runs node's test runner through tsx on the given files (and node flags before them) and ends
# with "<label>: N passed, N failed", the line scripts/test.sh and .ci/run add up. A run in which no
# test passed fails, whatever the runner's status (Node 20 runs nothing, with exit 0, when it is
# handed a folder of .ts files). Used by scripts/test-server.sh, test-start.sh and test-e2e.sh.
# Usage: bash scripts/node-test-run.sh LABEL [node flags] FILES...
set -euo pipefail
label=$1
shift
log=$(mktemp)
trap 'rm -f "$log"' EXIT
set +e
node --import tsx --test --test-reporter=spec --test-reporter-destination=stdout \
  --test-reporter=tap --test-reporter-destination="$log" "$@"
status=$?
set -e
pass=$(grep -E '^# pass ' "$log" | awk '{print $3}')
fail=$(grep -E '^# fail ' "$log" | awk '{print $3}')
echo "$label: ${pass:-0} passed, ${fail:-0} failed"
if [ "${pass:-0}" -eq 0 ]; then echo "No $label test passed: treating as failure." >&2; exit 1; fi
exit $status
