"""The window's first frame (``MainWindow(complete=False)``, as ``ui/app.py`` shows it) and its
completion after that frame: nothing the user sees moves; before it, every shortcut works and what
needs the panel or the find bar builds them first (no key or click is lost); a window closed before
it was completed closes cleanly."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QToolBar

from coopguide.core.content import cache as content_cache
from coopguide.core.store import open_store
from coopguide.core.store.progress import DONE
from coopguide.ui.actions import menu_layout
from coopguide.ui.main_window import MENU_BAR, MainWindow
from coopguide.ui.window_settings import SETTINGS_FILE, WindowSettings
from tests.ui.test_menu_bar import unnamed


@pytest.fixture
def first_frame(qtbot, content_root, data_dir):
    """A factory: the window as the app shows it first, shown and active, not completed."""
    stores = []

    def factory() -> MainWindow:
        store = open_store(data_dir)
        stores.append(store)
        window = MainWindow(store, content_cache.load(content_root, data_dir / "cache"), data_dir, complete=False)
        qtbot.addWidget(window)
        window.show()
        window.activateWindow()
        qtbot.waitUntil(window.isActiveWindow)
        qtbot.waitExposed(window)
        return window

    yield factory
    for store in stores:
        store.close()


def places(window: MainWindow) -> dict[str, tuple[int, int, int, int]]:
    """Where what the first frame shows is, in the window."""
    shown = {
        "page": window.view,
        "guides": window.tree,
        "menu bar": window.menuBar(),
        **{bar.windowTitle(): bar for bar in window.findChildren(QToolBar)},
    }
    return {
        name: (*widget.mapTo(window, QPoint(0, 0)).toTuple(), widget.width(), widget.height())
        for name, widget in shown.items()
    }


def test_the_first_frame_shows_the_page_the_guides_the_menus_and_the_tool_bars(first_frame):
    window = first_frame()
    assert not window.completed
    assert window.state.guide_id is not None and "☐" in window.view.toPlainText()
    assert window.tree.currentItem() is not None
    assert [window.menus[spec.name].title() for spec in MENU_BAR] == [spec.title for spec in MENU_BAR]
    assert window.menus["file"].actions() == []  # the entries come with complete()
    assert window.dossiers.switcher.currentText() and window.navigation.toc_box.count() > 1
    assert window.windowTitle().startswith(window.state.guide.title)


def test_completing_moves_nothing_the_user_sees(first_frame, qtbot):
    window = first_frame()
    before, sizes = places(window), window.splitter.sizes()
    window.complete()
    qtbot.wait(50)  # the new widgets laid out and painted
    assert places(window) == before
    assert window.splitter.sizes() == sizes
    assert window.panel.isVisible() and window.panel.width() == sizes[2]
    assert window.panel.title.text() == window.state.guide.title and window.model.rowCount() > 0


def test_a_shortcut_typed_before_the_window_is_complete_is_not_lost(first_frame, qtbot):
    window = first_frame()
    window.view.setFocus()
    qtbot.keyClick(window.view, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)  # « Chercher dans la page »
    assert window.completed
    assert window.find_bar.isVisible() and window.find_bar.edit.hasFocus()
    qtbot.keyClicks(window.find_bar.edit, "groupe")
    assert window.find_bar.matches


def test_a_menu_opened_before_the_window_is_complete_shows_all_its_entries(first_frame, qtbot):
    window = first_frame()
    menu = window.menus["file"]
    menu.aboutToShow.emit()  # what Qt sends when « Fichier » is clicked, before showing the menu
    assert window.completed
    names = {made: name for name, made in window.named_actions.items()}
    assert [names.get(made) for made in menu.actions() if not made.isSeparator()][-1] == "app.quit"
    assert menu_layout(window.menuBar(), window.named_actions) == [unnamed(spec) for spec in MENU_BAR]


def test_a_key_for_an_action_made_at_completion_works_before_it(first_frame, qtbot):
    """Ctrl+K (« Rechercher partout ») is made by complete(): typed before it, the window completes,
    then the search opens."""
    window = first_frame()
    window.tree.setFocus()
    qtbot.keyClick(window.tree, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    assert window.completed
    qtbot.waitUntil(lambda: window.search_dialog is not None and window.search_dialog.isVisible())
    window.search_dialog.close()


def test_a_box_ticked_in_the_page_before_the_window_is_complete_is_saved_and_shown(first_frame):
    window = first_frame()
    item = window.state.guide.items[0].id
    window.view.linkActivated.emit(f"cocher:{item}")  # what a click on the box ☐ sends
    assert window.completed
    assert window.store.items.row(window.state.dossier_id, item).state == DONE
    assert window.model.item_progress(item).state == DONE


def test_another_guide_or_dossier_chosen_before_the_window_is_complete_is_what_the_panel_shows(first_frame):
    window = first_frame()
    other = next(guide for guide in window.content.guides.values() if guide.id != window.state.guide_id)
    window.tree.select_guide(other.id)
    assert window.state.guide_id == other.id and not window.completed
    window.complete()
    assert window.panel.title.text() == other.title
    assert window.model.checklists() == list(other.checklists)


def test_the_details_pane_hidden_before_the_window_is_complete_stays_hidden(first_frame, qtbot):
    window = first_frame()
    window.named_actions["view.details"].trigger()
    window.complete()
    qtbot.wait(10)
    assert not window.panel.details.isVisible()


def test_a_window_closed_before_it_is_complete_closes_and_remembers_its_guide(first_frame, data_dir):
    window = first_frame()
    guide = window.state.guide_id
    window.close()
    assert not window.isVisible() and not window.completed
    assert WindowSettings(data_dir / SETTINGS_FILE).last_guide == guide
    window.complete()  # what ui/app.py never does after a close, harmless all the same
    assert window.completed
