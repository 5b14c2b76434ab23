#!/usr/bin/env bash
# Finds Chromium for the browser and end-to-end tests: CHROME_PATH, else /usr/bin/chromium. When it is
# missing and we are root on Debian, installs Debian's `chromium` package (no browser is ever
# downloaded by npm). Otherwise stops with a message saying how to get it. Prints the path found.
set -euo pipefail
if [ -n "${CHROME_PATH:-}" ]; then
  if [ -x "$CHROME_PATH" ]; then echo "$CHROME_PATH"; exit 0; fi
  echo "CHROME_PATH=$CHROME_PATH is not an executable file." >&2
  exit 1
fi
if [ -x /usr/bin/chromium ]; then echo /usr/bin/chromium; exit 0; fi
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "Chromium is missing: installing Debian's chromium package…" >&2
  bash "$(dirname "$0")/apt-install.sh" chromium >&2
  if [ -x /usr/bin/chromium ]; then echo /usr/bin/chromium; exit 0; fi
fi
cat >&2 <<'MSG'
Chromium was not found. The browser tests need it:
  - on Debian/Ubuntu:  sudo apt-get install chromium
  - or point CHROME_PATH at a Chromium/Chrome binary: CHROME_PATH=/path/to/chrome npm test
MSG
exit 1
