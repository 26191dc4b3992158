"""The one renderer: a :class:`PrintDocument` on any paged device (preview, printer, PDF).

Two passes. First every section is measured into units for this device's resolution and page size,
and the units are placed on pages (:func:`coopguide.printing.units.paginate`). Then the pages are
painted, with "page x / y" in the footer and the contents page's numbers, now that both are known.
A guide's reference notes are measured as units of their own and painted at the foot of the pages
whose text calls them.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QLineF
from PySide6.QtGui import QColor, QPagedPaintDevice, QPainter, QPen

from coopguide.core.printout.layout import ChecklistBlock, FlowBlock, FootNote, PrintDocument
from coopguide.printing import flow
from coopguide.printing.checklist_rows import RowStyle, checklist_units
from coopguide.printing.page_parts import contents_units, paint_cover, paint_footer, paint_header
from coopguide.printing.units import Metrics, Page, Unit, paginate, section_first_pages

Progress = Callable[[int, int], bool]  # (done, total) → False to stop
NOTE_GAP_MM = 5  # room above a page's footnotes, with a short rule in its middle
NOTE_RULE = QColor("#555555")


class PrintCancelled(Exception):
    """The user pressed Cancel while the document was being made."""


class PrintFailed(Exception):
    """The device refused to be painted on (printer gone, file not writable)."""


@dataclass(frozen=True)
class RenderResult:
    page_count: int
    section_pages: dict[int, int]  # section index → 1-based page where it starts


def build_units(
    document: PrintDocument,
    device: QPagedPaintDevice,
    m: Metrics,
    step: Callable[[], None] = lambda: None,
    page_of: Callable[[int], int] = lambda _: 0,
) -> list[Unit]:
    css = flow.print_css()
    style = RowStyle(device, m)
    units: list[Unit] = []
    if document.contents:
        units += contents_units(device, m, document, page_of)
    for index, section in enumerate(document.sections):
        first = len(units)
        notes: dict[str, Unit] = {}  # one unit per note of the section, however often it is called

        def flow_units(
            text: str, index: int = index, called: tuple[FootNote, ...] = (), notes: dict[str, Unit] = notes
        ) -> list[Unit]:
            for note in called:
                if note.key not in notes:
                    notes[note.key] = note_unit(note, device, m, css, index)
            laid_out = flow.make_document(text, device, m.width, css)
            result = []
            for piece in flow.slices(laid_out, m.body_height):
                header = piece.header
                repeat = Unit(header.height, header.paint, section=index) if header else None
                on_page = tuple(notes[key] for key in piece.notes if key in notes)
                result.append(Unit(piece.height, piece.paint, repeat=repeat, section=index, notes=on_page))
            return result

        for block in section.blocks:
            if isinstance(block, ChecklistBlock):
                units += checklist_units(block, style, index, document.dossier, flow_units)
            elif isinstance(block, FlowBlock):
                flowing = flow_units(block.html, called=block.notes)
                if flowing and len(units) > first:  # Qt drops the top margin of a document's first block
                    flowing[0].gap_before = m.mm(5)
                units += flowing
        if len(units) > first:
            units[first].new_page = True
            units[first].gap_before = 0.0
        step()
    return units


def note_unit(note: FootNote, device: QPagedPaintDevice, m: Metrics, css: str, section: int) -> Unit:
    """A footnote as printed: its number, then its text, in the small type of notes."""
    text = f'<p class="note-bas">{html.escape(note.number)}.&#160;{note.html}</p>'
    laid_out = flow.make_document(text, device, m.width, css)
    piece = flow.Slice(laid_out, 0.0, laid_out.size().height())
    return Unit(piece.height, piece.paint, section=section)


def _paint_notes(painter: QPainter, m: Metrics, page: Page) -> None:
    """The page's footnotes at the foot of its body, under a short rule."""
    y = m.body_top + m.body_height - sum(note.height for note in page.notes)
    rule = y - m.mm(NOTE_GAP_MM) / 2
    painter.save()
    painter.setPen(QPen(NOTE_RULE, m.pt(0.5)))
    painter.drawLine(QLineF(0.0, rule, m.width / 4, rule))
    painter.restore()
    for note in page.notes:
        note.paint(painter, 0.0, y)
        y += note.height


def _paint_page(
    painter: QPainter,
    device: QPagedPaintDevice,
    m: Metrics,
    document: PrintDocument,
    page: Page,
    number: int,
    total: int,
) -> None:
    section = document.sections[page.section] if 0 <= page.section < len(document.sections) else None
    paint_header(painter, device, m, document, section)
    for placement in page.placements:
        placement.unit.paint(painter, 0.0, m.body_top + placement.y)
    if page.notes:
        _paint_notes(painter, m, page)
    paint_footer(painter, m, document, section, number, total)


def render(document: PrintDocument, device: QPagedPaintDevice, progress: Progress | None = None) -> RenderResult:
    """Paint ``document`` on ``device`` (already set to its page size and margins)."""
    m = Metrics(device)
    first_pages: dict[int, int] = {}
    cover_pages = 1 if document.cover else 0
    steps_total = len(document.sections) * 2 + 1
    done = 0

    def step() -> None:
        nonlocal done
        done += 1
        if progress is not None and progress(done, steps_total) is False:
            raise PrintCancelled

    units = build_units(document, device, m, step, lambda index: first_pages.get(index, 0))
    pages = paginate(units, m.body_height, m.mm(NOTE_GAP_MM))
    first_pages.update({index: page + cover_pages for index, page in section_first_pages(pages).items()})
    total = len(pages) + cover_pages
    ranges = device.pageRanges()  # "pages 3 to 5" chosen in the print dialog; empty: all pages
    wanted = [n for n in range(1, total + 1) if ranges.isEmpty() or ranges.contains(n)]
    steps_total = len(document.sections) + len(wanted)
    painter = QPainter()
    if not painter.begin(device):
        raise PrintFailed("Impossible d'imprimer : le périphérique ou le fichier refuse l'écriture.")
    try:
        for position, number in enumerate(wanted):
            if position:
                device.newPage()
            if number <= cover_pages:
                paint_cover(painter, device, m, document)
            else:
                _paint_page(painter, device, m, document, pages[number - cover_pages - 1], number, total)
            step()
    finally:
        painter.end()
    return RenderResult(total, {index: page for index, page in first_pages.items() if index >= 0})
