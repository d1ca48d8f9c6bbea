#!/usr/bin/env bash
# Debian's Chromium for the web e2e tests (playwright-core drives /usr/bin/chromium; playwright's own
# browser download cannot work offline). Installs it only when it is missing; needs root (CI is root).
set -euo pipefail
if [ -x /usr/bin/chromium ]; then
  exit 0
fi
echo "[ensure-chromium] /usr/bin/chromium is missing: installing Debian's chromium package" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq chromium >/dev/null
/usr/bin/chromium --version >&2
