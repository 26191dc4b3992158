"""Opening a search result: the page has the keyboard focus and the searched words are marked in it,
until another page is shown (through the real window, its popup and its index)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from coopguide.core.shared.french_text import fold


@pytest.fixture
def popup(window, qtbot):
    dialog = window.search_popup()
    qtbot.waitUntil(lambda: dialog.index is not None, timeout=10_000)
    yield dialog
    dialog.index.close()


def open_result(qtbot, popup, query: str) -> str:
    popup.open_search(query)
    with qtbot.waitSignal(popup.linkChosen, timeout=2000) as signal:
        qtbot.keyClick(popup.edit, Qt.Key.Key_Return)
    return signal.args[0]


def marked(window) -> list[str]:
    return [fold(s.cursor.selectedText()) for s in window.view.extraSelections()]


def test_a_section_result_gives_the_focus_to_the_page_with_the_words_marked(window, popup, qtbot):
    window.tree.setFocus()
    target = open_result(qtbot, popup, "details")
    assert target.startswith("guide:beta") and window.state.guide_id == "beta"
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.view)
    words = marked(window)
    assert words and all(word.startswith("detail") for word in words)
    shown = window.view.viewport().rect()
    assert any(shown.intersects(window.view.cursorRect(s.cursor)) for s in window.view.extraSelections())


def test_a_check_list_result_focuses_its_box_in_the_page(window, popup, qtbot):
    target = open_result(qtbot, popup, "groupe")
    assert target == "item:alpha.groupe" and window.panel.current_item_id() == "alpha.groupe"
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.view)
    assert window.view.focused_link()[0] == "cocher:alpha.groupe"  # Enter ticks it
    assert "groupe" in marked(window)


def test_the_marks_stay_through_a_tick_and_go_with_the_page(window, popup, qtbot):
    open_result(qtbot, popup, "groupe")
    before = marked(window)
    window.model.toggle("alpha.loi")  # the page is redrawn
    assert marked(window) == before
    window.show_guide("beta")
    assert marked(window) == []


def test_the_find_bar_takes_over_the_marks(window, popup, qtbot):
    open_result(qtbot, popup, "groupe")
    window.find_bar.open_bar()
    window.find_bar.edit.setText("loi")
    assert set(marked(window)) == {"loi"}
    window.find_bar.close_bar()
    window.model.toggle("alpha.loi")  # redrawn: the search's marks do not come back
    assert marked(window) == []
