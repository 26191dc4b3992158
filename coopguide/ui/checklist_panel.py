"""The panel beside the guide: who is ticking, the guide's checklists (tickable with the mouse,
Space or Enter), and the selected item's details (state, assignee, due date, note).

On a short screen (1366×768 at 150 % leaves the panel about 400 pixels) the list keeps room for
:data:`LIST_MIN_LINES` lines: the details scroll in their own area under it (or are hidden from
Affichage), and the hint under the list is shown only where there is room for it."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QRect, QSize, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QSplitter,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from coopguide.core.content.model import Checklist
from coopguide.ui import theme
from coopguide.ui.checklist_model import ChecklistModel
from coopguide.ui.item_editor import ItemEditor

CHECKBOX_ALLOWANCE = 30  # check indicator and margins, in pixels
LIST_MIN_LINES = 8  # lines of text the list always shows: several items, even wrapped ones
HINT_MIN_HEIGHT = 560  # panel height (pixels) under which the hint gives its room to the list
DETAILS_HEIGHT = 260  # the details' height where the panel has room, else DETAILS_SHARE of it
DETAILS_SHARE = 0.4


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
        bounds = option.fontMetrics.boundingRect(
            QRect(0, 0, max(width, 80), 100_000), int(Qt.TextFlag.TextWordWrap), text
        )
        return QSize(base.width(), max(base.height(), bounds.height() + 6))


class ChecklistPanel(QWidget):
    itemChosen = Signal(object)  # item id (str) or None
    followRequested = Signal(list)  # ids of the guide's check-lists the dossier should follow too

    def __init__(self, model: ChecklistModel, apply_change, parent=None):
        super().__init__(parent)
        self.model = model
        self.title = QLabel(self.tr("Check-list"))
        self.title.setStyleSheet("font-weight: bold; font-size: 13pt;")
        self.title.setWordWrap(True)  # a long guide title must not widen the panel
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        self.ticker = QComboBox()
        self.ticker.setAccessibleName(self.tr("Qui coche sur cet ordinateur"))
        self.ticker.setToolTip(
            self.tr(
                "Le nom noté à côté de chaque case cochée (« fait par »). "
                "Les membres se règlent dans Dossier › Propriétés."
            )
        )
        ticker_row = QFormLayout()
        ticker_row.setContentsMargins(0, 0, 0, 0)
        ticker_row.addRow(self.tr("&Qui coche :"), self.ticker)
        self.progress = QProgressBar()
        self.progress.setAccessibleName(self.tr("Progression de la check-list"))
        self.progress.setTextVisible(True)
        # a check-list the dossier does not follow stays tickable; this line says it is not counted
        self.scope_row = QWidget()
        self.scope_note = QLabel()
        self.scope_note.setWordWrap(True)
        self.scope_note.setTextFormat(Qt.TextFormat.PlainText)
        theme.paint_label(self.scope_note, "muted")
        self.follow_button = QPushButton(self.tr("Suivre"))
        self.follow_button.setToolTip(self.tr("Compter cette check-list dans le tableau de bord et l'avancement"))
        self.follow_button.clicked.connect(lambda: self.followRequested.emit(list(self._unfollowed)))
        scope_layout = QHBoxLayout(self.scope_row)
        scope_layout.setContentsMargins(0, 0, 0, 0)
        scope_layout.addWidget(self.scope_note, 1)
        scope_layout.addWidget(self.follow_button)
        self.scope_row.setVisible(False)
        self._unfollowed: list[str] = []
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
        self.tree.setAccessibleDescription(
            self.tr("Espace ou Entrée coche ou décoche l'élément choisi ; Tab mène à ses détails.")
        )
        self.tree.installEventFilter(self)  # Enter ticks, like Space
        self.empty = QLabel(self.tr("Ce guide n'a pas de check-list."))
        self.empty.setWordWrap(True)
        self.hint = hint = QLabel(
            self.tr(
                "Cochez avec la souris, la barre d'espace ou Entrée : chaque case est "
                "enregistrée aussitôt dans le dossier choisi. Ctrl+Z annule."
            )
        )
        hint.setWordWrap(True)
        theme.paint_label(hint, "muted")
        self.editor = ItemEditor(apply_change)
        self.editor.escape_target = self.tree  # Esc in the details goes back to the list
        self.details = QScrollArea()  # on a short screen the details scroll, the list keeps its room
        self.details.setWidget(self.editor)
        self.details.setWidgetResizable(True)
        self.details.setFrameShape(QFrame.Shape.NoFrame)
        self.details.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab goes to the fields, not the area
        self.details.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.details_wanted = True  # Affichage › Détails de l'élément
        app = QApplication.instance()
        if isinstance(app, QApplication):  # a field reached by Tab or Alt+letter is scrolled into view
            app.focusChanged.connect(self._follow_focus)
        self.tree.setMinimumHeight(LIST_MIN_LINES * self.tree.fontMetrics().lineSpacing())

        top = QWidget()
        layout = QVBoxLayout(top)
        layout.setContentsMargins(0, 0, 0, 0)
        for widget in (self.title, self.scope_row, self.progress, self.tree, self.empty, hint):
            layout.addWidget(widget, 1 if widget is self.tree else 0)
            if widget is not self.tree:  # labels keep their height; the list (or a spacer) takes the rest
                widget.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        layout.insertStretch(layout.indexOf(hint), 0)
        self.split = QSplitter(Qt.Orientation.Vertical)
        self.split.addWidget(top)
        self.split.addWidget(self.details)
        self.split.setStretchFactor(0, 3)
        self.split.setStretchFactor(1, 0)
        self.split.setCollapsible(0, False)  # the list never goes; the details may be dragged away
        self.split.setSizes([560, 240])  # the list first; the details need only a few lines
        self._split_moved = False  # once the user drags the handle, their sizes stay
        self.split.splitterMoved.connect(lambda *_: setattr(self, "_split_moved", True))
        outer = QVBoxLayout(self)
        outer.setContentsMargins(6, 6, 6, 6)
        outer.addLayout(ticker_row)
        outer.addWidget(self.split, 1)
        model.progressChanged.connect(self.refresh)
        model.modelReset.connect(self.tree.expandAll)
        model.modelReset.connect(lambda: self.itemChosen.emit(None))
        self.tree.selectionModel().currentChanged.connect(self._on_current)
        self.refresh()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Enter or Return on an item ticks or unticks it, exactly as Space does (through the model)."""
        if (
            watched is self.tree
            and isinstance(event, QKeyEvent)
            and event.type() == QEvent.Type.KeyPress
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            and not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        ):
            index = self.tree.currentIndex()
            if self.model.item(index) is not None:
                checked = index.data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked
                self.model.setData(
                    index, Qt.CheckState.Unchecked if checked else Qt.CheckState.Checked, Qt.ItemDataRole.CheckStateRole
                )
                return True
        return super().eventFilter(watched, event)

    def set_read_only(self, read_only: bool) -> None:
        self.editor.read_only = read_only
        self.ticker.setEnabled(not read_only)
        if read_only:
            self.hint.setText(
                self.tr(
                    "Lecture seule : les cases montrent ce qui était enregistré, elles ne peuvent pas être changées."
                )
            )

    def set_unfollowed(self, checklists: list[Checklist], read_only: bool = False) -> None:
        """The guide's check-lists the dossier does not follow: a discreet line and « Suivre »."""
        self._unfollowed = [c.id for c in checklists]
        self.model.set_unfollowed(self._unfollowed)
        if not checklists:
            self.scope_row.setVisible(False)
            return
        if len(checklists) == 1 and len(self.model.checklists()) == 1:
            text = self.tr("Non suivie par ce dossier : elle ne compte pas dans son avancement.")
        elif len(checklists) == 1:
            text = self.tr("« %1 » n'est pas suivie par ce dossier.").replace("%1", checklists[0].title)
        else:
            text = self.tr("%1 check-lists de ce guide ne sont pas suivies par ce dossier.")
            text = text.replace("%1", str(len(checklists)))
        self.scope_note.setText(text)
        self.follow_button.setEnabled(not read_only)
        self.scope_row.setVisible(True)

    def set_members(self, members, ticker: str) -> None:
        self.ticker.blockSignals(True)
        self.ticker.clear()
        self.ticker.addItem(self.tr("— non précisé —"), "")
        for name in members:
            self.ticker.addItem(name, name)
        self.ticker.setCurrentIndex(max(0, self.ticker.findData(ticker)))
        self.ticker.blockSignals(False)

    def refresh(self) -> None:
        done, total = self.model.progress()
        # QProgressBar.setValue repaints at once (~1 ms): with updates held, it is painted once, with
        # the rest of the window, when the tick's changes are painted.
        self.progress.setUpdatesEnabled(False)
        self.progress.setMaximum(max(total, 1))
        self.progress.setValue(done)
        self.progress.setFormat(self.tr("%1 / %2 fait(s)").replace("%1", str(done)).replace("%2", str(total)))
        self.progress.setUpdatesEnabled(True)
        self.progress.setVisible(total > 0)
        self.tree.setVisible(total > 0)
        self.details.setVisible(total > 0 and self.details_wanted)
        self.empty.setVisible(total == 0)

    def show_details(self, shown: bool) -> None:
        """Show or hide the selected item's details (Affichage › Détails de l'élément)."""
        self.details_wanted = shown
        self.details.setVisible(shown and self.model.progress()[1] > 0)

    def _follow_focus(self, _old: QWidget | None, new: QWidget | None) -> None:
        if new is not None and self.editor.isAncestorOf(new):
            self.details.ensureWidgetVisible(new)

    def resizeEvent(self, event) -> None:
        """On a short panel the hint goes and the details take at most DETAILS_SHARE of the height:
        the list keeps most of it (a splitter would give all of a shrink to the list alone)."""
        super().resizeEvent(event)
        self.hint.setVisible(self.height() >= HINT_MIN_HEIGHT)
        total = sum(self.split.sizes())
        if not self._split_moved and total > 0:
            details = min(DETAILS_HEIGHT, int(total * DETAILS_SHARE))
            self.split.setSizes([total - details, details])

    def _on_current(self, current, _previous) -> None:
        item = self.model.item(current)
        self.itemChosen.emit(item.id if item else None)

    def current_item_id(self) -> str | None:
        item = self.model.item(self.tree.currentIndex())
        return item.id if item else None

    def current_checklist(self) -> Checklist | None:
        found = self.model.checklist_at(self.tree.currentIndex())
        checklists = self.model.checklists()
        return found or (checklists[0] if len(checklists) == 1 else None)

    def select_item(self, item_id: str) -> None:
        index = self.model.index_of_item(item_id)
        if index.isValid():
            self.tree.setCurrentIndex(index)
            self.tree.scrollTo(index)
            self.tree.setFocus(Qt.FocusReason.OtherFocusReason)
