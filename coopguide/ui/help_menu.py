"""The « Aide » menu: « Par où commencer ? », « Comparer les formes », « Raccourcis clavier… » (F1).

Each dialog's module is imported when its entry is first used, not at start
(:mod:`coopguide.ui.shortcuts_dialog`, :mod:`coopguide.ui.start_here`). « Par où commencer ? » also
opens by itself once, at the first start (:meth:`HelpMenu.show_at_first_start`, called by the app's
start once the window is complete, never by ``MainWindow`` itself: tests and scripts that open a
window never get it). A setting in the database remembers it was shown, so it never comes back
unasked.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow

from coopguide.core.shared import paths
from coopguide.core.shared.dates import now_iso
from coopguide.ui.actions import action
from coopguide.ui.errors import reported_errors
from coopguide.ui.later import Later

if TYPE_CHECKING:
    from coopguide.ui import shortcuts_dialog, start_here
    from coopguide.ui.shortcuts_dialog import ShortcutsDialog
    from coopguide.ui.start_here import StartHereDialog
else:
    shortcuts_dialog = Later("coopguide.ui.shortcuts_dialog")
    start_here = Later("coopguide.ui.start_here")

SEEN_KEY = "orientation_vue"  # in the database: « Par où commencer ? » was shown once (same as start_here's)


class HelpMenu(QObject):
    def __init__(self, window: QMainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.shortcuts_dialog: ShortcutsDialog | None = None  # the last one opened
        self.start_dialog: StartHereDialog | None = None
        keys = QKeySequence.keyBindings(QKeySequence.StandardKey.HelpContents) or [QKeySequence("F1")]
        self._actions = {
            "help.start": action(self, "Par où &commencer ?…", self.open_start),
            "help.compare": action(self, "Comparer les &formes (Scop, Scic, CAE…)…", self.open_comparison),
            "help.shortcuts": action(self, "&Raccourcis clavier…", self.open_shortcuts, *keys),
        }

    def actions(self) -> dict[str, QAction]:
        return dict(self._actions)

    def open_shortcuts(self) -> ShortcutsDialog:
        self.shortcuts_dialog = shortcuts_dialog.open_shortcuts(self.window)
        return self.shortcuts_dialog

    def open_start(self, compare: bool = False) -> StartHereDialog | None:
        """« Par où commencer ? » (or the forms compared), over the window; None if it cannot open."""
        window = self.window
        if self.start_dialog is not None and self.start_dialog.isVisible():
            self.start_dialog.close()
        with reported_errors(window):
            self.start_dialog = start_here.open_start_here(
                window,
                window.store,  # type: ignore[attr-defined]
                window.content,  # type: ignore[attr-defined]
                paths.content_dir(),
                compare,
            )
            return self.start_dialog
        return None

    def open_comparison(self) -> StartHereDialog | None:
        return self.open_start(compare=True)

    def show_at_first_start(self) -> StartHereDialog | None:
        """« Par où commencer ? » the first time this data folder is opened (and never again unasked),
        for a new user only: a folder whose dossiers are in use already (a trainer's, after an
        update) is not interrupted; the Aide menu has it."""
        store = self.window.store  # type: ignore[attr-defined]
        if store.read_only or store.db.setting(SEEN_KEY) is not None:
            return None
        with reported_errors(self.window, in_status_bar=True) as outcome:
            store.db.set_setting(SEEN_KEY, now_iso())
        if outcome.failed or store.dossiers.untouched_default() is None:
            return None
        return self.open_start()
