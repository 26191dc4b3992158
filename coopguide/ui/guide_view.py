"""The reading pane: a QTextBrowser that shows a guide and routes every link itself.

Nothing is loaded from the network: the resource loader answers only for files inside ``content/``,
and external links are handed to the window, which asks before opening the browser.

Keyboard: Tab / Shift+Tab go from link to link (boxes ☐, glossary words, other guides) and, after
the last one, on to the next field; Enter follows the focused link (ticks a box, shows a definition);
Ctrl+Tab / Ctrl+Shift+Tab leave the page at once, whatever the number of links. The focused link
is shown as a selection (the palette's highlight colours) rather than Qt's thin dotted frame, and
stays focused when the page is redrawn after a tick, so Tab goes on from there.

The Qt classes the first frame does not need (QUrl, QTextCursor, QImage, QByteArray: ~1.5 ms of
PySide6 type and enum creation) are imported in the methods that use them.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, cast

from PySide6 import QtCore  # not Qt itself: see tests/ui/test_start_path.py
from PySide6.QtCore import QEvent, Signal
from PySide6.QtGui import QFocusEvent, QFontMetricsF, QKeyEvent, QTextDocument
from PySide6.QtWidgets import QTextBrowser, QTextEdit

from coopguide.core.content.colours import fill_stylesheet
from coopguide.ui import theme

if TYPE_CHECKING:
    from collections.abc import Iterable

    from PySide6.QtCore import QPoint, QUrl
    from PySide6.QtGui import QTextBlock

LOCAL_SCHEMES = ("", "file", "qrc")


def _nothing(kind: int) -> object:
    """An empty resource of the kind Qt asked for. An image must be a real one (1×1, transparent):
    on a null image or empty bytes, Qt's image handler tries the file name itself."""
    from PySide6.QtCore import QByteArray
    from PySide6.QtGui import QImage

    if kind == QTextDocument.ResourceType.ImageResource:
        image = QImage(1, 1, QImage.Format.Format_ARGB32)
        image.fill(0)
        return image
    return QByteArray()


MARGIN = 18  # pixels around the text
READING_MEASURE = 85  # characters per line at most, in the widget font: ~70 of the body text


