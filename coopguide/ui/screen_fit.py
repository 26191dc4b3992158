"""Windows that fit the screen they open on: the main window's first size and every dialog.

The users' laptops are old: 1366×768 and 1024×768 screens, or 1920×1080 at 150 % (1280×720 logical
pixels); at ``QT_SCALE_FACTOR=1.5`` a 1366×768 screen leaves 910×512. A window opened at a fixed
size there has its buttons, or a whole panel, off screen. So nothing is sized by hand for a screen:

- :func:`place_main_window`: the first window is 1280×800 where that fits, maximised below; a
  geometry saved on another screen (larger, or at another scale) is brought back inside this one.
- :func:`fit_tool_bars`: the tool bars side by side where the window is wide enough, else one under
  the other, so none hides its end (« Aller à ») behind a ›› button.
- :func:`fit_to_screen`: a dialog keeps the size it asks for (its ``resize`` or its size hint) up to
  the room the screen has; when even its minimum does not fit, its content goes into a scroll area
  and its buttons stay below it, always visible.
- :class:`DialogFitter` applies :func:`fit_to_screen` to every dialog opened over the window, or over
  one of its dialogs, when it is shown: a new dialog fits without anyone remembering to ask.

:func:`available_area` is the one place the screen is read; tests replace it to stand for a small or
scaled screen (the offscreen platform has one screen of a fixed size).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from PySide6 import QtCore  # not Qt itself: see tests/ui/test_start_path.py
from PySide6.QtCore import QByteArray, QEvent, QObject, QRect, QSize
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QFrame,
    QLayout,
    QMainWindow,
    QScrollArea,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

if TYPE_CHECKING:
    from PySide6.QtWidgets import QDialog

FIRST_SIZE = QSize(1280, 800)  # the first window where the screen has room for it
FRAME = QSize(16, 40)  # left for the window manager's borders and title bar (logical pixels)


def available_area(widget: QWidget) -> QRect:
    """The part of the widget's screen that windows may use (no task bar, no dock), in logical
    pixels: at 150 % a 1366×768 screen gives about 910×512. The screen is the one under the middle
    of the window the widget opens over. (Not ``QWidget.screen()``: called from the Show filter
    below, the test suite saw PySide6 6.11 garbage-collect that QScreen's wrapper together with the
    C++ screen, and crash in ``screenAt`` later; the static lookups here never did.)"""
    over = widget.parentWidget() or widget
    centre = over.window().frameGeometry().center()
    screen = QGuiApplication.screenAt(centre) or QGuiApplication.primaryScreen()
    return screen.availableGeometry()


def room(area: QRect) -> QSize:
    """The largest window (without its frame) that fits in ``area`` with its frame."""
    return QSize(max(1, area.width() - FRAME.width()), max(1, area.height() - FRAME.height()))


def fits(size: QSize, space: QSize) -> bool:
    return size.width() <= space.width() and size.height() <= space.height()


# -- the main window ------------------------------------------------------------------------------
def place_main_window(window: QMainWindow, saved: QByteArray | None) -> bool:
    """Restore ``saved`` (``saveGeometry``) brought inside the screen, or give the first geometry:
    1280×800 centred where it fits, else the whole available area. Returns True when the window is
    to be shown maximised (a first start on a small screen): the caller shows it with
    ``showMaximized``, because ``setWindowState`` would read Qt's namespace (~13 ms on that start)."""
    area = available_area(window)
    if saved is not None and window.restoreGeometry(saved):
        if not (window.isMaximized() or window.isFullScreen()):  # not windowState(): Qt's namespace
            keep_inside(window, area)
        return False
    space = room(area)
    if fits(FIRST_SIZE, space):
        window.resize(FIRST_SIZE)
        window.move(area.center().x() - FIRST_SIZE.width() // 2, area.center().y() - FIRST_SIZE.height() // 2)
        return False
    window.resize(space)  # the size it comes back to when un-maximised, and without a window manager
    window.move(area.topLeft())
    return True


def keep_inside(window: QWidget, area: QRect) -> None:
    """Shrink ``window`` to the room of ``area`` if needed, then move it (frame included) inside."""
    size = window.size().boundedTo(room(area))
    if size != window.size():
        window.resize(size)
    x = min(max(window.x(), area.left()), area.left() + area.width() - size.width() - FRAME.width())
    y = min(max(window.y(), area.top()), area.top() + area.height() - size.height() - FRAME.height())
    if (x, y) != (window.x(), window.y()):
        window.move(max(x, area.left()), max(y, area.top()))


def fit_tool_bars(window: QMainWindow, bars: list[QToolBar]) -> None:
    """Start a new row of tool bars wherever the next one would not fit in the window's width.
    ``bars``: the window's tool bars at the top, in their order (given, not asked: the answer of
    ``toolBarArea`` is read with Qt's namespace, ~12 ms the first frame does without)."""
    used = 0
    for bar in bars:
        if bar.isHidden():
            continue
        width = bar.sizeHint().width()
        wraps = used > 0 and used + width > window.width()
        if wraps != window.toolBarBreak(bar):
            (window.insertToolBarBreak if wraps else window.removeToolBarBreak)(bar)
        used = width if wraps else used + width


# -- dialogs ---------------------------------------------------------------------------------------
def fit_to_screen(dialog: QDialog, area: QRect | None = None) -> None:
    """Size ``dialog`` for the screen it opens on (see the module's docstring)."""
    space = room(area if area is not None else available_area(dialog))
    wanted = dialog.size() if dialog.testAttribute(QtCore.Qt.WidgetAttribute.WA_Resized) else dialog.sizeHint()
    layout = dialog.layout()
    if layout is not None and _ours(dialog) and not isinstance(layout.parentWidget(), _Body):
        layout.activate()
        if not fits(layout.totalMinimumSize(), space):
            scroll_body(dialog)
    minimum = dialog.minimumSizeHint().expandedTo(dialog.minimumSize())
    size = wanted.expandedTo(minimum).boundedTo(space).boundedTo(dialog.maximumSize())
    if size != dialog.size():
        dialog.resize(size)


def _ours(dialog: QDialog) -> bool:
    """Our own dialogs may be rearranged; Qt's (file, print, message) are only sized."""
    return type(dialog).__module__.startswith("coopguide.")


class _Body(QWidget):
    """What a dialog showed, now inside its scroll area."""


def scroll_body(dialog: QDialog) -> QScrollArea:
    """Put the dialog's content in a scroll area, its button boxes under it, outside the scroll."""
    layout = dialog.layout()
    assert layout is not None
    from PySide6.QtWidgets import QDialogButtonBox  # its class and enums (~0.5 ms): not before the first frame

    buttons = [box for box in dialog.findChildren(QDialogButtonBox) if box.parentWidget() is dialog]
    for box in buttons:
        _take(layout, box)
    margins = layout.contentsMargins()
    body = _Body()
    body.setLayout(layout)  # takes the layout over, and the widgets in it
    dialog.setMinimumSize(0, 0)  # the old layout's minimum, left on the dialog; the new one sets its own
    scroll = QScrollArea()
    scroll.setWidget(body)
    scroll.setWidgetResizable(True)
    scroll.setFrameShape(QFrame.Shape.NoFrame)
    scroll.setFocusPolicy(QtCore.Qt.FocusPolicy.NoFocus)  # Tab goes through the fields, not the area
    outer = QVBoxLayout(dialog)
    outer.setContentsMargins(0, 0, 0, margins.bottom() if buttons else 0)
    outer.addWidget(scroll, 1)
    for box in buttons:
        row = QVBoxLayout()
        row.setContentsMargins(margins.left(), 0, margins.right(), 0)
        row.addWidget(box)
        outer.addLayout(row)
    return scroll


def _take(layout: QLayout, widget: QWidget) -> bool:
    """Remove ``widget`` from ``layout`` or from the layout nested in it that holds it."""
    for index in range(layout.count()):
        item = layout.itemAt(index)
        if item is None:
            continue
        if item.widget() is widget:
            layout.takeAt(index)
            return True
        inner = item.layout()
        if inner is not None and _take(inner, widget):
            return True
    return False


class DialogFitter(QObject):
    """Fits every dialog opened over ``window`` (or over one of its dialogs) as it is shown.

    It watches the window's ChildPolished events, which Qt sends when a child, a dialog included, is
    first shown; the dialog is then watched too, for its Show events and for the dialogs it opens.
    A message box is left alone: Qt sizes it for the screen itself.
    """

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind == QEvent.Type.ChildPolished:
            child = event.child()  # type: ignore[attr-defined]  # a QChildEvent
            # inherits(), not isinstance(): the window's children are polished before its first
            # frame, and reading QDialog would make its Python class and enums then
            if child.inherits("QDialog") and not child.inherits("QMessageBox"):
                child.installEventFilter(self)  # once: Qt does not install the same filter twice
        elif kind == QEvent.Type.Show and watched.inherits("QDialog") and not event.spontaneous():
            fit_to_screen(cast("QDialog", watched))
        return False
