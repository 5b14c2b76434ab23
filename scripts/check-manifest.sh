#!/usr/bin/env bash
# Fails when custom-elements.json no longer matches the widget's JSDoc: regenerates the manifest
# (the analyzer writes it in place) and compares it with the copy it had before; the old copy is
# put back either way, so a stale manifest is reported, not silently fixed. `npm run manifest`
# regenerates it for real.
set -euo pipefail
cd "$(dirname "$0")/.."
saved=$(mktemp)
cp custom-elements.json "$saved"
trap 'cp "$saved" custom-elements.json; rm -f "$saved"' EXIT
npx cem analyze --config custom-elements-manifest.config.mjs >/dev/null
npx prettier --write custom-elements.json >/dev/null 2>&1 || true
if ! diff -q "$saved" custom-elements.json >/dev/null; then
  echo "custom-elements.json is stale: run \`npm run manifest\` and commit the result." >&2
  diff -u "$saved" custom-elements.json | head -40 >&2
  exit 1
fi
echo "custom-elements.json is current."
