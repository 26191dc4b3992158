"""Dialogs for several exchange files at once: choose where each file goes, choose the dossiers to
export, and the summary that says, file by file, what happened.

One dialog for a whole batch, not one question per file: a trainer collecting ten groups' files
reads one table, changes the destination of the few that need it and imports. The destination
is edited in one labelled list under the table, for the selected file: a screen reader names it
and the keyboard reaches it with Tab, which a list inside each table row would not give.

File names, dossier names and reasons quote what came in a file or what people typed: table cells
are plain text, and labels go through :func:`~coopguide.ui.errors.plain_label`. No tooltip repeats
them (Qt reads a tooltip that looks like HTML as HTML).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from coopguide.core.exchange_batch import ReadFile, same_name_dossier
from coopguide.core.merge_preview import MergePreview, future_warning
from coopguide.core.shared.dates import long_date
from coopguide.core.store.dossiers import Dossier
from coopguide.ui import theme
from coopguide.ui.dossiers.dialogs import MergePreviewDialog, fill
from coopguide.ui.errors import plain_label

NEW = -1  # the destination « Nouveau dossier » in the list (a dossier id is never negative)


class _WrappedTable(QTableWidget):
    """Rows as high as their wrapped text at the width the table really has (known once shown)."""

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.resizeRowsToContents()


def _table(headers: Sequence[str], name: str) -> QTableWidget:
    table = _WrappedTable(0, len(headers))
    table.setHorizontalHeaderLabels(list(headers))
    table.setAccessibleName(name)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setWordWrap(True)
    table.verticalHeader().setVisible(False)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    table.horizontalHeader().setStretchLastSection(True)
    table.setTabKeyNavigation(False)  # Tab leaves the table, arrows move inside it
    return table


def _cell(text: str) -> QTableWidgetItem:
    return QTableWidgetItem(text)  # an item's text is never read as HTML


class BatchImportDialog(QDialog):
    """Each file of a batch with its destination: « Nouveau dossier » or a local dossier to merge
    into, by default the one with the file's dossier name, as the one-file import proposes.

    ``preview_for(file, dossier_id)`` plans a merge without writing and returns its preview, or the
    French reason it cannot be planned."""

    def __init__(
        self,
        files: Sequence[ReadFile],
        dossiers: Sequence[Dossier],
        preview_for: Callable[[ReadFile, int], MergePreview | str],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.files = list(files)
        self.dossiers = {d.id: d for d in dossiers}
        self.preview_for = preview_for
        self._previews: dict[tuple[int, int], MergePreview | str] = {}
        self.targets: list[int | None] = []
        for read in self.files:
            same = same_name_dossier(dossiers, read.exchange) if read.exchange else None
            self.targets.append(same.id if same else None)
        self.setWindowTitle(self.tr("Importer %1 fichiers").replace("%1", str(len(self.files))))
        intro = QLabel(
            self.tr(
                "Chaque fichier devient un nouveau dossier, ou est fusionné dans un dossier de cet ordinateur : "
                "par défaut celui qui porte le même nom. Choisissez une ligne pour changer sa destination "
                "ou voir ses changements. Les fichiers refusés ne sont pas importés."
            )
        )
        intro.setWordWrap(True)
        self.table = _table(
            [self.tr("Fichier"), self.tr("Dossier dans le fichier"), self.tr("Destination"), self.tr("Prévu")],
            self.tr("Fichiers à importer"),
        )
        self.details = plain_label()
        self.details.setWordWrap(True)
        self.warning = plain_label()
        self.warning.setWordWrap(True)
        theme.paint_label(self.warning, "alert")
        self.target = QComboBox()
        self.target.setAccessibleName(self.tr("Destination du fichier choisi"))
        self.target.addItem(self.tr("Nouveau dossier"), NEW)
        for dossier in dossiers:
            label = self.tr("%1 (archivé)").replace("%1", dossier.name) if dossier.archived else dossier.name
            self.target.addItem(self.tr("Fusionner dans « %1 »").replace("%1", label), dossier.id)
        self.show_changes = QPushButton(self.tr("&Voir les changements…"))
        row = QHBoxLayout()
        row.addWidget(self.target, 1)
        row.addWidget(self.show_changes)
        target_label = QLabel(self.tr("&Destination :"))
        target_label.setBuddy(self.target)
        form = QFormLayout()
        form.addRow(target_label, row)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setText(self.tr("Importer"))
        self.ok.setEnabled(any(read.exchange for read in self.files))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.details)
        layout.addWidget(self.warning)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self._fill()
        self.table.currentCellChanged.connect(lambda row, *_: self._show_row(row))
        self.target.currentIndexChanged.connect(self._target_chosen)
        self.show_changes.clicked.connect(self.open_preview)
        self.resize(940, 560)
        self.table.selectRow(0)
        self._show_row(0)

    # -- what each row says ---------------------------------------------------------------------
    def preview(self, row: int) -> MergePreview | str | None:
        """The merge preview of ``row`` (computed once per destination), None for a new dossier."""
        read, target = self.files[row], self.targets[row]
        if read.exchange is None or target is None:
            return None
        key = (row, target)
        if key not in self._previews:
            self._previews[key] = self.preview_for(read, target)
        return self._previews[key]

    def planned(self, row: int) -> str:
        read, target = self.files[row], self.targets[row]
        if read.exchange is None:
            return self.tr("refusé : %1").replace("%1", read.refused)
        if target is None:
            return self.tr("nouveau dossier « %1 »").replace("%1", read.exchange.name)
        preview = self.preview(row)
        if isinstance(preview, str):
            return self.tr("fusion impossible : %1").replace("%1", preview)
        if preview is None or preview.is_empty:
            return self.tr("déjà à jour : rien à changer")
        text = self.tr("%1 changement(s)").replace("%1", str(preview.change_count))
        if preview.new_members:
            text += self.tr(", %1 nouveau(x) membre(s)").replace("%1", str(len(preview.new_members)))
        return text

    def destination(self, row: int) -> str:
        target = self.targets[row]
        if self.files[row].exchange is None:
            return "—"
        if target is None:
            return self.tr("Nouveau dossier")
        return self.tr("Fusion dans « %1 »").replace("%1", self.dossiers[target].name)

    def _fill(self) -> None:
        self.table.setRowCount(len(self.files))
        for row, read in enumerate(self.files):
            inside = read.exchange.name if read.exchange else "—"
            self.table.setItem(row, 0, _cell(read.path.name))
            self.table.setItem(row, 1, _cell(inside))
            self._fill_row(row)
        header = self.table.horizontalHeader()
        for column, width in enumerate((210, 190, 210)):
            header.resizeSection(column, width)
        self.table.resizeRowsToContents()

    def _fill_row(self, row: int) -> None:
        exchange = self.files[row].exchange
        warning = future_warning(exchange) if exchange else ""
        planned = self.planned(row) + (self.tr(" — ⚠ dates dans le futur") if warning else "")
        self.table.setItem(row, 2, _cell(self.destination(row)))
        item = _cell(planned)
        if self.files[row].exchange is None or warning:
            item.setForeground(theme.colour("alert"))
        self.table.setItem(row, 3, item)

    def _show_row(self, row: int) -> None:
        if not 0 <= row < len(self.files):
            return
        read = self.files[row]
        exchange = read.exchange
        if exchange is None:
            self.details.setText(fill(self.tr("« %1 » est refusé : %2"), read.path.name, read.refused))
        else:
            self.details.setText(
                fill(
                    self.tr("« %1 » : dossier « %2 », %3 élément(s) renseigné(s), exporté le %4."),
                    read.path.name,
                    exchange.name,
                    str(len(exchange.items)),
                    long_date(exchange.exported_at) or self.tr("(date inconnue)"),
                )
            )
        warning = future_warning(exchange) if exchange else ""
        self.warning.setText(warning)
        self.warning.setVisible(bool(warning))
        self.target.blockSignals(True)
        target = self.targets[row]
        self.target.setCurrentIndex(max(0, self.target.findData(NEW if target is None else target)))
        self.target.blockSignals(False)
        self.target.setEnabled(exchange is not None)
        self.show_changes.setEnabled(isinstance(self.preview(row), MergePreview))

    def _target_chosen(self, index: int) -> None:
        row = self.table.currentRow()
        if not 0 <= row < len(self.files) or self.files[row].exchange is None:
            return
        chosen = self.target.itemData(index)
        self.targets[row] = None if chosen == NEW else chosen
        self._fill_row(row)
        self.table.resizeRowToContents(row)
        self._show_row(row)

    def open_preview(self) -> None:
        row = self.table.currentRow()
        preview = self.preview(row) if 0 <= row < len(self.files) else None
        target = self.targets[row] if 0 <= row < len(self.files) else None
        if isinstance(preview, MergePreview) and target is not None:
            MergePreviewDialog(preview, self.dossiers[target].name, self, confirm=False).exec()

    def choices(self) -> list[tuple[ReadFile, int | None]]:
        return list(zip(self.files, self.targets, strict=True))


class ExportChoiceDialog(QDialog):
    """The dossiers in use, each with a box to tick (all ticked at first): the ones to write, one
    file each, in a folder chosen next."""

    def __init__(self, dossiers: Sequence[Dossier], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Exporter plusieurs dossiers"))
        intro = QLabel(
            self.tr(
                "Cochez les dossiers à exporter. Vous choisirez ensuite le répertoire (une clé USB, par exemple) : "
                "chaque dossier y est écrit dans son propre fichier .coopguide, sans remplacer aucun fichier."
            )
        )
        intro.setWordWrap(True)
        self.list = QListWidget()
        self.list.setAccessibleName(self.tr("Dossiers à exporter"))
        for dossier in dossiers:
            item = QListWidgetItem(dossier.name)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked)
            item.setData(Qt.ItemDataRole.UserRole, dossier.id)
            self.list.addItem(item)
        if self.list.count():
            self.list.setCurrentRow(0)
        every = QPushButton(self.tr("&Tout cocher"))
        none = QPushButton(self.tr("Tout &décocher"))
        every.clicked.connect(lambda: self._check_all(Qt.CheckState.Checked))
        none.clicked.connect(lambda: self._check_all(Qt.CheckState.Unchecked))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setText(self.tr("Choisir le répertoire…"))
        buttons.addButton(every, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(none, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.list.itemChanged.connect(lambda _item: self.ok.setEnabled(bool(self.chosen())))
        self.ok.setEnabled(bool(self.chosen()))
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.list, 1)
        layout.addWidget(buttons)
        self.resize(480, 420)

    def _check_all(self, state: Qt.CheckState) -> None:
        for row in range(self.list.count()):
            self.list.item(row).setCheckState(state)

    def chosen(self) -> list[int]:
        items = (self.list.item(row) for row in range(self.list.count()))
        return [item.data(Qt.ItemDataRole.UserRole) for item in items if item.checkState() == Qt.CheckState.Checked]


class SummaryDialog(QDialog):
    """What happened to each file or dossier of a batch, one row each; refusals in the alert colour."""

    def __init__(
        self,
        title: str,
        headline: str,
        headers: Sequence[str],
        rows: Sequence[tuple[str, str, bool]],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.headline = plain_label(headline)
        self.headline.setWordWrap(True)
        self.table = _table(headers, title)
        self.table.setRowCount(len(rows))
        for row, (name, result, refused) in enumerate(rows):
            self.table.setItem(row, 0, _cell(name))
            item = _cell(result)
            if refused:
                item.setForeground(theme.colour("alert"))
            self.table.setItem(row, 1, item)
        self.table.horizontalHeader().resizeSection(0, 260)
        self.table.resizeRowsToContents()  # no row chosen: a chosen row's colours would hide a refusal's
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.headline)
        layout.addWidget(self.table, 1)
        layout.addWidget(close)
        self.resize(820, 460)

    def rows(self) -> list[tuple[str, str]]:
        """The table as text (tests and screen-reader checks read it back)."""
        return [(self._text(r, 0), self._text(r, 1)) for r in range(self.table.rowCount())]

    def _text(self, row: int, column: int) -> str:
        item = self.table.item(row, column)
        return item.text() if item else ""
