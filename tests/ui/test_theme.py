"""Light and dark: the choice in Affichage › Apparence changes the widgets, the page and the hints at
once, is remembered, and « Comme le système » gives the platform's palette back."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette, QTextCursor
from PySide6.QtWidgets import QApplication, QCheckBox, QStyle, QStyleOptionButton
from shiboken6 import Shiboken

from coopguide.core.content.colours import contrast, is_dark
from coopguide.ui import theme


@pytest.fixture(autouse=True)
def back_to_system(qapp):
    """The palette is application-wide: leave it as other tests expect it."""
    yield
    theme.apply_appearance(qapp, theme.SYSTEM)


def choose(window, choice: str) -> None:
    menu = theme_menu(window)
    action = next(a for a in menu.actions() if a.data() == choice)
    action.trigger()


def theme_menu(window):
    return next(a.menu() for a in window.menus["view"].actions() if a.menu() and a.text() == "Apparence")


def page_text_colour(view, fragment: str) -> str:
    found = view.document().find(fragment)
    assert not found.isNull(), fragment
    cursor = QTextCursor(found)
    cursor.setPosition(found.selectionStart() + 1)
    brush = cursor.charFormat().foreground()
    if brush.style() == Qt.BrushStyle.NoBrush:  # no colour of its own: drawn in the palette's text colour
        return view.palette().color(QPalette.ColorRole.Text).name()
    return brush.color().name()


def test_dark_then_system_redraws_page_widgets_and_hints(window, qtbot):
    view = window.view
    assert not theme.palette_is_dark()
    light_text = page_text_colour(view, "Alpha")
    choose(window, theme.DARK)
    assert theme.palette_is_dark()
    qtbot.waitUntil(lambda: is_dark(view.palette().color(QPalette.ColorRole.Base).name()))  # propagated by events
    base = view.palette().color(QPalette.ColorRole.Base).name()
    colours = theme.colours()
    text = page_text_colour(view, "Alpha")
    assert text == colours["text"] != light_text
    assert contrast(text, base) >= 7
    assert page_text_colour(view, "À jour au") == colours["muted"]  # a colour the CSS gives
    assert contrast(colours["muted"], base) >= 4.5
    choose(window, theme.SYSTEM)
    assert not theme.palette_is_dark()
    qtbot.waitUntil(lambda: not is_dark(view.palette().color(QPalette.ColorRole.Base).name()))
    assert page_text_colour(view, "Alpha") == light_text
    assert page_text_colour(view, "À jour au") == theme.colours()["muted"]
    assert [a.data() for a in theme_menu(window).actions() if a.isChecked()] == [theme.SYSTEM]


def test_the_choice_is_remembered(open_window, qapp):
    first = open_window()
    choose(first, theme.DARK)
    first.close()
    theme.apply_appearance(qapp, theme.SYSTEM)  # as a new process would start
    again = open_window()
    assert theme.palette_is_dark()
    assert [a.data() for a in theme_menu(again).actions() if a.isChecked()] == [theme.DARK]


def test_painted_labels_follow_a_palette_change(window, qapp, qtbot):
    muted = [
        label
        for label, name in theme._painted.items()
        if name == "muted" and Shiboken.isValid(label) and label.window() is window
    ]
    assert muted, "the window has muted hints"
    theme.apply_appearance(qapp, theme.DARK)
    qtbot.waitUntil(lambda: is_dark(window.palette().color(QPalette.ColorRole.Window).name()))  # propagated
    for label in muted:
        shown = label.palette().color(QPalette.ColorRole.WindowText).name()
        assert is_dark(QApplication.palette().color(QPalette.ColorRole.Window).name())
        assert contrast(shown, QApplication.palette().color(QPalette.ColorRole.Window).name()) >= 4.5
        assert not is_dark(shown)


@pytest.mark.parametrize("choice", [theme.LIGHT, theme.DARK])
def test_an_unticked_box_is_outlined_visibly(qapp, qtbot, choice):
    """Fusion's own outline is 2.3:1 on white and vanishes on dark; ours keeps at least 3:1 (WCAG
    non-text contrast) in both."""
    theme.apply_appearance(qapp, choice)
    box = QCheckBox("Réunir le groupe")
    qtbot.addWidget(box)
    box.show()
    qtbot.waitExposed(box)
    option = QStyleOptionButton()
    box.initStyleOption(option)
    area = box.style().subElementRect(QStyle.SubElement.SE_CheckBoxIndicator, option, box)
    image = box.grab().toImage()
    background = box.palette().color(QPalette.ColorRole.Window).name()
    pixels = {
        image.pixelColor(x, y).name()
        for x in range(area.left(), area.right() + 1)
        for y in range(area.top(), area.bottom() + 1)
    }
    assert max(contrast(pixel, background) for pixel in pixels) >= 3


@pytest.mark.parametrize("choice", [theme.LIGHT, theme.DARK])
def test_the_focused_pane_is_framed_visibly_in_light_and_dark(window, qapp, qtbot, choice):
    """The ring around the focused list or page: in the dark palette its highlight blue was 3:1 on
    the page and 2.5:1 on the window, and reviewers could not tell which pane had the focus."""
    from coopguide.ui.a11y import FocusRing

    choose(window, choice)
    for pane in (window.tree, window.panel.tree, window.view):
        pane.setFocus(Qt.FocusReason.TabFocusReason)
        qtbot.waitUntil(
            lambda pane=pane: (ring := window.findChild(FocusRing)) is not None and ring.parentWidget() is pane
        )
        image = pane.grab().toImage()
        edge = image.pixelColor(1, pane.height() // 2).name()
        palette = pane.palette()
        for role in (QPalette.ColorRole.Base, QPalette.ColorRole.Window):
            assert contrast(edge, palette.color(role).name()) >= 4.5, (pane, role)
