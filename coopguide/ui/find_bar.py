"""Ctrl+F: find in the page shown by a QTextBrowser, ignoring case and accents.

QTextDocument.find() matches accents exactly ("cooperative" would miss "coopérative"). So the bar
folds the page's plain text once per page (french_text.fold, character by character, keeping for
each folded character the position it came from), searches the folded query in it with str.find,
and maps every match back to document positions: QTextDocument.toPlainText() has one character per
document position (paragraph and frame separators become "\\n", nothing is dropped), so the mapped
positions select exactly the matched words. All matches are highlighted with extra selections (no
change to the document), the current one is selected and scrolled to.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QPoint, Qt
from PySide6.QtGui import QKeyEvent, QTextCursor
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QTextBrowser, QTextEdit, QToolButton, QWidget

from coopguide.core.content.colours import blend
from coopguide.ui import theme
from coopguide.ui.later import Later

if TYPE_CHECKING:
    from coopguide.core.shared import french_text
else:
    french_text = Later("coopguide.core.shared.french_text")  # at the first search

MAX_HIGHLIGHTS = 2000  # beyond, the count is still right but only the first ones are coloured


def folded_with_positions(text: str) -> tuple[str, list[int]]:
    """``text`` folded, and for each folded character the index in ``text`` it comes from
    (plus one past the end), since folding may drop (accents) or add (œ → oe) characters."""
    chars, positions = [], []
    for index, char in enumerate(text):
        folded = french_text.fold(char) if not char.isascii() or char.isupper() else char
        chars.append(folded)
        positions.extend([index] * len(folded))
    positions.append(len(text))
    return "".join(chars), positions


def find_all(folded: str, positions: list[int], query: str) -> list[tuple[int, int]]:
    """(start, end) in the original text of every match of ``query``, accent- and case-insensitive."""
    needle = french_text.fold(" ".join(query.split()))
    found, start = [], folded.find(needle) if needle else -1
    while start >= 0:
        end = start + len(needle)
        found.append((positions[start], positions[end - 1] + 1))
        start = folded.find(needle, end)
    return found


class FindBar(QWidget):
    """A bar to put under the view; hidden until ``open_bar`` (Ctrl+F). Esc closes it."""

    def __init__(self, view: QTextBrowser, parent=None):
        super().__init__(parent)
        self.view = view
        self.matches: list[tuple[int, int]] = []
        self.current = -1
        self._page: tuple[str, list[int]] | None = None
        self.edit = QLineEdit()
        self.edit.setPlaceholderText(self.tr("Chercher dans la page"))
        self.edit.setAccessibleName(self.tr("Chercher dans la page"))
        self.edit.setClearButtonEnabled(True)
        self.edit.setMinimumWidth(120)
        self.edit.installEventFilter(self)
        self.previous_button = self._button("▲", self.tr("Résultat précédent (Maj+Entrée)"), self.find_previous)
        self.next_button = self._button("▼", self.tr("Résultat suivant (Entrée)"), self.find_next)
        self.count = QLabel()
        self.count.setAccessibleName(self.tr("Nombre de résultats dans la page"))
        self.close_button = self._button("✕", self.tr("Fermer la recherche dans la page (Échap)"), self.close_bar)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(6, 2, 6, 2)
        label = QLabel(self.tr("Chercher :"))
        label.setBuddy(self.edit)
        layout.addWidget(label)
        layout.addWidget(self.edit, 1)
        for widget in (self.previous_button, self.next_button, self.count, self.close_button):
            layout.addWidget(widget)
        self.edit.textChanged.connect(lambda _text: self.search(keep_position=True))
        view.textChanged.connect(self._page_changed)
        self.hide()

    def _button(self, text: str, name: str, slot) -> QToolButton:
        button = QToolButton()
        button.setText(text)
        button.setToolTip(name)
        button.setAccessibleName(name)
        button.clicked.connect(slot)
        return button

    # -- opening and closing -------------------------------------------------------------------
    def open_bar(self) -> None:
        """Ctrl+F: show the bar, focus its text (selected, to type over it) and search again."""
        self.show()
        self.edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.edit.selectAll()
        self.search(keep_position=True)

    def close_bar(self) -> None:
        self.hide()
        self.matches, self.current = [], -1
        self.view.setExtraSelections([])
        self.view.setFocus(Qt.FocusReason.OtherFocusReason)

    def _page_changed(self) -> None:
        self._page = None  # another guide, or boxes redrawn: fold the new text when needed
        if self.isVisible():
            self.search(keep_position=True)

    # -- searching -----------------------------------------------------------------------------
    def search(self, keep_position: bool = False) -> None:
        """Find every match; the current one is the first at or after the cursor (or the top)."""
        query = self.edit.text()
        if self._page is None:
            self._page = folded_with_positions(self.view.document().toPlainText())
        self.matches = find_all(*self._page, query) if query.strip() else []
        after = 0
        if keep_position:  # from the previous match, or else from the top of what is on screen
            cursor = self.view.textCursor()
            after = (
                cursor.selectionStart()
                if cursor.hasSelection()
                else self.view.cursorForPosition(QPoint(0, 0)).position()
            )
        self.current = next(
            (i for i, (start, _) in enumerate(self.matches) if start >= after), 0 if self.matches else -1
        )
        self._show()

    def find_next(self) -> None:
        self._step(1)

    def find_previous(self) -> None:
        self._step(-1)

    def _step(self, direction: int) -> None:
        if not self.isVisible():
            self.open_bar()
        if self.matches:
            self.current = (self.current + direction) % len(self.matches)
            self._show()

    def _show(self) -> None:
        from PySide6.QtGui import QTextCharFormat

        selections = []
        for number, (start, end) in enumerate(self.matches[:MAX_HIGHLIGHTS]):
            selection = QTextEdit.ExtraSelection()
            cursor = QTextCursor(self.view.document())
            cursor.setPosition(start)
            cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
            selection.cursor = cursor
            char_format = QTextCharFormat()
            char_format.setBackground(theme.colour("match_current" if number == self.current else "match"))
            char_format.setForeground(theme.colour("match_text"))
            selection.format = char_format
            selections.append(selection)
        self.view.setExtraSelections(selections)
        if self.current >= 0:
            start, end = self.matches[self.current]
            cursor = self.view.textCursor()
            cursor.setPosition(start)
            cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
            self.view.setTextCursor(cursor)
            self.view.ensureCursorVisible()
            total = len(self.matches)
            text = self.tr("1 résultat") if total == 1 else self.tr("%1 sur %2 résultats")
            self.count.setText(text.replace("%1", str(self.current + 1)).replace("%2", str(total)))
        else:
            self.count.setText(self.tr("Aucun résultat") if self.edit.text().strip() else "")
        red = bool(self.edit.text().strip()) and not self.matches
        if red:  # nothing found: the field turns to a pale version of the alert colour
            colours = theme.colours(self.edit.palette())
            back = blend(colours["alert"], colours["background"], 0.18)
            self.edit.setStyleSheet(f"QLineEdit {{ background: {back}; color: {colours['text']}; }}")
        else:
            self.edit.setStyleSheet("")

    # -- keyboard ------------------------------------------------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if isinstance(event, QKeyEvent) and event.type() == QEvent.Type.KeyPress and watched is self.edit:
            key_event = event
            if key_event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                if key_event.modifiers() & Qt.KeyboardModifier.ShiftModifier:
                    self.find_previous()
                else:
                    self.find_next()
                return True
            if key_event.key() == Qt.Key.Key_Escape:
                self.close_bar()
                return True
        return super().eventFilter(watched, event)
