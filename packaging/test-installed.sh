#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Installs the Coopguide .deb on this machine, runs the installed copy with the network cut off,
# then removes it and checks that nothing is left. Needs root (apt-get/dpkg, unshare -n).
#
#   packaging/test-installed.sh [dist/coopguide_<version>_<arch>.deb]      (make test-installed)
#
# Every check prints OK or ÉCHEC (failure) and the script goes on; it exits 1 if any check failed.
# A copy of coopguide already installed on the machine is purged first: run it on a build or test
# machine, not on a workstation whose installed Coopguide you want to keep.
# KEEP_INSTALLED=1 leaves the package installed at the end (to look around).
set -euo pipefail
deb=${1:-}
if [ -n "$deb" ] && [ -f "$deb" ]; then deb=$(realpath "$deb"); fi
cd "$(dirname "$0")/.."

CHECKLIST_ID=creer-une-scop.etapes          # a checklist heading id of content/guides/creer-une-scop.md
ITEM_ID=creer-une-scop.groupe-fondateur     # an item of that checklist
PKG=coopguide
PREFIX=/opt/coopguide

if [ -z "$deb" ]; then
  deb=$(find dist -maxdepth 1 -name 'coopguide_*.deb' -printf '%T@ %p\n' 2>/dev/null | sort -rn | awk 'NR == 1 {sub(/^[^ ]+ /, ""); print}')
fi
if [ -z "$deb" ] || [ ! -f "$deb" ]; then
  echo "No .deb found (dist/coopguide_*.deb): run 'make deb' first." >&2
  exit 2
fi
if [ "$(id -u)" -ne 0 ]; then
  echo "Run as root: installing a .deb and 'unshare -n' need it (sudo $0 $*)." >&2
  exit 2
fi
deb=$(realpath "$deb")
version=$(dpkg-deb -f "$deb" Version)

failures=()
ok() { echo "OK     $*"; }
ko() { echo "ÉCHEC  $*"; failures+=("$*"); }
check() {  # check "description" command...
  local what=$1; shift
  if "$@"; then ok "$what"; else ko "$what"; fi
}

work=$(mktemp -d /tmp/coopguide-test-installed.XXXXXX)
installed=0
# shellcheck disable=SC2317  # called by the EXIT trap
cleanup() {
  if [ "$installed" = 1 ] && [ "${KEEP_INSTALLED:-0}" != 1 ]; then
    echo "Removing the package after a failure…"
    dpkg --purge "$PKG" >/dev/null 2>&1 || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT

echo "== Installing $deb (version $version)"
if dpkg-query -W -f='${Status}' "$PKG" 2>/dev/null | grep -q installed; then
  echo "coopguide is already installed: purging it first."
  dpkg --purge "$PKG" >/dev/null
fi
export DEBIAN_FRONTEND=noninteractive
# apt-get installs the Depends too; when they are all present it needs no network.
if apt-get install -y -qq --no-install-recommends "$deb" >"$work/apt.log" 2>&1 ||
   { apt-get update -qq >/dev/null 2>&1 && apt-get install -y -qq --no-install-recommends "$deb" >"$work/apt.log" 2>&1; }; then
  installed=1
  ok "apt-get install ./$(basename "$deb")"
else
  cat "$work/apt.log"
  ko "apt-get install ./$(basename "$deb")"
  exit 1
fi

echo "== Installed files"
check "$PREFIX/coopguide is an executable" test -x "$PREFIX/coopguide"
check "/usr/bin/coopguide is on the PATH" test "$(command -v coopguide)" = /usr/bin/coopguide
check "menu entry /usr/share/applications/coopguide.desktop" test -f /usr/share/applications/coopguide.desktop
if command -v desktop-file-validate >/dev/null; then
  check "desktop-file-validate accepts the menu entry" desktop-file-validate /usr/share/applications/coopguide.desktop
fi
for size in 32 64 256; do
  check "icon ${size}x${size}" test -f "/usr/share/icons/hicolor/${size}x${size}/apps/coopguide.png"
done
check "French Qt translation in the bundle (qtbase_fr.qm)" test -s "$PREFIX/_internal/PySide6/Qt/translations/qtbase_fr.qm"
check "print-support plugin in the bundle" test -s "$PREFIX/_internal/PySide6/Qt/plugins/printsupport/libcupsprintersupport.so"
check "no QtNetwork in the bundle" test -z "$(find "$PREFIX" -name '*Network*' -print -quit)"
# Python's _ssl module is bundled: anyio, which pycrdt imports on every write, imports ssl (without it
# every tick failed). The TLS library itself is the system's (Depends), and the app never opens an
# Internet socket: checked below under strace, with the network cut off.
check "no TLS library in the bundle (the system's libssl is used)" test -z "$(find "$PREFIX" \( -name 'libssl*' -o -name 'libcrypto*' \) -print -quit)"
check "coopguide --version says $version" test "$(coopguide --version 2>&1)" = "Coopguide $version"

echo "== Installed copy, network cut off (unshare -n), offscreen"
if ! unshare -n true 2>/dev/null; then
  ko "unshare -n works here (a new network namespace, no interfaces)"
  exit 1
fi
if ! command -v strace >/dev/null; then
  echo "Installing strace (to see which files and sockets the program opens)…"
  apt-get install -y -qq strace >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq strace >/dev/null 2>&1; } || true
