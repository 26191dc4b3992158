"""Back/forward, bookmarks, recent guides and zoom, through the real window; bookmarks, recent
guides and zoom survive a restart."""

from __future__ import annotations

from PySide6.QtCore import Qt


def test_back_and_forward_with_the_keyboard(open_window, qtbot):
    window = open_window()
    assert window.current_guide_id == "alpha" and not window.back_action.isEnabled()
    window.follow_link("guide:beta#details")
    window.show_dashboard()
    qtbot.keyClick(window, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    assert window.current_guide_id == "beta" and not window.showing_dashboard
    qtbot.keyClick(window, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    assert window.current_guide_id == "alpha"
    qtbot.keyClick(window, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)
    assert window.current_guide_id == "beta" and window.forward_action.isEnabled()
    window.show_guide("glossaire")  # a new visit drops the forward history
    assert not window.forward_action.isEnabled()


def test_bookmarks_and_recent_guides_survive_a_restart(open_window, qtbot):
    window = open_window()
    window.show_guide("beta")
    qtbot.keyClick(window, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
    window.show_guide("glossaire")
    window.close()
    again = open_window()
    assert again.store.reading.bookmarks() == [("beta", "Beta")]
    assert again.store.reading.recent_guides()[:3] == ["glossaire", "beta", "alpha"]
    again._fill_bookmarks()
    action = again.bookmarks_menu.actions()[0]
    assert action.text() == "Beta"
    action.trigger()
    assert again.current_guide_id == "beta"
    assert again.bookmark_action.text() == "Retirer ce guide des favoris"
    again.toggle_bookmark()
    assert again.store.reading.bookmarks() == []


def test_zoom_is_remembered(open_window, qtbot):
    window = open_window()
    height = window.view.document().size().height()
    qtbot.keyClick(window, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    window.zoom(1)
    assert window.zoom_steps == 2 and window.view.document().size().height() > height
    window.close()
    again = open_window()
    assert again.zoom_steps == 2
    again.zoom(-again.zoom_steps)
    assert again.zoom_steps == 0


def test_table_of_contents_lists_the_sections_and_jumps_to_them(open_window, monkeypatch):
    window = open_window()
    window.show_guide("beta")
    entries = [window.toc_box.itemText(i).strip() for i in range(window.toc_box.count())]
    assert entries[0] == "(début du guide)" and "Détails" in entries and "À faire" in entries
    jumps = []
    monkeypatch.setattr(window.view, "scrollToAnchor", jumps.append)
    window.toc_box.activated.emit(window.toc_box.findData("details"))
    assert jumps == ["details"] and window.view.hasFocus()
    window.show_dashboard()
    assert not window.toc_box.isEnabled()
