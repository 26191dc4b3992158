"""Key dates in the window (issue 21): the « Dates clés du dossier… » dialog driven through its real
widgets (exec patched: no modal loop offscreen), the dashboard's countdown and link, and the item
editor's due date relative to a key date."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QDate, QRect, Qt
from PySide6.QtWidgets import QDialog, QToolButton

from coopguide.core.content.model import KeyDateKind, KeyDates, KeyDateSuggestion
from coopguide.ui import screen_fit
from coopguide.ui.dossiers import key_dates_dialog
from coopguide.ui.dossiers.key_dates_dialog import NO_DATE, KeyDatesDialog
from tests.helpers import type_text

DATES = """\
dates:
  - id: jugement
    libelle: Jugement d'ouverture
    explication: Le jugement.
  - id: audience
    libelle: Audience
    explication: L'audience.
  - id: fin-observation
    libelle: Fin de la période d'observation
    explication: La fin.
suggestions:
  - date: fin-observation
    depuis: jugement
    duree: 6 mois
    sens: après
    texte: la période d'observation dure 6 mois au plus
    reference: C. com., art. L. 631-7
    source:
      titre: Une source
      url: https://exemple.fr
    a_jour_au: 2026-01-29
echeances:
  alpha.groupe: jugement+10
"""


def sample_key_dates() -> KeyDates:
    """Kinds and a suggestion as the content gives them (for dialogs built without a window's content)."""
    kinds = (
        KeyDateKind("jugement", "Jugement d'ouverture", "Le jugement."),
        KeyDateKind("fin-observation", "Fin de la période d'observation", "La fin."),
    )
    rule = KeyDateSuggestion(
        "fin-observation",
        "la période d'observation dure 6 mois au plus",
        "C. com., art. L. 631-7",
        "Une source",
        "https://exemple.fr",
        "2026-01-29",
        "jugement",
        6,
        "mois",
    )
    return KeyDates(kinds, (rule,), (("alpha.groupe", "jugement+10", 1),))


@pytest.fixture
def dated_window(content_root, open_window):
    (content_root / "dates-cles.yaml").write_text(DATES, encoding="utf-8")
    return open_window()


def test_the_dashboard_link_opens_the_dialog_and_ok_saves_every_date_at_once(dated_window, monkeypatch, qtbot):
    window = dated_window
    window.show_dashboard()
    assert "Ajouter les dates clés" in window.view.toPlainText()
    seen = {}

    def answer(dialog: KeyDatesDialog):
        dialog.edits["jugement"].setDate(QDate(2026, 2, 25))
        seen["hint"] = dialog.hints["fin-observation"].text()
        seen["hidden"] = dialog.hints["audience"].isHidden()
        qtbot.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)
        _kind, name, edit = dialog.others[-1]
        type_text(name, "Visite à la banque")
        edit.setDate(QDate(2026, 3, 3))
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(KeyDatesDialog, "exec", answer)
    window.follow_link("coopguide:dates-cles")

    assert seen["hint"].startswith("Suggestion : au plus tard le 25 août 2026 : 6 mois après : jugement d'ouverture.")
    assert "C. com., art. L. 631-7, à jour au 29 janvier 2026" in seen["hint"] and seen["hidden"]
    dates = window.store.key_dates.list(window.state.dossier_id)
    assert [(d.kind, d.date, d.label) for d in dates] == [
        ("jugement", "2026-02-25", ""),
        ("autre-visite-a-la-banque", "2026-03-03", "Visite à la banque"),
    ]
    page = window.view.toPlainText()  # the dashboard, drawn again
    assert "Dates clés" in page and "Visite à la banque" in page and "Modifier les dates clés" in page


def test_the_dialog_shows_the_stored_dates_and_an_emptied_date_is_removed(dated_window, monkeypatch, qtbot):
    window = dated_window
    dossier = window.state.dossier_id
    window.store.key_dates.save(dossier, {"jugement": ("2026-02-25", ""), "audience": ("2026-05-12", "")})

    def answer(dialog: KeyDatesDialog):
        assert dialog.edits["jugement"].date() == QDate(2026, 2, 25)
        assert dialog.edits["fin-observation"].date() == NO_DATE and dialog.edits["fin-observation"].text() == "—"
        clear = next(b for b in dialog.findChildren(QToolButton) if b.accessibleName() == "Effacer : Audience")
        qtbot.mouseClick(clear, Qt.MouseButton.LeftButton)
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(KeyDatesDialog, "exec", answer)
    window.named_actions["dossier.key_dates"].trigger()
    assert [d.kind for d in window.store.key_dates.list(dossier)] == ["jugement"]


def test_a_refused_date_asks_again_with_what_was_typed(dated_window, monkeypatch, shown_errors):
    answers = iter([QDialog.DialogCode.Accepted, QDialog.DialogCode.Rejected])

    def answer(dialog: KeyDatesDialog):
        if not dialog.others:
            dialog.add_button.click()
            dialog.others[-1][2].setDate(QDate(2026, 3, 3))  # a date without a name
        return next(answers)

    monkeypatch.setattr(KeyDatesDialog, "exec", answer)
    dated_window.dossiers.ask_key_dates()
    assert shown_errors and "Donnez un nom" in shown_errors[0]
    assert dated_window.store.key_dates.list(dated_window.state.dossier_id) == []


