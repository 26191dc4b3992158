#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Builds dist/coopguide_<version>_<arch>.deb from the PyInstaller bundle dist/coopguide (make package).
#
#   /opt/coopguide/                          the frozen app (read-only; user data go to ~/.local/share/Coopguide)
#   /usr/bin/coopguide                       launcher script: exec /opt/coopguide/coopguide "$@"
#   /usr/share/applications/coopguide.desktop   menu entry (French), matches setDesktopFileName("coopguide")
#   /usr/share/icons/hicolor/{32x32,64x64,256x256}/apps/coopguide.png
#   /usr/share/doc/coopguide/copyright
#
# Depends is computed by dpkg-shlibdeps over every ELF file of the bundle: the system libraries Qt and
# Python link (X11/xcb, GL/EGL, fontconfig, glib, libstdc++, CUPS…), which coopguide.spec leaves to the
# system on purpose. No maintainer scripts: the desktop database and the hicolor icon cache are
# refreshed by dpkg file triggers (desktop-file-utils, gtk-update-icon-cache), and dpkg removes
# every file it installed, so purging leaves nothing in /opt.
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$PWD

bundle=dist/coopguide
if [ ! -x "$bundle/coopguide" ]; then
  echo "No PyInstaller bundle in $bundle: run 'make package' first." >&2
  exit 1
fi
packaging/linux/need-tools.sh dpkg-shlibdeps:dpkg-dev patchelf:patchelf

version=$(sed -n 's/^__version__ = "\(.*\)"$/\1/p' coopguide/__init__.py)
arch=$(dpkg --print-architecture)
maintainer=${DEB_MAINTAINER:-"Coopguide <coopguide@example.invalid>"}
work=build/deb
stage=$work/root
out=dist/coopguide_${version}_${arch}.deb
[ -n "$version" ] || { echo "No __version__ in coopguide/__init__.py" >&2; exit 1; }

rm -rf "$work"
mkdir -p "$stage/DEBIAN" "$stage/opt" "$stage/usr/bin" "$stage/usr/share/applications" \
         "$stage/usr/share/doc/coopguide" "$work/shlibdeps/debian"
cp -a "$bundle" "$stage/opt/coopguide"
install -m 0755 packaging/linux/coopguide.sh "$stage/usr/bin/coopguide"
install -m 0644 packaging/linux/coopguide.desktop "$stage/usr/share/applications/coopguide.desktop"
for size in 32 64 256; do
  install -D -m 0644 "resources/icons/coopguide-$size.png" \
    "$stage/usr/share/icons/hicolor/${size}x${size}/apps/coopguide.png"
done
cat > "$stage/usr/share/doc/coopguide/copyright" <<'EOF'
Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/
Upstream-Name: Coopguide

Files: *
License: GPL-3.0-or-later
 On Debian systems, the full text of the GNU General Public License version 3
 can be found in /usr/share/common-licenses/GPL-3.

