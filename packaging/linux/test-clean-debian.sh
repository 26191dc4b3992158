#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Runs packaging/test-installed.sh inside a fresh minimal Debian 12 (debootstrap --variant=minbase),
# where only the .deb's Depends, Xvfb and the test's own tools are installed. The development
# machine has many more libraries, which could hide a library missing from Depends; this cannot.
#
#   packaging/linux/test-clean-debian.sh [dist/coopguide_<version>_<arch>.deb]     (root, network to a Debian mirror)
#
# DEBIAN_MIRROR overrides http://deb.debian.org/debian. Takes about a minute; leaves nothing behind.
set -euo pipefail
deb=${1:-}
if [ -n "$deb" ] && [ -f "$deb" ]; then deb=$(realpath "$deb"); fi
cd "$(dirname "$0")/../.."
if [ -z "$deb" ]; then
  deb=$(find dist -maxdepth 1 -name 'coopguide_*.deb' -printf '%T@ %p\n' 2>/dev/null | sort -rn | awk 'NR == 1 {sub(/^[^ ]+ /, ""); print}')
  [ -n "$deb" ] && deb=$(realpath "$deb")
fi
if [ -z "$deb" ] || [ ! -f "$deb" ]; then echo "No .deb found: run 'make deb' first." >&2; exit 2; fi
[ "$(id -u)" -eq 0 ] || { echo "Run as root (debootstrap, chroot, mounts)." >&2; exit 2; }
packaging/linux/need-tools.sh debootstrap:debootstrap

root=$(mktemp -d /var/tmp/coopguide-debian12.XXXXXX)
mounted=()
# shellcheck disable=SC2317  # called by the EXIT trap
cleanup() {
  local i
  for ((i = ${#mounted[@]} - 1; i >= 0; i--)); do
    umount "${mounted[i]}" 2>/dev/null || umount -l "${mounted[i]}" 2>/dev/null || true
  done
  for m in proc sys dev/pts dev; do
    if mountpoint -q "$root/$m"; then echo "Still mounted: $root/$m; not removing $root" >&2; return; fi
  done
  rm -rf --one-file-system "$root"
}
trap cleanup EXIT

echo "== Minimal Debian 12 in $root"
debootstrap --variant=minbase bookworm "$root" "${DEBIAN_MIRROR:-http://deb.debian.org/debian}" >"$root.log" 2>&1 ||
  { tail -20 "$root.log"; exit 1; }
rm -f "$root.log"
for m in proc sys dev dev/pts; do
  case $m in
    proc) mount -t proc proc "$root/proc" ;;
    sys) mount -t sysfs sys "$root/sys" ;;
    *) mount --bind "/$m" "$root/$m" ;;
  esac
  mounted+=("$root/$m")
done
cp /etc/resolv.conf "$root/etc/resolv.conf"
mkdir -p "$root/root/cg/packaging" "$root/root/cg/dist"
cp packaging/test-installed.sh "$root/root/cg/packaging/"
cp "$deb" "$root/root/cg/dist/"

# shellcheck disable=SC2016  # the script runs inside the chroot; $p is expanded there
chroot "$root" /bin/bash -euo pipefail -c '
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  # tools the test uses; apt-get pulls the Depends of the package itself
  apt-get install -y -qq --no-install-recommends python3 strace xvfb xauth desktop-file-utils >/dev/null
  echo "Debian packages installed before the .deb: $(dpkg-query -W | wc -l)"
  for p in libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-render-util0 libxcb-util1 libxcb-xkb1 libxkbcommon-x11-0; do
    dpkg-query -W "$p" >/dev/null 2>&1 && echo "  (present: $p)" || echo "  absent: $p (its library is bundled)"
  done
  cd /root/cg && packaging/test-installed.sh dist/*.deb
'
