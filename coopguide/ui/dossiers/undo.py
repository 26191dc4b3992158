"""Undo/redo steps (Ctrl+Z / Ctrl+Y) for ticks, item edits, checklist resets and dossier deletion.

Each step is pushed *after* its change was committed to the store, so its first ``redo`` (which
QUndoStack calls on push) does nothing. Later undo/redo write the saved rows again, each as one
transaction, through :class:`~coopguide.ui.checklist_edits.ChecklistEdits` (which switches to the
step's dossier first so the user sees what changes) or, for a dossier put in the trash, through
:class:`~coopguide.ui.dossiers.controller.DossierController`. A write that fails shows the French
message and leaves the step where it was. A step applies only if the store still has the rows it
left (``after`` for undo, ``before`` for redo, as written): a row changed meanwhile by another
process is refused in French and the step is dropped, nothing is written.

Imported at the first edit, not at start (see :mod:`coopguide.ui.later`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QUndoCommand

from coopguide.core.store.progress import ItemProgress

if TYPE_CHECKING:
    from coopguide.ui.checklist_edits import ChecklistEdits
    from coopguide.ui.dossiers.controller import DossierController

NOTE_EDIT_ID = 1  # consecutive note edits of one item merge into a single undo step


class ItemsCommand(QUndoCommand):
    def __init__(
        self, edits: ChecklistEdits, dossier_id: int, before: list[ItemProgress], after: list[ItemProgress], text: str
    ) -> None:
        super().__init__(text)
        self.edits = edits
        self.dossier_id = dossier_id
        self.before = before
        self.after = after
        self._pushed = False

    def redo(self) -> None:
        if not self._pushed:
            self._pushed = True  # already committed before the push
            return
        written = self.edits.write_rows(self.dossier_id, self.after, self.before, "rétablir")
        if written is None:
            self.setObsolete(True)
        else:
            self.after = written  # what the store has now: the next undo checks against it

    def undo(self) -> None:
        written = self.edits.write_rows(self.dossier_id, self.before, self.after, "annuler")
        if written is None:
            self.setObsolete(True)
        else:
            self.before = written

    def id(self) -> int:
        return NOTE_EDIT_ID if self._is_note_edit() else -1

    def _is_note_edit(self) -> bool:
        if len(self.after) != 1 or len(self.before) != 1:
            return False
        before, after = self.before[0], self.after[0]
        return before.note != after.note and all(
            getattr(before, name) == getattr(after, name) for name in ("state", "done_by", "due", "assignee")
        )

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, ItemsCommand) or other.dossier_id != self.dossier_id:
            return False
        if not other._is_note_edit() or other.after[0].item_id != self.after[0].item_id:
            return False
        self.after = other.after
        return True


class DeleteDossierCommand(QUndoCommand):
    """Deleting puts the dossier in the trash; undo takes it out again."""

    def __init__(self, dossiers: DossierController, dossier_id: int, name: str) -> None:
        super().__init__(f"mettre « {name} » à la corbeille")
        self.dossiers = dossiers
        self.dossier_id = dossier_id
        self._pushed = False

    def redo(self) -> None:
        if not self._pushed:
            self._pushed = True
            return
        if not self.dossiers.trash_dossier(self.dossier_id, record=False):
            self.setObsolete(True)

    def undo(self) -> None:
        if not self.dossiers.restore_dossier(self.dossier_id):
            self.setObsolete(True)
