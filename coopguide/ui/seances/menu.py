"""The « Séance » actions, for training séances: presentation mode (F5), preparing a séance from a
preset (one dossier per group and the handout PDF), the séance's groups side by side (« Vue
d'ensemble »: export and import every group at once, the printed summary), and the séance log.

On the start path: it makes the actions only. The presentation and the dialogs are in
:mod:`coopguide.ui.seances.handlers`, imported when one of them is first used.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDialog, QMainWindow

from coopguide.ui.actions import action
from coopguide.ui.checklist_edits import ChecklistEdits
from coopguide.ui.later import Later
from coopguide.ui.reading_state import ReadingState

if TYPE_CHECKING:
    from coopguide.ui.seances import handlers
    from coopguide.ui.seances.overview_dialog import SeanceOverviewDialog
    from coopguide.ui.seances.presentation import PresentationWindow
    from coopguide.ui.seances.presenter import PresenterView
else:
    handlers = Later("coopguide.ui.seances.handlers")


class SeanceMenu(QObject):
    """``templates`` are the guides' HTML pages; ``show_section(guide_id, anchor)`` brings the main
    window back on a section when the presentation ends."""

    def __init__(
        self,
        window: QMainWindow,
        state: ReadingState,
        edits: ChecklistEdits,
        templates: Mapping[str, str],
        show_section: Callable[[str, str], None],
    ) -> None:
        super().__init__(window)
        self.window = window
        self.state = state
        self.edits = edits
        self.templates = templates
        self.show_section = show_section
        self.presentation: PresentationWindow | None = None  # kept: a window without a reference is collected
        self.overview: SeanceOverviewDialog | None = None  # likewise (not modal)
        self.presenter: PresenterView | None = None  # with two screens, beside the presentation
        self.present_action = action(self, "&Présenter ce guide", self.present, "F5")
        self.present_action.setStatusTip(self.tr("Plein écran, en grand, une partie à la fois (Échap pour revenir)"))
        self._actions = {
            "seance.present": self.present_action,
            "seance.prepare": action(self, "Préparer une &séance…", self.open_prepare_dialog, writes=True),
            "seance.overview": action(self, "&Vue d'ensemble de la séance…", self.open_overview, "Ctrl+Shift+D"),
            "seance.log": action(self, "&Journal des séances…", self.open_log),
        }

    def actions(self) -> dict[str, QAction]:
        return dict(self._actions)

    def present(self, full_screen: bool = True) -> PresentationWindow:
        """F5: present the guide shown (or bring back the presentation already open)."""
        return handlers.present(self, full_screen)

    def open_prepare_dialog(self) -> QDialog:
        return handlers.open_prepare_dialog(self)

    def open_overview(self) -> QDialog:
        """Every group of the séance side by side (the current dossier's séance, else the latest)."""
        return handlers.open_overview(self)

    def open_log(self) -> QDialog:
        return handlers.open_log(self)
