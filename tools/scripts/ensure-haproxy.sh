#!/usr/bin/env bash
# Debian's haproxy for the scale-out test (tools/scale-out: the load balancer in front of two gateways and two
# replicas of each product API, started by the test on 127.0.0.1). Installs it only when it is missing; needs root (CI is root).
set -euo pipefail
if command -v haproxy >/dev/null 2>&1; then
  exit 0
fi
echo "[ensure-haproxy] haproxy is missing: installing Debian's haproxy package" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq haproxy >/dev/null
# The package enables a system service on port 80 elsewhere; the test runs its own haproxy with a generated config.
haproxy -v | head -1 >&2
