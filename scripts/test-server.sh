#!/usr/bin/env bash
# Runs the server tests (node's test runner through tsx), with Debian's slapd for the LDAP tests. Node 20 does not expand globs itself and
# silently runs nothing on a folder of .ts files, so the files are listed here, and a run that
# finds no test file, or reports no passing test, fails.
set -euo pipefail
cd "$(dirname "$0")/.."
# The LDAP directory tests start a throw-away OpenLDAP slapd (installed here when missing, as root).
SLAPD_PATH="$(bash scripts/ensure-slapd.sh)"
export SLAPD_PATH
mapfile -t files < <(find test/server test/cli test/demo -name '*.test.ts' 2>/dev/null | sort)
if [ "${#files[@]}" -eq 0 ]; then echo "No server test files found under test/server, test/cli or test/demo." >&2; exit 1; fi
log=$(mktemp)
trap 'rm -f "$log"' EXIT
set +e
node --import tsx --test --test-reporter=spec --test-reporter-destination=stdout \
  --test-reporter=tap --test-reporter-destination="$log" "$@" "${files[@]}"
status=$?
set -e
pass=$(grep -E '^# pass ' "$log" | awk '{print $3}')
fail=$(grep -E '^# fail ' "$log" | awk '{print $3}')
echo "server: ${pass:-0} passed, ${fail:-0} failed"
if [ "${pass:-0}" -eq 0 ]; then echo "No server test passed: treating as failure." >&2; exit 1; fi
exit $status
