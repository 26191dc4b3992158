#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# macOS: builds dist/Coopguide.app (PyInstaller BUNDLE, packaging/coopguide.spec) and a disk image
# dist/Coopguide-<version>-macos-<arch>.dmg holding the app and a link to /Applications
# (drag-and-drop install). Runs on macOS 13 or later with Python 3.11+; not run on the Linux
# development machine (see packaging/README.md).
#
#   packaging/macos/build-dmg.sh              builds the app first (python3 packaging/build.py)
#   packaging/macos/build-dmg.sh --no-build   only packs an existing dist/Coopguide.app
#
# Signing and notarisation are out of scope: the app is only ad-hoc signed (PyInstaller does that on
# Apple silicon), so a copy *downloaded* with a browser is stopped by Gatekeeper the first time
# (macOS 15: Réglages Système → Confidentialité et sécurité → « Ouvrir quand même »; macOS 13–14:
# clic droit → Ouvrir). What a signed release needs is listed in packaging/README.md.
set -euo pipefail
cd "$(dirname "$0")/../.."

if [ "$(uname -s)" != Darwin ]; then
  echo "build-dmg.sh runs on macOS only (hdiutil, codesign)." >&2
  exit 1
fi
if [ "${1:-}" != --no-build ]; then
  python3 packaging/build.py
fi

app=dist/Coopguide.app
version=$(sed -n 's/^__version__ = "\(.*\)"$/\1/p' coopguide/__init__.py)
arch=$(uname -m)
dmg=dist/Coopguide-${version}-macos-${arch}.dmg
plist=$app/Contents/Info.plist
[ -d "$app" ] || { echo "No $app: the PyInstaller build did not make the .app." >&2; exit 1; }

# The bundle must say what the spec asked for.
for key in CFBundleIdentifier CFBundleShortVersionString NSHighResolutionCapable LSMinimumSystemVersion; do
  value=$(/usr/libexec/PlistBuddy -c "Print :$key" "$plist")
  echo "Info.plist $key = $value"
done
[ "$(/usr/libexec/PlistBuddy -c "Print :CFBundleShortVersionString" "$plist")" = "$version" ] ||
  { echo "Info.plist version differs from coopguide/__init__.py ($version)" >&2; exit 1; }
codesign --verify --deep --strict "$app" && echo "codesign: the app's (ad-hoc) signature is consistent"

# The app itself, started from inside the bundle (offscreen: CI runners have a display, but no one watches)
data=$(mktemp -d)
QT_QPA_PLATFORM=offscreen "$app/Contents/MacOS/coopguide" --data-dir "$data" --startup-check
test -s "$data/coopguide.sqlite3"
rm -rf "$data"

# Disk image: the app beside a link to /Applications. hdiutil sometimes fails with "Resource busy"
# on CI runners (actions/runner-images#7522): retry a few times.
staging=build/dmg
rm -rf "$staging" "$dmg"
mkdir -p "$staging"
ditto "$app" "$staging/Coopguide.app"
ln -s /Applications "$staging/Applications"
for attempt in 1 2 3 4 5; do
  if hdiutil create -volname "Coopguide $version" -srcfolder "$staging" -fs HFS+ -format UDZO -ov "$dmg"; then
    break
  fi
  [ "$attempt" = 5 ] && { echo "hdiutil create failed 5 times" >&2; exit 1; }
  echo "hdiutil create failed (attempt $attempt), retrying in 10 s…"
  sleep 10
done
hdiutil verify "$dmg"

echo "Built $dmg ($(du -h "$dmg" | cut -f1)); the app is $(du -sh "$app" | cut -f1) once copied."
