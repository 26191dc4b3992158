"""Several exchange files through the real window: « Importer des dossiers… » with several files,
« Importer tout un répertoire », « Exporter plusieurs dossiers… », the merge preview. Modal dialogs
are answered by patching their ``exec`` (no modal loop offscreen); the file dialogs are patched to
return the files a user would pick."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFileDialog, QPushButton

from coopguide.core.shared.dates import long_date
from coopguide.core.store import open_store
from coopguide.core.store.exchange import ExchangeFile, export_dossier, import_as_new
from coopguide.core.store.progress import DONE, ItemProgress
from coopguide.ui.dossiers import batch_dialogs, dialogs

STAMP = "2026-11-24T10:00:00.000+01:00"
FUTURE = "2099-03-03T10:00:00.000+01:00"


def exchange(name: str, *item_ids: str, who: str = "Aline", stamp: str = STAMP) -> ExchangeFile:
    rows = tuple(ItemProgress(i, state=DONE, done_at=stamp, done_by=who, updated_at=stamp) for i in item_ids)
    return ExchangeFile(name, "", (who,), STAMP, "test-1", stamp, rows)


@pytest.fixture
def laptop(tmp_path):
    """Another computer's data folder, where the groups' files are made (its own first dossier,
    « Mon projet », renamed out of the way)."""
    opened = open_store(tmp_path / "portable")
    opened.dossiers.update(opened.dossiers.ensure_default().id, name="Premier dossier du portable")
    yield opened
    opened.close()


@pytest.fixture
def key(tmp_path):
    folder = tmp_path / "cle"
    folder.mkdir()
    return folder


def make_file(laptop, key, name: str, *item_ids: str, **options):
    dossier = import_as_new(laptop, exchange(name, *item_ids, **options))
    return export_dossier(laptop, dossier.id, key / name, "test-1")


class Shown:
    """Each dialog of a class, as ``exec`` saw it, answered with ``answer(dialog)``."""

    def __init__(self, monkeypatch, cls, answer=lambda dialog: QDialog.DialogCode.Accepted):
        self.dialogs = []

        def fake_exec(dialog):
            self.dialogs.append(dialog)
            return answer(dialog)

        monkeypatch.setattr(cls, "exec", fake_exec)


def pick(monkeypatch, files=None, folder=None):
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", lambda *a, **k: ([str(p) for p in files or []], ""))
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: str(folder or ""))


def test_several_files_get_one_dialog_then_one_summary_and_merges_can_be_undone(window, laptop, key, monkeypatch):
    bad = key / "abime.coopguide"
    bad.write_bytes(b"\x00\x01binaire")
    files = [make_file(laptop, key, "Mon projet", "alpha.groupe"), make_file(laptop, key, "Groupe 2", "beta.un"), bad]
    pick(monkeypatch, files)
    chooser = Shown(monkeypatch, batch_dialogs.BatchImportDialog)
    summary = Shown(monkeypatch, batch_dialogs.SummaryDialog)
    window.named_actions["dossier.import"].trigger()

    (dialog,) = chooser.dialogs
    local = window.state.dossier_id
    assert dialog.targets == [local, None, None]  # the same name is merged into, by default
    assert [dialog.table.item(r, 3).text() for r in range(3)] == [
        "1 changement(s), 1 nouveau(x) membre(s)",
        "nouveau dossier « Groupe 2 »",
        "refusé : « abime.coopguide » n'est pas un dossier Coopguide.",
    ]
    (shown,) = summary.dialogs
    assert shown.headline.text() == "3 fichier(s) : 1 nouveau(x) dossier(s), 1 fusionné(s), 1 refusé(s)."
    assert shown.rows()[:2] == [
        ("Mon projet.coopguide", "fusionné dans « Mon projet » : 1 changement(s), 1 nouveau(x) membre(s)"),
        ("Groupe 2.coopguide", "nouveau dossier « Groupe 2 »"),
    ]
    assert shown.rows()[2][1].startswith("refusé : ")
    assert window.model.is_done("alpha.groupe")  # the current dossier was re-read
    assert window.dossiers.switcher.findText("Groupe 2") >= 0
    window.undo_stack.undo()
    assert not window.model.is_done("alpha.groupe")


def test_a_destination_is_changed_for_the_chosen_file_and_its_changes_shown(window, laptop, key, monkeypatch, qtbot):
    window.dossiers.create_dossier("Groupe 2")
    files = [make_file(laptop, key, "Mon projet", "alpha.groupe"), make_file(laptop, key, "Autre", "beta.un")]
    pick(monkeypatch, files)
    chooser = Shown(monkeypatch, batch_dialogs.BatchImportDialog, lambda dialog: QDialog.DialogCode.Rejected)
    window.dossiers.ask_import()
    dialog = chooser.dialogs[0]
    qtbot.addWidget(dialog)
    dialog.table.selectRow(1)
    assert dialog.target.currentText() == "Nouveau dossier" and not dialog.show_changes.isEnabled()
    today = long_date(dt.date.today().isoformat())
    assert dialog.details.text() == (
        f"« Autre.coopguide » : dossier « Autre », 1 élément(s) renseigné(s), exporté le {today}."
    )
    dialog.target.setCurrentIndex(dialog.target.findText("Fusionner dans « Groupe 2 »"))
    assert dialog.table.item(1, 2).text() == "Fusion dans « Groupe 2 »"
    assert dialog.table.item(1, 3).text() == "1 changement(s), 1 nouveau(x) membre(s)"
    previews = Shown(monkeypatch, dialogs.MergePreviewDialog)
    dialog.show_changes.click()
    (preview,) = previews.dialogs
    assert "Beta › À faire" in preview.details.toPlainText()
    assert preview.findChild(QDialogButtonBox).standardButtons() == QDialogButtonBox.StandardButton.Close
    dialog.table.selectRow(0)
    assert dialog.target.currentText() == "Fusionner dans « Mon projet »"  # each row keeps its own
    assert dialog.choices()[1][1] == window.store.dossiers.by_name("Groupe 2").id
    assert window.store.dossiers.by_name("Autre") is None  # cancelled: nothing imported


def test_a_whole_folder_is_imported_and_an_empty_one_says_so(window, laptop, key, monkeypatch, shown_errors):
    make_file(laptop, key, "Groupe 1", "alpha.groupe")
    make_file(laptop, key, "Groupe 2", "beta.un")
    (key / "._Groupe 1.coopguide").write_bytes(b"\x00Mac")
    pick(monkeypatch, folder=key)
    chooser = Shown(monkeypatch, batch_dialogs.BatchImportDialog)
    Shown(monkeypatch, batch_dialogs.SummaryDialog)
    window.named_actions["dossier.import_folder"].trigger()
    assert [read.path.name for read in chooser.dialogs[0].files] == ["Groupe 1.coopguide", "Groupe 2.coopguide"]
    assert window.store.dossiers.by_name("Groupe 1") and window.store.dossiers.by_name("Groupe 2")

    empty = key / "vide"
    empty.mkdir()
    pick(monkeypatch, folder=empty)
    window.dossiers.ask_import_folder()
    assert shown_errors == [f"Aucun fichier .coopguide dans « {empty} » (les sous-répertoires ne sont pas lus)."]


def test_a_folder_with_one_file_asks_as_the_one_file_import_does(window, laptop, key, monkeypatch):
    make_file(laptop, key, "Groupe 1", "alpha.groupe")
    pick(monkeypatch, folder=key)
    question = Shown(monkeypatch, dialogs.ImportDialog)
    window.dossiers.ask_import_folder()
    assert len(question.dialogs) == 1 and window.dossiers.switcher.currentText() == "Groupe 1"


def test_the_merge_preview_lists_items_in_order_and_warns_of_future_dates(window, laptop, key, monkeypatch):
    path = make_file(laptop, key, "Mon projet", "beta.un", "alpha.depot", "alpha.groupe", who="Bruno", stamp=FUTURE)
    Shown(monkeypatch, dialogs.ImportDialog)
    previews = Shown(monkeypatch, dialogs.MergePreviewDialog)
    assert window.dossiers.import_from(path)
    (preview,) = previews.dialogs
    assert preview.summary.text() == "Dans « Mon projet » : 3 changement(s), 1 nouveau(x) membre(s)."
    text = preview.details.toPlainText()
    order = ["Première liste", "Réunir le groupe", "Seconde liste", "Déposer les statuts", "Beta › À faire", "Étape un"]
    assert [text.index(part) for part in order] == sorted(text.index(part) for part in order)
    assert "fait le 3 mars 2099 par Bruno · modifié le 03/03/2099 à 10 h 00" in text
    assert not preview.warning.isHidden()
    assert preview.warning.text().startswith("Ce fichier porte des dates dans le futur (jusqu'au 3 mars 2099")


def test_the_export_dialog_proposes_a_name_valid_on_every_system(window, monkeypatch, tmp_path):
    window.dossiers.edit_dossier(name="Séance 02/12 — Groupe 1")
    asked = []
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args: asked.append(args[2]) or ("", ""))
    window.dossiers.ask_export()
    assert asked[0].endswith("/Séance 02-12 — Groupe 1.coopguide")


def test_several_dossiers_are_exported_to_one_folder_with_one_summary(window, key, monkeypatch):
    window.dossiers.edit_dossier(name="Séance 02/12 — Groupe 1")
    window.dossiers.create_dossier("Séance 02-12 — Groupe 1 bis")
    window.dossiers.create_dossier("Pas celui-ci")
    (key / "Séance 02-12 — Groupe 1.coopguide").write_text("déjà là", encoding="utf-8")

    def untick_one(dialog):
        assert dialog.ok.isEnabled() and len(dialog.chosen()) == 3  # all ticked at first
        dialog.list.findItems("Pas celui-ci", Qt.MatchFlag.MatchExactly)[0].setCheckState(Qt.CheckState.Unchecked)
        return QDialog.DialogCode.Accepted

    Shown(monkeypatch, batch_dialogs.ExportChoiceDialog, untick_one)
    summary = Shown(monkeypatch, batch_dialogs.SummaryDialog)
    pick(monkeypatch, folder=key)
    window.named_actions["dossier.export_many"].trigger()
    (shown,) = summary.dialogs
    assert shown.headline.text() == f"2 dossier(s) exporté(s) sur 2 dans {key}."
    assert shown.rows() == [  # in the order of the list: by name
        ("Séance 02-12 — Groupe 1 bis", "« Séance 02-12 — Groupe 1 bis.coopguide »"),
        (
            "Séance 02/12 — Groupe 1",
            "« Séance 02-12 — Groupe 1 (2).coopguide » (« Séance 02-12 — Groupe 1.coopguide » existait déjà)",
        ),
    ]
    assert (key / "Séance 02-12 — Groupe 1.coopguide").read_text(encoding="utf-8") == "déjà là"


def test_the_export_choice_can_be_emptied_and_filled_again(window, qtbot):
    window.dossiers.create_dossier("Groupe 2")
    dialog = batch_dialogs.ExportChoiceDialog(window.store.dossiers.in_use(), window)
    qtbot.addWidget(dialog)
    buttons = {button.text(): button for button in dialog.findChildren(QPushButton)}
    buttons["Tout &décocher"].click()
    assert dialog.chosen() == [] and not dialog.ok.isEnabled()
    buttons["&Tout cocher"].click()
    assert len(dialog.chosen()) == 2 and dialog.ok.isEnabled()
