#!/usr/bin/env bash
# Installs Debian packages the tests need (chromium, nginx-light), running `apt-get update` only
# when the package lists are missing or a first attempt fails. Used by the test scripts as root.
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive
if ! apt-get install -y -qq "$@" >/dev/null 2>&1; then
  apt-get update -qq
  apt-get install -y -qq "$@"
fi
