"""« Journal des séances » : the trainer's list of séances (date, name, place, attendees, topics),
with add/edit/delete and « Exporter en CSV… ». A séance made by « Préparer une séance » is here
from the start, filled in (its groups are shown when it is edited); the trainer adds the number of
attendees afterwards. Everything is written through the store at once (one
transaction per action); the dialog only shows what the store holds. No names are asked for."""

from __future__ import annotations

from PySide6.QtCore import QDate, QStandardPaths, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from coopguide.core.seance_csv import export_seances_csv
from coopguide.core.shared.dates import short_date
from coopguide.core.store.seances import MAX_ATTENDEES, Seance
from coopguide.ui.errors import ask, plain_label, reported_errors


class SeanceEditDialog(QDialog):
    """One seance's fields; ``values()`` gives the keyword arguments of ``SeanceLog.add``."""

    def __init__(
        self, seance: Seance | None = None, parent=None, new: bool | None = None, groups: tuple[str, ...] = ()
    ):
        super().__init__(parent)
        new = seance is None if new is None else new
        self.setWindowTitle(self.tr("Nouvelle séance") if new else self.tr("Modifier la séance"))
        self.name = QLineEdit(seance.name if seance else "")
        self.name.setPlaceholderText(self.tr("(facultatif) Séance 24/11 — Imprimerie Dupont"))
        self.name.setAccessibleName(self.tr("Nom de la séance"))
        self.date = QDateEdit(QDate.fromString(seance.date, "yyyy-MM-dd") if seance else QDate.currentDate())
        self.date.setCalendarPopup(True)
        self.date.setDisplayFormat("dd/MM/yyyy")
        self.date.setAccessibleName(self.tr("Date"))
        self.place = QLineEdit(seance.place if seance else "")
        self.place.setPlaceholderText(self.tr("Permanence de Montceau-les-Mines"))
        self.place.setAccessibleName(self.tr("Lieu"))
        self.attendees = QSpinBox()
        self.attendees.setRange(0, MAX_ATTENDEES)
        self.attendees.setValue(seance.attendees if seance else 0)
        self.attendees.setAccessibleName(self.tr("Nombre de participants"))
        self.topics = QLineEdit(seance.topics if seance else "")
        self.topics.setPlaceholderText(self.tr("Scop, reprise, financement…"))
        self.topics.setAccessibleName(self.tr("Thèmes abordés"))
        self.notes = QPlainTextEdit(seance.notes if seance else "")
        self.notes.setAccessibleName(self.tr("Remarques"))
        self.notes.setMaximumHeight(100)
        form = QFormLayout(self)
        form.addRow(self.tr("&Nom :"), self.name)
        form.addRow(self.tr("&Date :"), self.date)
        form.addRow(self.tr("&Lieu :"), self.place)
        form.addRow(self.tr("&Participants :"), self.attendees)
        form.addRow(self.tr("&Thèmes abordés :"), self.topics)
        form.addRow(self.tr("&Remarques :"), self.notes)
        if groups:
            listed = plain_label(", ".join(groups))
            listed.setWordWrap(True)
            form.addRow(self.tr("Groupes :"), listed)
        privacy = QLabel(
            self.tr("Le journal ne demande aucun nom : notez le nombre de participants, pas qui ils sont.")
        )
        privacy.setWordWrap(True)
        form.addRow(privacy)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def values(self) -> dict:
        return {
            "name": self.name.text(),
            "date": self.date.date().toString("yyyy-MM-dd"),
            "place": self.place.text(),
            "attendees": self.attendees.value(),
            "topics": self.topics.text(),
            "notes": self.notes.toPlainText(),
        }


