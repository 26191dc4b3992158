"""Affichage › « Liste des guides » and « Détails de l'élément »: hide the side panes to give the page
and the check-list the room a small screen lacks, and bring them back. What is hidden is kept in
``fenetre.ini`` (it belongs to this screen), and a hidden pane is out of Tab and F6 too.

The panes also collapse by dragging the splitter handles; hiding from the menu is the way back that
does not need a mouse.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction

from coopguide.ui.actions import named_action
from coopguide.ui.window_settings import WindowSettings

GUIDES, DETAILS = "guides", "details"
TITLES = {GUIDES: "Liste des guides", DETAILS: "Détails de l'élément"}


class Panes(QObject):
    """``show`` maps a pane's name to the function that shows (True) or hides (False) it."""

    def __init__(self, parent: QObject, settings: WindowSettings, show: dict[str, Callable[[bool], None]]) -> None:
        super().__init__(parent)
        self.settings = settings
        self._show = show
        self._actions: dict[str, QAction] = {}
        hidden = settings.hidden_panes
        for name in show:
            made = named_action(self, self.tr(TITLES[name]))
            made.setCheckable(True)
            made.setChecked(name not in hidden)
            made.toggled.connect(lambda shown, pane=name: self._apply(pane, shown))
            self._actions[f"view.{name}"] = made
            show[name](name not in hidden)

    def actions(self) -> dict[str, QAction]:
        return dict(self._actions)

    def set_shown(self, name: str, shown: bool) -> None:
        self._actions[f"view.{name}"].setChecked(shown)  # toggled: shown or hidden, and remembered

    def _apply(self, name: str, shown: bool) -> None:
        self._show[name](shown)
        hidden = set(self.settings.hidden_panes)
        (hidden.discard if shown else hidden.add)(name)
        self.settings.hidden_panes = frozenset(hidden)
