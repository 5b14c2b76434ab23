#!/usr/bin/env bash
# Runs the server tests (node's test runner through tsx): test/server, test/cli, test/demo,
# test/scripts (the build scripts) and test/widget/unit (the widget's pure parts), with Debian's
# slapd for the LDAP tests and Debian's nginx and Apache for the proxy-config check. Node 20 does
# not expand globs itself and silently runs nothing on a folder of .ts files, so the files are
# listed here, and a run that finds no test file, or reports no passing test
# (scripts/node-test-run.sh), fails. Two files run at a time (node's default is one less than the
# cores: one file on the project's 2-core machine, which left a core idle most of the run), the
# slowest first (scripts/test-args.sh, docs/testing.md).
# `npm run test:server -- FILE|FOLDER… [node flags]` runs only those (scripts/test-args.sh), e.g.
# `npm run test:server -- test/server/policy --test-name-pattern=outside`.
set -euo pipefail
cd "$(dirname "$0")/.."
# The LDAP directory tests start a throw-away OpenLDAP slapd (installed here when missing, as root).
SLAPD_PATH="$(bash scripts/ensure-slapd.sh)"
# test/cli/proxy-config.test.ts runs `nginx -t` and `apache2 -t` on what proxy-config prints.
NGINX_PATH="$(bash scripts/ensure-nginx.sh)"
APACHE_PATH="$(bash scripts/ensure-apache.sh)"
export SLAPD_PATH NGINX_PATH APACHE_PATH
source scripts/test-args.sh
split_test_args "test/server test/cli test/demo test/scripts test/widget/unit" "$@"
if [ "${#test_files[@]}" -eq 0 ]; then echo "No server test files found under test/server, test/cli, test/demo, test/scripts or test/widget/unit." >&2; exit 1; fi
slowest_first
bash scripts/node-test-run.sh server --test-concurrency=2 "${test_flags[@]}" "${test_files[@]}"
