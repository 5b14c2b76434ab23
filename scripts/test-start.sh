#!/usr/bin/env bash
# The start-up smoke test (test/start/): the compiled server and command line in build/ on the Node
# first on PATH. Run after `npm run build`; `npm test` does, and scripts/test-node.sh on another Node.
# Ends with "start: N passed, N failed" for the total.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/test-args.sh
split_test_args test/start "$@"
if [ "${#test_files[@]}" -eq 0 ]; then echo "No start-up test files found under test/start." >&2; exit 1; fi
bash scripts/node-test-run.sh start "${test_flags[@]}" "${test_files[@]}"
