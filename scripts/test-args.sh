#!/usr/bin/env bash
# Sourced by the test scripts (test-server.sh, test-start.sh, test-e2e.sh) so that
# `npm run test:server -- test/server/x.test.ts` runs just that file: splits the script's arguments
# into test files and the flags for node's test runner. An argument that names an existing file is
# a test file, an existing folder stands for the *.test.ts files under it, and a `*.ts` argument
# that does not exist stops the run with a message (a typo must not quietly run nothing, nor
# everything); anything else (`--test-name-pattern=login`, `--test-only`, a flag's value) goes to
# node unchanged. With no file named, the script's default folders are searched, as before.
#
# Usage: split_test_args "DEFAULT FOLDERS" "$@"   → sets the arrays test_files and test_flags.
split_test_args() {
  local defaults=$1 arg
  shift
  test_files=()
  test_flags=()
  for arg in "$@"; do
    if [[ $arg != -* && -f $arg ]]; then
      test_files+=("$arg")
    elif [[ $arg != -* && -d $arg ]]; then
      local before=${#test_files[@]}
      mapfile -t -O "$before" test_files < <(find "$arg" -name '*.test.ts' | sort)
      if [ "${#test_files[@]}" -eq "$before" ]; then echo "No *.test.ts file under $arg." >&2; exit 1; fi
    elif [[ $arg != -* && $arg == *.ts ]]; then
      echo "No such test file: $arg" >&2
      exit 1
    else
      test_flags+=("$arg")
    fi
  done
  if [ "${#test_files[@]}" -eq 0 ]; then
    # shellcheck disable=SC2086 # the default folders are a space-separated list
    mapfile -t test_files < <(find $defaults -name '*.test.ts' 2>/dev/null | sort)
  fi
}

# The server test files that take longest, measured (docs/testing.md, "Where the time goes"),
# longest first. Node's runner starts files in the order it is given them, as many at a time as
# --test-concurrency allows: started first, a long file runs beside the many short ones instead of
# alone at the end of the run.
SLOW_TEST_FILES=(
  test/server/http/every-route-bad-input.test.ts
  test/server/security/anonymous-table-growth.test.ts
  test/server/security/name-spray-flood.test.ts
  test/server/security/anonymous-flood.test.ts
  test/server/perf-doors/cross-process-revocation.test.ts
  test/server/oidc/anonymous-records-cap.test.ts
  test/server/security/ipv6-prefix-flood.test.ts
  test/server/ops/process.test.ts
  test/server/security/passkey-options-flood.test.ts
  test/server/login/login-flow.test.ts
)

# Reorders the array test_files: the SLOW_TEST_FILES among them first (in that order), then the
# rest as they were.
slowest_first() {
  local slow f ordered=() rest=()
  for slow in "${SLOW_TEST_FILES[@]}"; do
    for f in "${test_files[@]}"; do
      if [ "$f" = "$slow" ]; then ordered+=("$f"); fi
    done
  done
  for f in "${test_files[@]}"; do
    if [[ " ${SLOW_TEST_FILES[*]} " != *" $f "* ]]; then rest+=("$f"); fi
  done
  test_files=("${ordered[@]}" "${rest[@]}")
}
