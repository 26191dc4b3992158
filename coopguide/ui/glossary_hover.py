"""Hovering a glossary word in a guide shows its definition; hovering a reference marker shows the
reference.

A glossary link carries only its href (``glossaire:ID``): the definition is looked up here. A
reference marker carries a ``title``, which Qt keeps as the character format's tooltip and
QTextBrowser would show as one line of plain text, as wide as the screen for a reference of 200
characters. This filter answers the view's ToolTip event (sent after the usual hover delay), in the
main window and in presentation mode:

- on a ``glossaire:ID`` anchor, with the term in bold and its definition as plain text (the
  Markdown links of a definition are not clickable in a tooltip);
- on a reference marker (an anchor ``#fn-LABEL``), with the marker's own tooltip text as a
  paragraph, which Qt wraps (a short one is kept on one line).

Any other event goes on to the view.
"""

from __future__ import annotations

import html
from collections.abc import Mapping
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QPoint, QPointF, Qt
from PySide6.QtGui import QHelpEvent, QTextCursor
from PySide6.QtWidgets import QTextBrowser, QToolTip

from coopguide.core.content.model import GlossaryTerm
from coopguide.ui.later import Later

if TYPE_CHECKING:
    from coopguide.core.content import glossary_page
else:
    glossary_page = Later("coopguide.core.content.glossary_page")  # at the first hover

SCHEME = "glossaire:"
NOTE_ANCHOR = "#fn-"  # reference_notes.NOTE_ID_PREFIX, as a link


SHORT_NOTE = 70  # characters: a shorter reference stays on one line


def note_tooltip(note: str) -> str:
    """A reference as tooltip HTML. A rich-text tooltip wraps, but QLabel picks a narrow box for a
    short text (« Loi n° 78-763, art. 17 » on three lines): a short reference is kept on one line."""
    style = ' style="white-space: nowrap"' if len(note) <= SHORT_NOTE else ""
    return f"<p{style}>{html.escape(note)}</p>"


class GlossaryHover(QObject):
    def __init__(self, view: QTextBrowser, glossary: Mapping[str, GlossaryTerm]):
        super().__init__(view)
        self.view = view
        self.glossary = glossary
        self.viewport = view.viewport()
        self.viewport.installEventFilter(self)

    def term_at(self, position) -> GlossaryTerm | None:
        anchor = self.view.anchorAt(position)
        return self.glossary.get(anchor[len(SCHEME) :]) if anchor.startswith(SCHEME) else None

    def note_at(self, position: QPoint) -> str:
        """The reference shown for the marker under ``position`` (viewport coordinates), or ""."""
        if not self.view.anchorAt(position).startswith(NOTE_ANCHOR):
            return ""
        scrolled = QPointF(position) + QPointF(
            self.view.horizontalScrollBar().value(), self.view.verticalScrollBar().value()
        )
        document = self.view.document()
        hit = document.documentLayout().hitTest(scrolled, Qt.HitTestAccuracy.FuzzyHit)
        for offset in (1, 0):  # the character right of the hit point, else the one left of it
            cursor = QTextCursor(document)
            cursor.setPosition(max(0, min(hit + offset, document.characterCount() - 1)))
            if tip := cursor.charFormat().toolTip():
                return tip
        return ""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # Test the event type first: during teardown the view may already be half destroyed, and
        # every event the viewport still gets passes here.
        if event.type() == QEvent.Type.ToolTip and watched is self.viewport and isinstance(event, QHelpEvent):
            term = self.term_at(event.pos())
            if term is not None:
                QToolTip.showText(event.globalPos(), glossary_page.tooltip_html(term), self.viewport)
                return True
            note = self.note_at(event.pos())
            if note:
                QToolTip.showText(event.globalPos(), note_tooltip(note), self.viewport)
                return True
        return super().eventFilter(watched, event)
