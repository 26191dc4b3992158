"""Light or dark, following the system unless the user chose (Affichage › Apparence).

Qt already gives the widgets the system's palette on Windows 11, macOS and the Linux desktops that
publish a colour scheme; what Qt does not colour is ours: the page CSS, the hints and the list's
« N.A. » / « en retard » rows. They all take their colours from :func:`colours`, which derives them
from the palette actually in use (see :mod:`coopguide.core.content.colours`), and :class:`ThemeWatcher`
tells the window when that palette changes so the page is redrawn.

Where the platform cannot switch scheme on request (Windows 10's native style, Linux without a
desktop theme), choosing « Clair » or « Sombre » falls back to the Fusion style with a palette of
our own, so the choice always has an effect.
"""

from __future__ import annotations

import functools
import weakref
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6 import QtCore  # not Qt itself: see tests/ui/test_start_path.py
from PySide6.QtCore import QEvent, QObject, Signal
from PySide6.QtGui import QAction, QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication, QLabel
from shiboken6 import Shiboken

from coopguide.core.content.colours import is_dark, page_colours
from coopguide.ui.actions import named_action

if TYPE_CHECKING:
    from PySide6.QtWidgets import QProxyStyle, QStyle

SYSTEM, LIGHT, DARK = "systeme", "clair", "sombre"
APPEARANCES = {SYSTEM: "Comme le système", LIGHT: "Clair", DARK: "Sombre"}

Role = QPalette.ColorRole
DARK_PALETTE = {
    Role.Window: "#2d2d2d",
    Role.WindowText: "#f0f0f0",
    Role.Base: "#1e1e1e",
    Role.AlternateBase: "#2a2a2a",
    Role.ToolTipBase: "#3a3a3a",
    Role.ToolTipText: "#f0f0f0",
    Role.PlaceholderText: "#a8a8a8",
    Role.Text: "#f0f0f0",
    Role.Button: "#3a3a3a",
    Role.ButtonText: "#f0f0f0",
    Role.BrightText: "#ff8a80",
    Role.Light: "#505050",
    Role.Midlight: "#444444",
    Role.Mid: "#2a2a2a",
    Role.Dark: "#1a1a1a",
    Role.Shadow: "#000000",
    Role.Highlight: "#2f65ca",
    Role.HighlightedText: "#ffffff",
    Role.Link: "#8ab4f8",
    Role.LinkVisited: "#c58af9",
}
LIGHT_PALETTE = {
    Role.Window: "#efefef",
    Role.WindowText: "#000000",
    Role.Base: "#ffffff",
    Role.AlternateBase: "#f7f7f7",
    Role.ToolTipBase: "#ffffdc",
    Role.ToolTipText: "#000000",
    Role.PlaceholderText: "#6b6b6b",
    Role.Text: "#000000",
    Role.Button: "#efefef",
    Role.ButtonText: "#000000",
    Role.BrightText: "#ffffff",
    Role.Light: "#ffffff",
    Role.Midlight: "#cacaca",
    Role.Mid: "#b8b8b8",
    Role.Dark: "#9f9f9f",
    Role.Shadow: "#767676",
    Role.Highlight: "#308cc6",
    Role.HighlightedText: "#ffffff",
    Role.Link: "#0b5cad",
    Role.LinkVisited: "#6a1b9a",
}
DISABLED_TEXT = {DARK: "#808080", LIGHT: "#8a8a8a"}


def _palette(kind: str) -> QPalette:
    palette = QPalette()
    for role, colour in (DARK_PALETTE if kind == DARK else LIGHT_PALETTE).items():
        palette.setColor(role, QColor(colour))
    for role in (Role.Text, Role.WindowText, Role.ButtonText):
        palette.setColor(QPalette.ColorGroup.Disabled, role, QColor(DISABLED_TEXT[kind]))
    return palette


def palette_is_dark(palette: QPalette | None = None) -> bool:
    palette = palette or QGuiApplication.palette()
    return is_dark(palette.color(Role.Base).name())


@functools.cache
def visible_boxes_style() -> type[QProxyStyle]:
    """The class of :func:`_set_style`'s Fusion style, made the first time Fusion is used: its Qt
    base (QProxyStyle and its enums, ~4 ms) is then not paid on a platform with a style of its own.

    Fusion with check boxes that show, on light and dark backgrounds. Fusion outlines a box with
    the window colour made darker: pale grey on white (2.3:1), black on near-black in dark mode,
    where an unticked box vanishes (a known Fusion quirk). The outline is drawn here from a grey
    that reads on either; everything else is Fusion's.
    """
    from PySide6.QtWidgets import QProxyStyle, QStyle

    boxes = (
        QStyle.PrimitiveElement.PE_IndicatorCheckBox,
        QStyle.PrimitiveElement.PE_IndicatorItemViewItemCheck,
        QStyle.PrimitiveElement.PE_IndicatorRadioButton,
    )

    class VisibleBoxesStyle(QProxyStyle):
        def drawPrimitive(self, element, option, painter, widget=None):
            if element in boxes:
                option = type(option)(option)
                dark = palette_is_dark(option.palette)
                option.palette.setColor(Role.Window, QColor(BOX_OUTLINE_SOURCE[dark]))
            super().drawPrimitive(element, option, painter, widget)

    return VisibleBoxesStyle


