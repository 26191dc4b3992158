"""What is on a page besides its body: running header and footer, the pack's cover and contents."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QLineF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPaintDevice, QPainter, QPen

from coopguide.core.printout.layout import (
    PrintDocument,
    PrintSection,
    contents_title,
    footer_left,
    header_right,
    page_label,
)
from coopguide.core.shared.dates import long_date
from coopguide.printing.fonts import print_font
from coopguide.printing.units import Metrics, Unit

RULE = QColor("#444444")
LEFT, RIGHT = Qt.AlignmentFlag.AlignLeft, Qt.AlignmentFlag.AlignRight
KIND_LABELS = {"guide": "Guide", "checklist": "Check-list"}


def _draw(
    painter: QPainter, font: QFont, rect: QRectF, text: str, flags: Qt.AlignmentFlag, colour: str = "#000000"
) -> None:
    painter.setFont(font)
    painter.setPen(QColor(colour))
    painter.drawText(rect, int(flags), text)


def paint_header(
    painter: QPainter, device: QPaintDevice, m: Metrics, document: PrintDocument, section: PrintSection | None
) -> None:
    font = print_font(8.5)
    bold = print_font(8.5, bold=True)
    right = header_right(document)
    right_width = QFontMetricsF(font, device).horizontalAdvance(right) + m.mm(1)
    title = section.title if section else document.title
    title = QFontMetricsF(bold, device).elidedText(title, Qt.TextElideMode.ElideRight, m.width - right_width - m.mm(4))
    band = QRectF(0, 0, m.width, m.header - m.mm(3.5))
    _draw(painter, bold, band, title, LEFT | Qt.AlignmentFlag.AlignBottom)
    _draw(painter, font, band, right, RIGHT | Qt.AlignmentFlag.AlignBottom)
    painter.setPen(QPen(RULE, m.pt(0.6)))
    painter.drawLine(QLineF(0, m.header - m.mm(2.2), m.width, m.header - m.mm(2.2)))


def paint_footer(
    painter: QPainter, m: Metrics, document: PrintDocument, section: PrintSection | None, number: int, total: int
) -> None:
    top = m.height - m.footer
    painter.setPen(QPen(RULE, m.pt(0.6)))
    painter.drawLine(QLineF(0, top + m.mm(2.5), m.width, top + m.mm(2.5)))
    band = QRectF(0, top + m.mm(3.5), m.width, m.footer - m.mm(3.5))
    _draw(painter, print_font(8), band, footer_left(document, section), LEFT | Qt.AlignmentFlag.AlignTop)
    _draw(painter, print_font(9, bold=True), band, page_label(number, total), RIGHT | Qt.AlignmentFlag.AlignTop)


def paint_cover(painter: QPainter, device: QPaintDevice, m: Metrics, document: PrintDocument) -> None:
    """The pack's first page: what it is, for whom, which dossier, which content edition; on a blank
    pack, lines for the participant's name and group."""
    cover = document.cover
    assert cover is not None
    wrap = int(Qt.TextFlag.TextWordWrap)
    y = m.height * 0.2
    _draw(
        painter,
        print_font(10, bold=True),
        QRectF(0, y, m.width, m.mm(8)),
        "COOPGUIDE · DOSSIER DE SÉANCE",
        LEFT,
        "#333333",
    )
    y += m.mm(10)
    y += _wrapped(painter, device, print_font(26, bold=True), QRectF(0, y, m.width, 0), cover.title) + m.mm(3)
    if cover.subtitle:
        y += _wrapped(painter, device, print_font(12.5, italic=True), QRectF(0, y, m.width, 0), cover.subtitle)
        y += m.mm(2)
    if cover.group:  # printed for one group: whose it is, seen from across the table
        y += m.mm(3)
        y += _wrapped(painter, device, print_font(18, bold=True), QRectF(0, y, m.width, 0), f"Groupe : {cover.group}")
    painter.setPen(QPen(QColor("#000000"), m.pt(2.5)))
    painter.drawLine(QLineF(0, y + m.mm(3), m.mm(40), y + m.mm(3)))
    y += m.mm(12)
    label_font, value_font = print_font(11, bold=True), print_font(11)
    label_width = m.mm(46)
    details = list(cover.details)
    if document.dossier:
        details.insert(0, ("Dossier", document.dossier))
    details.append(("Imprimé le", long_date(document.printed_on)))
    details.append(("Édition du contenu", f"{document.edition}, à jour au {long_date(document.updated)}"))
    value_metrics = QFontMetricsF(value_font, device)
    for label, value in details:
        height = value_metrics.boundingRect(QRectF(0, 0, m.width - label_width, 1e9), wrap, value).height()
        _draw(painter, label_font, QRectF(0, y, label_width, height), label, LEFT)
        _wrapped(painter, device, value_font, QRectF(label_width, y, m.width - label_width, 0), value)
        y += height + m.mm(2.5)
    if not document.dossier:  # a blank pack: room for the participant to write who it belongs to
        y += m.mm(8)
        for label in ("Nom", "Groupe ou projet", "Date de la séance"):
            _draw(painter, label_font, QRectF(0, y, label_width, m.mm(8)), label, LEFT | Qt.AlignmentFlag.AlignBottom)
            painter.setPen(QPen(QColor("#777777"), m.pt(0.6), Qt.PenStyle.DotLine))
            painter.drawLine(QLineF(label_width, y + m.mm(7.5), m.width, y + m.mm(7.5)))
            y += m.mm(13)
    if document.disclaimer:
        font = print_font(9)
        height = (
            QFontMetricsF(font, device).boundingRect(QRectF(0, 0, m.width, 1e9), wrap, document.disclaimer).height()
        )
        top = m.height - height - m.mm(4)
        painter.setPen(QPen(RULE, m.pt(0.6)))
        painter.drawLine(QLineF(0, top - m.mm(3), m.width, top - m.mm(3)))
        _wrapped(painter, device, font, QRectF(0, top, m.width, 0), document.disclaimer, "#222222")


