"""Finding a link in a page shown by a QTextBrowser, for tests that click or hover it."""

from __future__ import annotations

from PySide6.QtCore import QPoint
from PySide6.QtGui import QTextCursor


def link_cursor(view, href: str) -> QTextCursor:
    """A cursor inside the first character of the first run of text linking to exactly ``href``."""
    block = view.document().begin()
    while block.isValid():
        iterator = block.begin()
        while not iterator.atEnd():
            fragment = iterator.fragment()
            if fragment.charFormat().anchorHref() == href:
                cursor = QTextCursor(view.document())
                cursor.setPosition(fragment.position() + 1)
                return cursor
            iterator += 1
        block = block.next()
    raise LookupError(f"no link to {href}")


def link_point(view, href: str) -> QPoint:
    """The middle of the link's first character in viewport coordinates, scrolled into view."""
    cursor = link_cursor(view, href)
    view.setTextCursor(cursor)
    view.ensureCursorVisible()
    right = view.cursorRect(cursor).center()
    cursor.setPosition(cursor.position() - 1)
    return (view.cursorRect(cursor).center() + right) / 2
