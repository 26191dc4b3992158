"""Grab the main window to docs/screenshots/ (run under xvfb-run: `make screenshots`).

Uses a throw-away data folder, ticks a few items of "Créer une Scop" so progress shows, and saves
what a user would see at 1280×800.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QTimer

from coopguide.core.content.cache import load
from coopguide.core.shared import paths
from coopguide.core.store import open_store
from coopguide.ui.app import make_application
from coopguide.ui.main_window import MainWindow
from coopguide.ui.window_settings import SETTINGS_FILE, WindowSettings

OUT = Path(__file__).resolve().parents[1] / "docs" / "screenshots"
WINDOW_SIZE = (1280, 800)


def new_window(size=WINDOW_SIZE, settings: dict | None = None, prepare=None) -> MainWindow:
    """The window on a throw-away data folder (the screenshot scripts all start here): ``settings``
    (``{"appearance": theme.DARK}``: properties of :class:`WindowSettings`) are written to its
    settings file and ``prepare(store, content)`` runs before the window opens. ``size`` None: the
    size the app gives a first window on this screen."""
    data_dir = Path(tempfile.mkdtemp(prefix="coopguide-shots-"))
    stored = WindowSettings(data_dir / SETTINGS_FILE)
    for name, value in (settings or {}).items():
        setattr(stored, name, value)
    stored.sync()
    store = open_store(data_dir)
    loaded = load(paths.content_dir(), data_dir / "cache")
    if prepare is not None:
        prepare(store, loaded.content)
    window = MainWindow(store, loaded, data_dir)
    if size is not None:
        window.resize(*size)
    OUT.mkdir(parents=True, exist_ok=True)
    return window


def main() -> int:
    app = make_application()
    window = new_window()
    guide_id = sys.argv[1] if len(sys.argv) > 1 else "creer-une-scop"
    window.show_guide(guide_id)
    for item in window.content.guides[guide_id].items[:4]:
        window.model.toggle(item.id)
    window.show()
    if len(sys.argv) > 3:
        window.view.scrollToAnchor(sys.argv[3])
    name = sys.argv[2] if len(sys.argv) > 2 else "main-window.png"

    def grab() -> None:
        window.grab().save(str(OUT / name))
        print(OUT / name)
        app.quit()

    QTimer.singleShot(300, grab)
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
