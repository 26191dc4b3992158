"""The « Imprimer » menu and the « Dossier de séance » dialog, driven through their widgets."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices, QKeySequence
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QFileDialog, QMainWindow, QProgressDialog

from coopguide.core.content import cache as content_cache
from coopguide.core.printout.layout import pdf_file_name
from coopguide.core.shared import paths
from coopguide.core.store.progress import DONE, NOT_APPLICABLE
from coopguide.ui import print_jobs
from coopguide.ui.actions import build_menu_bar
from coopguide.ui.main_window import MENU_BAR
from coopguide.ui.print_menu import BLANK, FILLED, GUIDE, NEXT, PrintContext, PrintMenu
from tests.print.conftest import pdf_pages

PRESET = """\
id: essai
titre: Séance d'essai
public: Tout le monde
duree: 1 heure
guides: [beta]
check-lists: [alpha.seconde]
"""


@pytest.fixture
def setup(qtbot, content_root, data_dir, store):
    """A bare window with the print menu only (laid out as in MENU_BAR), on the fixture content, with
    ticks in « Mon projet »."""
    loaded = content_cache.load(content_root, data_dir / "cache")
    dossier = store.dossiers.ensure_default()
    store.items.set_state(dossier.id, "alpha.groupe", DONE, content_edition="test-1", done_by="Aïcha")
    store.items.set_state(dossier.id, "alpha.loi", NOT_APPLICABLE, content_edition="test-1")
    state = {"guide": "alpha", "checklist": None, "dossier": (dossier.id, dossier.name)}
    context = PrintContext(
        content=lambda: loaded.content,
        templates=lambda: loaded.html,
        guide_id=lambda: state["guide"],
        checklist_id=lambda: state["checklist"],
        dossier=lambda: state["dossier"],
        store=lambda: store,
    )
    window = QMainWindow()
    qtbot.addWidget(window)
    menu = PrintMenu(window, context)
    printing = [spec for spec in MENU_BAR if spec.name == "print"]
    build_menu_bar(window.menuBar(), printing, menu.actions(), read_only=False, given=menu.menus())
    window.addActions(list(menu.actions().values()))  # as the main window does with all its actions
    return window, menu, state


def save_as(monkeypatch, path) -> list:
    asked = []

    def fake(parent, title, suggested, filters):
        asked.append(suggested)
        return str(path), filters

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(fake))
    return asked


def test_menu_names_what_will_be_printed(setup):
    window, menu, state = setup
    menu.refresh()
    titles = {kind: m.title() for kind, m in menu.submenus.items()}
    assert titles == {
        GUIDE: "Guide « Alpha : le guide de test »",
        BLANK: "Check-list vierge « Première liste »",
        FILLED: "Check-list remplie (dossier « Mon projet »)",
        NEXT: "Prochaines actions (une page, dossier « Mon projet »)",
    }
    assert [a.text() for a in menu.submenus[GUIDE].actions()] == [
        "Aperçu avant impression…",
        "Imprimer…",
        "Exporter en PDF…",
    ]
    shortcuts = [a for a in window.actions() if a.shortcut() == QKeySequence(QKeySequence.StandardKey.Print)]
    assert len(shortcuts) == 1 and shortcuts[0] in menu.submenus[GUIDE].actions()
    state["checklist"], state["dossier"] = "alpha.seconde", None
    menu.refresh()
    assert menu.submenus[BLANK].title() == "Check-list vierge « Seconde liste »"
    assert not menu.submenus[FILLED].isEnabled() and menu.submenus[BLANK].isEnabled()
    assert not menu.submenus[NEXT].isEnabled()


def test_export_the_next_actions_page(setup, monkeypatch, tmp_path):
    """« Prochaines actions (une page) »: the current dossier's, in one page, named like the others."""
    window, menu, _ = setup
    asked = save_as(monkeypatch, tmp_path / "actions.pdf")
    assert menu.export_pdf(NEXT) == str(tmp_path / "actions.pdf")
    assert Path(asked[0]).name == f"Nos prochaines actions — Mon projet — {dt.date.today().isoformat()}.pdf"
    (text,) = pdf_pages(str(tmp_path / "actions.pdf"))
    assert "Nos prochaines actions" in text and "Dossier « Mon projet »" in text
    assert "Choisir la forme" in text  # where the started « Première liste » goes on
    assert "(1 page(s))" in window.statusBar().currentMessage()


def test_export_filled_checklist_as_pdf(setup, monkeypatch, tmp_path):
    window, menu, _ = setup
    asked = save_as(monkeypatch, tmp_path / "remplie.pdf")
    assert menu.export_pdf(FILLED) == str(tmp_path / "remplie.pdf")
    assert Path(asked[0]).name == f"Première liste — Mon projet — {dt.date.today().isoformat()}.pdf"
    text = " ".join(pdf_pages(str(tmp_path / "remplie.pdf")))
    assert "Dossier : Mon projet" in text
    assert "☑ 1. Réunir le groupe" in text and "Aïcha" in text and "N.A. 2. Lire la loi" in text
    assert "PDF enregistré" in window.statusBar().currentMessage()


def test_the_print_dialog_proposes_the_same_safe_name_as_the_export(setup):
    """Qt's print dialog names its « fichier de sortie » after the document name: not the title,
    whose « : » Windows refuses in a file name."""
    _, menu, _ = setup
    document = print_jobs.document(menu, GUIDE)
    assert ":" in document.title
    assert print_jobs.new_printer(menu, document).docName() + ".pdf" == pdf_file_name(document)
    assert ":" not in pdf_file_name(document)


