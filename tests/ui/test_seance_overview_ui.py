"""« Vue d'ensemble de la séance » on the real window: the groups side by side, a click on a group
opens its dossier, the figures follow a tick, every group exported and imported back at once, the
summary printed. File dialogs and ``exec`` are patched (no modal loop offscreen)."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QFileDialog

from coopguide.core.store import open_store
from coopguide.core.store.exchange import export_dossier, import_as_new, read_exchange_file
from coopguide.core.store.progress import DONE
from coopguide.ui.dossiers import batch_dialogs
from tests.helpers import prepared_seance
from tests.print.conftest import pdf_pages
from tests.ui.test_exchange_batch_ui import Shown


@pytest.fixture
def seance(window):
    return prepared_seance(window.store, window.content)


@pytest.fixture
def overview(window, seance, qtbot):
    dialog = window.seances.open_overview()
    qtbot.addWidget(dialog)
    return dialog


def test_every_group_is_a_column_and_a_click_opens_its_dossier(window, seance, overview):
    assert overview.isVisible() and overview.seance_id() == seance.id
    text = overview.view.toPlainText()
    for name in ("Les Ébénistes", "Atelier 2", "Table du fond", "Prochaines actions", "Appeler l'URSCOP lundi"):
        assert name in text
    second = overview.overview.columns[1].dossier
    overview.view.linkActivated.emit(f"dossier:{second.id}")
    assert window.state.dossier_id == second.id
    assert window.dossiers.switcher.currentData() == second.id


def test_the_columns_follow_a_tick_made_in_the_window(window, overview):
    third = overview.overview.columns[2]
    assert third.totals[0] == 0
    window.state.set_dossier(third.dossier.id)
    window.show_guide("beta")
    window.model.toggle("beta.un")
    assert overview.overview.columns[2].totals[0] == 1


def test_all_groups_go_out_at_once_and_their_returned_files_come_back_without_questions(
    window, overview, monkeypatch, tmp_path
):
    key = tmp_path / "cle"
    key.mkdir()
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: str(key))
    summaries = Shown(monkeypatch, batch_dialogs.SummaryDialog)
    chooser = Shown(monkeypatch, batch_dialogs.BatchImportDialog)
    overview.export_button.click()
    written = sorted(key.glob("*.coopguide"))
    assert len(written) == 3 and "Séance 24-11 — Atelier 2.coopguide" in {p.name for p in written}
    laptop = open_store(tmp_path / "portable")  # each group's laptop: here one for all three
    returned = []
    for path in written:
        dossier = import_as_new(laptop, read_exchange_file(path))
        laptop.items.change(dossier.id, "alpha.depot", {"state": DONE}, content_edition="t")
        returned.append(export_dossier(laptop, dossier.id, tmp_path / path.name, "t"))
    laptop.close()
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", lambda *a, **k: ([str(p) for p in returned], ""))
    shown = window.state.dossier_id
    overview.import_button.click()
    assert chooser.dialogs == []  # no question per file
    exported, imported = summaries.dialogs
    assert "3 dossier(s) exporté(s)" in exported.headline.text()
    assert "3 fusionné(s)" in imported.headline.text() and "0 refusé(s)" in imported.headline.text()
    for column in overview.overview.columns:
        assert window.store.items.row(column.dossier.id, "alpha.depot").state == DONE
    assert window.state.dossier_id == shown and len(window.store.dossiers.all()) == 4
    window.undo_stack.undo()  # each merge is an undo step, as with « Fichier », « Importer »
    assert window.store.items.row(overview.overview.columns[2].dossier.id, "alpha.depot").state != DONE


def test_the_summary_is_saved_as_a_pdf_of_one_page_plus_one_per_group(overview, monkeypatch, tmp_path):
    asked = []
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", lambda *a, **k: asked.append(a[2]) or (str(tmp_path / "resume"), "")
    )
    path = overview.ask_summary()
    assert path == str(tmp_path / "resume.pdf") and "Résumé — Séance 24-11" in asked[0]
    pages = pdf_pages((tmp_path / "resume.pdf").read_bytes())
    assert len(pages) == 4 and "Les Ébénistes" in pages[0] and "Table du fond" in pages[3]
    overview.saved_box.close()
