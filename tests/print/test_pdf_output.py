"""PDFs read back with pypdf: texts, boxes, page numbers, page breaks, accents, embedded fonts."""

from __future__ import annotations

import datetime as dt
import errno
import io
import re

import pytest
from PySide6.QtGui import QPageSize, QPdfWriter

from coopguide.core.content.model import Checklist, ChecklistItem
from coopguide.core.printout.layout import (
    FlowBlock,
    PrintDocument,
    PrintSection,
    checklist_document,
    contents_title,
    guide_document,
)
from coopguide.core.printout.pack import all_targets, pack_document
from coopguide.core.store.progress import DONE, NOT_APPLICABLE, ItemProgress, resolve
from coopguide.printing.output import ExportError, pdf_bytes, write_pdf
from coopguide.printing.render import PrintCancelled
from tests.print.conftest import ACCENTS, embedded_fonts, long_checklist_content, normalise, pdf_pages

TODAY = dt.date(2026, 11, 30)
PAGE_RE = re.compile(r"page (\d+) / (\d+)")


@pytest.fixture(autouse=True)
def _qt(qapp):
    """Every test here paints with Qt: a QApplication must exist (pytest-qt's, offscreen)."""
    return qapp


def assert_page_numbers(pages: list[str]) -> None:
    total = len(pages)
    for number, text in enumerate(pages, start=1):
        assert f"page {number} / {total}" in text, text[-120:]


def test_blank_checklist(shipped):
    checklist = shipped.content.checklists()["creer-une-scop.etapes"]
    data, result = pdf_bytes(checklist_document(checklist, shipped.content, today=TODAY))
    pages = pdf_pages(data)
    text = " ".join(pages)
    assert result.page_count == len(pages) >= 2
    assert_page_numbers(pages)
    assert text.count("☐") == len(checklist.items)
    assert "☑" not in text and "N.A." not in text
    for item in checklist.items:
        assert normalise(item.text) in text
    assert pages[0].startswith("Check-list : créer la Scop Fiche vierge · imprimé le 30 novembre 2026")
    assert "Groupe ou dossier :" in pages[0] and "Date :" in pages[0]
    assert all("Étape Fait le Par Note" in page for page in pages)  # column headers on every page
    assert "Coopguide · contenu 2026.12-1 · à jour au 6 décembre 2026" in pages[-1]


def test_filled_checklist_marks_each_item_as_recorded(shipped):
    content = shipped.content
    checklist = content.checklists()["financer-le-projet.plan-de-financement"]
    first, second, third = checklist.items[:3]
    progress = resolve(
        [
            ItemProgress(first.id, DONE, "2026-11-20T10:00:00+01:00", "Aïcha", "Prêt accordé : 12 000 € « ok »"),
            ItemProgress(second.id, NOT_APPLICABLE, "2026-11-21T09:00:00+01:00", "Noël"),
            ItemProgress(third.id, due="2026-11-02", assignee="Léa Œuvray"),
        ],
        content,
    )
    data, _ = pdf_bytes(checklist_document(checklist, content, progress, "Menuiserie Dupont", TODAY))
    text = " ".join(pdf_pages(data))
    assert "Dossier : Menuiserie Dupont" in text
    assert "Avancement : 2 / 16 (1 fait, 1 non applicable, 14 à faire)" in text
    assert f"☑ 1. {normalise(first.text)}" in text
    assert "20/11/2026 Aïcha Prêt accordé : 12 000 € « ok »" in text
    assert f"N.A. 2. {normalise(second.text)}" in text and "21/11/2026 Noël" in text
    assert f"☐ 3. {normalise(third.text)} Responsable : Léa Œuvray · échéance : 02/11/2026 (en retard)" in text
    assert text.count("☑") == 2 and text.count("☐") == 14 + 1  # the legend shows each mark once
    assert "Groupe ou dossier :" not in text


def test_sixty_items_each_whole_on_one_page(qapp):
    content, checklist = long_checklist_content(60)
    progress = resolve(
        [ItemProgress(i.id, DONE, "2026-11-20T10:00:00+01:00", "Jo", "note é à ç") for i in checklist.items[::2]],
        content,
    )
    for state in (None, progress):
        data, result = pdf_bytes(checklist_document(checklist, content, state, "", TODAY))
        pages = pdf_pages(data)
        assert result.page_count == len(pages) >= 3
        assert_page_numbers(pages)
        for item in checklist.items:
            wanted = normalise(item.text)
            holding = [n for n, page in enumerate(pages) if wanted in page]
            assert len(holding) == 1, (wanted, holding)  # present, whole, and once
            assert sum(page.count(wanted) for page in pages) == 1
        for page in pages[1:]:
            assert "Check-list : soixante étapes (suite) Étape Fait le Par Note" in page


