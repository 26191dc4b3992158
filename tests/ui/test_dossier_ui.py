"""Dossiers through the real window: item details, N.A., undo/redo, dossier actions, export/import,
reset, the dashboard. Dialogs are answered by patching their ``exec`` (no modal loop offscreen)."""

from __future__ import annotations

import sqlite3

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QDialog, QMessageBox

from coopguide.core.shared.paths import DATABASE_NAME
from coopguide.core.store.progress import DONE, NOT_APPLICABLE, TODO
from coopguide.ui.dossiers import dialogs


def on_disk(data_dir, item_id):
    with sqlite3.connect(data_dir / DATABASE_NAME) as conn:
        return conn.execute(
            "SELECT state, done_by, note, due, assignee FROM item_progress WHERE item_id = ?", (item_id,)
        ).fetchone()


def choose(window, item_id):
    window.panel.select_item(item_id)
    assert window.panel.editor.current_item_id() == item_id
    return window.panel.editor


def test_item_details_are_saved_and_shown(window, qtbot, data_dir):
    window.dossiers.edit_dossier(members=["Aline", "Bruno"])
    window.panel.ticker.setCurrentIndex(window.panel.ticker.findData("Bruno"))
    editor = choose(window, "alpha.groupe")
    editor.assignee.setCurrentIndex(editor.assignee.findData("Aline"))
    editor.has_due.setChecked(True)
    editor.due.setDate(QDate(2026, 12, 15))
    editor.note.setFocus()
    qtbot.keyClicks(editor.note, "Appeler l'URSCOP")
    assert editor.has_pending_note()
    qtbot.waitUntil(lambda: on_disk(data_dir, "alpha.groupe")[2] == "Appeler l'URSCOP", timeout=5000)
    window.model.toggle("alpha.groupe")
    assert on_disk(data_dir, "alpha.groupe") == (DONE, "Bruno", "Appeler l'URSCOP", "2026-12-15", "Aline")
    text = window.model.index_of_item("alpha.groupe").data()
    assert "fait par Bruno" in text and "✎ note" in text
    assert "Fait le" in editor.when.text() and "par Bruno" in editor.when.text()


def test_a_new_due_date_is_a_week_ahead_not_today(window, data_dir, qtbot):
    """Ticking « avant le » used to save today's date: the item was late the next morning."""
    editor = choose(window, "alpha.loi")
    week = QDate.currentDate().addDays(7)
    assert not editor.due.isEnabled() and editor.due.date() == week  # shown before it is set
    qtbot.mouseClick(editor.has_due, Qt.MouseButton.LeftButton)
    assert on_disk(data_dir, "alpha.loi")[3] == week.toString("yyyy-MM-dd")
    assert editor.due.isEnabled() and editor.due.date() == week
    editor.due.setDate(QDate(2031, 5, 4))  # changed by the user: saved as chosen
    assert on_disk(data_dir, "alpha.loi")[3] == "2031-05-04"
    qtbot.mouseClick(editor.has_due, Qt.MouseButton.LeftButton)  # unticked: no due date
    assert on_disk(data_dir, "alpha.loi")[3] == ""
    qtbot.mouseClick(editor.has_due, Qt.MouseButton.LeftButton)  # ticked again: a week ahead again
    assert on_disk(data_dir, "alpha.loi")[3] == week.toString("yyyy-MM-dd")


def test_a_note_being_typed_is_saved_when_another_item_is_chosen(window, qtbot, data_dir):
    editor = choose(window, "alpha.loi")
    editor.note.setFocus()
    qtbot.keyClicks(editor.note, "voir mardi")
    window.panel.select_item("alpha.forme")
    assert on_disk(data_dir, "alpha.loi")[2] == "voir mardi"
    assert editor.note.toPlainText() == ""


def test_not_applicable_counts_as_done_and_is_shown_differently(window, data_dir):
    editor = choose(window, "alpha.loi")
    editor.state.setCurrentIndex(editor.state.findData(NOT_APPLICABLE))
    assert on_disk(data_dir, "alpha.loi")[0] == NOT_APPLICABLE
    index = window.model.index_of_item("alpha.loi")
    assert index.data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.PartiallyChecked
    assert "non applicable" in index.data()
    assert window.panel.progress.text() == "1 / 4 fait(s)"
    assert "N.A." in window.view.toPlainText()
    assert window.tree.currentItem().text(1) == "1/4"


def test_undo_and_redo_ticks_and_edits_with_the_keyboard(window, qtbot, data_dir):
    window.model.toggle("alpha.groupe")
    editor = choose(window, "alpha.depot")
    editor.note.setFocus()
    qtbot.keyClicks(editor.note, "premier")
    editor.save_note()
    qtbot.keyClicks(editor.note, " jet")
    editor.save_note()
    assert window.undo_stack.count() == 2  # the two saves of one note merge into one step
    window.panel.tree.setFocus()
    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert on_disk(data_dir, "alpha.depot")[2] == ""
    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert on_disk(data_dir, "alpha.groupe")[0] == TODO
    assert not window.model.is_done("alpha.groupe")
    qtbot.keyClick(window, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)
    assert on_disk(data_dir, "alpha.groupe")[0] == DONE
    assert window.model.is_done("alpha.groupe")


def test_undo_goes_back_to_the_dossier_it_belongs_to(window):
    window.model.toggle("alpha.groupe")
    first = window.state.dossier_id
    window.dossiers.create_dossier("Autre groupe")
    window.undo_stack.undo()
    assert window.state.dossier_id == first and not window.model.is_done("alpha.groupe")