def _is_visible_boxes(style: QStyle) -> bool:
    return visible_boxes_style.cache_info().currsize > 0 and isinstance(style, visible_boxes_style())


# Fusion draws the outline 40 % darker than this: on light #727272 (4.8:1 on white, Fusion's own is
# #aaaaaa, 2.3:1: faint on an old screen), on dark #8f8f8f (5.4:1 on #1e1e1e).
BOX_OUTLINE_SOURCE = {False: "#a0a0a0", True: "#c8c8c8"}


class _Original:
    style = ""  # the platform's style, restored when going back to « système »


def apply_appearance(app: QApplication, choice: str) -> None:
    """Make the widgets light, dark, or the system's; the watcher then redraws what we colour."""
    hints = app.styleHints()
    if not _Original.style:
        _Original.style = app.style().name()
    fusion = _Original.style.lower() == "fusion"  # Linux without a desktop theme, mostly
    if choice not in (LIGHT, DARK):
        hints.unsetColorScheme()
        _set_style(app, fusion)
        app.setPalette(QPalette())  # nothing set: the platform's palette again
        return
    hints.setColorScheme(QtCore.Qt.ColorScheme.Dark if choice == DARK else QtCore.Qt.ColorScheme.Light)
    _set_style(app, fusion)
    app.setPalette(QPalette())
    if palette_is_dark() != (choice == DARK):  # the platform did not follow: do it ourselves
        _set_style(app, True)
        app.setPalette(_palette(choice))


def _set_style(app: QApplication, fusion: bool) -> None:
    """Fusion always with visible boxes; otherwise the platform's own style."""
    from PySide6.QtWidgets import QStyleFactory  # read here: every class read makes its enums

    if fusion:
        if not _is_visible_boxes(app.style()):
            app.setStyle(visible_boxes_style()(QStyleFactory.create("Fusion")))
    elif _is_visible_boxes(app.style()) or app.style().name().lower() != _Original.style.lower():
        app.setStyle(QStyleFactory.create(_Original.style))


@functools.lru_cache(maxsize=8)
def _colours_for(text: str, base: str) -> dict[str, str]:
    return page_colours(text, base)


def colours(palette: QPalette | None = None) -> dict[str, str]:
    """Page and hint colours for the palette in use (cached: item views ask on every paint)."""
    palette = palette or QGuiApplication.palette()
    return _colours_for(palette.color(Role.Text).name(), palette.color(Role.Base).name())


def colour(name: str) -> QColor:
    return QColor(colours()[name])


_painted: weakref.WeakKeyDictionary[QLabel, str] = weakref.WeakKeyDictionary()


def paint_label(label: QLabel, name: str) -> None:
    """Give a label one of our colours (« muted », « alert »…), kept right when the palette changes.

    The label's window colours come from the window background, so its colour is derived from
    WindowText on Window rather than from the page's Text on Base.
    """
    _painted[label] = name
    palette = label.palette()
    window = QGuiApplication.palette()
    wanted = _colours_for(window.color(Role.WindowText).name(), window.color(Role.Window).name())[name]
    palette.setColor(Role.WindowText, QColor(wanted))
    label.setPalette(palette)


class ThemeWatcher(QObject):
    """Emits ``changed`` once the application's palette has changed (system switch or user choice)."""

    changed = Signal()

    def __init__(self, app: QApplication, owner: QObject):
        super().__init__(owner)  # dies with its window, and with it the filter and the connections
        self._last = self._key()
        # Watching the window, not the application: a Python filter on the application would run
        # for every event of every widget. The window gets a PaletteChange when the palette changes.
        owner.installEventFilter(self)
        app.styleHints().colorSchemeChanged.connect(self._check)

    @staticmethod
    def _key() -> tuple[str, str]:
        palette = QGuiApplication.palette()
        return palette.color(Role.Text).name(), palette.color(Role.Base).name()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.ApplicationPaletteChange):
            self._check()
        return False

    def _check(self, *_args) -> None:
        key = self._key()
        if key == self._last:
            return
        self._last = key
        for label, name in list(_painted.items()):
            if Shiboken.isValid(label):  # a label of a closed dialog may linger until collected
                paint_label(label, name)
        self.changed.emit()


def appearance_actions(parent: QObject, current: str, remember: Callable[[str], None]) -> dict[str, QAction]:
    """« Apparence » : système / clair / sombre (``appearance.<choice>``), one of them checked;
    a choice is applied at once and passed to ``remember``."""
    from PySide6.QtGui import QActionGroup  # made with the menus, after the first frame

    group = QActionGroup(parent)
    actions = {}
    for choice, text in APPEARANCES.items():
        action = named_action(parent, parent.tr(text))
        action.setCheckable(True)
        action.setChecked(choice == current)
        action.setData(choice)
        group.addAction(action)
        actions[f"appearance.{choice}"] = action

    def choose(action: QAction) -> None:
        remember(action.data())
        apply_appearance(application(), action.data())

    group.triggered.connect(choose)
    return actions


def application() -> QApplication:
    """The running QApplication (the window exists, so there is one)."""
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    return app
