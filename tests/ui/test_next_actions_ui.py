"""« Mes prochaines actions » on the real window: opened from the Dossier menu (Ctrl+J) and from the
dashboard's link, a click opens the item in its guide, its box ticks it (saved, undoable), the
list follows the window, grouped by person on demand. (It fits a small screen: test_screen_fit's table.)"""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence

from coopguide.core.store.progress import DONE
from coopguide.ui.dossiers.next_actions import NextActionsDialog
from coopguide.ui.reading_state import DASHBOARD


@pytest.fixture
def planned(window):
    """The current dossier with one late item (Karim), one item for Aïcha in five days, and « Première
    liste » started (its next item is nobody's yet)."""
    today = dt.date.today()
    store, dossier_id = window.store, window.state.dossier_id
    store.items.change(
        dossier_id,
        "alpha.depot",
        {"due": (today - dt.timedelta(days=3)).isoformat(), "assignee": "Karim"},
        content_edition="test-1",
    )
    store.items.change(
        dossier_id,
        "beta.deux",
        {"due": (today + dt.timedelta(days=5)).isoformat(), "assignee": "Aïcha"},
        content_edition="test-1",
    )
    store.items.change(dossier_id, "alpha.groupe", {"state": DONE}, content_edition="test-1")
    store.key_dates.set(dossier_id, "autre-audience", (today + dt.timedelta(days=12)).isoformat(), "Audience")
    window.state.reload()
    return window


def opened(window, qtbot) -> NextActionsDialog:
    dialog = window.dossiers.next_actions
    assert dialog is not None and dialog.isVisible()
    qtbot.addWidget(dialog)
    return dialog


def test_the_dossier_menu_and_ctrl_j_open_it_late_items_first(planned, qtbot):
    window = planned
    menu = window.menus["dossier"]
    entry = window.named_actions["dossier.next_actions"]
    assert entry in menu.actions() and entry.text() == "Mes prochaines actions…"
    assert entry.shortcut() == QKeySequence("Ctrl+J")
    qtbot.keyClick(window, Qt.Key.Key_J, Qt.KeyboardModifier.ControlModifier)
    dialog = opened(window, qtbot)
    text = dialog.view.toPlainText()
    assert text.index("Déposer les statuts") < text.index("Étape deux")
    assert "en retard de 3 jours" in text and "dans 5 jours" in text and "Karim" in text
    assert "Dates clés : Audience le " in text and "(dans 12 jours)" in text  # the weeks' deadlines on top
    assert dialog.view.font().pointSizeF() >= 14
    assert window.dossiers.open_next_actions() is dialog  # one at a time


def test_the_dashboard_links_to_it(planned, qtbot):
    window = planned
    window.show_dashboard()
    assert window.state.page == DASHBOARD and 'href="actions:"' in window.view.html
    window.view.linkActivated.emit("actions:")
    assert "Déposer les statuts" in opened(window, qtbot).view.toPlainText()


def test_a_click_opens_the_item_in_its_guide_and_its_box_ticks_it(planned, qtbot):
    window = planned
    dialog = window.dossiers.open_next_actions()
    qtbot.addWidget(dialog)
    dialog.view.linkActivated.emit("item:beta.deux")
    assert window.state.page == "beta" and window.panel.current_item_id() == "beta.deux"
    dialog.view.linkActivated.emit("cocher:alpha.depot")
    assert window.store.items.row(window.state.dossier_id, "alpha.depot").state == DONE
    assert "Déposer les statuts" not in dialog.view.toPlainText()  # it followed the tick
    window.undo_stack.undo()
    assert window.store.items.row(window.state.dossier_id, "alpha.depot").state != DONE
    assert "Déposer les statuts" in dialog.view.toPlainText()


def test_grouped_by_person_and_another_dossier(planned, qtbot):
    window = planned
    dialog = window.dossiers.open_next_actions()
    qtbot.addWidget(dialog)
    dialog.grouped.setChecked(True)
    text = dialog.view.toPlainText()
    assert text.index("Karim (1)") < text.index("Aïcha (1)") < text.index("— personne — (2)") < text.index("Lire")
    other = window.store.dossiers.create("Atelier 2")
    window.state.set_dossier(other.id)
    assert "Atelier 2" in dialog.windowTitle() and "Karim" not in dialog.view.toPlainText()
