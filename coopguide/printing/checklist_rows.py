"""A checklist as printed: title, column headers, one unbreakable unit per item.

Columns: box | n° and step | "Fait le" | "Par" | "Note". A blank sheet keeps every row at least
13 mm high with dotted lines to write on; a filled one prints ☑ / ☐ / N.A. (words, not colour, carry
the state), the date and person, the assignee and due date under the step, and the note.
"""

from __future__ import annotations

import html
from collections.abc import Callable

from PySide6.QtCore import QLineF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPaintDevice, QPainter, QPen

from coopguide.core.printout.layout import MARK_NA, ChecklistBlock, ItemRow
from coopguide.printing.fonts import print_font
from coopguide.printing.units import Metrics, Unit

WRAP = int(Qt.TextFlag.TextWordWrap)
GRID = QColor("#5a5a5a")
HEADER_FILL = QColor("#e4e4e4")
WRITE_LINE = QColor("#8a8a8a")
LEGEND_FILLED = "☑ fait · N.A. non applicable · ☐ à faire"
LEGEND_BLANK = "Cochez la case, notez la date, vos initiales et une remarque."


class RowStyle:
    """Fonts, metrics and column positions for one paint device and page width."""

    def __init__(self, device: QPaintDevice, metrics: Metrics):
        self.device, self.m = device, metrics
        self.title = print_font(14, bold=True)
        self.info = print_font(9.5)
        self.legend = print_font(8.5, italic=True)
        self.head = print_font(8.5, bold=True)
        self.text = print_font(11)
        self.number = print_font(9, bold=True)
        self.small = print_font(8.5)
        self.cell = print_font(9)
        self.box = print_font(16)
        self.na = print_font(8, bold=True)
        mm = metrics.mm
        self.pad_x, self.pad_y = mm(1.6), mm(1.8)
        width = metrics.width
        box, date, by = mm(10), mm(22.5), mm(20)
        note = max(mm(40), width * 0.25)
        text = width - box - date - by - note
        self.edges = [0.0, box, box + text, box + text + date, box + text + date + by, width]
        self.number_width = mm(7)
        self.line = metrics.pt(0.5)

    def metrics(self, font: QFont) -> QFontMetricsF:
        return QFontMetricsF(font, self.device)

    def text_height(self, font: QFont, text: str, width: float) -> float:
        if not text:
            return 0.0
        return self.metrics(font).boundingRect(QRectF(0, 0, width, 1e9), WRAP, text).height()

    def column(self, index: int) -> tuple[float, float]:
        """(left, width) of the column's text area."""
        return self.edges[index] + self.pad_x, self.edges[index + 1] - self.edges[index] - 2 * self.pad_x


def checklist_units(
    block: ChecklistBlock, style: RowStyle, section: int, dossier: str, overflow: Callable[[str], list[Unit]]
) -> list[Unit]:
    """Units of a checklist. A row taller than a page (an item of hundreds of words) cannot stay
    whole: it is printed as flowing text by ``overflow`` (HTML → units), cut between lines."""
    m = style.m
    header = Unit(m.mm(7), lambda p, x, y: _paint_header_row(p, style, x, y), section=section)
    caption = f"{block.title or 'Check-list'} (suite)"
    caption_height = m.mm(6)

    def paint_repeat(p: QPainter, x: float, y: float) -> None:
        _text(p, style.legend, QRectF(x, y, m.width, caption_height), caption, Qt.AlignmentFlag.AlignBottom)
        _paint_header_row(p, style, x, y + caption_height)

    repeat = Unit(caption_height + header.height, paint_repeat, section=section)
    intro = _intro_unit(block, style, section, dossier)
    header.keep_with_next = True
    units = [intro, header] if intro else [header]
    for row in block.rows:
        unit = _row_unit(row, block.blank, style, section, repeat)
        units += overflow(_row_html(row)) if unit.height > m.body_height - repeat.height else [unit]
    if intro is None:
        header.gap_before = m.mm(3)
    return units


