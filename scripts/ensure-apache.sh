#!/usr/bin/env bash
# Finds Apache with mod_auth_openidc for the OpenID Connect end-to-end test (a relying party no one
# here wrote): APACHE_PATH, else /usr/sbin/apache2. Installs Debian's apache2 and
# libapache2-mod-auth-openidc when missing and we are root. Prints the path of the apache2 binary.
set -euo pipefail
module=/usr/lib/apache2/modules/mod_auth_openidc.so
if [ -n "${APACHE_PATH:-}" ] && [ -x "$APACHE_PATH" ]; then echo "$APACHE_PATH"; exit 0; fi
if [ -x /usr/sbin/apache2 ] && [ -f "$module" ]; then echo /usr/sbin/apache2; exit 0; fi
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "Apache or mod_auth_openidc is missing: installing Debian's apache2 and libapache2-mod-auth-openidc…" >&2
  bash "$(dirname "$0")/apt-install.sh" apache2 libapache2-mod-auth-openidc >&2
  # The package starts a default server on port 80; the tests run their own instance.
  (service apache2 stop || true) >/dev/null 2>&1
  if [ -x /usr/sbin/apache2 ] && [ -f "$module" ]; then echo /usr/sbin/apache2; exit 0; fi
fi
echo "Apache with mod_auth_openidc was not found: install it (Debian: apt-get install apache2 libapache2-mod-auth-openidc) or set APACHE_PATH." >&2
exit 1
