#!/usr/bin/env bash
# The server tests' second pass (issue 26): the suites that touch the database — stores, domain,
# login, OpenID Connect, security, the profile API and the admin API's every-route tests (the other
# admin API tests build their app on libSQL) — run again on PostgreSQL. One throw-away cluster for
# the whole pass (scripts/with-postgres.ts: Debian's postgresql, found or installed by
# scripts/ensure-postgres.sh, initdb in a temporary folder, a loopback port, removed afterwards);
# every test database is a fresh copy of one migrated template in it (test/support/test-database.ts
# reads IPSAFEZONE_TEST_DB). The pure suites (zones, policy, client address…) are not repeated, nor
# the security files below that check HTTP only (headers, hosts, proxies, origins) or that flood a
# door with thousands of requests (the SQL they reach is checked on PostgreSQL by
# test/server/domain/aggregated-audit.test.ts; on libSQL they run in the first pass): `npm test`
# stays within its 20 minutes. Two files run at a time — their time is mostly waiting for the
# database, which has a process of its own.
# `npm run test:server:postgres -- FILE|FOLDER… [node flags]` runs only those on PostgreSQL.
set -euo pipefail
cd "$(dirname "$0")/.."
POSTGRES_BIN="$(bash scripts/ensure-postgres.sh)"
export POSTGRES_BIN
source scripts/test-args.sh
split_test_args "test/server/store test/server/domain test/server/login test/server/oidc test/server/security test/server/profile-api test/server/admin-api/route-authorization.test.ts test/server/admin-api/every-change-audited.test.ts" "$@"
named=0
for arg in "$@"; do if [[ $arg != -* && -e $arg ]]; then named=1; fi; done
if [ "$named" -eq 0 ]; then
  # The whole pass (no file named): without the HTTP-only and flood files.
  skip=(
    anonymous-flood passkey-options-flood
    host-header-trust verify-methods-and-cors session-cookie-tossing oidc-forwarded-host
    trusted-proxy-without-header remote-user-encoding zone-union-covers-everything
    office-nat-lockout passkey-wrong-origin oidc-client-audit-origin
  )
  kept=()
  for f in "${test_files[@]}"; do
    name=$(basename "$f" .test.ts)
    if [[ $f == test/server/security/* && " ${skip[*]} " == *" $name "* ]]; then continue; fi
    kept+=("$f")
  done
  test_files=("${kept[@]}")
fi
if [ "${#test_files[@]}" -eq 0 ]; then echo "No PostgreSQL test files found." >&2; exit 1; fi
slowest_first
export IPSAFEZONE_TEST_DB=postgres
node --import tsx scripts/with-postgres.ts \
  bash scripts/node-test-run.sh server-postgres --test-concurrency=2 "${test_flags[@]}" "${test_files[@]}"