class GuideView(QTextBrowser):
    linkActivated = Signal(str)

    def __init__(
        self, content_root: Path, stylesheet_template: str, parent=None, measure: int | None = READING_MEASURE
    ):
        super().__init__(parent)
        self._measure = measure  # None: the text takes the whole width (slides)
        self._root = content_root.resolve()
        self._template = stylesheet_template
        self.html = ""  # what is shown, kept to show it again in new colours
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.apply_colours(theme.colours())
        self.document().setDocumentMargin(MARGIN)
        self._side = float(MARGIN)  # the root frame's side margins, as last set (see _fit_column)
        self.anchorClicked.connect(self._activated)
        self.setAccessibleName("Texte du guide")
        self.blocked_urls: list[str] = []  # every remote resource the page asked for (never fetched)
        self._link_focus: tuple[int, int] | None = None  # (start, end) of the link Tab gave the focus to

    def apply_colours(self, colours: dict[str, str]) -> None:
        """Fill the page CSS with these colours and redraw the page (the CSS applies at setHtml)."""
        self.document().setDefaultStyleSheet(fill_stylesheet(self._template, colours))
        if self.html:
            self.show_html(self.html, keep_position=True)

    def show_html(self, html: str, keep_position: bool = False) -> None:
        position = self.verticalScrollBar().value() if keep_position else 0
        link = self.focused_link() if keep_position and self._keyboard_link() else None
        self.html = html
        self.setHtml(html)
        self._side = self.document().documentMargin()  # setHtml gives the root frame that margin back
        self._fit_column()
        if link is not None:  # a box ticked with Enter: the focus stays on it
            self._focus_link(*link)
        if keep_position:
            self.verticalScrollBar().setValue(position)

    def unselect_clicked_link(self) -> None:
        """After the page was changed in place (a box ticked, see :mod:`coopguide.ui.page_boxes`),
        what :meth:`show_html` leaves: a link focused with Tab stays focused, the frame around a
        link clicked with the mouse goes."""
        cursor = self.textCursor()
        if cursor.hasSelection() and not self._keyboard_link():
            position = self.verticalScrollBar().value()
            cursor.clearSelection()
            self.setTextCursor(cursor)
            self.verticalScrollBar().setValue(position)

    def reading_anchor(self, anchors: Iterable[str]) -> str:
        """The section being read, of ``anchors`` (headings' ids): the last one whose heading is above
        the upper third of the view; "" while the text before the first is read. F5 starts there."""
        wanted = set(anchors)
        line = self.verticalScrollBar().value() + self.viewport().height() / 3
        document = self.document()
        layout = document.documentLayout()
        found, highest = "", -1.0
        block = document.begin()
        while block.isValid():
            fragments = block.begin()
            while not fragments.atEnd():
                for name in set(fragments.fragment().charFormat().anchorNames()) & wanted:
                    top = layout.blockBoundingRect(block).top()
                    if highest < top <= line:
                        found, highest = name, top
                fragments += 1
            block = block.next()
        return found

    # -- line length ---------------------------------------------------------------------------
    def _fit_column(self) -> None:
        """Keep lines to a comfortable length: in a wide window the text is a centred column of at
        most ``measure`` characters, with the spare width as side margins (Qt's rich text has no
        CSS max-width). Follows the zoom, since it is measured in the current font."""
        if self._measure is None:
            return
        column = self._measure * QFontMetricsF(self.font()).averageCharWidth()
        side = MARGIN + max(0.0, self._page_width() - column - 2 * MARGIN) / 2
        if abs(self._side - side) < 1:
            return  # not read back from the frame: a first frame that keeps its sides makes no QTextFrameFormat
        root = self.document().rootFrame()  # its margin is the document margin: the sides replace it
        frame = root.frameFormat()
        frame.setLeftMargin(side)
        frame.setRightMargin(side)
        root.setFrameFormat(frame)
        self._side = side

    def _page_width(self) -> float:
        """The viewport's width, as the page was laid out for it (QTextEdit sets it as the page
        width; -1 before the view is first sized). Not ``viewport().width()``: the first Python
        call returning a widget Qt made has PySide6 make the Python class of every widget type
        (~6 ms), which the first frame need not pay."""
        return self.document().pageSize().width()

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._fit_column()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:  # zoom
            self._fit_column()

    # -- keyboard ------------------------------------------------------------------------------
    def focused_link(self) -> tuple[str, int] | None:
        """(href, start) of the link that has the keyboard focus, if the page has the focus."""
        cursor = self.textCursor()
        if not self.hasFocus() or not cursor.hasSelection():
            return None
        from PySide6.QtGui import QTextCursor

        probe = QTextCursor(self.document())
        probe.setPosition(cursor.selectionStart() + 1)  # the format of the first selected character
        href = probe.charFormat().anchorHref() if probe.charFormat().isAnchor() else ""
        return (href, cursor.selectionStart()) if href else None

    def focused_link_point(self) -> QPoint | None:
        """Where the focused link is on screen (global), to show a definition next to it."""
        if self.focused_link() is None:
            return None
        from PySide6.QtGui import QTextCursor

        cursor = QTextCursor(self.document())
        cursor.setPosition(self.textCursor().selectionStart())
        return self.viewport().mapToGlobal(self.cursorRect(cursor).bottomLeft())

    def focus_link(self, href: str) -> None:
        """Give the keyboard focus to the first link to ``href`` (a box: Enter ticks it), scrolled to."""
        self._focus_link(href, 0)
        self.ensureCursorVisible()

    def _focus_link(self, href: str, near: int) -> None:
        ranges: list[tuple[int, int]] = []
        block = self.document().begin()
        while block.isValid():
            for part in cast("Iterable[QTextBlock.iterator]", block):  # PySide6 iterates a block's fragments
                fragment = part.fragment()
                if fragment.charFormat().anchorHref() == href:
                    start, end = fragment.position(), fragment.position() + fragment.length()
                    if ranges and ranges[-1][1] == start:  # one link cut in several formats (bold…)
                        start = ranges.pop()[0]
                    ranges.append((start, end))
            block = block.next()
        if ranges:
            self._show_link_focus(*min(ranges, key=lambda r: abs(r[0] - near)))

    def _show_link_focus(self, start: int, end: int) -> None:
        from PySide6.QtGui import QTextCursor

        cursor = QTextCursor(self.document())
        cursor.setPosition(start)
        cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        self.setTextCursor(cursor)  # a plain selection: drawn with the palette's highlight colours
        self._link_focus = (start, end)

    def _activated(self, url: QUrl) -> None:
        self.linkActivated.emit(url.toString())
        cursor = self.textCursor()  # Qt went back to its dotted frame on activation: highlight again
        if self.hasFocus() and self._keyboard_link():
            self._show_link_focus(cursor.selectionStart(), cursor.selectionEnd())

    def _keyboard_link(self) -> bool:
        """Whether the selection is the link Tab gave the focus to (a clicked link keeps Qt's look)."""
        cursor = self.textCursor()
        return cursor.hasSelection() and self._link_focus == (cursor.selectionStart(), cursor.selectionEnd())

    def focusNextPrevChild(self, next: bool) -> bool:
        moved = super().focusNextPrevChild(next)  # the next/previous link, else the next widget
        cursor = self.textCursor()
        if moved and self.hasFocus() and cursor.hasSelection():
            self._show_link_focus(cursor.selectionStart(), cursor.selectionEnd())
        return moved

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Ctrl+Tab / Ctrl+Shift+Tab: leave the page without going through every link."""
        if event.modifiers() & QtCore.Qt.KeyboardModifier.ControlModifier and event.key() in (
            QtCore.Qt.Key.Key_Tab,
            QtCore.Qt.Key.Key_Backtab,
        ):
            backwards = event.key() == QtCore.Qt.Key.Key_Backtab or bool(
                event.modifiers() & QtCore.Qt.KeyboardModifier.ShiftModifier
            )
            QTextEdit.focusNextPrevChild(self, not backwards)  # skips QTextBrowser's link stepping
            return
        super().keyPressEvent(event)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        """Unselect the focused link when the focus goes elsewhere in the window (Qt does so for its
        own dotted frame); a selection made with the mouse is left alone."""
        cursor = self.textCursor()
        kept = event.reason() in (QtCore.Qt.FocusReason.ActiveWindowFocusReason, QtCore.Qt.FocusReason.PopupFocusReason)
        if not kept and self._keyboard_link():
            position = self.verticalScrollBar().value()
            cursor.clearSelection()
            self.setTextCursor(cursor)
            self.verticalScrollBar().setValue(position)
        if not kept:
            self._link_focus = None
        super().focusOutEvent(event)

    def loadResource(self, kind: int, name: QUrl | str) -> object:
        """Only a bundled image under the content folder is loaded. Anything else gets an empty
        resource, never ``None``: on ``None`` Qt falls back to its own loader, which reads any local
        path (absolute, relative to the working folder, ``//host/share`` on Windows)."""
        from PySide6.QtCore import QUrl

        url = QUrl(name)
        if url.scheme() not in LOCAL_SCHEMES or url.host():
            self.blocked_urls.append(url.toString())
            return _nothing(kind)
        if kind == QTextDocument.ResourceType.ImageResource and url.scheme() != "qrc":
            path = (self._root / url.path().lstrip("/")).resolve()
            if path.is_file() and self._root in path.parents:
                return super().loadResource(kind, QUrl.fromLocalFile(str(path)))
        return _nothing(kind)
