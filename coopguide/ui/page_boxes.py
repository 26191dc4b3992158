"""Change one checklist box in the page on screen, in place, after a tick.

Why: re-setting the whole guide page (``setHtml`` of ~80 KB, then a full layout) costs ~10–20 ms per
tick, while the tick itself is a fraction of a millisecond. A box is one glyph (☐ ☑ ☒), a link
``cocher:<id>`` whose colour and tooltip follow its state, and after ☒ the words « N.A. »
(:func:`coopguide.core.content.item_boxes.box_html`). Changing those few characters through a
QTextCursor relays out one paragraph and keeps the scroll position and the keyboard focus.

The result must be exactly what ``setHtml`` of the refilled page would give. The character formats
come from Qt itself: a tiny probe document with the page's own style sheet renders each state
after a plain letter, and what the box adds to that letter's format is applied to the format of
the text around the box in the page (the space after it). ``tests/ui/test_tick_fast_path.py``
compares the document with a freshly rendered one, state by state.

The HTML the view keeps (``GuideView.html``, shown again when the colours change) gets the same
box, so it stays what the page shows. Anything unexpected (the box is not found, the text around it
or in that HTML is not what a box looks like) answers False and the caller shows the whole page
again: slower, never wrong.
"""

from __future__ import annotations

from PySide6.QtGui import QTextCharFormat, QTextCursor, QTextDocument

from coopguide.core.content.item_boxes import BOX_DONE, BOX_EMPTY, BOX_NOT_APPLICABLE, box_html
from coopguide.ui.guide_view import GuideView

GLYPHS = {BOX_EMPTY: "", BOX_DONE: "fait", BOX_NOT_APPLICABLE: "na"}  # glyph → state
STATE_GLYPH = {state: glyph for glyph, state in GLYPHS.items()}
NA_SUFFIX = " N.A."  # the space keeps the text's format, « N.A. » the span's
ANCHOR = "cocher:"


class _Formats:
    """What a box adds to the text around it, per state, as Qt reads the page's style sheet."""

    def __init__(self, stylesheet: str, document: QTextDocument) -> None:
        self.stylesheet = stylesheet
        probe = QTextDocument()
        probe.setDefaultStyleSheet(stylesheet)
        probe.setDefaultFont(document.defaultFont())
        self.glyph: dict[str, dict[int, object]] = {}
        self.suffix: dict[int, object] = {}
        for state in GLYPHS.values():
            probe.setHtml(f"<p>x{box_html('x', state)} y</p>")
            text = _format_at(probe, 0)
            self.glyph[state] = _delta(text, _format_at(probe, 1))
            if state == "na":  # "x", glyph, " ", "N.A."
                self.suffix = _delta(text, _format_at(probe, 3))

    @staticmethod
    def apply(base: QTextCharFormat, delta: dict[int, object]) -> QTextCharFormat:
        result = QTextCharFormat(base)
        for key, value in delta.items():
            if value is None:
                result.clearProperty(key)
            else:
                result.setProperty(key, value)
        return result


def _format_at(document: QTextDocument, position: int) -> QTextCharFormat:
    cursor = QTextCursor(document)
    cursor.setPosition(position + 1)  # the format of the character before the cursor
    return cursor.charFormat()


def _delta(base: QTextCharFormat, other: QTextCharFormat) -> dict[int, object]:
    """The properties to set (or clear: None) on ``base`` to get ``other``."""
    before, after = base.properties(), other.properties()
    delta: dict[int, object] = {key: value for key, value in after.items() if before.get(key) != value}
    delta.update({key: None for key in before if key not in after})
    return delta


