"""The current guide's checklists as a two-level Qt model: checklists, then their items.

A tick goes through :meth:`ChecklistModel.setData`, which calls ``commit``
(:meth:`ChecklistEdits.tick <coopguide.ui.checklist_edits.ChecklistEdits.tick>` writes to the store;
the window then calls :meth:`update_items`): the model changes what it shows only from committed
data, so a tick that could not be saved is never displayed as done. ``set_progress`` (another
dossier) and ``update_items`` (one tick: that row and its checklist's only, so the view measures
one row again, not all of them) emit ``dataChanged`` instead of resetting, so a keyboard user keeps
their place.

Item states: ☑ done (Checked), N.A. (PartiallyChecked, italic, "non applicable"), ☐ to do.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QAbstractItemModel, QModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QFont

from coopguide.core.content.item_boxes import plain_text
from coopguide.core.content.model import Checklist, ChecklistItem
from coopguide.core.shared.dates import long_date
from coopguide.core.store.progress import DONE, NOT_APPLICABLE, TODO, ItemProgress
from coopguide.ui import theme

if TYPE_CHECKING:
    from typing import TypeAlias

    from PySide6.QtCore import QPersistentModelIndex

    Index: TypeAlias = QModelIndex | QPersistentModelIndex  # what Qt may pass to the model's methods

ROOT = QModelIndex()  # immutable invalid index, the default parent
TOP = 0  # internal id of checklist rows; item rows carry their checklist's row + 1
ItemIdRole = Qt.ItemDataRole.UserRole + 1
ProgressRole = Qt.ItemDataRole.UserRole + 2
SPOKEN_STATES = {DONE: "Fait", NOT_APPLICABLE: "Non applicable", TODO: "À faire"}  # AccessibleTextRole


class ChecklistModel(QAbstractItemModel):
    progressChanged = Signal()
    itemToggled = Signal(str, bool)

    def __init__(self, commit: Callable[[str, str], bool], parent=None):
        super().__init__(parent)
        self._commit = commit  # (item id, new state) -> True once written to the store
        self.read_only = False  # ticks shown but not changeable (data folder cannot be written)
        self.today = dt.date.today()
        self._checklists: list[Checklist] = []
        self._progress: dict[str, ItemProgress] = {}
        self._rows: dict[str, tuple[int, int]] = {}  # item id → (checklist row, item row)
        self.unfollowed: frozenset[str] = frozenset()  # check-lists the dossier does not follow (its scope)
        self._done: list[int] = []  # per checklist row: its items done or N.A. (« 3 / 12 »)

    # -- content -------------------------------------------------------------------------------
    def set_checklists(self, checklists: list[Checklist], progress: dict[str, ItemProgress]) -> None:
        self.beginResetModel()
        self._checklists = list(checklists)
        self._progress = dict(progress)
        self._rows = {
            item.id: (c_row, i_row) for c_row, c in enumerate(checklists) for i_row, item in enumerate(c.items)
        }
        self._count_done(range(len(self._checklists)))
        self.endResetModel()
        self.progressChanged.emit()

    def set_unfollowed(self, checklist_ids) -> None:
        """Say beside these check-lists' titles that the dossier does not follow them."""
        unfollowed = frozenset(checklist_ids)
        if unfollowed == self.unfollowed:
            return
        self.unfollowed = unfollowed
        for row in range(len(self._checklists)):
            title = self.index(row, 0)
            self.dataChanged.emit(title, title)

    def set_progress(self, progress: dict[str, ItemProgress]) -> None:
        """New committed data for the same checklists: repaint in place, keep selection and focus."""
        self._progress = dict(progress)
        self.today = dt.date.today()
        self._count_done(range(len(self._checklists)))
        for row in range(len(self._checklists)):
            parent = self.index(row, 0)
            self.dataChanged.emit(parent, parent)
            count = self.rowCount(parent)
            if count:
                self.dataChanged.emit(self.index(0, 0, parent), self.index(count - 1, 0, parent))
        self.progressChanged.emit()

    def update_items(self, progress: dict[str, ItemProgress], item_ids: list[str]) -> None:
        """New committed data for a few items: repaint their rows and their checklists' titles
        (« 3 / 12 »). A new day since the last redraw changes every « en retard »: all rows then."""
        if dt.date.today() != self.today:
            self.set_progress(progress)
            return
        # Only these items changed (ReadingState.reload_items): their entries are taken, not a copy
        # of the whole dossier's progress.
        for item_id in item_ids:
            if item_id in progress:
                self._progress[item_id] = progress[item_id]
            else:
                self._progress.pop(item_id, None)
        rows = [self._rows[item_id] for item_id in dict.fromkeys(item_ids) if item_id in self._rows]
        self._count_done(dict.fromkeys(c_row for c_row, _ in rows))
        for c_row, i_row in rows:
            parent = self.index(c_row, 0)
            index = self.index(i_row, 0, parent)
            self.dataChanged.emit(index, index)
            self.dataChanged.emit(parent, parent)
        self.progressChanged.emit()

    def _count_done(self, checklist_rows) -> None:
        """Count again the done items of these checklists (the title rows and the bar read them)."""
        if len(self._done) != len(self._checklists):
            self._done = [0] * len(self._checklists)
            checklist_rows = range(len(self._checklists))
        for row in checklist_rows:
            self._done[row] = sum(self.item_progress(item.id).is_complete for item in self._checklists[row].items)

    def item_progress(self, item_id: str) -> ItemProgress:
        return self._progress.get(item_id) or ItemProgress(item_id)

    def progress(self) -> tuple[int, int]:
        return sum(self._done), sum(len(c.items) for c in self._checklists)

    def is_done(self, item_id: str) -> bool:
        """Done or not applicable (both count as done)."""
        return self.item_progress(item_id).is_complete

    def checklists(self) -> list[Checklist]:
        return list(self._checklists)

    def item(self, index: Index) -> ChecklistItem | None:
        return self._item(index)

    def checklist_at(self, index: Index) -> Checklist | None:
        if not index.isValid():
            return None
        row = index.row() if index.internalId() == TOP else index.internalId() - 1
        return self._checklists[row]

    def index_of_item(self, item_id: str) -> QModelIndex:
        rows = self._rows.get(item_id)
        return self.index(rows[1], 0, self.index(rows[0], 0)) if rows else QModelIndex()

    def toggle(self, item_id: str) -> bool:
        index = self.index_of_item(item_id)
        if not index.isValid():
            return False
        return self.set_state(item_id, TODO if self.is_done(item_id) else DONE)

    def set_state(self, item_id: str, state: str) -> bool:
        if not self.index_of_item(item_id).isValid():
            return False  # read-only: the store refuses with the message the user needs to see
        return state == self.item_progress(item_id).state or self._commit(item_id, state)

    def _item(self, index: Index) -> ChecklistItem | None:
        if not index.isValid() or index.internalId() == TOP:
            return None
        return self._checklists[index.internalId() - 1].items[index.row()]

    # -- Qt model interface --------------------------------------------------------------------
    def index(self, row: int, column: int, parent: Index = ROOT) -> QModelIndex:
        if column != 0 or row < 0:
            return QModelIndex()
        if not parent.isValid():
            return self.createIndex(row, 0, TOP) if row < len(self._checklists) else QModelIndex()
        if parent.internalId() == TOP and row < len(self._checklists[parent.row()].items):
            return self.createIndex(row, 0, parent.row() + 1)
        return QModelIndex()

    def parent(self, index: QModelIndex = ROOT) -> QModelIndex:  # type: ignore[override]
        if not index.isValid() or index.internalId() == TOP:
            return QModelIndex()
        return self.createIndex(index.internalId() - 1, 0, TOP)

    def rowCount(self, parent: Index = ROOT) -> int:
        if not parent.isValid():
            return len(self._checklists)
        if parent.internalId() == TOP:
            return len(self._checklists[parent.row()].items)
        return 0

    def columnCount(self, parent: Index = ROOT) -> int:
        return 1

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.internalId() != TOP:
            flags |= Qt.ItemFlag.ItemNeverHasChildren
            if not self.read_only:
                flags |= Qt.ItemFlag.ItemIsUserCheckable
        return flags

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        item = self._item(index)
        if item is None:
            checklist = self._checklists[index.row()]
            if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
                done = self._done[index.row()]
                apart = " (non suivie par ce dossier)" if checklist.id in self.unfollowed else ""
                if role == Qt.ItemDataRole.AccessibleTextRole:
                    return f"{checklist.title} — {done} sur {len(checklist.items)} fait(s){apart}"
                return f"{checklist.title} — {done} / {len(checklist.items)}{apart}"
            if role == ItemIdRole:
                return checklist.id
            return None
        progress = self.item_progress(item.id)
        if role == Qt.ItemDataRole.DisplayRole:
            details = self.details(progress)
            return plain_text(item.text) + (f"\n{details}" if details else "")
        if role == Qt.ItemDataRole.ToolTipRole:
            return plain_text(item.text) + (f"\n\nNote : {progress.note}" if progress.note else "")
        if role == Qt.ItemDataRole.CheckStateRole:
            return {DONE: Qt.CheckState.Checked, NOT_APPLICABLE: Qt.CheckState.PartiallyChecked}.get(
                progress.state, Qt.CheckState.Unchecked
            )
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return self.spoken_text(item, progress)
        if role == Qt.ItemDataRole.AccessibleDescriptionRole:
            return self.spoken_details(progress)
        if role == Qt.ItemDataRole.FontRole and progress.state == NOT_APPLICABLE:
            font = QFont()
            font.setItalic(True)
            return font
        if role == Qt.ItemDataRole.ForegroundRole:
            if progress.state == NOT_APPLICABLE:
                return QBrush(theme.colour("na"))
            if progress.is_overdue(self.today):
                return QBrush(theme.colour("alert"))
        if role == ItemIdRole:
            return item.id
        if role == ProgressRole:
            return progress
        return None

    def details(self, progress: ItemProgress) -> str:
        """The second line of a row: N.A., who, due date (« en retard »), note marker."""
        parts = []
        if progress.state == NOT_APPLICABLE:
            parts.append("non applicable")
        elif progress.state == DONE and progress.done_by:
            parts.append(f"fait par {progress.done_by}")
        if progress.assignee and not progress.is_complete:
            parts.append(f"→ {progress.assignee}")
        if progress.due and not progress.is_complete:
            late = "EN RETARD, " if progress.is_overdue(self.today) else ""
            parts.append(f"{late}avant le {long_date(progress.due)}")
        if progress.note:
            parts.append("✎ note")
        return " · ".join(parts)

    def spoken_text(self, item: ChecklistItem, progress: ItemProgress) -> str:
        """What a screen reader says for a row: the state first (the box is not seen), then the text."""
        state = SPOKEN_STATES.get(progress.state, SPOKEN_STATES[TODO])
        late = ", en retard" if progress.is_overdue(self.today) else ""
        return f"{state} — {plain_text(item.text)}{late}"

    def spoken_details(self, progress: ItemProgress) -> str:
        """The second line of a row in words (no « → » or « ✎ »): who and when, assignee, due date, note."""
        parts = []
        if progress.is_complete and (progress.done_at or progress.done_by):
            verb = "marqué non applicable" if progress.state == NOT_APPLICABLE else "fait"
            who = f" par {progress.done_by}" if progress.done_by else ""
            when = f" le {long_date(progress.done_at[:10])}" if progress.done_at else ""
            parts.append(f"{verb}{who}{when}")
        if progress.assignee and not progress.is_complete:
            parts.append(f"responsable : {progress.assignee}")
        if progress.due and not progress.is_complete:
            late = "en retard, " if progress.is_overdue(self.today) else ""
            parts.append(f"{late}à faire avant le {long_date(progress.due)}")
        if progress.note:
            parts.append("une note est écrite")
        return ". ".join(parts)

    def setData(self, index: Index, value, role: int = Qt.ItemDataRole.EditRole) -> bool:
        item = self._item(index)
        if item is None or role != Qt.ItemDataRole.CheckStateRole or self.read_only:
            return False
        checked = (
            Qt.CheckState(value) == Qt.CheckState.Checked
            if isinstance(value, int)
            else (value == Qt.CheckState.Checked)
        )
        if checked == (self.item_progress(item.id).state == DONE):
            return True
        state = DONE if checked else TODO
        if not self._commit(item.id, state):
            return False
        self.itemToggled.emit(item.id, checked)
        return True
