"""The window and every dialog fit a small or scaled screen: 1024×768, and 1366×768 at 150 %.

How the screens are simulated. The offscreen platform has one screen of a fixed size, so each test
replaces :func:`coopguide.ui.screen_fit.available_area`, the one function that reads the screen,
with one returning the area of the screen under test in logical pixels: 1024×768 at scale 1, and
910×512, which is what a 1366×768 screen gives with ``QT_SCALE_FACTOR=1.5`` (Qt lays out in logical
pixels, physical / 1.5, with the same fonts in those pixels; so a layout that fits 910×512 at scale 1
fits that screen at 1.5). A window the app maximises takes the offscreen screen's own size instead;
where the size of a maximised window matters, the test gives it the size it would have.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QRect, QSize, Qt
from PySide6.QtPrintSupport import QPrintDialog
from PySide6.QtWidgets import QAbstractButton, QDialog, QDialogButtonBox, QScrollArea, QToolBar, QWidget

from coopguide.ui import print_jobs, screen_fit
from coopguide.ui.checklist_panel import LIST_MIN_LINES
from coopguide.ui.crash_dialog import CrashDialog
from coopguide.ui.print_menu import FILLED, GUIDE
from coopguide.ui.screen_fit import FIRST_SIZE, fits, room
from tests.conftest import SHIPPED_CONTENT
from tests.ui.test_accessibility import DIALOGS, _dialogs  # the table of every dialog of the app

SMALL, SCALED, LARGE = QRect(0, 0, 1024, 768), QRect(0, 0, 910, 512), QRect(0, 0, 1920, 1040)
SCREENS = {"1024x768": SMALL, "1366x768 à 150 %": SCALED}


@pytest.fixture
def screen(monkeypatch):
    """``screen(area)``: from now on, windows open on a screen whose available area is ``area``."""

    def use(area: QRect) -> None:
        monkeypatch.setattr(screen_fit, "available_area", lambda _widget: QRect(area))

    use(LARGE)
    return use


# -- the main window ---------------------------------------------------------------------------------


def test_a_first_window_is_1280_by_800_where_it_fits_and_maximised_below(open_window, screen):
    screen(LARGE)
    large = open_window()  # nothing is saved until a window closes: each one here is a first start
    assert large.size() == FIRST_SIZE and not large.windowState() & Qt.WindowState.WindowMaximized
    assert LARGE.contains(large.frameGeometry())
    for area in SCREENS.values():
        screen(area)
        small = open_window()
        assert small.windowState() & Qt.WindowState.WindowMaximized
        assert fits(small.normalGeometry().size(), room(area))  # un-maximised, it still fits


def test_a_geometry_saved_on_a_larger_screen_is_brought_back_inside_a_smaller_one(open_window, screen):
    screen(LARGE)
    first = open_window()
    first.move(600, 200)  # on the large screen, well to the right
    first.close()
    screen(SCALED)
    again = open_window()
    assert fits(again.size(), room(SCALED))
    assert SCALED.contains(again.frameGeometry().topLeft())
    assert again.x() + again.width() <= SCALED.right() + 1 and again.y() + again.height() <= SCALED.bottom() + 1


@pytest.mark.parametrize("area", SCREENS.values(), ids=SCREENS.keys())
def test_the_tool_bars_keep_aller_a_in_sight(open_window, screen, area):
    screen(area)
    window = open_window()
    window.setWindowState(Qt.WindowState.WindowNoState)
    window.resize(room(area))
    box = window.navigation.toc_box
    bar = next(b for b in window.findChildren(QToolBar) if b.isAncestorOf(box))
    assert box.isVisible() and bar.rect().contains(box.geometry())  # not behind the » button
    assert window.toolBarBreak(bar) == (area.width() < 1200)  # on its own row where the window is narrow


def visible_lines(tree) -> int:
    return tree.viewport().height() // tree.fontMetrics().lineSpacing()


def test_at_150_percent_the_check_list_keeps_several_items_and_the_details_scroll(open_window, screen, qtbot):
    screen(SCALED)
    window = open_window()
    window.setWindowState(Qt.WindowState.WindowNoState)
    window.resize(room(SCALED))  # the maximised window of a 1366×768 screen at 150 %
    window.panel.select_item("alpha.groupe")
    tree = window.panel.tree
    qtbot.waitUntil(lambda: tree.viewport().height() > 0)
    assert visible_lines(tree) >= LIST_MIN_LINES
    rows = [window.model.index_of_item(i) for i in ("alpha.groupe", "alpha.loi", "alpha.forme", "alpha.depot")]
    shown = [r for r in rows if tree.viewport().rect().intersects(tree.visualRect(r))]
    assert len(shown) >= 3  # several items, not one
    details = window.panel.details
    assert details.isVisible() and details.widget() is window.panel.editor  # the details scroll under it
    assert details.height() <= window.panel.split.height() * 0.45
    window.panel.editor.note.setFocus(Qt.FocusReason.TabFocusReason)  # a field below the fold is scrolled to
    qtbot.waitUntil(lambda: details.viewport().rect().intersects(_in(details.viewport(), window.panel.editor.note)))


def _in(outer: QWidget, widget: QWidget) -> QRect:
    """Where ``widget`` is, in ``outer``'s coordinates."""
    return QRect(widget.mapTo(outer, QPoint(0, 0)), widget.size())


