"""Every change to a dossier's checklist items goes through here: commit, undo step, redraw.

A tick in the list, in the page or in the presentation, and an edit in the item's details
(state, assignee, due date, note) all call :meth:`ChecklistEdits.change_item`. It writes one row
in one transaction; only once the store has it does it push the undo step and have
:class:`~coopguide.ui.reading_state.ReadingState` read that row again
(:meth:`~coopguide.ui.reading_state.ReadingState.reload_items`), whose ``itemsChanged`` redraws only
that item: its box in the page, its row in the list, the progress bars, its guide in the tree. A
refused write shows its French message and changes nothing on screen.

Undo and redo write the saved rows back through :meth:`ChecklistEdits.write_rows`, switching to the
step's dossier first so the user sees what changes; a step whose rows were changed meanwhile by
another process (``coopguide import --into``) is refused and the window reads the progress again.
Resetting a checklist and merging an imported file record their undo step with
:meth:`ChecklistEdits.record_rows`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QMainWindow, QWidget

from coopguide.core.content.item_boxes import plain_text
from coopguide.core.store.progress import NOT_APPLICABLE, TODO, ItemProgress
from coopguide.ui.errors import reported_errors
from coopguide.ui.later import Later
from coopguide.ui.reading_state import ReadingState

if TYPE_CHECKING:
    from coopguide.ui import a11y
    from coopguide.ui.dossiers import undo
else:
    a11y = Later("coopguide.ui.a11y")  # at the first tick (or once the first frame is painted)
    undo = Later("coopguide.ui.dossiers.undo")  # at the first edit


class ChecklistEdits(QObject):
    """``who_ticks()`` names the member ticking on this computer; ticks are announced on ``page``
    for screen readers; messages go to ``window`` (its status bar, or a box over it)."""

    def __init__(
        self,
        window: QMainWindow,
        state: ReadingState,
        undo_stack: QUndoStack,
        who_ticks: Callable[[], str],
        page: QWidget,
    ) -> None:
        super().__init__(window)
        self.window = window
        self.state = state
        self.undo_stack = undo_stack
        self._who_ticks = who_ticks
        self._page = page

    def change_item(self, item_id: str, changes: dict[str, Any], label: str) -> bool:
        """One user edit of one item (state, note, due date, assignee): commit, record undo, redraw.

        Only the edited fields are written, on the row as the store has it now (another process,
        such as ``coopguide import --into``, may have changed it since the window read it); a note
        is written as the user's changes to the note the window showed, so a note merged meanwhile
        keeps both texts."""
        state, content = self.state, self.state.content
        item = content.items().get(item_id)
        with reported_errors(self.window) as outcome:
            before, saved = state.store.items.change(
                state.dossier_id,
                item_id,
                changes,
                content_edition=content.edition,
                done_by=self._who_ticks() if "state" in changes else "",
                item_text=item.text if item else "",
                base=state.resolved.get(item_id),
                note_base=state.resolved.get(item_id).note if "note" in changes else None,
            )
        if outcome.failed:
            return False
        text = f"{label} « {plain_text(saved.item_text)[:40]} »" if saved.item_text else label
        self.record_rows(state.dossier_id, [before], [saved], text)
        state.reload_items([saved.item_id])
        return True

    def tick(self, item_id: str, new_state: str) -> bool:
        """A box ticked, unticked or marked N.A. in the list: saved, then said in the status bar and
        to screen readers."""
        label = {TODO: self.tr("décocher"), NOT_APPLICABLE: self.tr("marquer non applicable")}.get(
            new_state, self.tr("cocher")
        )
        if not self.change_item(item_id, {"state": new_state}, label):
            return False
        self.window.statusBar().showMessage(
            self.tr("Enregistré.") if new_state != TODO else self.tr("Case décochée, enregistré."), 3000
        )
        item = self.state.content.items().get(item_id)
        done = {TODO: self.tr("Décoché"), NOT_APPLICABLE: self.tr("Non applicable")}.get(new_state, self.tr("Coché"))
        a11y.announce(self._page, f"{done} : {plain_text(item.text)}" if item else done)
        return True

    def record_rows(self, dossier_id: int, before: list[ItemProgress], after: list[ItemProgress], text: str) -> None:
        """Push the undo step of rows already committed (its first redo does nothing)."""
        self.undo_stack.push(undo.ItemsCommand(self, dossier_id, before, after, text))

    def write_rows(
        self, dossier_id: int, rows: list[ItemProgress], expected: list[ItemProgress], action: str
    ) -> list[ItemProgress] | None:
        """Write rows back (undo/redo) if the store still has ``expected`` (what the step left),
        then show the dossier they belong to. Refused (changed elsewhere) or failed: the French
        message is shown and the progress is read again so the window shows what the store has."""
        with reported_errors(self.window) as outcome:
            written = self.state.store.items.write_back(dossier_id, rows, expected, f"{action} la modification")
        if outcome.failed:
            self.state.reload()
            return None
        if dossier_id != self.state.dossier_id:
            self.state.set_dossier(dossier_id)
        else:
            self.state.reload_items(row.item_id for row in written)
        return written
