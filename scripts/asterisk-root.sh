#!/usr/bin/env bash
# Builds (once) and caches a private Debian sid root holding Asterisk 22, for the integration tests
# against a real Asterisk. Debian bookworm has no asterisk package; sid ships 22.x
# (docs/asterisk.md). The root is cached outside the clone so CI and later runs reuse it.
#
#   scripts/asterisk-root.sh          -> prints the root's path on the last line of stdout
#
# Env: ASTERISK_ROOT (default /var/cache/dialer/asterisk-sid), DEBIAN_MIRROR.
set -euo pipefail

ROOT="${ASTERISK_ROOT:-/var/cache/dialer/asterisk-sid}"
MIRROR="${DEBIAN_MIRROR:-http://deb.debian.org/debian}"
STAMP="$ROOT/.dialer-asterisk-ok"

if [ -f "$STAMP" ] && [ -x "$ROOT/usr/sbin/asterisk" ]; then
  echo "$ROOT"
  exit 0
fi

if [ "$(id -u)" != "0" ]; then
  echo "asterisk-root: building the Asterisk root needs root (debootstrap + chroot); run: sudo $0" >&2
  exit 1
fi

if ! command -v debootstrap >/dev/null 2>&1; then
  echo "asterisk-root: installing debootstrap" >&2
  apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq debootstrap >&2
fi

rm -rf "$ROOT.tmp"
mkdir -p "$(dirname "$ROOT")"
echo "asterisk-root: debootstrap sid into $ROOT.tmp (about 30 s)" >&2
debootstrap --variant=minbase sid "$ROOT.tmp" "$MIRROR" >&2
# The sid Release file on some mirrors is past its Valid-Until date.
APT_OPTS=(-o Acquire::Check-Valid-Until=false)
chroot "$ROOT.tmp" apt-get "${APT_OPTS[@]}" update -qq >&2
echo "asterisk-root: installing asterisk (about 640 MB)" >&2
chroot "$ROOT.tmp" env DEBIAN_FRONTEND=noninteractive apt-get "${APT_OPTS[@]}" install -y -qq \
  --no-install-recommends asterisk asterisk-modules asterisk-core-sounds-en >&2
chroot "$ROOT.tmp" apt-get clean >&2
rm -rf "$ROOT"
mv "$ROOT.tmp" "$ROOT"
chroot "$ROOT" asterisk -V > "$STAMP"
echo "asterisk-root: $(cat "$STAMP") ready in $ROOT" >&2
echo "$ROOT"