def _intro_unit(block: ChecklistBlock, style: RowStyle, section: int, dossier: str) -> Unit | None:
    """Title, then the progress summary (filled) or a line to write the group's name (blank)."""
    m = style.m
    width = m.width
    lines: list[tuple[QFont, str, float]] = []
    if block.title:
        lines.append((style.title, block.title, style.text_height(style.title, block.title, width) + m.mm(1.5)))
    if block.summary:
        lines.append((style.info, block.summary, style.text_height(style.info, block.summary, width) + m.mm(1)))
    write_in = block.blank and not dossier
    if write_in:
        lines.append((style.info, "", m.mm(9)))
    legend = LEGEND_BLANK if block.blank else LEGEND_FILLED
    lines.append((style.legend, legend, style.text_height(style.legend, legend, width) + m.mm(1.5)))
    height = sum(h for _, _, h in lines)

    def paint(painter: QPainter, x: float, y: float) -> None:
        top = y
        for font, text, h in lines:
            if text:
                _text(painter, font, QRectF(x, top, width, h), text)
            else:
                _write_in_line(painter, style, x, top, h)
            top += h

    return Unit(height, paint, keep_with_next=True, gap_before=m.mm(5), section=section)


def _write_in_line(painter: QPainter, style: RowStyle, x: float, y: float, height: float) -> None:
    """ "Groupe ou dossier : ……  Date : ……" for a sheet handed out blank."""
    m = style.m
    metrics = style.metrics(style.info)
    baseline = y + height - m.mm(2.5)
    fields = (("Groupe ou dossier :", 0.0, m.width * 0.66), ("Date :", m.width * 0.70, m.width))
    for label, left, right in fields:
        painter.setFont(style.info)
        painter.setPen(QColor("#000000"))
        painter.drawText(
            QRectF(x + left, y, right - left, baseline - y + metrics.descent()),
            int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom),
            label,
        )
        start = left + metrics.horizontalAdvance(label) + m.mm(2)
        _dotted(painter, style, x + start, x + right, baseline)


def _row_unit(row: ItemRow, blank: bool, style: RowStyle, section: int, repeat: Unit) -> Unit:
    m = style.m
    _, width = style.column(1)
    text_width = width - style.number_width
    meta = _meta_line(row)
    heights = [
        style.text_height(style.text, row.text, text_width)
        + (m.mm(0.8) + style.text_height(style.small, meta, text_width) if meta else 0)
    ]
    cells = _cells(row)
    for index, value in cells:
        heights.append(style.text_height(style.cell, value, style.column(index)[1]))
    minimum = m.mm(13) if blank else m.mm(8.5)
    height = max(minimum, max(heights) + 2 * style.pad_y)

    def paint(painter: QPainter, x: float, y: float) -> None:
        _paint_row(painter, style, row, meta, cells, blank, x, y, height)

    return Unit(height, paint, repeat=repeat, section=section)


def _row_html(row: ItemRow) -> str:
    parts = [f"<p><b>{html.escape(row.mark)} {row.number}.</b> {html.escape(row.text)}</p>"]
    details = [_meta_line(row)] + [
        f"{label} : {value}" for label, value in (("Fait le", row.done_on), ("Par", row.done_by)) if value
    ]
    if any(details):
        parts.append(f'<p class="meta">{html.escape(" · ".join(d for d in details if d))}</p>')
    if row.note and not row.note_moved:
        parts.append(f'<p class="note">{html.escape(row.note)}</p>')
    return "".join(parts)


def _meta_line(row: ItemRow) -> str:
    parts = []
    if row.assignee:
        parts.append(f"Responsable : {row.assignee}")
    if row.due:
        parts.append(f"échéance : {row.due}" + (" (en retard)" if row.overdue else ""))
    return " · ".join(parts)


def _cells(row: ItemRow) -> list[tuple[int, str]]:
    note = f"Note longue : voir « Notes détaillées », n° {row.number}." if row.note_moved else row.note
    return [(2, row.done_on), (3, row.done_by), (4, note)]


