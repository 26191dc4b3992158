"""A tick, an item edit and their undo/redo redraw only what changed, and what they show is exactly
what a full redraw from the store shows.

Each test drives the real widgets (a box clicked in the page, Space in the list, the details'
fields, Ctrl+Z / Ctrl+Y), records everything that shows the dossier's progress (the page document
and the HTML kept for it, every list row with its height, the progress bar, the guide tree, the
details, the resolved progress, and the window as painted: the offscreen screen's copy of its
backing store, so a region left unpainted would show), then has the window read the whole dossier
again and redraw everything (``state.reload()``), and compares.
"""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import QDate, QModelIndex, Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication, QTreeWidgetItemIterator

from coopguide.core.content.colours import is_dark
from coopguide.core.content.item_boxes import BOX_DONE, fill_items
from coopguide.core.store.progress import DONE, NOT_APPLICABLE, TODO, ItemProgress, resolve
from coopguide.ui.checklist_model import ItemIdRole
from tests.ui.pages import link_point

ROLES = (
    Qt.ItemDataRole.DisplayRole,
    Qt.ItemDataRole.ToolTipRole,
    Qt.ItemDataRole.CheckStateRole,
    Qt.ItemDataRole.AccessibleTextRole,
    Qt.ItemDataRole.AccessibleDescriptionRole,
    Qt.ItemDataRole.FontRole,
    Qt.ItemDataRole.ForegroundRole,
)


def shown(window, qtbot) -> dict[str, Any]:
    """Everything on screen that follows the dossier's progress, once Qt has laid it out."""
    for _ in range(10):  # pending layout and paint events: posted, a layout request climbs one parent per pass
        QApplication.processEvents()
    model, list_view = window.model, window.panel.tree
    rows = []

    def walk(parent) -> None:
        for row in range(model.rowCount(parent)):
            index = model.index(row, 0, parent)
            rows.append(([index.data(role) for role in ROLES], list_view.visualRect(index).height()))
            walk(index)

    walk(QModelIndex())
    tree = []
    iterator = QTreeWidgetItemIterator(window.tree)
    while iterator.value():
        item = iterator.value()
        tree.append((item.text(0), item.text(1), item.data(1, Qt.ItemDataRole.AccessibleTextRole)))
        iterator += 1
    editor = window.panel.editor
    bar = window.panel.progress
    return {
        "page": window.view.document().toHtml(),
        "page html": window.view.html,
        "scroll": window.view.verticalScrollBar().value(),
        "list": rows,
        "bar": (bar.value(), bar.maximum(), bar.text(), bar.isVisible()),
        "tree": tree,
        "details": (
            editor.current_item_id(),
            editor.state.currentData(),
            editor.when.text(),
            editor.assignee.currentData(),
            editor.has_due.isChecked(),
            editor.due.date() if editor.has_due.isChecked() else None,
            editor.note.toPlainText(),
        ),
        "resolved": window.state.resolved,
        "painted": window.screen().grabWindow(window.winId()).toImage(),
    }


class FullRedraws:
    """Counts what only a full redraw does: the page set again, the dossier's rows all read."""

    def __init__(self, window, monkeypatch) -> None:
        self.pages = self.reads = 0
        show_html, rows = window.view.show_html, window.store.items.rows

        def counted_show(*args, **kwargs):
            self.pages += 1
            return show_html(*args, **kwargs)

        def counted_rows(*args, **kwargs):
            self.reads += 1
            return rows(*args, **kwargs)

        monkeypatch.setattr(window.view, "show_html", counted_show)
        monkeypatch.setattr(window.store.items, "rows", counted_rows)
        window.model.modelReset.connect(self._reset)
        self.resets = 0

    def _reset(self) -> None:
        self.resets += 1

    def none(self) -> bool:
        return self.pages == self.reads == self.resets == 0


def assert_as_full_redraw(window, qtbot) -> None:
    window.panel.editor.note_state.setText("")  # « Note enregistrée. » is said once; a redraw clears it
    fast = shown(window, qtbot)
    window.state.reload()  # the whole dossier read again, everything redrawn
    assert shown(window, qtbot) == fast
    assert window.view.html == fill_items(
        window.templates["alpha"],
        window.state.resolved.complete_ids(),
        {i for i, p in window.state.resolved.by_item.items() if p.state == NOT_APPLICABLE},
    )


def click_box(window, qtbot, item_id: str) -> None:
    qtbot.mouseClick(
        window.view.viewport(), Qt.MouseButton.LeftButton, pos=link_point(window.view, f"cocher:{item_id}")
    )


def stored(window, item_id: str) -> ItemProgress:
    return window.store.items.row(window.state.dossier_id, item_id)


def painted_part(window, qtbot, widget):
    """The pixels of ``widget`` as the window last painted them."""
    corner = widget.mapTo(window, widget.rect().topLeft())
    return shown(window, qtbot)["painted"].copy(corner.x(), corner.y(), widget.width(), widget.height())