def test_the_dialog_fits_a_1024_by_768_screen(window, monkeypatch, qtbot):
    content = window.content.replace(key_dates=sample_key_dates())
    monkeypatch.setattr(screen_fit, "available_area", lambda _widget: QRect(0, 0, 1024, 768))
    dialog = KeyDatesDialog(content, [], window)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.width() <= 1024 and dialog.height() <= 768
    assert key_dates_dialog.iso_of(dialog.edits["jugement"]) == ""
    dialog.edits["jugement"].setDate(QDate(3001, 1, 2))  # a year the store would refuse cannot be typed
    assert key_dates_dialog.iso_of(dialog.edits["jugement"]) == "2999-12-31"


def test_the_item_editor_counts_a_due_date_from_a_key_date(dated_window, qtbot):
    window = dated_window
    dossier = window.state.dossier_id
    window.follow_link("item:alpha.groupe")
    editor = window.panel.editor
    # the content's suggestion is what the fields propose
    assert editor.rule_kind.currentData() == "jugement" and editor.rule_days.value() == 10
    assert editor.rule_result.text() == "Suggestion : J+10 après : jugement d'ouverture"

    qtbot.mouseClick(editor.relative, Qt.MouseButton.LeftButton)

    row = window.store.items.row(dossier, "alpha.groupe")
    assert (row.due, row.due_rule) == ("", "jugement+10")
    assert "« Jugement d'ouverture » n'est pas saisie" in editor.rule_result.text()

    assert window.dossiers.save_key_dates({"jugement": ("2026-02-25", "")})
    assert window.store.items.row(dossier, "alpha.groupe").due == "2026-03-07"
    assert editor.rule_result.text() == "→ le 07/03/2026 (J+10 après : jugement d'ouverture)"
    assert editor.has_due.isChecked() and editor.due.date() == QDate(2026, 3, 7) and not editor.due.isEnabled()

    editor.rule_side.setCurrentIndex(1)  # avant
    editor.rule_days.setValue(2)
    assert window.store.items.row(dossier, "alpha.groupe").due_rule == "jugement-2"
    assert window.store.items.row(dossier, "alpha.groupe").due == "2026-02-23"

    window.store.key_dates.remove(dossier, "jugement")
    window.state.reload()
    assert "a été retirée : l'échéance garde sa dernière date, le 23/02/2026" in editor.rule_result.text()

    qtbot.mouseClick(editor.relative, Qt.MouseButton.LeftButton)  # unticked: the date stays, as a date of its own
    row = window.store.items.row(dossier, "alpha.groupe")
    assert (row.due, row.due_rule) == ("2026-02-23", "")
    assert editor.due.isEnabled()


def test_the_dashboard_dates_the_items_from_the_key_dates_in_one_undoable_step(dated_window, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    window = dated_window
    dossier_id = window.state.dossier_id
    window.store.key_dates.set(dossier_id, "jugement", "2026-11-20")
    window.state.reload()
    window.show_dashboard()
    assert "Dater 1 élément(s) d'après ces dates" in window.view.toPlainText()
    asked = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: asked.append(box.text()) or QMessageBox.StandardButton.Yes)
    window.follow_link("coopguide:dater")
    assert "Donner à 1 élément(s) l'échéance que le guide propose" in asked[0]
    row = window.store.items.row(dossier_id, "alpha.groupe")
    assert (row.due_rule, row.due) == ("jugement+10", "2026-11-30")
    assert "Dater" not in window.view.toPlainText()  # nothing left to date
    window.undo_stack.undo()  # one step takes the échéances back
    row = window.store.items.row(dossier_id, "alpha.groupe")
    assert (row.due_rule, row.due) == ("", "")
    window.undo_stack.redo()
    window.store.key_dates.set(dossier_id, "jugement", "2026-11-23")  # the échéance follows its key date
    assert window.store.items.row(dossier_id, "alpha.groupe").due == "2026-12-03"


def test_ctrl_z_after_saving_the_key_dates_takes_the_dating_back(dated_window, monkeypatch):
    """« Dater », then the jugement moved in « Dates clés du dossier… », then Ctrl+Z: the step is
    undone, not refused as « modifié ailleurs »."""
    from PySide6.QtWidgets import QMessageBox

    window = dated_window
    dossier_id = window.state.dossier_id
    window.store.key_dates.set(dossier_id, "jugement", "2026-11-20")
    window.state.reload()
    monkeypatch.setattr(QMessageBox, "exec", lambda box: QMessageBox.StandardButton.Yes)
    window.follow_link("coopguide:dater")
    assert window.dossiers.save_key_dates({"jugement": ("2026-11-23", "")})
    assert window.store.items.row(dossier_id, "alpha.groupe").due == "2026-12-03"
    window.undo_stack.undo()
    row = window.store.items.row(dossier_id, "alpha.groupe")
    assert (row.due_rule, row.due) == ("", "")


def test_the_item_editor_keeps_a_rule_of_more_than_a_year(dated_window):
    """A rule may count up to ten years (a merged file, the content): the field showing it must not
    cut it to 365 days when the user then turns « après » into « avant »."""
    window = dated_window
    dossier = window.state.dossier_id
    window.store.key_dates.set(dossier, "jugement", "2026-02-25")
    window.store.items.change(dossier, "alpha.groupe", {"due_rule": "jugement+400"}, content_edition="t")
    window.state.reload()
    window.follow_link("item:alpha.groupe")
    editor = window.panel.editor
    assert editor.rule_days.value() == 400
    editor.rule_side.setCurrentIndex(1)  # avant
    assert window.store.items.row(dossier, "alpha.groupe").due_rule == "jugement-400"
