#!/usr/bin/env bash
# Finds PostgreSQL's server programs (initdb, pg_ctl, postgres, pg_basebackup) for the tests that
# start a throw-away cluster (test/support/postgres.ts) or a primary with a streaming standby
# (test/support/postgres-replication.ts, the failover e2e test): POSTGRES_BIN, else the newest
# /usr/lib/postgresql/*/bin. Installs Debian's postgresql package when missing and we are root
# (its own cluster service is stopped: the tests run their own). Prints the folder found.
set -euo pipefail
find_bin() {
  if [ -n "${POSTGRES_BIN:-}" ] && [ -x "$POSTGRES_BIN/initdb" ]; then echo "$POSTGRES_BIN"; return 0; fi
  local d
  for d in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
    if [ -x "$d/initdb" ] && [ -x "$d/pg_ctl" ] && [ -x "$d/pg_basebackup" ]; then echo "$d"; return 0; fi
  done
  return 1
}
if find_bin; then exit 0; fi
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "PostgreSQL is missing: installing Debian's postgresql package…" >&2
  DEBIAN_FRONTEND=noninteractive bash "$(dirname "$0")/apt-install.sh" postgresql >&2
  (service postgresql stop || true) >/dev/null 2>&1
  if find_bin; then exit 0; fi
fi
echo "PostgreSQL was not found: install it (Debian: apt-get install postgresql) or set POSTGRES_BIN to the folder of initdb and pg_ctl." >&2
exit 1