def _paint_row(
    painter: QPainter,
    style: RowStyle,
    row: ItemRow,
    meta: str,
    cells: list[tuple[int, str]],
    blank: bool,
    x: float,
    y: float,
    height: float,
) -> None:
    m = style.m
    _grid(painter, style, x, y, height)
    top = y + style.pad_y
    text_metrics = style.metrics(style.text)
    if row.mark == MARK_NA:
        box_font, box_top = style.na, top + text_metrics.ascent() - style.metrics(style.na).ascent()
    else:
        box_font, box_top = style.box, top - m.mm(0.6)
    _text(painter, box_font, QRectF(x, box_top, style.edges[1], height), row.mark, Qt.AlignmentFlag.AlignHCenter)
    left, width = style.column(1)
    number_top = top + text_metrics.ascent() - style.metrics(style.number).ascent()
    _text(
        painter,
        style.number,
        QRectF(x + left, number_top, style.number_width - m.mm(1.5), height),
        f"{row.number}.",
        Qt.AlignmentFlag.AlignRight,
    )
    text_left, text_width = x + left + style.number_width, width - style.number_width
    text_height = style.text_height(style.text, row.text, text_width)
    _text(painter, style.text, QRectF(text_left, top, text_width, text_height + m.mm(1)), row.text)
    if meta:
        _text(painter, style.small, QRectF(text_left, top + text_height + m.mm(0.8), text_width, height), meta)
    cell_top = top + text_metrics.ascent() - style.metrics(style.cell).ascent()
    for index, value in cells:
        cell_left, cell_width = style.column(index)
        if value:
            _text(painter, style.cell, QRectF(x + cell_left, cell_top, cell_width, height), value)
        elif blank:
            _write_lines(painter, style, x + cell_left, cell_width, y, height, many=index == 4)


def _write_lines(
    painter: QPainter, style: RowStyle, x: float, width: float, y: float, height: float, many: bool
) -> None:
    m = style.m
    baseline = y + height - m.mm(3)
    while True:
        _dotted(painter, style, x, x + width, baseline)
        baseline -= m.mm(5.5)
        if not many or baseline < y + m.mm(4):
            break


def _dotted(painter: QPainter, style: RowStyle, x1: float, x2: float, y: float) -> None:
    pen = QPen(WRITE_LINE, style.m.pt(0.6), Qt.PenStyle.DotLine)
    painter.setPen(pen)
    painter.drawLine(QLineF(x1, y, x2, y))


def _grid(painter: QPainter, style: RowStyle, x: float, y: float, height: float) -> None:
    painter.setPen(QPen(GRID, style.line))
    painter.drawLine(QLineF(x, y + height, x + style.m.width, y + height))
    for edge in style.edges:
        painter.drawLine(QLineF(x + edge, y, x + edge, y + height))


def _paint_header_row(painter: QPainter, style: RowStyle, x: float, y: float) -> None:
    height = style.m.mm(7)
    painter.fillRect(QRectF(x, y, style.m.width, height), HEADER_FILL)
    painter.setPen(QPen(GRID, style.line))
    painter.drawLine(QLineF(x, y, x + style.m.width, y))
    _grid(painter, style, x, y, height)
    for index, label in enumerate(("", "Étape", "Fait le", "Par", "Note")):
        left, width = style.column(index)
        if index == 1:
            left += style.number_width
        _text(painter, style.head, QRectF(x + left, y, width, height), label, Qt.AlignmentFlag.AlignVCenter)


def _text(
    painter: QPainter, font: QFont, rect: QRectF, text: str, align: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignTop
) -> None:
    painter.setFont(font)
    painter.setPen(QColor("#000000"))
    horizontal = align & Qt.AlignmentFlag.AlignHorizontal_Mask
    flags = align if horizontal else align | Qt.AlignmentFlag.AlignLeft
    painter.drawText(rect, int(flags) | WRAP, text)
