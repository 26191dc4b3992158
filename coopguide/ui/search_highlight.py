"""The words of a search, highlighted in the page its result opened.

After opening a result of « Rechercher partout » the reader had to find again, in a long guide, the
words they had searched for. The page now shows them with the find bar's yellow marker: every word
of the page with the same search term (the same stem, accents and case aside) as a word the result
matched, so « licenciés » also marks « licenciement ».

Which words: those the result itself shows in bold (its title and snippet), the page's own forms,
whatever the search corrected or expanded; the words typed when the result shows none. The marks
stay while the page is redrawn (a tick), and go when another page is shown or the find bar (Ctrl+F)
takes over the page's highlighting. Loaded with the first result opened, like the search itself.
"""

from __future__ import annotations

import html
import re

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QTextEdit, QWidget

from coopguide.core.shared import french_text
from coopguide.ui import theme
from coopguide.ui.guide_view import GuideView
from coopguide.ui.search_dialog import RESULT_ROLE, SearchDialog

BOLD_RE = re.compile(r"<b>(.*?)</b>", re.S)
MAX_MARKS = 2000  # as the find bar


def searched_terms(dialog: SearchDialog, target: str) -> frozenset[str]:
    """The search terms of the result just opened (``target``): the words it shows in bold, else
    the words searched (as corrected: « liquidtion » marks « liquidation »)."""
    item = dialog.results.currentItem()
    result = item.data(RESULT_ROLE) if item is not None else None
    words = ""
    if result is not None and result.target == target:
        words = " ".join(html.unescape(m) for m in BOLD_RE.findall(f"{result.title_html} {result.snippet_html}"))
    source = words or (dialog.answer.searched if dialog.answer is not None else dialog.edit.text())
    return frozenset(term for *_, term in french_text.tokens(french_text.normalise(source), in_query=not words))


class PageHighlight(QObject):
    """Marks ``terms`` in ``view`` until :meth:`clear`; gives way to the ``find_bar``."""

    def __init__(self, view: GuideView, find_bar: QWidget) -> None:
        super().__init__(view)
        self.view = view
        self.find_bar = find_bar
        self.terms: frozenset[str] = frozenset()
        view.textChanged.connect(self._paint)  # a page redrawn (a tick): marked again
        find_bar.installEventFilter(self)

    def show(self, terms: frozenset[str]) -> None:
        self.terms = terms
        self._paint()

    def clear(self) -> None:
        if self.terms:
            self.terms = frozenset()
            self.view.setExtraSelections([])

    def marks(self) -> list[tuple[int, int]]:
        """(start, end) document positions of the words marked: toPlainText has one character per
        document position (see :mod:`coopguide.ui.find_bar`)."""
        text = self.view.document().toPlainText()
        return [(start, end) for start, end, term in french_text.tokens(text) if term in self.terms][:MAX_MARKS]

    def _paint(self) -> None:
        if not self.terms or self.find_bar.isVisible():
            return
        marked = QTextCharFormat()
        marked.setBackground(theme.colour("match"))
        marked.setForeground(theme.colour("match_text"))
        selections = []
        for start, end in self.marks():
            selection = QTextEdit.ExtraSelection()
            cursor = QTextCursor(self.view.document())
            cursor.setPosition(start)
            cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
            selection.cursor = cursor
            selection.format = marked
            selections.append(selection)
        self.view.setExtraSelections(selections)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.find_bar and event.type() == QEvent.Type.Show:
            self.terms = frozenset()  # the find bar's own marks replace these, and stay its own
        return False