Files: opt/coopguide/_internal/PySide6/* opt/coopguide/_internal/shiboken6/*
Comment: Qt 6 and Qt for Python (PySide6), dynamically linked, replaceable in place.
License: LGPL-3.0-only
 See /usr/share/common-licenses/LGPL-3.

Files: opt/coopguide/_internal/libpython* opt/coopguide/_internal/python3*/* opt/coopguide/_internal/base_library.zip
Comment: the Python runtime, frozen by PyInstaller (its bootloader carries the GPL's bootloader exception).
License: PSF-2.0

Files: opt/coopguide/_internal/resources/fonts/*
Comment: DejaVu fonts; licence text in opt/coopguide/_internal/resources/fonts/LICENCE-DejaVu.txt.
License: Bitstream-Vera

Comment: Python libraries frozen into the program: Markdown (BSD-3-Clause), PyYAML (MIT),
 sqlite-utils (Apache-2.0), platformdirs (MIT) and the other dependencies listed in pyproject.toml,
 each under its own licence; SQLite (public domain).
EOF
printf 'coopguide (%s) unstable; urgency=medium\n\n  * Version %s, built from the Coopguide repository.\n\n -- %s  %s\n' \
  "$version" "$version" "$maintainer" "$(date -R -d "@${SOURCE_DATE_EPOCH:-$(git log -1 --format=%ct 2>/dev/null || date +%s)}")" |
  gzip -9n > "$stage/usr/share/doc/coopguide/changelog.gz"

# Permissions (Debian policy): directories and programs 0755, everything else 0644, including
# shared libraries and Qt plugins (they are mapped, not executed).
find "$stage" -type d -exec chmod 0755 {} +
find "$stage/opt" "$stage/usr/share" -type f -exec chmod 0644 {} +
chmod 0755 "$stage/opt/coopguide/coopguide"

elves=()
while IFS= read -r -d '' f; do
  [ "$(head -c4 "$f" | od -An -tx1 | tr -d ' \n')" = 7f454c46 ] && elves+=("$root/$f")
done < <(find "$stage/opt/coopguide" -type f -print0)

# RUNPATHs pointing at the build machine (pyenv's libpython and lib-dynload carry
# /root/.pyenv/versions/X/lib) would make the installed program look there: keep only $ORIGIN
# entries. The bootloader puts /opt/coopguide/_internal on LD_LIBRARY_PATH anyway.
for f in "${elves[@]}"; do
  rpath=$(patchelf --print-rpath "$f" 2>/dev/null) || continue
  [ -n "$rpath" ] || continue
  kept=$(tr ':' '\n' <<<"$rpath" | grep '^[$]ORIGIN' | paste -sd: -) || true
  if [ "$kept" != "$rpath" ]; then
    if [ -n "$kept" ]; then patchelf --set-rpath "$kept" "$f"; else patchelf --remove-rpath "$f"; fi
  fi
done

# Depends: dpkg-shlibdeps maps each NEEDED library outside the bundle to its package and minimum
# version. -S/-l make it treat the bundle's own libraries (Qt, ICU, libpython, SQLite) as ours.
printf 'Source: coopguide\n\nPackage: coopguide\nArchitecture: any\n' > "$work/shlibdeps/debian/control"
shlibs=$(cd "$work/shlibdeps" && dpkg-shlibdeps -O -S"$root/$stage" -l/opt/coopguide/_internal \
           -l/opt/coopguide/_internal/PySide6/Qt/lib "${elves[@]}" 2>"$root/$work/shlibdeps.log") || {
  cat "$work/shlibdeps.log" >&2; exit 1; }
depends=${shlibs#shlibs:Depends=}
# Loaded with dlopen() at run time, so in no NEEDED list: D-Bus (QtDBus; input methods, portals).
case "$depends" in *libdbus-1-3*) ;; *) depends="$depends, libdbus-1-3" ;; esac

installed_kib=$(du -sk --exclude=DEBIAN "$stage" | cut -f1)
cat > "$stage/DEBIAN/control" <<EOF
Package: coopguide
Version: $version
Architecture: $arch
Maintainer: $maintainer
Installed-Size: $installed_kib
Depends: $depends
Section: misc
Priority: optional
Description: guides et check-lists pour créer ou reprendre une entreprise en coopérative
 Coopguide est un guide pratique et un carnet de check-lists, hors ligne, pour
 les personnes qui veulent diriger une entreprise ensemble : créer une Scop,
 reprendre en Scop l'entreprise où elles travaillent, monter une SCIC avec leur
 commune, rejoindre une coopérative d'activité et d'emploi (CAE).
 .
 Chaque case cochée est enregistrée aussitôt sur l'ordinateur, sans Internet.
EOF
(cd "$stage" && find . -path ./DEBIAN -prune -o -type f -print0 | sort -z | xargs -0 md5sum |
   sed 's|  \./|  |') > "$work/md5sums"
install -m 0644 "$work/md5sums" "$stage/DEBIAN/md5sums"

if command -v desktop-file-validate >/dev/null; then
  desktop-file-validate "$stage/usr/share/applications/coopguide.desktop"
fi
mkdir -p dist
rm -f dist/coopguide_*.deb
dpkg-deb --root-owner-group -Zxz --build "$stage" "$out"
if command -v lintian >/dev/null; then
  # Informative only. Expected for a bundled program: dir-or-file-in-opt (the brief asks for /opt),
  # embedded-library (Qt's own copies), duplicate-font-file (DejaVu is bundled for identical PDFs).
  lintian --tag-display-limit 0 "$out" > "$work/lintian.log" 2>&1 || true
  echo "lintian tags (full list: $work/lintian.log):"
  grep -E '^[EWI]: ' "$work/lintian.log" | awk '{print $1, $3}' | sort | uniq -c | sort -rn | sed 's/^/  /' || true
fi

echo
echo "Built $out"
echo "  .deb size:      $(du -h --apparent-size "$out" | cut -f1) ($(stat -c %s "$out") bytes)"
echo "  installed size: $((installed_kib / 1024)) MiB ($installed_kib KiB, Installed-Size)"
echo "  Depends:        $depends"