class SeanceLogDialog(QDialog):
    HEADERS = ("Date", "Séance", "Lieu", "Participants", "Thèmes abordés", "Remarques")

    def __init__(self, store, parent=None):
        super().__init__(parent)
        self.store = store
        self.setWindowTitle(self.tr("Journal des séances"))
        self.resize(820, 440)
        self.table = QTableWidget(0, len(self.HEADERS))
        self.table.setHorizontalHeaderLabels([self.tr(h) for h in self.HEADERS])
        self.table.setAccessibleName(self.tr("Séances enregistrées"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        self.table.doubleClicked.connect(self.edit_selected)
        self.summary = plain_label()  # quotes the export path
        self.add_button = QPushButton(self.tr("&Ajouter…"))
        self.edit_button = QPushButton(self.tr("&Modifier…"))
        self.delete_button = QPushButton(self.tr("&Supprimer"))
        self.export_button = QPushButton(self.tr("&Exporter en CSV…"))
        self.add_button.clicked.connect(self.add)
        self.edit_button.clicked.connect(self.edit_selected)
        self.delete_button.clicked.connect(self.delete_selected)
        self.export_button.clicked.connect(self.export_csv)
        for button in (self.add_button, self.edit_button, self.delete_button):
            button.setEnabled(not store.read_only)
        buttons = QHBoxLayout()
        for button in (self.add_button, self.edit_button, self.delete_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.export_button)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.summary)
        layout.addLayout(buttons)
        layout.addWidget(close)
        self.refresh()

    def refresh(self) -> None:
        seances = self.store.seances.all()
        self.table.setRowCount(len(seances))
        for row, seance in enumerate(seances):
            cells = (
                short_date(seance.date),
                seance.name,
                seance.place,
                str(seance.attendees),
                seance.topics,
                seance.notes.replace("\n", " "),
            )
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(0x0100, seance.id)  # Qt.UserRole
                self.table.setItem(row, column, item)
        total = sum(s.attendees for s in seances)
        self.summary.setText(
            self.tr("%1 séance(s), %2 participant(s) au total.")
            .replace("%1", str(len(seances)))
            .replace("%2", str(total))
        )
        self.export_button.setEnabled(bool(seances))

    def selected_id(self) -> int | None:
        rows = self.table.selectionModel().selectedRows()
        return self.table.item(rows[0].row(), 0).data(Qt.ItemDataRole.UserRole) if rows else None

    def select(self, seance_id: int) -> None:
        for row in range(self.table.rowCount()):
            if self.table.item(row, 0).data(Qt.ItemDataRole.UserRole) == seance_id:
                self.table.selectRow(row)

    def _ask(self, draft: Seance | None, new: bool) -> dict | None:
        groups = tuple(g.name for g in self.store.seances.groups.of_seance(draft.id)) if draft and not new else ()
        dialog = SeanceEditDialog(draft, self, new, groups)
        return dialog.values() if dialog.exec() == QDialog.DialogCode.Accepted else None

    def add(self) -> None:
        self._save(None)

    def edit_selected(self) -> None:
        seance_id = self.selected_id()
        if seance_id is not None and not self.store.read_only:
            self._save(self.store.seances.get(seance_id))

    def _save(self, seance: Seance | None) -> None:
        """Ask again, with what was typed, while the store refuses (its message says what to change)."""
        existing = seance.id if seance else None
        draft = seance
        while (values := self._ask(draft, existing is None)) is not None:
            with reported_errors(self) as outcome:
                saved = (
                    self.store.seances.update(existing, **values)
                    if existing is not None
                    else self.store.seances.add(**values)
                )
            if outcome.failed:
                draft = Seance(existing or 0, **values)
                continue
            self.refresh()
            self.select(saved.id)
            return

    def delete_selected(self) -> None:
        seance_id = self.selected_id()
        seance = self.store.seances.get(seance_id) if seance_id is not None else None
        if seance is None:
            return
        answer = ask(
            self,
            self.tr("Supprimer la séance"),
            self.tr("Supprimer la séance du %1 à %2 du journal ?")
            .replace("%1", short_date(seance.date))
            .replace("%2", seance.place),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        with reported_errors(self):
            self.store.seances.delete(seance.id)
        self.refresh()

    def export_csv(self) -> str | None:
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        path, _ = QFileDialog.getSaveFileName(
            self,
            self.tr("Exporter le journal des séances"),
            f"{folder}/journal-des-seances.csv",
            self.tr("Tableur CSV (*.csv)"),
        )
        if not path:
            return None
        if not path.lower().endswith(".csv"):
            path += ".csv"
        with reported_errors(self) as outcome:
            count = export_seances_csv(self.store.seances.all(), path)
        if outcome.failed:
            return None
        self.summary.setText(self.tr("%1 séance(s) exportée(s) dans %2.").replace("%1", str(count)).replace("%2", path))
        return path
