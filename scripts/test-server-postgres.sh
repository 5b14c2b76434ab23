#!/usr/bin/env bash
# The server tests' second pass (issue 26): the suites that touch the database — stores, domain,
# login, OpenID Connect, security — run again on PostgreSQL. One throw-away cluster for the whole
# pass (scripts/with-postgres.ts: Debian's postgresql, found or installed by
# scripts/ensure-postgres.sh, initdb in a temporary folder, a loopback port, removed afterwards);
# every test database is a fresh CREATE DATABASE in it (test/support/test-database.ts reads
# IPSAFEZONE_TEST_DB). The pure suites (zones, policy, client address…) are not repeated.
# `npm run test:server:postgres -- FILE|FOLDER… [node flags]` runs only those on PostgreSQL.
set -euo pipefail
cd "$(dirname "$0")/.."
POSTGRES_BIN="$(bash scripts/ensure-postgres.sh)"
export POSTGRES_BIN
source scripts/test-args.sh
split_test_args "test/server/store test/server/domain test/server/login test/server/oidc test/server/security test/server/enrolment" "$@"
if [ "${#test_files[@]}" -eq 0 ]; then echo "No PostgreSQL test files found." >&2; exit 1; fi
export IPSAFEZONE_TEST_DB=postgres
node --import tsx scripts/with-postgres.ts \
  bash scripts/node-test-run.sh server-postgres "${test_flags[@]}" "${test_files[@]}"
