"""« Préparer une séance » and « Journal des séances » through their dialogs, and the « Séance »
menu on the real window. File dialogs and ``exec`` are patched (no modal loop offscreen)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from PySide6.QtWidgets import QDialog, QFileDialog, QLabel, QMessageBox

from coopguide.core.content import cache as content_cache
from coopguide.core.content.presets import Preset
from coopguide.core.shared.paths import DATABASE_NAME
from coopguide.core.store import open_store
from coopguide.ui.main_window import MainWindow
from coopguide.ui.seances import log_dialog
from coopguide.ui.seances.log_dialog import SeanceLogDialog
from coopguide.ui.seances.prepare_dialog import SeanceDialog
from tests.helpers import type_text
from tests.print.conftest import pdf_pages

PRESET = Preset("essai", "Essai de séance", "Salariés", "1 heure", ("alpha",), ("beta.liste",), "Pour tester.")


@pytest.fixture
def loaded(content_root, data_dir):
    return content_cache.load(content_root, data_dir / "cache")


@pytest.fixture
def window(qtbot, loaded, data_dir):
    store = open_store(data_dir)
    win = MainWindow(store, loaded, data_dir)
    qtbot.addWidget(win)
    win.show()
    yield win
    store.close()


def dossier_names(data_dir):
    with sqlite3.connect(data_dir / DATABASE_NAME) as conn:
        return {row[0] for row in conn.execute("SELECT name FROM dossiers")}


def save_as(monkeypatch, path):
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args, **kwargs: (str(path), ""))


def test_prepare_a_seance_creates_a_dossier_per_group_and_the_pdf(window, qtbot, monkeypatch, tmp_path, data_dir):
    dialog = SeanceDialog(window.store, window.content, window.templates, [PRESET], window)
    qtbot.addWidget(dialog)
    opened = []
    dialog.dossiersCreated.connect(opened.append)
    dialog.base_edit.setText("Seance test")
    dialog.place_edit.setText("Montceau")
    dialog.per_group.setChecked(False)  # one PDF for every group
    dialog.count.setValue(2)
    dialog.group_edits[1].selectAll()
    qtbot.keyClicks(dialog.group_edits[1], "Les imprimeurs")  # typed, as a trainer does
    save_as(monkeypatch, tmp_path / "pack")
    assert dialog.create_seance()
    pdf = tmp_path / "pack.pdf"
    assert pdf.read_bytes().startswith(b"%PDF")
    assert {"Seance test — Groupe 1", "Seance test — Les imprimeurs"} <= dossier_names(data_dir)
    assert "PDF enregistré" in dialog.report.text() and "Les imprimeurs" in dialog.report.text()
    assert len(opened) == 1 and len(opened[0]) == 2
    box = dialog.saved_box  # confirmed in a box that opens the PDF, as every saved PDF
    assert box is not None and box.isVisible() and str(pdf) in box.text()
    assert {"Ouvrir le PDF", "Ouvrir le dossier"} <= {b.text() for b in box.buttons()}
    box.close()


def test_cancelling_the_file_dialog_creates_nothing(window, qtbot, monkeypatch, data_dir):
    before = dossier_names(data_dir)
    dialog = SeanceDialog(window.store, window.content, window.templates, [PRESET], window)
    qtbot.addWidget(dialog)
    dialog.place_edit.setText("Montceau")
    save_as(monkeypatch, "")
    assert not dialog.create_seance()
    assert dossier_names(data_dir) == before


def test_fewer_groups_keep_the_names_already_typed(window, qtbot):
    dialog = SeanceDialog(window.store, window.content, window.templates, [PRESET], window)
    qtbot.addWidget(dialog)
    dialog.group_edits[0].setText("Atelier")
    dialog.count.setValue(5)
    dialog.count.setValue(2)
    assert dialog.group_names() == ["Atelier", "Groupe 2"]


def test_a_preset_naming_a_missing_guide_says_so(window, qtbot, shown_errors):
    warnings = shown_errors
    broken = Preset("casse", "Cassée", "x", "1 h", ("absent",), ())
    dialog = SeanceDialog(window.store, window.content, window.templates, [broken], window)
    qtbot.addWidget(dialog)
    dialog.place_edit.setText("Montceau")
    assert not dialog.create_seance()
    assert "absent" in warnings[0]


def test_seance_menu_f5_starts_presentation(window, qtbot):
    window.show_guide("alpha")
    window.seances.present_action.trigger()
    presentation = window.seances.presentation
    qtbot.addWidget(presentation)
    assert presentation.isVisible() and presentation.guide_id == "alpha"
    presentation.close()


def test_seance_log_dialog_adds_edits_deletes_and_exports(window, qtbot, monkeypatch, tmp_path):
    typed = iter([("Montceau", 9), ("Montceau-les-Mines", 11)])

    def answer(dialog):
        place, count = next(typed)
        dialog.place.setText(place)
        dialog.attendees.setValue(count)
        dialog.topics.setText("Scop")
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(log_dialog.SeanceEditDialog, "exec", answer)
    dialog = SeanceLogDialog(window.store, window)
    qtbot.addWidget(dialog)
    dialog.add()
    assert dialog.table.rowCount() == 1 and dialog.table.item(0, 2).text() == "Montceau"
    dialog.edit_selected()
    assert [(s.place, s.attendees) for s in window.store.seances.all()] == [("Montceau-les-Mines", 11)]
    assert "1 séance(s), 11 participant(s)" in dialog.summary.text()
    save_as(monkeypatch, tmp_path / "journal")
    assert dialog.export_csv() == str(tmp_path / "journal.csv")
    assert "Montceau-les-Mines;11;Scop" in (tmp_path / "journal.csv").read_text(encoding="utf-8-sig")
    monkeypatch.setattr(QMessageBox, "exec", lambda box: QMessageBox.StandardButton.Yes)
    dialog.delete_selected()
    assert window.store.seances.all() == [] and dialog.table.rowCount() == 0


def test_seance_log_refusal_asks_again_with_what_was_typed(window, qtbot, monkeypatch, shown_errors):
    seen = []

    def answer(dialog):
        seen.append(dialog.place.text())
        if len(seen) == 1:
            dialog.place.setText("   ")  # refused: no place
            dialog.attendees.setValue(4)
            return QDialog.DialogCode.Accepted
        assert dialog.attendees.value() == 4  # kept from the refused try
        return QDialog.DialogCode.Rejected

    monkeypatch.setattr(log_dialog.SeanceEditDialog, "exec", answer)
    dialog = SeanceLogDialog(window.store, window)
    qtbot.addWidget(dialog)
    dialog.add()
    assert len(seen) == 2 and window.store.seances.all() == [] and len(shown_errors) == 1


def test_the_proposed_pdf_name_is_the_pack_title_valid_on_every_system(window, qtbot, monkeypatch):
    dialog = SeanceDialog(window.store, window.content, window.templates, [PRESET], window)
    qtbot.addWidget(dialog)
    dialog.base_edit.setText("Séance 24/11 — Imprimerie Dupont")
    dialog.place_edit.setText("Montceau")
    asked = []
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args: asked.append(args[2]) or ("", ""))
    assert not dialog.create_seance()
    assert Path(asked[0]).name == f"{PRESET.title} — Séance 24-11 — Imprimerie Dupont.pdf"


def test_group_names_typed_in_the_dialog_make_the_seance_and_its_journal_entry(window, qtbot, monkeypatch, tmp_path):
    dialog = SeanceDialog(window.store, window.content, window.templates, [PRESET], window)
    qtbot.addWidget(dialog)
    type_text(dialog.place_edit, "Permanence de Montceau")
    for edit, name in zip(dialog.group_edits, ("Les Ébénistes", "Atelier 2", "Table du fond"), strict=True):
        edit.selectAll()
        type_text(edit, name)
    created = []
    dialog.seanceCreated.connect(created.append)
    save_as(monkeypatch, tmp_path / "pack")
    assert dialog.create_seance()
    dialog.saved_box.close()
    [seance] = window.store.seances.all()
    assert created == [seance.id] and seance.place == "Permanence de Montceau" and seance.preset == "essai"
    groups = window.store.seances.groups.of_seance(seance.id)
    assert [g.name for g in groups] == ["Les Ébénistes", "Atelier 2", "Table du fond"]
    names = [window.store.dossiers.get(g.dossier_id).name for g in groups]
    assert names == [f"{seance.name} — {g.name}" for g in groups]
    assert "journal des séances" in dialog.report.text()


def test_without_a_place_nothing_is_made_and_the_dialog_says_why(window, qtbot, monkeypatch, shown_errors):
    dialog = SeanceDialog(window.store, window.content, window.templates, [PRESET], window)
    qtbot.addWidget(dialog)
    asked = []
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args: asked.append(args) or ("", ""))
    assert not dialog.create_seance()
    assert asked == [] and "lieu" in shown_errors[0] and window.store.seances.all() == []


def test_a_prepared_seance_is_in_the_journal_and_editing_it_shows_its_groups(window, qtbot, monkeypatch):
    store = window.store
    dossier = store.dossiers.create("Séance 24/11 — Atelier")
    seance = store.seances.prepare(
        "Séance 24/11", "2026-11-24", "Montceau", "essai", [("Atelier", dossier.id)], "Essai"
    )
    seen = []

    def answer(dialog):
        seen.append((dialog.name.text(), dialog.place.text(), dialog.findChildren(QLabel)))
        dialog.attendees.setValue(9)
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(log_dialog.SeanceEditDialog, "exec", answer)
    dialog = SeanceLogDialog(store, window)
    qtbot.addWidget(dialog)
    assert [dialog.table.item(0, c).text() for c in range(4)] == ["24/11/2026", "Séance 24/11", "Montceau", "0"]
    dialog.select(seance.id)
    dialog.edit_selected()
    name, place, labels = seen[0]
    assert (name, place) == ("Séance 24/11", "Montceau") and any(label.text() == "Atelier" for label in labels)
    assert store.seances.get(seance.id).attendees == 9 and store.seances.get(seance.id).name == "Séance 24/11"


def test_one_pack_per_group_names_the_group_on_its_cover_and_in_its_file_name(window, qtbot, monkeypatch, tmp_path):
    dialog = SeanceDialog(window.store, window.content, window.templates, [PRESET], window)
    qtbot.addWidget(dialog)
    dialog.base_edit.setText("Séance 24/11")
    dialog.place_edit.setText("Montceau")
    dialog.count.setValue(2)
    dialog.group_edits[0].setText("Les Ébénistes")
    assert dialog.per_group.isChecked()  # the default: each group its own pack
    asked = []
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", lambda *a, **k: asked.append(a[2]) or (str(tmp_path / Path(a[2]).name), "")
    )
    assert dialog.create_seance()
    dialog.saved_box.close()
    assert Path(asked[0]).name == "Essai de séance — Séance 24-11.pdf"  # « Séance », not « s-ance »
    written = sorted(p.name for p in tmp_path.glob("*.pdf"))
    assert written == [
        "Essai de séance — Séance 24-11 — Groupe 2.pdf",
        "Essai de séance — Séance 24-11 — Les Ébénistes.pdf",
    ]
    cover = pdf_pages(tmp_path / "Essai de séance — Séance 24-11 — Les Ébénistes.pdf", first=2)
    assert "Groupe : Les Ébénistes" in cover[0] and "Séance 24/11 — Les Ébénistes" in cover[0]
    assert "Groupe 2" not in cover[0] and "Nom Groupe ou projet" not in cover[0]  # no lines to fill in
    assert "2 PDF enregistrés, un par groupe" in dialog.report.text()