def test_blank_export_and_a_refused_file(setup, monkeypatch, tmp_path, shown_errors):
    _, menu, _ = setup
    save_as(monkeypatch, tmp_path / "vierge")  # the .pdf suffix is added
    assert menu.export_pdf(BLANK) == str(tmp_path / "vierge.pdf")
    assert "☑" not in " ".join(pdf_pages(str(tmp_path / "vierge.pdf")))
    warnings = shown_errors
    save_as(monkeypatch, tmp_path / "absent" / "x.pdf")
    assert menu.export_pdf(BLANK) is None
    assert warnings and "n'existe pas" in warnings[0]


def test_preview_paints_with_the_same_renderer(setup, tmp_path):
    _, menu, _ = setup
    document = print_jobs.document(menu, GUIDE)
    dialog = print_jobs.preview_dialog(menu, document)
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "apercu.pdf"))
    dialog.paintRequested.emit(printer)  # what the preview does each time it redraws
    text = " ".join(pdf_pages(str(tmp_path / "apercu.pdf")))
    assert "Alpha : le guide de test" in text and "Première liste" in text and "page 1 / 1" in text
    dialog.deleteLater()


def test_pack_dialog_with_a_preset(setup, qtbot, monkeypatch, tmp_path, content_root):
    (content_root / paths.PRESETS_DIR).mkdir()
    (content_root / paths.PRESETS_DIR / "essai.yaml").write_text(PRESET, encoding="utf-8")
    _, menu, _ = setup
    dialog = menu.open_pack_dialog()
    qtbot.addWidget(dialog)
    assert not dialog.create_button.isEnabled()  # nothing chosen yet
    dialog.preset_box.setCurrentIndex(dialog.preset_box.findData("essai"))
    assert dialog.checked_targets() == ("beta", "alpha.seconde")
    assert dialog.title_edit.text() == "Séance d'essai" and dialog.create_button.isEnabled()
    dialog.filled_button.setChecked(True)
    save_as(monkeypatch, tmp_path / "seance.pdf")
    qtbot.mouseClick(dialog.create_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    pages = pdf_pages(str(tmp_path / "seance.pdf"))
    assert pages[0].startswith("COOPGUIDE · DOSSIER DE SÉANCE Séance d'essai")
    assert "Public Tout le monde" in pages[0] and "Dossier Mon projet" in pages[0]
    assert "Sommaire" in pages[1]
    box = menu.message_box
    assert box.isVisible() and "Dossier de séance enregistré" in box.text()
    assert {"Ouvrir le PDF", "Ouvrir le dossier"} <= {b.text() for b in box.buttons()}
    box.close()


@pytest.mark.parametrize(("button", "opened"), [("Ouvrir le PDF", "remplie.pdf"), ("Ouvrir le dossier", "")])
def test_a_saved_pdf_is_confirmed_in_a_box_that_opens_it_or_its_folder(
    setup, qtbot, monkeypatch, tmp_path, button, opened
):
    """Not only a status-bar message, which a small screen may not even show."""
    _, menu, _ = setup
    urls: list[QUrl] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", staticmethod(lambda url: urls.append(url) or True))
    save_as(monkeypatch, tmp_path / "remplie.pdf")
    menu.export_pdf(FILLED)
    box = menu.message_box
    assert box is not None and box.isVisible()
    assert str(tmp_path / "remplie.pdf") in box.text() and "1 page(s)" in box.text()
    assert box.defaultButton().text() == "Ouvrir le PDF"
    qtbot.mouseClick(next(b for b in box.buttons() if b.text() == button), Qt.MouseButton.LeftButton)
    assert [url.toLocalFile() for url in urls] == [str(tmp_path / opened) if opened else str(tmp_path)]
    assert not box.isVisible()


def test_pack_dialog_free_choice_and_cancel(setup, qtbot, monkeypatch, tmp_path):
    _, menu, _ = setup
    dialog = menu.open_pack_dialog()
    qtbot.addWidget(dialog)
    dialog.set_checked(["alpha", "beta.liste"])
    request = dialog.request()
    assert request.targets == ("alpha", "beta.liste") and request.preset is None and request.blank
    assert dialog.summary.text() == "1 guide(s) et 1 check-list(s) choisis."
    save_as(monkeypatch, tmp_path / "annule.pdf")
    monkeypatch.setattr(QProgressDialog, "wasCanceled", lambda self: True)
    qtbot.mouseClick(dialog.create_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible() and not (tmp_path / "annule.pdf").exists()
    dialog.reject()


def test_a_pack_printed_for_a_seance_group_names_the_group_on_its_cover(setup, qtbot, monkeypatch, tmp_path, store):
    _, menu, state = setup
    dossier = store.dossiers.create("Séance 24/11 — Les Ébénistes")
    store.seances.prepare("Séance 24/11", "2026-11-24", "Montceau", "essai", [("Les Ébénistes", dossier.id)])
    state["dossier"] = (dossier.id, dossier.name)
    dialog = menu.open_pack_dialog()
    qtbot.addWidget(dialog)
    dialog.set_checked(("beta",))
    asked = save_as(monkeypatch, tmp_path / "seance.pdf")
    qtbot.mouseClick(dialog.create_button, Qt.MouseButton.LeftButton)
    cover = pdf_pages(str(tmp_path / "seance.pdf"), first=1)[0]
    assert "Groupe : Les Ébénistes" in cover and "Dossier Séance 24/11 — Les Ébénistes" in cover
    assert "Séance 24-11 — Les Ébénistes" in asked[0]  # the proposed name keeps its accents
    menu.message_box.close()