fi
data=$work/data
run_offline() {  # run_offline LOGNAME args... : the installed program, no network, strace log in $work/LOGNAME.strace
  local log=$1; shift
  local tracer=()
  command -v strace >/dev/null && tracer=(strace -f -qq -e "trace=socket,connect,openat" -o "$work/$log.strace")
  # HOME and XDG dirs point into the temporary folder: the program must not write elsewhere.
  unshare -n env -i PATH=/usr/bin:/bin HOME="$work/home" XDG_RUNTIME_DIR="$work/run" QT_QPA_PLATFORM=offscreen \
    LANG=C.UTF-8 "${tracer[@]}" coopguide "$@" >"$work/$log.out" 2>&1
}
mkdir -p "$work/home" "$work/run" && chmod 700 "$work/run"

rc=0; run_offline start1 --data-dir "$data" --startup-check || rc=$?
if [ "$rc" = 0 ]; then ok "coopguide --startup-check (first start: database created and migrated, Markdown rendered)"
else sed 's/^/    /' "$work/start1.out"; ko "coopguide --startup-check (first start), exit code $rc"; fi
check "database $data/coopguide.sqlite3 created" test -s "$data/coopguide.sqlite3"
check "content cache written (guides rendered from Markdown by the frozen app)" test -n "$(find "$data/cache" -type f -print -quit 2>/dev/null)"

have_python_sqlite() { command -v python3 >/dev/null && python3 -c 'import sqlite3' 2>/dev/null; }
sql() { python3 - "$data/coopguide.sqlite3" "$@" <<'EOF'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
rows = db.execute(sys.argv[2], sys.argv[3:]).fetchall()
db.commit()
print("\n".join("|".join(str(v) for v in row) for row in rows))
EOF
}
if have_python_sqlite; then
  check "default dossier « Mon projet » exists" test "$(sql "SELECT count(*) FROM dossiers WHERE name = 'Mon projet'")" = 1
  # Ticks: the frozen app has no command to tick, so a tick is written into the database here, then
  # the installed program is started again on the same folder; the tick must still be there (the
  # file is reopened, checked and migrated, not set aside as damaged or foreign).
  if [ "$(sql "SELECT count(*) FROM sqlite_master WHERE name = 'item_progress'")" = 1 ]; then
    sql "INSERT INTO item_progress (dossier_id, item_id, state, done_at, updated_at)
         SELECT id, ?, 'fait', '2026-01-01T00:00:00', '2026-01-01T00:00:00' FROM dossiers WHERE name = 'Mon projet'" \
        "$ITEM_ID" >/dev/null
    rc=0; run_offline start2 --data-dir "$data" --startup-check || rc=$?
    if [ "$rc" = 0 ]; then ok "second start on the same data folder"
    else sed 's/^/    /' "$work/start2.out"; ko "second start on the same data folder, exit code $rc"; fi
    check "a tick survives a restart of the installed program" \
      test "$(sql "SELECT state FROM item_progress WHERE item_id = ?" "$ITEM_ID")" = fait
    rc=0; run_offline dossiers --data-dir "$data" dossiers || rc=$?
    check "the installed program counts it (coopguide dossiers: « Mon projet  1 / … »)" \
      grep -qE '^Mon projet +1 / [0-9]+' "$work/dossiers.out"
  else
    echo "SKIP   tick persistence: no item_progress table (schema changed; update this check)"
  fi
else
  echo "SKIP   database contents (python3 with sqlite3 not available on this machine)"
fi
check "nothing set aside in the data folder (no coopguide.sqlite3.endommage-*)" \
  test -z "$(find "$data" -maxdepth 1 -name 'coopguide.sqlite3.endommage-*' -print -quit)"

