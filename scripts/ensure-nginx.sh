#!/usr/bin/env bash
# Finds nginx for the reverse-proxy end-to-end tests: NGINX_PATH, else nginx on PATH or in
# /usr/sbin. Installs Debian's nginx-light when missing and we are root. Prints the path found.
set -euo pipefail
if [ -n "${NGINX_PATH:-}" ] && [ -x "$NGINX_PATH" ]; then echo "$NGINX_PATH"; exit 0; fi
for p in "$(command -v nginx || true)" /usr/sbin/nginx; do
  if [ -n "$p" ] && [ -x "$p" ]; then echo "$p"; exit 0; fi
done
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "nginx is missing: installing Debian's nginx-light package…" >&2
  bash "$(dirname "$0")/apt-install.sh" nginx-light >&2
  # The package starts a default server on port 80; the tests run their own instance.
  (service nginx stop || true) >/dev/null 2>&1
  if [ -x /usr/sbin/nginx ]; then echo /usr/sbin/nginx; exit 0; fi
fi
echo "nginx was not found: install it (Debian: apt-get install nginx-light) or set NGINX_PATH." >&2
exit 1
