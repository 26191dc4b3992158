"""« Voir aussi »: a click on a related guide's title in the page opens that guide."""

from __future__ import annotations

from PySide6.QtCore import Qt

from tests.ui.pages import link_cursor


def test_clicking_a_see_also_title_shows_that_guide(content_root, open_window, qtbot):
    alpha = content_root / "guides" / "alpha.md"
    alpha.write_text(
        alpha.read_text("utf-8").replace("etiquettes: [test]\n", "etiquettes: [test]\nvoir_aussi: [beta]\n"), "utf-8"
    )
    window = open_window()
    window.show_guide("alpha")
    assert window.navigation.toc_box.findData("voir-aussi") > 0  # « Aller à : Voir aussi »
    window.view.scrollToAnchor("voir-aussi")
    cursor = link_cursor(window.view, "guide:beta")  # the body's own link goes to guide:beta#details
    assert cursor.block().text().startswith("Beta — Le second guide.")
    point = window.view.cursorRect(cursor).center()
    assert window.view.viewport().rect().contains(point)
    qtbot.mouseClick(window.view.viewport(), Qt.MouseButton.LeftButton, pos=point)
    qtbot.waitUntil(lambda: window.state.guide_id == "beta")
    assert window.navigation.back_action.isEnabled()
