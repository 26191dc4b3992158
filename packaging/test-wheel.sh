#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Builds the wheel, installs it in a fresh venv and runs the installed copy from outside the
# checkout: what `pip install coopguide-*.whl` gives a user must find its guides and resources
# (shipped as coopguide/_bundled/, see setup.py) and start.
#
#   packaging/test-wheel.sh [PYTHON]      (make test-wheel passes .venv/bin/python)
#
# PYTHON (default python3) needs pip: it builds the wheel and makes the fresh venv.
#
# The wheel is built from a copy of the files git knows (tracked, or new and not ignored), so a stale
# build/ or *.egg-info of the checkout cannot slip into it. Dependencies come from PyPI (or pip's
# cache). Needs Qt's offscreen libraries (scripts/install-system-deps.sh test). Leaves nothing behind.
set -euo pipefail
python=${1:-python3}
cd "$(dirname "$0")/.."
root=$PWD
CHECKLIST_ID=creer-une-scop.etapes  # a checklist heading id of content/guides/creer-une-scop.md

work=$(mktemp -d /tmp/coopguide-test-wheel.XXXXXX)
trap 'rm -rf "$work"' EXIT
start=$SECONDS
step() { echo "== $* ($((SECONDS - start)) s)"; }

step "Building the wheel"
mkdir "$work/src"
git ls-files -z --cached --others --exclude-standard | while IFS= read -r -d '' f; do
  [ -e "$f" ] && printf '%s\0' "$f"  # a file deleted but not yet committed is skipped
done | tar -c --null -T - -f - | tar -x -C "$work/src" -f -
"$python" packaging/ship_content_cache.py "$work/src/content"  # rendered content: no rendering at first start
"$python" -m pip wheel -q --disable-pip-version-check --no-deps -w "$work/dist" "$work/src"
wheel=$(ls "$work"/dist/coopguide-*.whl)
echo "$(basename "$wheel"): $("$python" -m zipfile -l "$wheel" | tail -n +2 | wc -l) files"

step "Installing it in a fresh venv"
"$python" -m venv "$work/venv"
"$work/venv/bin/python" -m pip install -q --disable-pip-version-check "$wheel"

step "Running the installed copy from $work/run"
mkdir "$work/run" "$work/data"
cd "$work/run"  # not the checkout: nothing may come from it
export QT_QPA_PLATFORM=offscreen
unset PYTHONPATH COOPGUIDE_CONTENT_DIR COOPGUIDE_DATA_DIR
bin=$work/venv/bin
failed=0
run() {  # run "description" command...: prints the output, OK or ÉCHEC with the exit code
  local what=$1 code=0; shift
  "$@" || code=$?
  if [ "$code" -eq 0 ]; then echo "OK     $what"; else echo "ÉCHEC  $what (code $code)"; failed=1; fi
}
run "the bundled files come from the installed package" "$bin/python" -c '
import sys
from coopguide.core.shared import paths
root = paths.bundle_root()
print("coopguide:", paths.__file__, "\ncontent:  ", paths.content_dir(), "\nresources:", paths.resources_dir())
sys.exit(root.parts[-2:] != ("coopguide", "_bundled") or not root.is_relative_to(sys.prefix))'
run "the shipped rendered content matches the installed content" "$bin/python" -c '
import sys
from coopguide.core.content import cache
from coopguide.core.shared import paths
sys.exit(cache._shipped(paths.content_dir()) is None)'
run "coopguide check-content" "$bin/coopguide" check-content
run "coopguide --startup-check --data-dir DATA" "$bin/coopguide" --startup-check --data-dir "$work/data"
run "coopguide print (PDF with the bundled fonts and print style)" \
  "$bin/coopguide" --data-dir "$work/data" print "$CHECKLIST_ID" --blank --out "$work/checklist.pdf"
run "the PDF starts with %PDF-" test "$(head -c 5 "$work/checklist.pdf" 2>/dev/null)" = "%PDF-"
cd "$root"
step "Done"
exit "$failed"
