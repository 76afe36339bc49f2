#!/usr/bin/env bash
# Installs what the tests need from Debian's packages, when missing: redis-server (BullMQ needs a real
# Redis), chromium (browser end-to-end tests), debootstrap (to build the Asterisk 22 root), and the
# cached Debian sid root with Asterisk 22 itself (scripts/asterisk-root.sh). Idempotent.
set -euo pipefail

need=()
command -v redis-server >/dev/null 2>&1 || need+=(redis-server)
[ -x /usr/bin/chromium ] || need+=(chromium)
command -v debootstrap >/dev/null 2>&1 || need+=(debootstrap)

if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" != "0" ]; then
    echo "Missing Debian packages: ${need[*]}" >&2
    echo "Install them with: sudo apt-get update && sudo apt-get install -y ${need[*]}" >&2
    exit 1
  fi
  echo "install-system-deps: apt-get install ${need[*]}" >&2
  apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >&2
fi

if [ "${DIALER_SKIP_REAL_ASTERISK:-0}" != "1" ]; then
  bash "$(dirname "$0")/asterisk-root.sh" >/dev/null
fi