def test_a_failed_edit_shows_a_message_and_keeps_the_typed_note(window, qtbot, monkeypatch, shown_errors):
    from coopguide.core.shared.errors import StorageError

    shown = shown_errors

    def disk_full(*args, **kwargs):
        raise StorageError("Impossible d'enregistrer l'élément : le disque est plein.")

    editor = choose(window, "alpha.loi")
    monkeypatch.setattr(window.store.db, "transaction", disk_full)  # every write
    editor.note.setFocus()
    qtbot.keyClicks(editor.note, "texte important")
    editor.save_note()
    assert shown and "disque est plein" in shown[0]
    assert editor.note.toPlainText() == "texte important"
    assert "NON enregistrée" in editor.note_state.text()


def test_dossier_properties_duplicate_archive_delete_and_restore(window, monkeypatch):
    monkeypatch.setattr(QMessageBox, "exec", lambda box: QMessageBox.StandardButton.Yes)
    window.model.toggle("alpha.groupe")
    assert window.dossiers.edit_dossier(name="Scop Dupont", description="Imprimerie", members=["Aline"])
    assert window.dossiers.switcher.currentText() == "Scop Dupont"
    assert window.dossiers.duplicate_dossier("Groupe 2", with_progress=False)
    assert window.dossiers.switcher.currentText() == "Groupe 2" and not window.model.is_done("alpha.groupe")
    window.dossiers.toggle_archive()
    assert window.dossiers.switcher.currentText() == "Groupe 2 (archivé)"
    window.dossiers.ask_delete_dossier()
    assert window.dossiers.switcher.findText("Groupe 2 (archivé)") == -1
    assert [d.name for d in window.store.dossiers.trash()] == ["Groupe 2"]
    window.undo_stack.undo()  # Ctrl+Z brings it back
    assert window.dossiers.switcher.currentText() == "Groupe 2 (archivé)"
    assert window.store.dossiers.trash() == []


def test_trash_dialog_restores_and_purges_after_confirmation(window, monkeypatch, qtbot):
    other = window.store.dossiers.create("À jeter")
    window.dossiers.trash_dossier(other.id)
    dialog = dialogs.TrashDialog(window.dossiers, window)
    qtbot.addWidget(dialog)
    assert dialog.list.count() == 1
    monkeypatch.setattr(QMessageBox, "exec", lambda box: QMessageBox.StandardButton.Cancel)
    dialog.purge.click()
    assert dialog.list.count() == 1  # refused: nothing erased
    monkeypatch.setattr(QMessageBox, "exec", lambda box: QMessageBox.StandardButton.Yes)
    dialog.purge.click()
    assert dialog.list.count() == 0 and window.store.dossiers.get(other.id) is None


def test_reset_a_checklist_and_undo_it(window, monkeypatch, data_dir):
    for item in ("alpha.groupe", "alpha.loi"):
        window.model.toggle(item)
    choose(window, "alpha.groupe")
    window.edits.change_item("alpha.groupe", {"note": "gardée"}, "note")
    monkeypatch.setattr(dialogs.ResetDialog, "exec", lambda self: QDialog.DialogCode.Accepted)
    window.dossiers.ask_reset_checklist()
    assert on_disk(data_dir, "alpha.groupe")[:3] == (TODO, "", "gardée")
    assert window.panel.progress.text() == "0 / 4 fait(s)"
    window.undo_stack.undo()
    assert window.model.is_done("alpha.groupe") and window.model.is_done("alpha.loi")


def test_export_then_import_as_new_and_merge(window, monkeypatch, tmp_path):
    window.model.toggle("alpha.groupe")
    path = window.dossiers.export_to(tmp_path / "dupont")
    assert path.name == "dupont.coopguide"
    monkeypatch.setattr(dialogs.ImportDialog, "exec", lambda self: QDialog.DialogCode.Accepted)
    monkeypatch.setattr(dialogs.MergePreviewDialog, "exec", lambda self: QDialog.DialogCode.Accepted)
    assert window.dossiers.import_from(path)  # same name exists: the dialog proposes a merge; nothing to change
    assert len(window.store.dossiers.all()) == 1
    monkeypatch.setattr(
        dialogs.ImportDialog, "exec", lambda self: self.as_new.setChecked(True) or QDialog.DialogCode.Accepted
    )
    assert window.dossiers.import_from(path)
    assert window.dossiers.switcher.currentText() == "Mon projet (2)"
    assert window.model.is_done("alpha.groupe")


def test_a_bad_import_file_gets_a_message_and_changes_nothing(window, tmp_path, shown_errors):
    shown = shown_errors
    bad = tmp_path / "abime.coopguide"
    bad.write_text(
        '{"format": "coopguide-dossier", "version": 1, "dossier": {"name": "X"}, "items": [', encoding="utf-8"
    )
    assert not window.dossiers.import_from(bad)
    assert "incomplet ou abîmé" in shown[0]
    assert len(window.store.dossiers.all()) == 1


def test_dashboard_shows_progress_and_links_to_items(window):
    window.edits.change_item("alpha.depot", {"due": "2020-01-01", "assignee": ""}, "échéance")
    window.show_dashboard()
    text = window.view.toPlainText()
    assert "Tableau de bord — Mon projet" in text and "En retard (1)" in text and "Déposer les statuts" in text
    window.follow_link("item:alpha.depot")
    assert window.state.guide_id == "alpha" and window.panel.editor.current_item_id() == "alpha.depot"