def test_a_box_clicked_in_the_page_redraws_that_item_only_and_as_a_full_redraw_would(window, qtbot, monkeypatch):
    window.panel.select_item("alpha.loi")  # the details show another item
    parts = (window.panel.progress, window.tree.viewport(), window.panel.tree.viewport(), window.view.viewport())
    before = [painted_part(window, qtbot, part) for part in parts]
    full = FullRedraws(window, monkeypatch)
    click_box(window, qtbot, "alpha.groupe")
    assert stored(window, "alpha.groupe").state == DONE
    assert full.none()
    assert window.panel.progress.text() == "1 / 4 fait(s)"
    assert [painted_part(window, qtbot, part) != old for part, old in zip(parts, before, strict=True)] == [True] * 4
    assert_as_full_redraw(window, qtbot)


def test_space_in_the_list_then_undo_and_redo_redraw_in_place_as_a_full_redraw_would(window, qtbot, monkeypatch):
    window.panel.select_item("alpha.depot")
    full = FullRedraws(window, monkeypatch)
    qtbot.keyClick(window.panel.tree, Qt.Key.Key_Space)
    assert stored(window, "alpha.depot").state == DONE
    assert full.none()
    assert_as_full_redraw(window, qtbot)

    full = FullRedraws(window, monkeypatch)
    window.named_actions["edit.undo"].trigger()
    assert stored(window, "alpha.depot").state == TODO
    assert full.none()
    assert_as_full_redraw(window, qtbot)

    full = FullRedraws(window, monkeypatch)
    window.named_actions["edit.redo"].trigger()
    assert stored(window, "alpha.depot").state == DONE
    assert full.none()
    assert_as_full_redraw(window, qtbot)


def test_space_in_the_list_tells_the_view_of_that_row_and_its_title_only(window, qtbot):
    """No reset, no layout change, no other row: the view measures again and paints the item's row
    and its check-list's title (« 1 / 1 ») alone. Then as a full redraw would show it."""
    window.panel.select_item("alpha.depot")
    model = window.model
    changed: list[tuple[str, str]] = []
    model.dataChanged.connect(
        lambda top, bottom, _roles=(): changed.append((top.data(ItemIdRole), bottom.data(ItemIdRole)))
    )
    others: list[str] = []
    for name in ("modelReset", "layoutChanged", "rowsInserted", "rowsRemoved", "headerDataChanged"):
        getattr(model, name).connect(lambda *_args, name=name: others.append(name))
    qtbot.keyClick(window.panel.tree, Qt.Key.Key_Space)
    assert stored(window, "alpha.depot").state == DONE
    assert changed == [("alpha.depot", "alpha.depot"), ("alpha.seconde", "alpha.seconde")]
    assert others == []
    assert_as_full_redraw(window, qtbot)


def test_a_tick_leaves_the_fields_of_the_details_where_they_were(window, qtbot):
    """« Fait le … » comes in a line kept for it: the fields under it do not move (nor, on a short
    screen, does the details' scroll bar come and go), and only what changed is painted again."""
    window.panel.select_item("alpha.depot")
    editor = window.panel.editor
    fields = (editor.assignee, editor.has_due, editor.due, editor.note)
    shown(window, qtbot)
    places = [field.geometry() for field in fields]
    assert editor.when.text() == "Pas encore fait." and editor.when.isVisible()
    qtbot.keyClick(window.panel.tree, Qt.Key.Key_Space)
    shown(window, qtbot)
    assert editor.when.text().startswith("Fait le")
    assert [field.geometry() for field in fields] == places
    qtbot.keyClick(window.panel.tree, Qt.Key.Key_Space)
    shown(window, qtbot)
    assert editor.when.text() == "Pas encore fait."
    assert [field.geometry() for field in fields] == places


@pytest.mark.parametrize(
    "edit",
    ["not applicable", "back to do from not applicable", "done from not applicable", "note", "due", "assignee"],
)
def test_an_edit_in_the_details_and_its_undo_redraw_in_place_as_a_full_redraw_would(window, qtbot, monkeypatch, edit):
    window.dossiers.edit_dossier(members=["Aline", "Bruno"])
    window.panel.select_item("alpha.groupe")
    editor = window.panel.editor

    def choose_state(state: str) -> None:
        editor.state.setCurrentIndex(editor.state.findData(state))

    if edit.endswith("from not applicable"):
        choose_state(NOT_APPLICABLE)
    full = FullRedraws(window, monkeypatch)
    if edit == "not applicable":
        choose_state(NOT_APPLICABLE)
    elif edit == "back to do from not applicable":
        choose_state(TODO)
    elif edit == "done from not applicable":
        choose_state(DONE)
    elif edit == "note":
        editor.note.setFocus()
        qtbot.keyClicks(editor.note, "Appeler l'URSCOP")
        window.panel.tree.setFocus()  # leaving the note saves it
        assert stored(window, "alpha.groupe").note == "Appeler l'URSCOP"
    elif edit == "due":
        editor.has_due.click()
        editor.due.setDate(QDate(2027, 3, 1))
        assert stored(window, "alpha.groupe").due == "2027-03-01"
    elif edit == "assignee":
        editor.assignee.setCurrentIndex(editor.assignee.findData("Bruno"))
        assert stored(window, "alpha.groupe").assignee == "Bruno"
    assert full.none()
    assert_as_full_redraw(window, qtbot)

    full = FullRedraws(window, monkeypatch)
    window.named_actions["edit.undo"].trigger()
    assert full.none()
    assert_as_full_redraw(window, qtbot)


