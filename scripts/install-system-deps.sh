#!/usr/bin/env bash
# Installs the Debian libraries a pip-installed PySide6 needs, when they are missing.
#   scripts/install-system-deps.sh test   -> offscreen rendering only (tests, CI)
#   scripts/install-system-deps.sh run    -> a real window (xcb), plus Xvfb for machines with no screen
#   scripts/install-system-deps.sh venv   -> Debian's python3-venv, when `python3 -m venv` cannot work
# Package lists: ../shared/notes/packaging.md §1 (readelf NEEDED of the Qt libraries, mapped with dpkg -S).
set -euo pipefail
mode=${1:-test}
offscreen="libgl1 libegl1 libxkbcommon0 libfontconfig1 libdbus-1-3 libglib2.0-0 libx11-6 fonts-dejavu-core"
xcb="libxcb1 libx11-xcb1 libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-randr0
     libxcb-render0 libxcb-render-util0 libxcb-shape0 libxcb-shm0 libxcb-sync1 libxcb-util1
     libxcb-xfixes0 libxcb-xkb1 libxkbcommon-x11-0 libxcb-glx0 xvfb xauth"
case "$mode" in
  venv) wanted="python3-venv" ;;
  test) wanted=$offscreen ;;
  run)  wanted="$offscreen $xcb poppler-utils" ;;  # poppler-utils: pdftoppm for docs/screenshots/print-*.png
  *) echo "usage: $0 test|run|venv" >&2; exit 2 ;;
esac
command -v dpkg-query >/dev/null || { echo "Not a Debian system: install Qt's libraries yourself."; exit 0; }
missing=""
for p in $wanted; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing="$missing $p"
done
[ -z "$missing" ] && exit 0
if [ "$(id -u)" -ne 0 ]; then
  echo "Missing Debian packages:$missing"
  echo "Install them with: sudo apt-get update && sudo apt-get install -y$missing"
  exit 1
fi
echo "Installing Debian packages:$missing"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
# shellcheck disable=SC2086
apt-get install -y -qq --no-install-recommends $missing
