"""Named actions, and the menu bar laid out from one declaration.

Each feature makes its commands with :func:`action` and hands them over by name
(``{"dossier.new": action(self, "Nouveau dossier…", self.ask_new_dossier, QKeySequence.StandardKey.New,
writes=True)}``). ``MENU_BAR`` in :mod:`coopguide.ui.main_window` lists every menu, in reading order,
as :class:`Menu` entries naming those actions; :func:`build_menu_bar` lays it out.

An action that writes to the store is declared with ``writes=True`` (or :func:`mark_writes` for an
action Qt made, such as undo): :func:`build_menu_bar` disables all of them when the store is
read-only, whichever feature made them.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QMenuBar

Key = QKeySequence | QKeySequence.StandardKey | str
WRITES = "coopguide_writes"  # dynamic property of the actions that write to the store
TITLES_CONTEXT = "MainWindow"  # the menu titles are written in main_window.py


class Menu:
    """A menu: its name (for features that fill it), title, and entries: an action's name, a
    sub-menu, or None for a separator. (A plain class: a dataclass costs ~0.6 ms at every start.)"""

    __slots__ = ("entries", "name", "title")

    def __init__(self, name: str, title: str, entries: tuple[str | Menu | None, ...] = ()) -> None:
        self.name = name
        self.title = title
        self.entries = entries

    def __eq__(self, other: object) -> bool:  # by value (so not hashable)
        return isinstance(other, Menu) and self._key() == other._key()

    def _key(self) -> tuple[str, str, tuple[str | Menu | None, ...]]:
        return self.name, self.title, self.entries

    def __repr__(self) -> str:
        return f"Menu({self.name!r}, {self.title!r}, {self.entries!r})"


def shortcuts(*keys: Key) -> list[QKeySequence]:
    """The key sequences for ``keys``: a standard key gives all of the platform's bindings. A key
    listed twice would be ambiguous, so it is kept once; Backspace, which is « Back » on some
    platforms, is left out: too easy to hit while reading a list."""
    found: list[QKeySequence] = []
    for key in keys:
        if isinstance(key, QKeySequence.StandardKey):
            found.extend(QKeySequence.keyBindings(key))
        else:  # a sequence as it is: copying one has PySide6 build Qt's namespace (~12 ms) to pick the constructor
            found.append(key if isinstance(key, QKeySequence) else QKeySequence(key))
    return [k for k in dict.fromkeys(found) if not k.isEmpty() and k.toString() != "Backspace"]


def mark_writes(made: QAction) -> QAction:
    """Declare that ``made`` writes to the store: it is disabled when the store is read-only."""
    made.setProperty(WRITES, True)
    return made


def writes(made: QAction) -> bool:
    return bool(made.property(WRITES))


def named_action(parent: QObject, text: str) -> QAction:
    """A QAction with this text (already translated). Made from its parent, then named: Qt's
    ``QAction(text, parent)`` has PySide6 weigh the overloads with an icon, which makes QIcon's
    class and its ~200-name enums (~1.5 ms) on the start path, where no action has an icon."""
    made = QAction(parent)
    made.setText(text)
    return made


def action(parent: QObject, text: str, slot: Callable[[], object], *keys: Key, writes: bool = False) -> QAction:
    """A command: its text (translated in ``parent``'s context), what it does, its keys."""
    made = named_action(parent, parent.tr(text))
    made.triggered.connect(lambda: slot())  # triggered(bool) must not reach slots with optional arguments
    if keys:
        made.setShortcuts(shortcuts(*keys))
    if writes:
        mark_writes(made)
    return made


def build_menu_titles(menubar: QMenuBar, menus: Sequence[Menu]) -> dict[str, QMenu]:
    """The menu bar's menus, titled and empty, by name: what the window's first frame shows of
    them. :func:`build_menu_bar` fills them (``tops``) once the window is completed."""
    made: dict[str, QMenu] = {}
    for spec in menus:
        menu = made[spec.name] = QMenu(menubar)
        menu.setTitle(QCoreApplication.translate(TITLES_CONTEXT, spec.title))
        menubar.addMenu(menu)
    return made


def build_menu_bar(
    menubar: QMenuBar,
    menus: Sequence[Menu],
    actions: Mapping[str, QAction],
    *,
    read_only: bool,
    given: Mapping[str, QMenu] | None = None,
    tops: Mapping[str, QMenu] | None = None,
) -> dict[str, QMenu]:
    """Lay out ``menus`` in ``menubar`` from the named ``actions``; return the menus by name.

    A feature that fills or retitles a menu itself (bookmarks, the print targets) passes that QMenu
    in ``given`` under the menu's name; ``tops`` are the menu bar's menus already there (see
    :func:`build_menu_titles`), filled in place; every other menu is made here. With ``read_only``,
    every action that writes is disabled. An unknown name raises KeyError: the declaration and the
    features must agree."""
    given = given or {}
    tops = tops or {}
    built: dict[str, QMenu] = {}

    def make(spec: Menu) -> QMenu:
        menu = given.get(spec.name) or tops.get(spec.name) or QMenu(menubar)
        menu.setTitle(QCoreApplication.translate(TITLES_CONTEXT, spec.title))
        built[spec.name] = menu
        for entry in spec.entries:
            if entry is None:
                menu.addSeparator()
            elif isinstance(entry, Menu):
                menu.addMenu(make(entry))
            else:
                menu.addAction(actions[entry])
        return menu

    for spec in menus:
        menu = make(spec)
        if spec.name not in tops:
            menubar.addMenu(menu)
    if read_only:
        disable_writes(actions)
    return built


def disable_writes(actions: Mapping[str, QAction]) -> None:
    """A read-only store: every action that writes is disabled."""
    for made in actions.values():
        if writes(made):
            made.setEnabled(False)


def menu_layout(menubar: QMenuBar, actions: Mapping[str, QAction]) -> list[Menu]:
    """The menu bar as it is, read back as :class:`Menu` entries with empty names (for tests)."""
    names = {made: name for name, made in actions.items()}

    def read(menu: QMenu) -> Menu:
        entries: list[str | Menu | None] = []
        for made in menu.actions():
            sub = made.menu()
            if made.isSeparator():
                entries.append(None)
            elif isinstance(sub, QMenu):
                entries.append(read(sub))
            else:
                entries.append(names.get(made, f"? {made.text()}"))
        return Menu("", menu.title(), tuple(entries))

    menus = [made.menu() for made in menubar.actions()]
    return [read(menu) for menu in menus if isinstance(menu, QMenu)]