def _wrapped(
    painter: QPainter, device: QPaintDevice, font: QFont, rect: QRectF, text: str, colour: str = "#000000"
) -> float:
    """Draw word-wrapped text from the top-left of ``rect`` (its height is ignored); return the height used."""
    wrap = int(Qt.TextFlag.TextWordWrap)
    height = QFontMetricsF(font, device).boundingRect(QRectF(0, 0, rect.width(), 1e9), wrap, text).height()
    _draw(painter, font, QRectF(rect.left(), rect.top(), rect.width(), height), text, LEFT | wrap, colour)
    return height


def contents_units(
    device: QPaintDevice, m: Metrics, document: PrintDocument, page_of: Callable[[int], int]
) -> list[Unit]:
    """ "Sommaire" then one entry per section: kind, title, dotted leader, page number, and for a
    checklist the guide it comes from. ``page_of`` is called at paint time, once pagination has
    decided where each section starts."""
    title_font = print_font(20, bold=True)
    units = [
        Unit(
            m.mm(16),
            lambda p, x, y: _draw(
                p, title_font, QRectF(x, y, m.width, m.mm(12)), "Sommaire", LEFT | Qt.AlignmentFlag.AlignTop
            ),
            new_page=True,
        )
    ]
    kind_font, entry_font, number_font = print_font(8.5), print_font(11), print_font(11, bold=True)
    origin_font = print_font(8.5, italic=True)
    entry_metrics, origin_metrics = QFontMetricsF(entry_font, device), QFontMetricsF(origin_font, device)
    kind_width, number_width = m.mm(24), m.mm(14)
    text_width = m.width - kind_width - number_width - m.mm(4)
    wrap = int(Qt.TextFlag.TextWordWrap)
    for index, section in enumerate(document.sections):
        title = contents_title(section)
        rect = entry_metrics.boundingRect(QRectF(0, 0, text_width, 1e9), wrap, title)
        one_line = rect.height() < entry_metrics.height() * 1.5
        origin_height = origin_metrics.height() + m.mm(0.4) if section.origin else 0.0
        height = rect.height() + origin_height + m.mm(3.2)

        def paint(
            painter: QPainter,
            x: float,
            y: float,
            index=index,
            section=section,
            rect=rect,
            title=title,
            one_line=one_line,
        ) -> None:
            _draw(
                painter,
                kind_font,
                QRectF(x, y + m.mm(0.6), kind_width, entry_metrics.height()),
                KIND_LABELS.get(section.kind, ""),
                LEFT,
                "#333333",
            )
            left = x + kind_width
            _draw(painter, entry_font, QRectF(left, y, text_width, rect.height()), title, LEFT | wrap)
            last_line = y + rect.height() - entry_metrics.height()
            leader_y = last_line + entry_metrics.ascent()
            painter.setPen(_leader_pen(m))
            leader_start = left + (rect.width() if one_line else text_width) + m.mm(2)
            painter.drawLine(QLineF(leader_start, leader_y, x + m.width - number_width, leader_y))
            _draw(
                painter,
                number_font,
                QRectF(x + m.width - number_width, last_line, number_width, entry_metrics.height()),
                str(page_of(index)),
                RIGHT,
            )
            if section.origin:
                _draw(
                    painter,
                    origin_font,
                    QRectF(left, y + rect.height() + m.mm(0.4), text_width, origin_metrics.height()),
                    section.origin,
                    LEFT,
                    "#333333",
                )

        units.append(Unit(height, paint))
    return units


def _leader_pen(m: Metrics) -> QPen:
    """Round dots three widths apart: a dotted leader that stays dotted at any resolution."""
    pen = QPen(QColor("#555555"), m.pt(1.1))
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    pen.setDashPattern([0.01, 3.0])
    return pen
