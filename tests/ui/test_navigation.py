"""Back/forward, bookmarks, recent guides and zoom, through the real window; bookmarks, recent
guides and zoom survive a restart."""

from __future__ import annotations

from PySide6.QtCore import Qt


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
