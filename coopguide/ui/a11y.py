"""Small accessibility helpers shared by the window and its dialogs.

- :class:`FocusRings`: with the Fusion style, a focused list, tree or text area looks exactly like
  an unfocused one (the selected row is blue in both), so a keyboard user cannot tell where Tab
  went. A ring in the palette's highlight colour is drawn along the inside edge of the focused one.
  Its colour is read from the palette when painting, so a dark palette gets a matching ring, and
  moved towards the text colour until it stands out (4.5:1) from the page and the window around it:
  the dark palette's blue on near-black (3:1, 2.5:1) could not be told apart from no ring at all.
- :func:`announce`: a sentence for screen readers (« Coché : … ») when something changes that has no
  widget of its own to report it (a box ticked in the page).
"""

from __future__ import annotations

from typing import Any

import shiboken6
from PySide6 import QtGui
from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QAbstractItemView, QApplication, QFocusFrame, QPlainTextEdit, QTextEdit, QWidget

from coopguide.core.content.colours import readable

RING_WIDTH = 3  # pixels along the inside edge: over the widget's 1-pixel frame and 2 pixels in
RINGED = (QAbstractItemView, QTextEdit, QPlainTextEdit)  # line edits, combos and buttons show focus already
# QAccessible, QPainter and QRegion are read from QtGui where they are used: PySide6 creates a class's
# Python type (and enums) on first access, ~2.5 ms for these three, which the start need not pay.
QAccessible: Any = None  # tests put a stand-in for a screen reader here; None means QtGui.QAccessible


class FocusRing(QFocusFrame):
    """A band in the highlight colour along the inside edge of the widget it is the child of.

    A QFocusFrame, because Qt leaves those out of what screen readers see; but placed by hand: Qt's
    own placement puts it outside the widget, where a parent without margins (a splitter, a panel)
    cuts it off."""

    def paintEvent(self, _event: QtGui.QPaintEvent) -> None:
        painter = QtGui.QPainter(self)
        painter.fillRect(self.rect(), ring_colour(self.palette()))

    def follow(self, widget: QWidget) -> None:
        if self.parentWidget() is not widget:
            self.setParent(widget)
        self.setGeometry(widget.rect())
        inner = self.rect().adjusted(RING_WIDTH, RING_WIDTH, -RING_WIDTH, -RING_WIDTH)
        self.setMask(QtGui.QRegion(self.rect()).subtracted(QtGui.QRegion(inner)))
        self.raise_()
        self.show()


def ring_colour(palette: QPalette) -> QtGui.QColor:
    """The highlight colour, made to stand out from both the page (Base) and the window around it."""
    role = QPalette.ColorRole
    colour = palette.color(QPalette.ColorGroup.Active, role.Highlight).name()
    text = palette.color(role.Text).name()
    for background in (role.Base, role.Window):
        colour = readable(colour, palette.color(background).name(), text)
    return QtGui.QColor(colour)


class FocusRings(QObject):
    """Moves one ring to the focused list or text area of the window and of its dialogs."""

    def __init__(self, window: QWidget):
        super().__init__(window)
        self._window = window
        self.ring: FocusRing | None = None
        self._target: QWidget | None = None
        app = QApplication.instance()
        assert isinstance(app, QApplication)
        app.focusChanged.connect(self._focus_changed)
        self._focus_changed(None, app.focusWidget())  # made after the first frame: the focus is set

    def _ours(self, widget: QWidget) -> bool:
        top: QWidget | None = widget.window()
        if top is None or top.windowType() == Qt.WindowType.Popup:  # a combo box's list, a calendar: no ring
            return False
        while top is not None:
            if top is self._window:
                return True
            parent = top.parentWidget()
            top = parent.window() if parent is not None else None
        return False

    def _focus_changed(self, _old: QWidget | None, new: QWidget | None) -> None:
        if not shiboken6.isValid(self) or not shiboken6.isValid(self._window):
            return
        if self._target is not None and shiboken6.isValid(self._target):
            self._target.removeEventFilter(self)
        self._target = None
        ring = self.ring if self.ring is not None and shiboken6.isValid(self.ring) else None
        if new is None or not isinstance(new, RINGED) or not self._ours(new):
            if ring is not None:
                ring.hide()
            return
        if ring is None:  # first use, or its last widget (in a closed dialog) took it along
            ring = self.ring = FocusRing(new)
        self._target = new
        new.installEventFilter(self)
        ring.follow(new)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        ring, target = self.ring, self._target
        if event.type() == QEvent.Type.Resize and watched is target and ring is not None and shiboken6.isValid(ring):
            ring.follow(target)
        return False


def announce(widget: QWidget, message: str) -> None:
    """Have screen readers say ``message`` (nothing happens when none is running)."""
    accessible = QAccessible or QtGui.QAccessible
    if accessible.isActive():
        accessible.updateAccessibility(QtGui.QAccessibleAnnouncementEvent(widget, message))
