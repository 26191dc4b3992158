# SPDX-License-Identifier: GPL-3.0-or-later
"""Writes the rendered content a build ships, so that a first start does not render it.

    python packaging/ship_content_cache.py CONTENT_DIR [OUT]

OUT defaults to ``CONTENT_DIR/rendered-content.pickle`` (``coopguide.core.content.cache.SHIPPED``),
where the app looks for it (``cache.load``: used only while it matches the content files' bytes).
``packaging/test-wheel.sh`` writes it into the copy the wheel is built from, ``packaging/build.py``
into ``build/shipped/`` for the PyInstaller spec. Never written into the repository's ``content/``:
authors edit that folder, and a stale file there would only be ignored.

Run with a Python that has the app's dependencies (YAML, Markdown): the test venv or the build venv.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # the checkout's coopguide, installed or not

from coopguide.core.content.cache import SHIPPED, write_shipped


def main() -> int:
    if len(sys.argv) not in (2, 3):
        raise SystemExit(__doc__)
    root = Path(sys.argv[1]).resolve()
    target = Path(sys.argv[2]).resolve() if len(sys.argv) == 3 else root / SHIPPED
    target.parent.mkdir(parents=True, exist_ok=True)  # build/shipped/ on a fresh clone
    written = write_shipped(root, target)
    print(f"{written}: {written.stat().st_size / 1e3:.0f} kB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
