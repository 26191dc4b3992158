"""The « Aide » action: « Raccourcis clavier… » (F1), the list of every shortcut of the window.

The dialog (:mod:`coopguide.ui.shortcuts_dialog`) is imported when F1 is first pressed, not at start.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow

from coopguide.ui.actions import action
from coopguide.ui.later import Later

if TYPE_CHECKING:
    from coopguide.ui import shortcuts_dialog
    from coopguide.ui.shortcuts_dialog import ShortcutsDialog
else:
    shortcuts_dialog = Later("coopguide.ui.shortcuts_dialog")


class HelpMenu(QObject):
    def __init__(self, window: QMainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.shortcuts_dialog: ShortcutsDialog | None = None  # the last one opened
        keys = QKeySequence.keyBindings(QKeySequence.StandardKey.HelpContents) or [QKeySequence("F1")]
        self._actions = {"help.shortcuts": action(self, "&Raccourcis clavier…", self.open_shortcuts, *keys)}

    def actions(self) -> dict[str, QAction]:
        return dict(self._actions)

    def open_shortcuts(self) -> ShortcutsDialog:
        self.shortcuts_dialog = shortcuts_dialog.open_shortcuts(self.window)
        return self.shortcuts_dialog
