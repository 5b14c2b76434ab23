#!/usr/bin/env bash
# Runs the end-to-end tests (test/e2e/*.test.ts): real server processes, Debian's Chromium through
# playwright-core, Debian's nginx for forward-auth, Apache's mod_auth_openidc as an OpenID Connect
# relying party, slapd for the LDAP directory and PostgreSQL (a primary and a standby for the
# failover test). Finds (or, as root on Debian, installs) Chromium, nginx, Apache, slapd and
# PostgreSQL, builds the bundles whose sources changed, and fails when no test file is
# found or no test passed. UPDATE_SCREENSHOTS=1 also rewrites docs/screenshots/*.png.
# `npm run test:e2e -- test/e2e/login.test.ts [node flags]` runs only that file (scripts/test-args.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
CHROME_PATH="$(bash scripts/ensure-chromium.sh)"
NGINX_PATH="$(bash scripts/ensure-nginx.sh)"
APACHE_PATH="$(bash scripts/ensure-apache.sh)"
SLAPD_PATH="$(bash scripts/ensure-slapd.sh)"
POSTGRES_BIN="$(bash scripts/ensure-postgres.sh)"
export CHROME_PATH NGINX_PATH APACHE_PATH SLAPD_PATH POSTGRES_BIN
# The bundles the server serves, rebuilt when a source changed (scripts/build.ts): never a stale one.
node --import tsx scripts/build.ts --changed --only=bundles
source scripts/test-args.sh
split_test_args test/e2e "$@"
if [ "${#test_files[@]}" -eq 0 ]; then echo "No end-to-end test files found under test/e2e." >&2; exit 1; fi
# One file at a time: each starts its own server (and browser); the machine is small.
bash scripts/node-test-run.sh e2e --test-concurrency=1 "${test_flags[@]}" "${test_files[@]}"
