"""« Mes prochaines actions » (Dossier menu, Ctrl+J, and a link on the dashboard): the current
dossier's next items on one screen, in large type, late ones first.

Not modal: the group keeps it open beside the guide while they work, and it follows every change
of progress (a tick in the window, another dossier, a merge). A click on an item's text opens its
guide with the item chosen in the check-list; its box ticks it from here, through the same
:class:`~coopguide.ui.checklist_edits.ChecklistEdits` as the panel (one transaction, an undo step).
« Regrouper par personne » shows who does what. Printing goes through the « Imprimer » menu's
job (« Prochaines actions (une page) »), so the page, the paper size and the PDF name are the same
from both places.

What is listed, and in which order, is decided in :mod:`coopguide.core.next_actions`. Imported at
the first use (:mod:`coopguide.ui.later`), not on the start path.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QCheckBox, QDialog, QDialogButtonBox, QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from coopguide.core.next_actions import NextActions, build_next_actions, next_actions_html
from coopguide.core.shared import paths
from coopguide.core.store.progress import DONE
from coopguide.ui.guide_view import GuideView
from coopguide.ui.print_menu import NEXT
from coopguide.ui.reading_state import ReadingState

if TYPE_CHECKING:
    from coopguide.ui.dossiers.controller import DossierController

READING_POINTS = 14  # larger than the guide's 12 pt: read from a little further, by a group


class NextActionsDialog(QDialog):
    itemChosen = Signal(str)  # an item's text was clicked: show it in its guide
    tickChosen = Signal(str)  # its box was clicked: tick it

    def __init__(
        self,
        state: ReadingState,
        parent: QWidget | None = None,
        preview: Callable[[], object] | None = None,
        export_pdf: Callable[[], object] | None = None,
        today: Callable[[], dt.date] = dt.date.today,
    ) -> None:
        super().__init__(parent)
        self.state = state
        self.today = today
        self.board: NextActions | None = None
        self.setWindowTitle(self.tr("Mes prochaines actions"))
        self.resize(980, 700)  # the fitter shrinks it to a small screen
        css = (paths.resources_dir() / "style" / "guide.css").read_text(encoding="utf-8")
        self.view = GuideView(paths.content_dir(), css)
        font = QFont(self.view.font())
        font.setPointSizeF(max(font.pointSizeF(), READING_POINTS))
        self.view.setFont(font)
        self.view.setAccessibleName(self.tr("Prochaines actions du dossier"))
        self.view.setAccessibleDescription(
            self.tr("Le texte d'un élément ouvre son guide ; sa case ☐ le coche comme fait")
        )
        self.view.linkActivated.connect(self._follow_link)
        self.grouped = QCheckBox(self.tr("&Regrouper par personne"))
        self.grouped.toggled.connect(self.refresh)
        self.preview_button = QPushButton(self.tr("&Aperçu avant impression…"))
        self.pdf_button = QPushButton(self.tr("&Exporter en PDF (une page)…"))
        for button, job in ((self.preview_button, preview), (self.pdf_button, export_pdf)):
            button.setEnabled(job is not None)
            if job is not None:
                button.clicked.connect(lambda _checked=False, job=job: job())
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        row = QHBoxLayout()
        row.addWidget(self.grouped)
        row.addStretch(1)
        row.addWidget(self.preview_button)
        row.addWidget(self.pdf_button)
        row.addWidget(buttons)
        layout = QVBoxLayout(self)
        layout.addWidget(self.view, 1)
        layout.addLayout(row)
        self.refresh()

    def refresh(self) -> None:
        """Build the list again from the progress the window holds (kept where the reader was)."""
        dossier = self.state.dossier()
        if dossier is None:
            self.board = None
            self.view.show_html("<p>" + self.tr("Aucun dossier ouvert.") + "</p>")
            return
        key_dates = self.state.store.key_dates.list(dossier.id)
        self.board = build_next_actions(self.state.content, self.state.resolved, dossier, self.today(), key_dates)
        tick = not self.state.store.read_only
        self.view.show_html(
            next_actions_html(self.board, grouped=self.grouped.isChecked(), tick=tick), keep_position=True
        )
        self.setWindowTitle(self.tr("Mes prochaines actions — %1").replace("%1", dossier.name))

    def progress_changed(self, *_args: object) -> None:
        if self.isVisible():
            self.refresh()

    def _follow_link(self, target: str) -> None:
        scheme, _, rest = target.partition(":")
        if scheme == "item":
            self.itemChosen.emit(rest)
        elif scheme == "cocher" and not self.state.store.read_only:
            self.tickChosen.emit(rest)


def open_dialog(controller: DossierController) -> NextActionsDialog:
    """One at a time, not modal; brought back to the front when already open."""
    old = controller.next_actions
    if old is not None and old.isVisible():
        old.refresh()
        old.raise_()
        old.activateWindow()
        return old
    window, state = controller.window, controller.state
    printing = getattr(window, "printing", None)  # the window's « Imprimer » menu (typed as a QMainWindow)
    dialog = NextActionsDialog(
        state,
        window,
        preview=(lambda: printing.preview(NEXT)) if printing else None,
        export_pdf=(lambda: printing.export_pdf(NEXT)) if printing else None,
    )
    follow = getattr(window, "follow_link", None)

    def show_item(item_id: str) -> None:
        if follow is not None:
            follow(f"item:{item_id}")
            window.activateWindow()

    dialog.itemChosen.connect(show_item)
    dialog.tickChosen.connect(lambda item_id: controller.edits.tick(item_id, DONE))
    for signal in (state.progressChanged, state.itemsChanged, state.dossierChanged):
        signal.connect(dialog.progress_changed)
    controller.next_actions = dialog
    dialog.show()
    return dialog
