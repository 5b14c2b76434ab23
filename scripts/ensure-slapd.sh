#!/usr/bin/env bash
# Finds OpenLDAP's slapd and slapadd for the LDAP directory tests (test/support/slapd.ts starts a
# throw-away server on loopback): SLAPD_PATH, else slapd on PATH or in /usr/sbin. Installs Debian's
# slapd and ldap-utils packages when missing and we are root. Prints the path found.
set -euo pipefail
if [ -n "${SLAPD_PATH:-}" ] && [ -x "$SLAPD_PATH" ]; then echo "$SLAPD_PATH"; exit 0; fi
for p in "$(command -v slapd || true)" /usr/sbin/slapd; do
  if [ -n "$p" ] && [ -x "$p" ]; then echo "$p"; exit 0; fi
done
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "slapd is missing: installing Debian's slapd and ldap-utils packages…" >&2
  DEBIAN_FRONTEND=noninteractive bash "$(dirname "$0")/apt-install.sh" slapd ldap-utils >&2
  # The packaged service is not needed (and does not start in a container); the tests run their own.
  (service slapd stop || true) >/dev/null 2>&1
  if [ -x /usr/sbin/slapd ]; then echo /usr/sbin/slapd; exit 0; fi
fi
echo "slapd was not found: install it (Debian: apt-get install slapd ldap-utils) or set SLAPD_PATH." >&2
exit 1
