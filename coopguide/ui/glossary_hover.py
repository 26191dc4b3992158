"""Hovering a glossary word in a guide shows its definition.

The renderer gives each glossary link a ``title``, but QTextBrowser shows no tooltip for it; and a
click (handled by the main window) is a step users should not need. This filter answers the view's
ToolTip event (sent after the usual hover delay) when the pointer is on a ``glossaire:ID`` anchor,
with the term in bold and its definition as plain text (the Markdown links of a definition are not
clickable in a tooltip). Any other event goes on to the view.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QHelpEvent
from PySide6.QtWidgets import QTextBrowser, QToolTip

from coopguide.core.content.model import GlossaryTerm
from coopguide.ui.later import Later

if TYPE_CHECKING:
    from coopguide.core.content import glossary_page
else:
    glossary_page = Later("coopguide.core.content.glossary_page")  # at the first hover

SCHEME = "glossaire:"


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

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # Test the event type first: during teardown the view may already be half destroyed, and
        # every event the viewport still gets passes here.
        if event.type() == QEvent.Type.ToolTip and watched is self.viewport and isinstance(event, QHelpEvent):
            term = self.term_at(event.pos())
            if term is not None:
                QToolTip.showText(event.globalPos(), glossary_page.tooltip_html(term), self.viewport)
                return True
        return super().eventFilter(watched, event)
