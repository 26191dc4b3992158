"""Screenshots of presentation mode at the screen's size, for checking readability from the back
of a room::

    xvfb-run -a -s "-screen 0 1920x1080x24" .venv/bin/python scripts/screenshot_presentation.py

Writes ``docs/screenshots/presentation.png`` (a text section of « La Scop en bref ») and
``presentation-checklist.png`` (the trainer's checklist with a few ticks), using the shipped
content and a throw-away data folder (nothing touches the real one).
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
OUT = ROOT / "docs" / "screenshots"


def main() -> int:
    data_dir = Path(tempfile.mkdtemp(prefix="coopguide-capture-"))
    os.environ["COOPGUIDE_DATA_DIR"] = str(data_dir)
    from PySide6.QtWidgets import QApplication

    from coopguide.core.content import cache as content_cache
    from coopguide.core.shared import paths
    from coopguide.core.store import open_store
    from coopguide.ui.main_window import MainWindow
    from coopguide.ui.seances.presentation import PresentationWindow

    app = QApplication(sys.argv[:1])
    store = open_store(data_dir)
    window = MainWindow(store, content_cache.load(paths.content_dir(), data_dir / "cache"), data_dir)
    window.show()
    OUT.mkdir(parents=True, exist_ok=True)

    def capture(guide_id: str, anchor: str, ticks: tuple[int, ...], name: str) -> None:
        window.show_guide(guide_id)
        presentation = PresentationWindow(window.state, window.edits, window.templates, guide_id).start(anchor=anchor)
        # Xvfb has no window manager to apply full screen: give the window the screen's size.
        presentation.setGeometry(presentation.screen().geometry())
        for _ in range(50):
            app.processEvents()
        presentation.rebuild(anchor=anchor)  # full-screen size known now
        for number in ticks:
            presentation.toggle_number(number)
        if ticks:
            presentation.move_selection(1)  # the highlighted row, as after an arrow key
        app.processEvents()
        image = presentation.grab()
        image.save(str(OUT / name))
        print(
            f"{OUT / name}: {image.width()}×{image.height()}, slide {presentation.counter.text()}, "
            f"text {presentation.base_px} px"
        )
        presentation.close()

    capture("scop-en-bref", sys.argv[1] if len(sys.argv) > 1 else "vote", (), "presentation.png")
    capture("guide-animateur", "guide-animateur.preparer-seance", (1, 2, 4), "presentation-checklist.png")
    window.close()
    store.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
