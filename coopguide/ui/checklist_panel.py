"""The panel beside the guide: its checklists, tickable with the mouse or the keyboard (Space)."""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtWidgets import (
    QHeaderView,
    QLabel,
    QProgressBar,
    QSizePolicy,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from coopguide.ui.checklist_model import ChecklistModel

CHECKBOX_ALLOWANCE = 30  # check indicator and margins, in pixels


class WrappingDelegate(QStyledItemDelegate):
    """Rows as tall as their wrapped text: QTreeView alone sizes rows as if text never wrapped."""

    def __init__(self, view: QTreeView):
        super().__init__(view)
        self._view = view

    def sizeHint(self, option: QStyleOptionViewItem, index) -> QSize:
        base = super().sizeHint(option, index)
        depth = 2 if index.parent().isValid() else 1
        width = self._view.viewport().width() - self._view.indentation() * depth - CHECKBOX_ALLOWANCE
        text = index.data() or ""
        bounds = option.fontMetrics.boundingRect(QRect(0, 0, max(width, 80), 100_000),
                                                 int(Qt.TextFlag.TextWordWrap), text)
        return QSize(base.width(), max(base.height(), bounds.height() + 6))


class ChecklistPanel(QWidget):
    def __init__(self, model: ChecklistModel, parent=None):
        super().__init__(parent)
        self.model = model
        self.title = QLabel(self.tr("Check-list"))
        self.title.setStyleSheet("font-weight: bold; font-size: 13pt;")
        self.title.setWordWrap(True)  # a long guide title must not widen the panel
        self.progress = QProgressBar()
        self.progress.setAccessibleName(self.tr("Progression de la check-list"))
        self.progress.setTextVisible(True)
        self.tree = QTreeView()
        self.tree.setModel(model)
        self.tree.setHeaderHidden(True)
        # Long items wrap instead of being cut with "…": rows follow the column's width.
        self.tree.setWordWrap(True)
        self.tree.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.tree.header().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.tree.setItemDelegate(WrappingDelegate(self.tree))
        self.tree.header().sectionResized.connect(self.tree.doItemsLayout)
        self.tree.setUniformRowHeights(False)
        self.tree.setAlternatingRowColors(True)
        self.tree.setAccessibleName(self.tr("Éléments de la check-list"))
        self.empty = QLabel(self.tr("Ce guide n'a pas de check-list."))
        self.empty.setWordWrap(True)
        self.hint = hint = QLabel(self.tr("Cochez avec la souris ou la barre d'espace : chaque case est "
                                          "enregistrée aussitôt dans le dossier choisi."))
        hint.setWordWrap(True)
        hint.setStyleSheet("color: #555555;")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        for widget in (self.title, self.progress, self.tree, self.empty, hint):
            layout.addWidget(widget, 1 if widget is self.tree else 0)
            if widget is not self.tree:  # labels keep their height; the list (or a spacer) takes the rest
                widget.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        layout.insertStretch(layout.indexOf(hint), 0)
        model.progressChanged.connect(self.refresh)
        model.modelReset.connect(self.tree.expandAll)
        self.refresh()

    def refresh(self) -> None:
        done, total = self.model.progress()
        self.progress.setMaximum(max(total, 1))
        self.progress.setValue(done)
        self.progress.setFormat(self.tr("%1 / %2 fait(s)").replace("%1", str(done)).replace("%2", str(total)))
        self.progress.setVisible(total > 0)
        self.tree.setVisible(total > 0)
        self.empty.setVisible(total == 0)

    def select_item(self, item_id: str) -> None:
        index = self.model.index_of_item(item_id)
        if index.isValid():
            self.tree.setCurrentIndex(index)
            self.tree.scrollTo(index)
            self.tree.setFocus(Qt.FocusReason.OtherFocusReason)