def test_the_guides_and_the_details_can_be_hidden_and_stay_so(open_window, screen, qtbot):
    screen(SCALED)
    window = open_window()
    window.panel.select_item("alpha.groupe")
    list_height, page_width = window.panel.tree.height(), window.view.width()
    window.named_actions["view.details"].trigger()
    window.named_actions["view.guides"].trigger()
    assert not window.panel.details.isVisible() and not window.tree.isVisible()
    qtbot.waitUntil(lambda: window.panel.tree.height() > list_height)  # the list takes the details' room
    qtbot.waitUntil(lambda: window.view.width() > page_width)  # and the page the guides' room
    window.tree.setFocus()
    window.navigation.focus_zone(1)
    assert window.view.hasFocus() or window.focusWidget() is window.view  # F6 skips hidden panes
    window.close()
    again = open_window()
    assert not again.named_actions["view.details"].isChecked() and not again.tree.isVisible()
    assert not again.panel.details.isVisible()
    again.named_actions["view.details"].trigger()
    assert again.panel.details.isVisible()


# -- every dialog ----------------------------------------------------------------------------------


def extra_dialogs(window) -> dict:
    """Top-level dialogs that test_accessibility's table leaves out."""

    def preview() -> QDialog:
        document = print_jobs.document(window.printing, FILLED)
        assert document is not None
        return print_jobs.preview_dialog(window.printing, document)

    def printer() -> QDialog:
        document = print_jobs.document(window.printing, GUIDE)
        assert document is not None
        made = print_jobs.new_printer(window.printing, document)
        dialog = QPrintDialog(made, window)
        setattr(dialog, print_jobs.PRINTERS, made)  # the dialog does not own its printer
        return dialog

    return {
        "erreur inattendue": lambda: CrashDialog(
            "Traceback (most recent call last):\n" * 80, Path("journal.log"), window
        ),
        "aperçu avant impression": preview,
        "imprimer": printer,
    }


ALL_DIALOGS = [*DIALOGS, "erreur inattendue", "aperçu avant impression", "imprimer"]


def buttons_outside(dialog: QDialog) -> list[str]:
    """The buttons of the dialog's button boxes that are not wholly inside the dialog."""
    outside = []
    for box in dialog.findChildren(QDialogButtonBox):
        for button in box.findChildren(QAbstractButton):
            if button.isVisible() and not dialog.rect().contains(_in(dialog, button)):
                outside.append(button.text())
    return outside


@pytest.mark.parametrize("area", SCREENS.values(), ids=SCREENS.keys())
@pytest.mark.parametrize("name", ALL_DIALOGS)
def test_every_dialog_fits_the_screen_or_scrolls(window, screen, qtbot, area, name):
    screen(area)
    window.panel.select_item("alpha.groupe")  # a checklist to print
    dialog = {**_dialogs(window, SHIPPED_CONTENT), **extra_dialogs(window)}[name]()  # shipped presets: long titles
    qtbot.addWidget(dialog)
    dialog.show()
    space = room(area)
    qtbot.waitUntil(lambda: fits(dialog.size(), space), timeout=2000)
    assert fits(dialog.minimumSizeHint().boundedTo(QSize(10_000, 10_000)), space) or dialog.findChild(QScrollArea)
    qtbot.waitUntil(lambda: buttons_outside(dialog) == [], timeout=2000)
    dialog.close()


def test_a_dialog_taller_than_the_screen_scrolls_and_keeps_its_buttons(window, screen, qtbot):
    from PySide6.QtWidgets import QLabel, QVBoxLayout

    from coopguide.ui.dossiers.dialogs import ResetDialog

    screen(SCALED)
    dialog = ResetDialog("Première liste", 1, window)
    tall = QLabel("\n".join(f"ligne {n}" for n in range(60)))  # far taller than 512 pixels
    layout = dialog.layout()
    assert isinstance(layout, QVBoxLayout)
    layout.insertWidget(0, tall)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: fits(dialog.size(), room(SCALED)), timeout=2000)
    scroll = dialog.findChild(QScrollArea)
    assert scroll is not None and scroll.isAncestorOf(tall)
    box = dialog.findChild(QDialogButtonBox)
    assert box is not None and not scroll.isAncestorOf(box)  # the buttons stay under the scroll area
    qtbot.waitUntil(lambda: buttons_outside(dialog) == [], timeout=2000)
    assert scroll.verticalScrollBar().maximum() > 0
