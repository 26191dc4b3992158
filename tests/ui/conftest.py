"""The main window on the test content and a fresh data folder, opened the way the app does."""

from __future__ import annotations

import pytest

from coopguide.core.content import cache as content_cache
from coopguide.core.store import open_store
from coopguide.ui.main_window import MainWindow


@pytest.fixture
def open_window(qtbot, content_root, data_dir):
    """A factory: each call opens a window on the same data folder (a "restart"); all are closed
    and their stores released at the end. Window shortcuts fire only in the active window, so the
    window is activated before it is returned."""
    stores = []

    def factory() -> MainWindow:
        store = open_store(data_dir)
        stores.append(store)
        window = MainWindow(store, content_cache.load(content_root, data_dir / "cache"), data_dir)
        qtbot.addWidget(window)
        window.show()
        window.activateWindow()
        qtbot.waitUntil(window.isActiveWindow)
        return window

    yield factory
    for store in stores:
        store.close()


@pytest.fixture
def window(open_window):
    return open_window()