def test_accents_and_fonts_embedded(qapp):
    content, checklist = long_checklist_content(5)
    data, _ = pdf_bytes(checklist_document(checklist, content, today=TODAY))
    text = " ".join(pdf_pages(data))
    assert ACCENTS in text
    fonts = embedded_fonts(data)
    assert fonts and all(fonts.values()), fonts
    assert {name.lstrip("/").split("+")[-1] for name in fonts} >= {"DejaVuSans", "DejaVuSans-Bold"}


def test_guide_prints_text_checklists_sources_and_addresses(shipped):
    content = shipped.content
    guide = content.guides["guide-animateur"]
    data, _ = pdf_bytes(guide_document(guide, shipped.html[guide.id], content, today=TODAY))
    pages = pdf_pages(data)
    text = " ".join(pages)
    assert_page_numbers(pages)
    assert pages[0].startswith("Guide de l'animateur Fiche vierge")
    assert "Le déroulé de la séance (2 heures)" in text
    assert "Horaire Étape Guides à montrer" in text  # the guide's own table
    assert "Check-list : préparer la séance" in text
    for item in guide.items:
        assert normalise(item.text) in text
    assert "https://www.les-scop.coop/" in text  # sources keep their address on paper
    assert "à jour au 6 décembre 2026" in text


def test_a_long_table_in_a_guide_repeats_its_header_and_keeps_rows_whole(shipped):
    rows = "".join(
        f"<tr><td>Ligne {n}</td><td>{'texte assez long pour passer à la ligne ' * (n % 4 + 1)}</td></tr>"
        for n in range(1, 81)
    )
    html = f"<h2>Un grand tableau</h2><table><thead><tr><th>Numéro</th><th>Détail</th></tr></thead>{rows}</table>"
    document = PrintDocument(
        "Essai",
        "",
        True,
        "2026-11-30",
        "e",
        "2026-11-24",
        (PrintSection("guide", "essai", "Essai", "2026-11-24", (FlowBlock(html),)),),
    )
    data, result = pdf_bytes(document)
    pages = pdf_pages(data)
    assert result.page_count >= 3
    for page in pages:
        assert "Numéro Détail" in page
    for n in range(1, 81):
        holding = [page for page in pages if re.search(rf"Ligne {n} texte", page)]
        assert len(holding) == 1, n


def test_pack_cover_contents_and_page_numbers_match(shipped):
    content = shipped.content
    targets = ["contacts", "s-orienter.choisir", "guide-animateur", "contacts.premier-rendez-vous"]
    document = pack_document(targets, content, shipped.html, title="Séance d'essai", today=TODAY)
    data, result = pdf_bytes(document)
    pages = pdf_pages(data)
    assert result.page_count == len(pages)
    cover, contents = pages[0], pages[1]
    assert cover.startswith("COOPGUIDE · DOSSIER DE SÉANCE Séance d'essai")
    assert "Composition 2 guides, 2 check-lists" in cover and "Nom Groupe ou projet" in cover
    assert "page" not in cover  # no header or footer on the cover
    assert contents.startswith("Séance d'essai Fiche vierge") and "Sommaire" in contents
    for number, text in enumerate(pages[1:], start=2):
        assert f"page {number} / {len(pages)}" in text
    previous = 0
    for index, section in enumerate(document.sections):
        match = re.search(re.escape(contents_title(section)) + r" (\d+)", contents)
        assert match, contents_title(section)
        start = int(match.group(1))
        assert start == result.section_pages[index] and start > previous
        assert pages[start - 1].startswith(section.title)  # the running header names the section
        assert not pages[start - 2].startswith(section.title)  # and it starts on that very page
        previous = start


def test_whole_content_pack_has_every_checklist_item(shipped):
    content = shipped.content
    data, _ = pdf_bytes(pack_document(all_targets(content)[16:], content, shipped.html, today=TODAY))
    text = " ".join(pdf_pages(data))
    for item in content.items().values():
        assert normalise(item.text) in text


def test_letter_paper(shipped):
    from pypdf import PdfReader

    checklist = shipped.content.checklists()["s-orienter.choisir"]
    data, _ = pdf_bytes(checklist_document(checklist, shipped.content, today=TODAY), "Letter")
    box = PdfReader(io.BytesIO(data)).pages[0].mediabox
    letter = QPageSize(QPageSize.PageSizeId.Letter).sizePoints()
    assert (round(float(box.width)), round(float(box.height))) == (letter.width(), letter.height())