class PageBoxes:
    """The boxes of the page ``view`` shows. Where each box is, is found once per page (the first
    tick after ``setHtml``) and kept in cursors that the document moves along with its edits."""

    def __init__(self, view: GuideView) -> None:
        self.view = view
        self._cursors: dict[str, QTextCursor] = {}
        self._formats: _Formats | None = None

    def set_state(self, item_id: str, state: str) -> bool:
        """Show ``item_id``'s box in ``state`` (``"fait"``, ``"na"`` or ``""``); False when it could
        not be done in place (no such box in the page, or a page that does not look as expected)."""
        document = self.view.document()
        start = self._box_start(document, item_id)
        if start is None:
            return False
        glyph = document.characterAt(start)
        old = GLYPHS[glyph]
        new = "na" if state == "na" else "fait" if state == "fait" else ""
        if old == new:
            return True
        old_length = 1 + (len(NA_SUFFIX) if old == "na" else 0)
        text = _text(document, start, old_length + 1)
        if (old == "na" and text[1:] != NA_SUFFIX + " ") or not text.endswith(" "):
            return False
        old_html, new_html = box_html(item_id, old), box_html(item_id, new)
        if old_html not in self.view.html:
            return False
        self.view.html = self.view.html.replace(old_html, new_html, 1)
        around = _format_at(document, start + 1)  # the space after the glyph: the item's own text
        formats = self._formats_for(document)
        box = formats.apply(around, formats.glyph[new])
        box.setAnchorHref(ANCHOR + item_id)  # the probe's box links to another id
        # Inserted after what it replaces, then the old removed: the view's own cursor, when it
        # selects the glyph (a box focused with Tab, then Enter), still selects it afterwards
        # without being set again, which would scroll to it and repaint the whole page.
        edit = QTextCursor(document)
        edit.beginEditBlock()
        edit.setPosition(start + 1)
        edit.insertText(STATE_GLYPH[new], box)
        edit.setPosition(start)
        edit.setPosition(start + 1, QTextCursor.MoveMode.KeepAnchor)
        edit.removeSelectedText()
        suffix = start + 2  # after glyph and space: « N.A. » and its own space go (or come) there
        if old == "na":
            edit.setPosition(suffix)
            edit.setPosition(suffix + len(NA_SUFFIX), QTextCursor.MoveMode.KeepAnchor)
            edit.removeSelectedText()
        elif new == "na":
            edit.setPosition(suffix)
            edit.insertText(NA_SUFFIX[1:], formats.apply(around, formats.suffix))
            edit.insertText(NA_SUFFIX[0], around)
        edit.endEditBlock()
        self.view.unselect_clicked_link()
        return True

    def _formats_for(self, document: QTextDocument) -> _Formats:
        stylesheet = document.defaultStyleSheet()
        if self._formats is None or self._formats.stylesheet != stylesheet:  # colours changed
            self._formats = _Formats(stylesheet, document)
        return self._formats

    def _box_start(self, document: QTextDocument, item_id: str) -> int | None:
        """Where the box's glyph is: the cursor kept for it, checked, else a new search of the page
        (after ``setHtml`` every kept cursor is off its box)."""
        cursor = self._cursors.get(item_id)
        if cursor is None or not _is_box(document, cursor.position(), item_id):
            self._cursors = _find_boxes(document)
            cursor = self._cursors.get(item_id)
        return cursor.position() if cursor is not None else None


def _is_box(document: QTextDocument, position: int, item_id: str) -> bool:
    return document.characterAt(position) in GLYPHS and _format_at(document, position).anchorHref() == ANCHOR + item_id


def _find_boxes(document: QTextDocument) -> dict[str, QTextCursor]:
    """A cursor before each box of the page, by item id (Qt's own search for the three glyphs)."""
    found: dict[str, QTextCursor] = {}
    for glyph in GLYPHS:
        cursor = document.find(glyph)
        while not cursor.isNull():
            href = cursor.charFormat().anchorHref()
            if href.startswith(ANCHOR):
                mark = QTextCursor(document)
                mark.setPosition(cursor.selectionStart())
                mark.setKeepPositionOnInsert(True)  # the glyph is replaced at its own position
                found.setdefault(href.removeprefix(ANCHOR), mark)
            cursor = document.find(glyph, cursor)
    return found


def _text(document: QTextDocument, start: int, length: int) -> str:
    return "".join(document.characterAt(position) for position in range(start, start + length))
