"""The current guide's checklists as a two-level Qt model: checklists, then their items.

A tick goes through :meth:`ChecklistModel.setData`, which first calls ``commit`` (the store write)
and changes what the view shows only once ``commit`` returned: a tick that could not be saved is
never displayed as done.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QAbstractItemModel, QModelIndex, Qt, Signal

from coopguide.core.item_boxes import plain_text
from coopguide.core.model import Checklist, ChecklistItem

ROOT = QModelIndex()  # immutable invalid index, the default parent
TOP = 0  # internal id of checklist rows; item rows carry their checklist's row + 1
ItemIdRole = Qt.ItemDataRole.UserRole + 1


class ChecklistModel(QAbstractItemModel):
    progressChanged = Signal()
    itemToggled = Signal(str, bool)

    def __init__(self, commit: Callable[[str, bool], bool], parent=None):
        super().__init__(parent)
        self._commit = commit
        self.read_only = False  # ticks shown but not changeable (data folder cannot be written)
        self._checklists: list[Checklist] = []
        self._done: set[str] = set()

    # -- content -------------------------------------------------------------------------------
    def set_checklists(self, checklists: list[Checklist], done: set[str]) -> None:
        self.beginResetModel()
        self._checklists = list(checklists)
        self._done = set(done)
        self.endResetModel()
        self.progressChanged.emit()

    def progress(self) -> tuple[int, int]:
        items = [item for c in self._checklists for item in c.items]
        return sum(item.id in self._done for item in items), len(items)

    def is_done(self, item_id: str) -> bool:
        return item_id in self._done

    def index_of_item(self, item_id: str) -> QModelIndex:
        for c_row, checklist in enumerate(self._checklists):
            for i_row, item in enumerate(checklist.items):
                if item.id == item_id:
                    return self.index(i_row, 0, self.index(c_row, 0))
        return QModelIndex()

    def toggle(self, item_id: str) -> bool:
        index = self.index_of_item(item_id)
        if not index.isValid():
            return False
        state = Qt.CheckState.Unchecked if self.is_done(item_id) else Qt.CheckState.Checked
        return self.setData(index, state, Qt.ItemDataRole.CheckStateRole)

    def _item(self, index: QModelIndex) -> ChecklistItem | None:
        if not index.isValid() or index.internalId() == TOP:
            return None
        return self._checklists[index.internalId() - 1].items[index.row()]

    # -- Qt model interface --------------------------------------------------------------------
    def index(self, row: int, column: int, parent: QModelIndex = ROOT) -> QModelIndex:
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

    def rowCount(self, parent: QModelIndex = ROOT) -> int:
        if not parent.isValid():
            return len(self._checklists)
        if parent.internalId() == TOP:
            return len(self._checklists[parent.row()].items)
        return 0

    def columnCount(self, parent: QModelIndex = ROOT) -> int:
        return 1

    def flags(self, index: QModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.internalId() != TOP:
            flags |= Qt.ItemFlag.ItemNeverHasChildren
            if not self.read_only:
                flags |= Qt.ItemFlag.ItemIsUserCheckable
        return flags

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        item = self._item(index)
        if item is None:
            checklist = self._checklists[index.row()]
            if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
                done = sum(i.id in self._done for i in checklist.items)
                return f"{checklist.title} — {done} / {len(checklist.items)}"
            if role == ItemIdRole:
                return checklist.id
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return plain_text(item.text)
        if role == Qt.ItemDataRole.CheckStateRole:
            return Qt.CheckState.Checked if item.id in self._done else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.AccessibleTextRole:
            state = "fait" if item.id in self._done else "à faire"
            return f"{plain_text(item.text)} ({state})"
        if role == ItemIdRole:
            return item.id
        return None

    def setData(self, index: QModelIndex, value, role: int = Qt.ItemDataRole.EditRole) -> bool:
        item = self._item(index)
        if item is None or role != Qt.ItemDataRole.CheckStateRole:
            return False
        checked = Qt.CheckState(value) == Qt.CheckState.Checked if isinstance(value, int) else (
            value == Qt.CheckState.Checked)
        if checked == (item.id in self._done):
            return True
        if not self._commit(item.id, checked):
            return False
        if checked:
            self._done.add(item.id)
        else:
            self._done.discard(item.id)
        self.dataChanged.emit(index, index, [Qt.ItemDataRole.CheckStateRole, Qt.ItemDataRole.AccessibleTextRole])
        parent = index.parent()
        self.dataChanged.emit(parent, parent, [Qt.ItemDataRole.DisplayRole])
        self.itemToggled.emit(item.id, checked)
        self.progressChanged.emit()
        return True