def test_write_pdf_replaces_the_file_atomically_and_reports_errors_in_french(shipped, tmp_path, monkeypatch):
    from coopguide.core.shared import files
    from coopguide.printing import output

    checklist = shipped.content.checklists()["s-orienter.choisir"]
    document = checklist_document(checklist, shipped.content, today=TODAY)
    target = tmp_path / "liste.pdf"
    target.write_bytes(b"ancien")
    result = write_pdf(document, target)
    assert target.read_bytes().startswith(b"%PDF") and result.page_count == 1
    assert [p.name for p in tmp_path.iterdir()] == ["liste.pdf"]  # no temporary file left
    with pytest.raises(ExportError, match=r"le dossier .* n'existe pas"):
        write_pdf(document, tmp_path / "absent" / "x.pdf")
    with pytest.raises(ExportError, match="est un dossier"):
        write_pdf(document, tmp_path)
    for error, message in (
        (OSError(errno.ENOSPC, "No space left on device"), "le disque est plein"),
        (PermissionError(errno.EACCES, "Permission denied"), "le fichier est peut-être ouvert"),
        (OSError(errno.EROFS, "Read-only file system"), "le support est en lecture seule"),
    ):
        monkeypatch.setattr(files.tempfile, "mkstemp", lambda *a, error=error, **k: (_ for _ in ()).throw(error))
        with pytest.raises(ExportError, match=f"Impossible d'écrire le PDF liste.pdf : {message}"):
            write_pdf(document, target)
    assert target.read_bytes().startswith(b"%PDF")  # the previous file is untouched
    monkeypatch.setattr(output.os, "access", lambda *a: False)
    with pytest.raises(ExportError, match="en lecture seule ou vous n'avez pas le droit"):
        write_pdf(document, target)


def test_progress_reaches_the_end_and_cancel_stops(shipped):
    document = pack_document(["scic", "scic.creer"], shipped.content, shipped.html, today=TODAY)
    seen = []
    pdf_bytes(document, progress=lambda done, total: seen.append((done, total)) or True)
    assert seen[-1][0] == seen[-1][1] and len(seen) >= 4
    with pytest.raises(PrintCancelled):
        pdf_bytes(document, progress=lambda done, total: done < 2)


def test_renders_on_a_plain_pdf_writer_as_the_preview_does(shipped, tmp_path):
    """The same renderer paints on any paged device (here a QPdfWriter with Qt's default page)."""
    from coopguide.printing.render import render

    checklist = shipped.content.checklists()["scic.creer"]
    writer = QPdfWriter(str(tmp_path / "brut.pdf"))
    result = render(checklist_document(checklist, shipped.content, today=TODAY), writer)
    del writer
    assert result.page_count == len(pdf_pages(str(tmp_path / "brut.pdf")))


def test_an_item_longer_than_a_page_is_cut_not_lost(qapp):
    content, checklist = long_checklist_content(2)
    huge = ChecklistItem("essai.enorme", " ".join(f"mot{n}" for n in range(800)), 1, "essai", "essai.liste")
    checklist = Checklist(checklist.id, checklist.title, "essai", 1, (huge, *checklist.items))
    data, _ = pdf_bytes(checklist_document(checklist, content, today=TODAY))
    text = " ".join(pdf_pages(data))
    assert "mot0 " in text and "mot799" in text


def test_only_the_pages_asked_for_in_the_print_dialog(qapp, tmp_path):
    """« Pages de 2 à 3 » in the print dialog sets the device's page ranges; footers keep their numbers."""
    from PySide6.QtGui import QPageRanges

    from coopguide.printing.output import set_paper
    from coopguide.printing.render import render

    content, checklist = long_checklist_content(60)
    writer = QPdfWriter(str(tmp_path / "extrait.pdf"))
    set_paper(writer)
    ranges = QPageRanges()
    ranges.addRange(2, 3)
    writer.setPageRanges(ranges)
    result = render(checklist_document(checklist, content, today=TODAY), writer)
    del writer
    pages = pdf_pages(str(tmp_path / "extrait.pdf"))
    assert len(pages) == 2 and result.page_count > 3
    assert f"page 2 / {result.page_count}" in pages[0] and f"page 3 / {result.page_count}" in pages[1]


def test_guide_images_are_printed_and_fitted_to_the_page(qapp, content_root):
    """Images come from content/images (the fixture guide « beta » has one); a too wide one is scaled."""
    from PySide6.QtGui import QImage

    from coopguide.core.content import cache as content_cache
    from coopguide.printing import flow
    from coopguide.printing.units import Metrics

    loaded = content_cache.build(content_root)
    beta = loaded.content.guides["beta"]
    data, _ = pdf_bytes(guide_document(beta, loaded.html["beta"], loaded.content, today=TODAY))
    assert "Étape un" in pdf_pages(data)[0]
    wide = QImage(3000, 600, QImage.Format.Format_RGB32)
    wide.fill(0x336699)
    assert wide.save(str(content_root / "images" / "large.png"))
    writer = QPdfWriter(str(content_root / "x.pdf"))
    width = Metrics(writer).width
    document = flow.make_document('<p><img src="images/large.png"/></p>', writer, width, flow.print_css())
    line = document.begin().layout().lineAt(0)
    assert 0.95 * width < line.naturalTextWidth() <= width
    assert line.height() == pytest.approx(width / 5, rel=0.05)  # proportions kept
