"""The menu bar is MENU_BAR, in its order; every action that writes is declared so and is disabled
when the data folder is read-only."""

from __future__ import annotations

import pytest

from coopguide.core.content import cache as content_cache
from coopguide.core.store import open_read_only, open_store
from coopguide.ui.actions import Menu, menu_layout, writes
from coopguide.ui.main_window import MENU_BAR, MainWindow

# What writes to the store. Kept here by hand: a new action that writes must be added, and declared
# with writes=True, or this test fails.
WRITING = {
    "dossier.import",
    "dossier.import_folder",
    "dossier.new",
    "dossier.edit",
    "dossier.scope",
    "dossier.key_dates",
    "dossier.duplicate",
    "dossier.archive",
    "dossier.delete",
    "dossier.trash",
    "checklist.reset",
    "edit.undo",
    "edit.redo",
    "bookmark.toggle",
    "seance.prepare",
}


def unnamed(menu: Menu) -> Menu:
    """The declaration as the menu bar reads back: titles and entries, without the menus' names."""
    entries = tuple(unnamed(e) if isinstance(e, Menu) else e for e in menu.entries)
    return Menu("", menu.title, entries)


def names_in(menus) -> list[str]:
    found = []
    for menu in menus:
        for entry in menu.entries:
            if isinstance(entry, Menu):
                found += names_in([entry])
            elif entry is not None:
                found.append(entry)
    return found


@pytest.fixture
def read_only_window(qtbot, content_root, data_dir):
    open_store(data_dir).close()  # a database exists, then the folder is opened read-only
    store = open_read_only(data_dir)
    window = MainWindow(store, content_cache.load(content_root, None), data_dir)
    qtbot.addWidget(window)
    yield window
    store.close()


def test_the_menu_bar_is_menu_bar_in_reading_order(window):
    built = menu_layout(window.menuBar(), window.named_actions)
    assert built == [unnamed(menu) for menu in MENU_BAR]


def test_every_action_has_one_place_in_the_menu_bar(window):
    placed = names_in(MENU_BAR)
    assert sorted(placed) == sorted(set(placed)), "an action listed twice"
    assert set(placed) == set(window.named_actions)


def test_the_actions_that_write_are_declared_so(window):
    assert {name for name, made in window.named_actions.items() if writes(made)} == WRITING


def test_on_a_read_only_store_every_writing_action_is_disabled(read_only_window):
    actions = read_only_window.named_actions
    assert [name for name in sorted(WRITING) if actions[name].isEnabled()] == []
    assert not actions["seance.prepare"].isEnabled()  # « Préparer une séance… » was left enabled
    reading = (
        "dossier.export",
        "dossier.export_many",
        "dossier.dashboard",
        "seance.present",
        "seance.log",
        "search.open",
        "print.pack",
    )
    assert all(actions[name].isEnabled() for name in reading)  # reading and exporting stay possible


def test_on_a_writable_store_the_writing_actions_are_enabled(window):
    actions = window.named_actions
    stack_driven = {"edit.undo", "edit.redo"}  # enabled by the undo stack when there is a step
    assert [name for name in sorted(WRITING - stack_driven) if not actions[name].isEnabled()] == []
