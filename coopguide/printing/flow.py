"""Flowing rich text (a guide's body) cut into slices that pages may break between.

``QTextDocument`` lays the text out once, as one long page, at the printer's resolution. The places
where a page may end are then read from that layout: between paragraphs, between lines of a long
paragraph (never leaving one line alone at either end), between table rows (repeating the table's
header row above the continuation, like Qt itself does), and never right after a heading. Each slice
is drawn by clipping the same layout, so the printed text is exactly what was laid out, and knows
the footnote markers it holds, so that the page it lands on prints those notes at its foot.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace

from PySide6.QtCore import QRectF, QUrl
from PySide6.QtGui import (
    QAbstractTextDocumentLayout,
    QPaintDevice,
    QPainter,
    QTextCursor,
    QTextDocument,
    QTextOption,
    QTextTable,
)

from coopguide.core.printout.layout import NOTE_MARKER_PREFIX
from coopguide.core.shared import paths
from coopguide.printing.fonts import print_font

MIN_LINES_KEPT = 2  # lines of a paragraph that stay together at the bottom and at the top of a page


def print_css() -> str:
    return (paths.resources_dir() / "style" / "print.css").read_text(encoding="utf-8")


def make_document(html: str, device: QPaintDevice, width: float, css: str) -> QTextDocument:
    """A document laid out for ``device`` (its resolution decides font and image sizes)."""
    document = QTextDocument()
    document.documentLayout().setPaintDevice(device)
    document.setDocumentMargin(0)
    document.setDefaultFont(print_font(11))
    option = QTextOption()
    option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)  # long addresses wrap too
    document.setDefaultTextOption(option)
    document.setDefaultStyleSheet(css)
    document.setBaseUrl(QUrl.fromLocalFile(str(paths.content_dir()) + "/"))  # images/… of the guides
    document.setHtml(html)
    document.setTextWidth(width)
    _fit_images(document, width)
    return document


def _fit_images(document: QTextDocument, width: float) -> None:
    """Scale down any image wider than the text (its line would run off the page), keeping its
    proportions. Which ones are too wide is read from the laid-out lines."""
    changed = False
    block = document.begin()
    while block.isValid():
        layout = block.layout()
        natural = max((layout.lineAt(i).naturalTextWidth() for i in range(layout.lineCount())), default=0.0)
        if natural > width + 1:
            iterator = block.begin()
            while not iterator.atEnd():
                fragment = iterator.fragment()
                if fragment.charFormat().isImageFormat():
                    alone = block.length() <= fragment.length() + 1  # the usual ![texte](images/x.png) paragraph
                    changed |= _shrink(document, fragment, width, natural if alone else None)
                iterator += 1
        block = block.next()
    if changed:
        document.size()  # lay out again now, with the new sizes (the layout is otherwise lazy)


def _shrink(document: QTextDocument, fragment, width: float, laid_out: float | None) -> bool:
    """Give the image a width that lays out as ``width``. An image format's width is in CSS pixels,
    which Qt scales to the device: the scale is read from how wide the image was laid out."""
    image = fragment.charFormat().toImageFormat()
    picture = document.resource(QTextDocument.ResourceType.ImageResource.value, QUrl(image.name()))
    size = picture.size() if picture is not None and hasattr(picture, "size") else None
    if size is None or size.width() <= 0:
        return False
    intrinsic = image.width() or size.width()
    device = document.documentLayout().paintDevice()
    scale = laid_out / intrinsic if laid_out else device.logicalDpiY() / 96
    new_width = math.floor(width / scale)  # Qt rounds image sizes to whole CSS pixels: never round up
    image.setWidth(new_width)
    image.setHeight(new_width * size.height() / size.width())
    cursor = QTextCursor(document)
    cursor.setPosition(fragment.position())
    cursor.setPosition(fragment.position() + fragment.length(), QTextCursor.MoveMode.KeepAnchor)
    cursor.setCharFormat(image)
    return True


@dataclass(frozen=True)
class Slice:
    """The part ``[top, bottom)`` of a laid-out document; ``header`` is the table header to repeat
    above it when it starts a page, as another slice of the same document."""

    document: QTextDocument
    top: float
    bottom: float
    header: Slice | None = None
    notes: tuple[str, ...] = ()  # keys of the footnotes whose markers are in this slice, in order

    @property
    def height(self) -> float:
        return self.bottom - self.top

    def paint(self, painter: QPainter, x: float, y: float) -> None:
        clip = QRectF(0, self.top, self.document.textWidth(), self.height)
        painter.save()
        painter.translate(x, y - self.top)
        painter.setClipRect(clip)
        # What is drawn at all (and so lands in the PDF's text) is decided on a slightly smaller area:
        # a line or table row that only touches the cut belongs to the neighbouring slice.
        context = QAbstractTextDocumentLayout.PaintContext()
        inset = min(self.height / 4, painter.device().logicalDpiY() / 50.8)  # 0.5 mm
        context.clip = clip.adjusted(0, inset, 0, -inset)
        self.document.documentLayout().draw(painter, context)
        painter.restore()


def slices(document: QTextDocument, page_height: float) -> list[Slice]:
    """Cut the document at every place a page may break; no slice is taller than ``page_height``."""
    layout = document.documentLayout()
    end = document.size().height()
    cuts: dict[float, Slice | None] = {0.0: None}  # cut → header slice to repeat after it
    every_line: set[float] = set()
    tables_done: set[int] = set()
    after_heading = False
    block = document.begin()
    while block.isValid():
        table = QTextCursor(block).currentTable()
        top = layout.blockBoundingRect(block).top()
        lines = [top + block.layout().lineAt(i).y() for i in range(block.layout().lineCount())]
        every_line.update(lines)
        if table is not None:
            if id(table) not in tables_done:  # the first block of a table stands for the whole table
                tables_done.add(id(table))
                table_top = layout.frameBoundingRect(table).top()
                if not after_heading:
                    cuts.setdefault(table_top, None)
                cuts.update(_row_cuts(document, table, table_top))
                after_heading = False
        else:
            if not after_heading:
                cuts.setdefault(top, None)
            kept = MIN_LINES_KEPT
            for line_top in lines[kept : len(lines) - kept + 1] if len(lines) >= 2 * kept else ():
                cuts.setdefault(line_top, None)
            after_heading = block.blockFormat().headingLevel() > 0 and bool(block.text().strip())
        block = block.next()
    points = sorted(c for c in cuts if 0 <= c < end)
    result = [Slice(document, a, b, cuts[a]) for a, b in zip(points, [*points[1:], end], strict=True) if b > a]
    pieces = [part for piece in result for part in _split_tall(piece, page_height, every_line)]
    markers = note_markers(document)
    if not markers:
        return pieces
    return [
        replace(piece, notes=tuple(dict.fromkeys(key for y, key in markers if piece.top <= y < piece.bottom)))
        for piece in pieces
    ]


def note_markers(document: QTextDocument, prefix: str = NOTE_MARKER_PREFIX) -> list[tuple[float, str]]:
    """(top of its line, key) of every footnote marker (an anchor named ``appel-KEY``), in order."""
    layout = document.documentLayout()
    found = []
    block = document.begin()
    while block.isValid():
        iterator = block.begin()
        while not iterator.atEnd():
            fragment = iterator.fragment()
            for name in fragment.charFormat().anchorNames():
                if name.startswith(prefix):
                    line = block.layout().lineForTextPosition(fragment.position() - block.position())
                    top = layout.blockBoundingRect(block).top() + (line.y() if line.isValid() else 0.0)
                    found.append((top, name[len(prefix) :]))
            iterator += 1
        block = block.next()
    return found


def _row_cuts(document: QTextDocument, table: QTextTable, table_top: float) -> dict[float, Slice | None]:
    """Cuts between body rows of a table, each carrying the header rows to repeat (if any).

    A row boundary is taken halfway between the text of two rows, which is where the border between
    them lies (cell padding is the same above and below), whatever the device's resolution."""
    layout = document.documentLayout()
    header_rows = table.format().headerRowCount()
    columns = range(table.columns())
    cuts: list[float] = []
    for row in range(1, table.rows()):
        above = max(
            layout.blockBoundingRect(table.cellAt(row - 1, c).lastCursorPosition().block()).bottom() for c in columns
        )
        below = min(layout.blockBoundingRect(table.cellAt(row, c).firstCursorPosition().block()).top() for c in columns)
        cuts.append((above + below) / 2)  # cuts[r - 1] is the top of row r
    header = Slice(document, table_top, cuts[header_rows - 1]) if 0 < header_rows < table.rows() else None
    return {cuts[row - 1]: header for row in range(header_rows + 1, table.rows())}


def _split_tall(piece: Slice, page_height: float, every_line: set[float]) -> list[Slice]:
    """A slice taller than a page (a very long table row, an image) is cut at line tops, or, failing
    that, at the page height: better a cut line than a lost one."""
    if piece.height <= page_height:
        return [piece]
    parts, top = [], piece.top
    lines = sorted(y for y in every_line if piece.top < y < piece.bottom)
    while piece.bottom - top > page_height:
        fitting = [y for y in lines if top < y <= top + page_height]
        cut = fitting[-1] if fitting and fitting[-1] - top > page_height / 3 else top + page_height
        parts.append(Slice(piece.document, top, cut, piece.header if top == piece.top else None))
        top = cut
    parts.append(Slice(piece.document, top, piece.bottom))
    return parts