def test_every_state_change_of_a_box_in_the_page_is_what_a_full_redraw_shows(window, qtbot):
    """☐ → ☑ → ☒ N.A. → ☐ → ☒ → ☑ → ☐, for the first and the last box of the page."""
    editor = window.panel.editor
    for item_id in ("alpha.groupe", "alpha.depot"):
        window.panel.select_item(item_id)
        for state in (DONE, NOT_APPLICABLE, TODO, NOT_APPLICABLE, DONE, TODO):
            editor.state.setCurrentIndex(editor.state.findData(state))
            assert stored(window, item_id).state == state
            assert_as_full_redraw(window, qtbot)


def test_a_tick_keeps_the_page_where_it_was_scrolled(window, qtbot):
    window.resize(900, 300)  # a page taller than its view
    qtbot.wait(0)
    scroll = window.view.verticalScrollBar()
    assert scroll.maximum() > 0
    point = link_point(window.view, "cocher:alpha.depot")  # scrolled so that the last box shows
    position = scroll.value()
    assert position > 0
    qtbot.mouseClick(window.view.viewport(), Qt.MouseButton.LeftButton, pos=point)
    assert stored(window, "alpha.depot").state == DONE
    assert scroll.value() == position
    assert_as_full_redraw(window, qtbot)
    assert scroll.value() == position


def test_a_tick_of_an_item_kept_under_its_former_id_reads_as_a_full_reload(window, qtbot, monkeypatch):
    """« alpha.forme » was « alpha.statut »: its tick under the old id counts until a row under the
    new id is written, which then wins."""
    store, dossier_id = window.store, window.state.dossier_id
    store.items.save(dossier_id, [ItemProgress("alpha.statut", state=DONE, note="ancienne note")])
    window.state.reload()
    assert window.model.is_done("alpha.forme")
    full = FullRedraws(window, monkeypatch)
    click_box(window, qtbot, "alpha.forme")  # done (under the former id) → to do, under the new id
    assert stored(window, "alpha.forme").state == TODO
    assert stored(window, "alpha.forme").note == "ancienne note"
    assert full.none()
    assert window.state.resolved == resolve(store.items.rows(dossier_id), window.content)
    assert_as_full_redraw(window, qtbot)


def test_rows_written_under_a_former_id_make_a_full_reload(window, qtbot):
    """Only a merge writes under an id the content no longer uses: the fast path leaves it to the
    full reload rather than guess which row wins."""
    reloaded = []
    window.state.progressChanged.connect(lambda: reloaded.append(True))
    store, dossier_id = window.store, window.state.dossier_id
    store.items.save(dossier_id, [ItemProgress("alpha.statut", state=DONE)])
    window.state.reload_items(["alpha.statut"])
    assert reloaded
    assert window.model.is_done("alpha.forme")
    assert_as_full_redraw(window, qtbot)


def test_the_dashboard_shown_during_a_tick_is_built_again(window, qtbot):
    window.show_dashboard()
    window.panel.select_item("alpha.groupe")
    qtbot.keyClick(window.panel.tree, Qt.Key.Key_Space)
    fast = window.view.html
    window.state.reload()
    assert window.view.html == fast


def test_ticks_before_and_after_a_switch_to_dark_mode_show_what_a_full_redraw_shows(window, qtbot):
    """The page is shown again in the new colours from the HTML the view kept, which the ticks made
    in place kept up to date; a box changed afterwards takes its format from the new style sheet."""
    click_box(window, qtbot, "alpha.groupe")
    window.named_actions["appearance.sombre"].trigger()
    qtbot.waitUntil(lambda: is_dark(window.view.palette().color(QPalette.ColorRole.Base).name()))
    assert window.view.toPlainText().count(BOX_DONE) == 1
    assert_as_full_redraw(window, qtbot)
    click_box(window, qtbot, "alpha.depot")
    assert_as_full_redraw(window, qtbot)
    window.named_actions["appearance.systeme"].trigger()
    qtbot.waitUntil(lambda: not is_dark(window.view.palette().color(QPalette.ColorRole.Base).name()))
    click_box(window, qtbot, "alpha.groupe")
    assert window.view.toPlainText().count(BOX_DONE) == 1
    assert_as_full_redraw(window, qtbot)