if command -v xvfb-run >/dev/null; then
  # The desktop path: the xcb platform plugin, on the bundled xcb-util helpers and the system's libxcb/libX11.
  rc=0
  unshare -n env -i PATH=/usr/bin:/bin HOME="$work/home" XDG_RUNTIME_DIR="$work/run" LANG=C.UTF-8 \
    xvfb-run -a env QT_DEBUG_PLUGINS=1 coopguide --data-dir "$data" --startup-check >"$work/xcb.out" 2>&1 || rc=$?
  if [ "$rc" = 0 ]; then ok "coopguide --startup-check in an X11 window (Xvfb), network cut off"
  else grep -v '^qt\.core' "$work/xcb.out" | sed 's/^/    /'; ko "coopguide --startup-check under Xvfb, exit code $rc"; fi
  check "the xcb platform plugin is the one Qt loaded" grep -q 'platforms/libqxcb.so" loaded library' "$work/xcb.out"
else
  echo "SKIP   X11 window check (xvfb-run not installed: scripts/install-system-deps.sh run installs it)"
fi

rc=0; run_offline print print "$CHECKLIST_ID" --out "$work/checklist.pdf" --blank || rc=$?
if [ "$rc" = 0 ]; then ok "coopguide print $CHECKLIST_ID --out … --blank (CLI print)"
else sed 's/^/    /' "$work/print.out"; ko "coopguide print $CHECKLIST_ID --out … --blank (CLI print), exit code $rc"; fi
check "the printed file is a PDF" test "$(head -c 5 "$work/checklist.pdf" 2>/dev/null)" = "%PDF-"
check "the PDF embeds the bundled DejaVu Sans font" grep -aqs "DejaVuSans" "$work/checklist.pdf"

rc=0; run_offline search --data-dir "$data" search coopérateurs || rc=$?
check "coopguide search coopérateurs finds the glossary entry (SQLite FTS5, Snowball stemmer)" \
  test "$rc" = 0 -a -n "$(grep -F '[Glossaire]' "$work/search.out")"

if command -v strace >/dev/null; then
  traces=("$work"/*.strace)
  check "strace recorded the program's file opens (the checks below are not vacuous)" grep -q 'openat(' "${traces[@]}"
  echo "       (local sockets seen, X11/D-Bus style: $(cat "${traces[@]}" | grep -c 'socket(AF_UNIX' || true))"
  check "qtbase_fr.qm opened by the installed program (French Qt dialogs)" \
    grep -qE 'openat\(.*/_internal/PySide6/Qt/translations/qtbase_fr\.qm", O_RDONLY[^)]*\) = [0-9]+' "${traces[@]}"
  check "no Internet socket ever created (socket AF_INET/AF_INET6)" \
    test -z "$(grep -hE 'socket\(AF_INET6?,' "${traces[@]}" | head -3)"
  check "no connect() to an Internet address" test -z "$(grep -hE 'connect\(.*AF_INET6?' "${traces[@]}" | head -3)"
  # fontconfig, run as root with a stale system cache, refreshes /var/cache/fontconfig: not the app's doing
  writes=$(grep -hE 'openat\(.*O_(WRONLY|RDWR|CREAT)' "${traces[@]}" |
           grep -vE "\"($work|/tmp/|/dev/|/proc/|/var/cache/fontconfig/)" | head -5 || true)
  [ -z "$writes" ] || printf '    %s\n' "$writes"
  check "nothing opened for writing outside the data folder and /tmp" test -z "$writes"
else
  echo "SKIP   strace checks (strace not available): translation opened, no Internet socket"
fi

echo "== Size of the installed copy"
du -sh "$PREFIX" | sed 's/^/  /'
echo "  largest files:"
# (awk reads everything: a 'head' here could end sort with SIGPIPE, which pipefail turns into a failure)
find "$PREFIX" -type f -printf '%s %P\n' | sort -rn | awk 'NR <= 10 {printf "    %6.1f MB  %s\n", $1/1e6, $2}'

echo "== Removing (dpkg --purge)"
if apt-get remove --purge -y -qq "$PKG" >"$work/remove.log" 2>&1; then
  installed=0
  ok "apt-get remove --purge $PKG"
else
  cat "$work/remove.log"; ko "apt-get remove --purge $PKG"
fi
check "$PREFIX is gone" test ! -e "$PREFIX"
check "/usr/bin/coopguide is gone" test ! -e /usr/bin/coopguide
check "menu entry is gone" test ! -e /usr/share/applications/coopguide.desktop
check "icons are gone" test -z "$(find /usr/share/icons/hicolor -name 'coopguide.png' -print -quit 2>/dev/null)"
check "dpkg no longer knows the package" test -z "$(dpkg-query -W -f='${Status}' "$PKG" 2>/dev/null)"

echo
if [ ${#failures[@]} -eq 0 ]; then
  echo "test-installed: every check passed ($(basename "$deb"))."
  exit 0
fi
echo "test-installed: ${#failures[@]} check(s) failed:"
printf '  - %s\n' "${failures[@]}"
exit 1
