"""Reading is safe offline: no remote resource while rendering, external links only after consent."""

from __future__ import annotations

from PySide6.QtCore import QUrl
from PySide6.QtWidgets import QMessageBox

from coopguide.core.content import cache as content_cache
from coopguide.core.content.item_boxes import fill_items
from coopguide.core.shared import paths
from coopguide.ui.guide_view import GuideView
from coopguide.ui.main_window import MainWindow
from tests.reliability.conftest import COUNTS


def test_rendering_every_shipped_guide_asks_for_no_remote_resource(qtbot, tmp_path):
    loaded = content_cache.load(paths.content_dir(), tmp_path / "cache")
    view = GuideView(paths.content_dir(), "")
    qtbot.addWidget(view)
    asked = []
    original = GuideView.loadResource

    def spy(self, kind, url: QUrl):
        asked.append(url.toString())
        return original(self, kind, url)

    view.loadResource = spy.__get__(view)
    for html in loaded.html.values():
        view.show_html(fill_items(html, set()))
    COUNTS["guides rendered without network"] += len(loaded.html)
    assert view.blocked_urls == []
    assert all(not url.startswith(("http:", "https:", "//")) for url in asked)


def test_an_external_link_opens_only_after_the_user_saw_the_address_and_agreed(
    qtbot, content_root, data_dir, monkeypatch
):
    from coopguide.core.store import open_store

    store = open_store(data_dir)
    window = MainWindow(store, content_cache.load(content_root, None), data_dir)
    qtbot.addWidget(window)
    shown, opened = [], []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: shown.append(box.text()) or QMessageBox.StandardButton.Yes)
    monkeypatch.setattr("coopguide.ui.main_window.QDesktopServices.openUrl", opened.append)
    window.view.anchorClicked.emit(QUrl("https://www.legifrance.gouv.fr/x"))
    assert "https://www.legifrance.gouv.fr/x" in shown[0]
    assert [url.toString() for url in opened] == ["https://www.legifrance.gouv.fr/x"]
    store.close()
