"""Back/forward, bookmarks, recent guides and zoom, through the real window; bookmarks, recent
guides and zoom survive a restart."""

from __future__ import annotations

import os

from PySide6.QtCore import QCoreApplication, Qt

from coopguide.ui.window_settings import SETTINGS_FILE


def test_back_and_forward_with_the_keyboard(open_window, qtbot):
    window = open_window()
    assert window.state.guide_id == "alpha" and not window.navigation.back_action.isEnabled()
    window.follow_link("guide:beta#details")
    window.show_dashboard()
    qtbot.keyClick(window, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    assert window.state.guide_id == "beta" and not window.state.showing_dashboard
    qtbot.keyClick(window, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    assert window.state.guide_id == "alpha"
    qtbot.keyClick(window, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)
    assert window.state.guide_id == "beta" and window.navigation.forward_action.isEnabled()
    window.show_guide("glossaire")  # a new visit drops the forward history
    assert not window.navigation.forward_action.isEnabled()


def test_bookmarks_and_recent_guides_survive_a_restart(open_window, qtbot):
    window = open_window()
    window.show_guide("beta")
    qtbot.keyClick(window, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
    window.show_guide("glossaire")
    window.close()
    again = open_window()
    assert again.store.reading.bookmarks() == [("beta", "Beta")]
    assert again.store.reading.recent_guides()[:3] == ["glossaire", "beta", "alpha"]
    again.navigation.fill_bookmarks()
    action = again.navigation.bookmarks_menu.actions()[0]
    assert action.text() == "Beta"
    action.trigger()
    assert again.state.guide_id == "beta"
    assert again.navigation.bookmark_action.text() == "Retirer ce guide des favoris"
    again.navigation.toggle_bookmark()
    assert again.store.reading.bookmarks() == []


def test_zoom_is_remembered(open_window, qtbot):
    window = open_window()
    height = window.view.document().size().height()
    qtbot.keyClick(window, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    window.navigation.zoom(1)
    assert window.navigation.zoom_steps == 2 and window.view.document().size().height() > height
    window.close()
    again = open_window()
    assert again.navigation.zoom_steps == 2
    again.navigation.zoom(-again.navigation.zoom_steps)
    assert again.navigation.zoom_steps == 0


def test_a_start_does_not_rewrite_the_window_settings(open_window, data_dir):
    """The remembered zoom is read at start, not written back: a write has Qt save fenetre.ini
    before the first frame (~1 ms on the start path)."""
    window = open_window()
    window.navigation.zoom(1)
    window.close()  # saves the geometry and the zoom
    ini = data_dir / SETTINGS_FILE
    os.utime(ini, ns=(0, 0))
    again = open_window()
    QCoreApplication.processEvents()  # Qt saves a changed QSettings on an event it posts to itself
    assert again.navigation.zoom_steps == 1
    assert ini.stat().st_mtime_ns == 0


def test_table_of_contents_lists_the_sections_and_jumps_to_them(open_window, monkeypatch):
    window = open_window()
    window.show_guide("beta")
    entries = [window.navigation.toc_box.itemText(i).strip() for i in range(window.navigation.toc_box.count())]
    assert entries[0] == "(début du guide)" and "Détails" in entries and "À faire" in entries
    jumps = []
    monkeypatch.setattr(window.view, "scrollToAnchor", jumps.append)
    window.navigation.toc_box.activated.emit(window.navigation.toc_box.findData("details"))
    assert jumps == ["details"] and window.view.hasFocus()
    window.show_dashboard()
    assert not window.navigation.toc_box.isEnabled()


def test_the_page_reads_larger_than_the_interface_with_more_line_spacing(window):
    """The page used the interface's 9 pt with tight lines: 12 pt at least now, 150 % line spacing in
    paragraphs (130 % in lists and tables), and the headings sized relative to the text, so the zoom
    moves them too."""
    from PySide6.QtWidgets import QApplication

    interface = QApplication.font().pointSizeF()
    assert window.view.font().pointSizeF() >= max(12.0, interface + 2)
    block, spacings = window.view.document().begin(), set()
    while block.isValid():
        if block.text().startswith("Une Scop se crée à plusieurs"):
            spacings.add(block.blockFormat().lineHeight())
        block = block.next()
    assert spacings == {150.0}
    title = window.view.document().begin()  # the guide's title, a heading
    assert title.text().startswith("Alpha")
    before = title.layout().boundingRect().height()
    window.navigation.zoom(4)
    assert window.view.document().begin().layout().boundingRect().height() > before


def test_zoom_keeps_the_reading_position(window, qtbot):
    view = window.view
    view.show_html("".join(f"<p>Paragraphe {n} : une coopérative appartient à ses salariés.</p>" for n in range(300)))
    qtbot.waitUntil(lambda: view.verticalScrollBar().maximum() > 0)
    bar = view.verticalScrollBar()

    bar.setValue(bar.maximum() * 6 // 10)
    reading = view.cursorForPosition(view.viewport().rect().topLeft()).block().text()
    for steps in (3, -5, 2):
        window.navigation.zoom(steps)
        assert view.cursorForPosition(view.viewport().rect().topLeft()).block().text() == reading, steps
    assert 0.45 < bar.value() / bar.maximum() < 0.75  # still about the same part of the document
