"""Dialogs about dossiers: properties (new / edit), duplicate, reset a checklist, the trash, and the
preview of a merge. They only collect answers; the dossier controller does the writing."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from coopguide.core.content.item_boxes import plain_text
from coopguide.core.content.model import Content
from coopguide.core.shared.dates import short_date
from coopguide.core.store.dossiers import Dossier
from coopguide.core.store.exchange import MergePlan, describe_change
from coopguide.ui import theme
from coopguide.ui.errors import plain_label

if TYPE_CHECKING:
    from coopguide.ui.dossiers.controller import DossierController


def _buttons(dialog: QDialog, ok_text: str) -> QDialogButtonBox:
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
    box.button(QDialogButtonBox.StandardButton.Ok).setText(ok_text)
    box.accepted.connect(dialog.accept)
    box.rejected.connect(dialog.reject)
    return box


class DossierPropertiesDialog(QDialog):
    """Name, description and members (one per line) of a new or existing dossier."""

    def __init__(self, parent=None, dossier: Dossier | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Nouveau dossier") if dossier is None else self.tr("Propriétés du dossier"))
        self.name = QLineEdit(dossier.name if dossier else "")
        self.name.setPlaceholderText(self.tr("par exemple : Reprise Imprimerie Dupont"))
        self.description = QPlainTextEdit(dossier.description if dossier else "")
        self.description.setPlaceholderText(self.tr("L'entreprise, le projet, où vous en êtes…"))
        self.description.setTabChangesFocus(True)
        self.description.setMaximumHeight(90)
        self.members = QPlainTextEdit("\n".join(dossier.members) if dossier else "")
        self.members.setPlaceholderText(self.tr("Un prénom par ligne (facultatif)"))
        self.members.setTabChangesFocus(True)
        self.members.setMaximumHeight(110)
        form = QFormLayout()
        form.addRow(self.tr("&Nom :"), self.name)
        form.addRow(self.tr("&Description :"), self.description)
        form.addRow(self.tr("&Membres du groupe :"), self.members)
        if dossier is not None:
            form.addRow(self.tr("Créé le :"), plain_label(short_date(dossier.created_at)))
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(_buttons(self, self.tr("Créer") if dossier is None else self.tr("Enregistrer")))
        self.resize(460, 320)

    def values(self) -> dict:
        return {
            "name": self.name.text(),
            "description": self.description.toPlainText(),
            "members": self.members.toPlainText().splitlines(),
        }


class DuplicateDialog(QDialog):
    def __init__(self, dossier: Dossier, suggested: str, parent=None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Dupliquer le dossier"))
        self.name = QLineEdit(suggested)
        self.with_progress = QRadioButton(self.tr("&avec sa progression (cases, notes, échéances)"))
        self.blank = QRadioButton(self.tr("&vierge : mêmes membres et description, aucune case cochée"))
        self.blank.setChecked(True)
        form = QFormLayout()
        form.addRow(self.tr("&Nom de la copie :"), self.name)
        layout = QVBoxLayout(self)
        layout.addWidget(plain_label(self.tr("Copie de « %1 »").replace("%1", dossier.name)))
        layout.addLayout(form)
        layout.addWidget(self.blank)
        layout.addWidget(self.with_progress)
        layout.addWidget(_buttons(self, self.tr("Dupliquer")))


class ResetDialog(QDialog):
    def __init__(self, checklist_title: str, done: int, parent=None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Réinitialiser la check-list"))
        text = (
            self.tr(
                "Décocher les %1 élément(s) faits de « %2 » et effacer responsables et échéances, "
                "pour reprendre la check-list avec un nouveau groupe ?\n\n"
                "Ctrl+Z annule la réinitialisation."
            )
            .replace("%1", str(done))
            .replace("%2", checklist_title)
        )
        label = plain_label(text)
        label.setWordWrap(True)
        self.keep_notes = QCheckBox(self.tr("&Garder les notes"))
        self.keep_notes.setChecked(True)
        layout = QVBoxLayout(self)
        layout.addWidget(label)
        layout.addWidget(self.keep_notes)
        layout.addWidget(_buttons(self, self.tr("Réinitialiser")))


class TrashDialog(QDialog):
    """Dossiers in the trash: restore one, or erase one for good (asked again)."""

    def __init__(self, dossiers: DossierController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.dossiers = dossiers
        self.setWindowTitle(self.tr("Corbeille des dossiers"))
        self.list = QListWidget()
        self.list.setAccessibleName(self.tr("Dossiers dans la corbeille"))
        self.restore = QPushButton(self.tr("&Restaurer"))
        self.purge = QPushButton(self.tr("&Supprimer définitivement…"))
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        close.addButton(self.restore, QDialogButtonBox.ButtonRole.ActionRole)
        close.addButton(self.purge, QDialogButtonBox.ButtonRole.ActionRole)
        self.restore.clicked.connect(self._restore)
        self.purge.clicked.connect(self._purge)
        layout = QVBoxLayout(self)
        layout.addWidget(
            QLabel(
                self.tr(
                    "Un dossier supprimé reste ici, avec toute sa progression, "
                    "jusqu'à ce que vous le supprimiez définitivement."
                )
            )
        )
        layout.addWidget(self.list)
        layout.addWidget(close)
        self.resize(460, 300)
        self.fill()

    def fill(self) -> None:
        self.list.clear()
        for dossier in self.dossiers.store.dossiers.trash():
            day = short_date(dossier.deleted_at or "")
            item = QListWidgetItem(self.tr("%1  (supprimé le %2)").replace("%1", dossier.name).replace("%2", day))
            item.setData(Qt.ItemDataRole.UserRole, dossier.id)
            self.list.addItem(item)
        if self.list.count():
            self.list.setCurrentRow(0)
        for button in (self.restore, self.purge):
            button.setEnabled(self.list.count() > 0)

    def _selected(self) -> int | None:
        item = self.list.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item else None

    def _restore(self) -> None:
        dossier_id = self._selected()
        if dossier_id is not None and self.dossiers.restore_dossier(dossier_id):
            self.fill()

    def _purge(self) -> None:
        dossier_id = self._selected()
        if dossier_id is not None and self.dossiers.purge_dossier(dossier_id):
            self.fill()


class ImportDialog(QDialog):
    """After reading a file: import it as a new dossier, or merge it into an existing one."""

    def __init__(
        self, file_name: str, dossier_name: str, item_count: int, dossiers: list[Dossier], current_id: int, parent=None
    ):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Importer un dossier"))
        info = plain_label(
            self.tr("« %1 » contient le dossier « %2 » (%3 élément(s) renseigné(s)).")
            .replace("%1", file_name)
            .replace("%2", dossier_name)
            .replace("%3", str(item_count))
        )
        info.setWordWrap(True)
        self.as_new = QRadioButton(self.tr("Importer comme un &nouveau dossier"))
        self.merge = QRadioButton(self.tr("&Fusionner dans le dossier :"))
        self.target = QComboBox()
        self.target.setAccessibleName(self.tr("Dossier dans lequel fusionner"))
        for dossier in dossiers:
            self.target.addItem(dossier.name, dossier.id)
        self.target.setCurrentIndex(max(0, self.target.findData(current_id)))
        same = next((d for d in dossiers if d.name.casefold() == dossier_name.casefold()), None)
        if same is not None:
            self.merge.setChecked(True)
            self.target.setCurrentIndex(self.target.findData(same.id))
        else:
            self.as_new.setChecked(True)
        explain = QLabel(
            self.tr(
                "Fusionner garde, pour chaque élément, la modification la plus récente ; "
                "vous verrez la liste des changements avant de confirmer."
            )
        )
        explain.setWordWrap(True)
        theme.paint_label(explain, "muted")
        target_row = QFormLayout()  # a label names the list for screen readers (on Linux, its accessible name)
        target_row.setContentsMargins(24, 0, 0, 0)
        target_row.addRow(self.tr("&Dossier :"), self.target)
        layout = QVBoxLayout(self)
        for widget in (info, self.as_new, self.merge):
            layout.addWidget(widget)
        layout.addLayout(target_row)
        layout.addWidget(explain)
        layout.addWidget(_buttons(self, self.tr("Continuer")))
        self.resize(480, 240)


class MergePreviewDialog(QDialog):
    def __init__(self, plan: MergePlan, content: Content, dossier_name: str, parent=None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Fusionner : ce qui va changer"))
        items = content.items()
        lines = []
        for change in plan.changes:
            item = items.get(change.item_id)
            label = plain_text(item.text) if item else (change.after.item_text or change.item_id)
            lines.append(f"• {label} : {describe_change(change)}")
        for member in plan.new_members:
            lines.append(self.tr("• nouveau membre : %1").replace("%1", member))
        for member in plan.removed_members:
            lines.append(self.tr("• membre retiré : %1").replace("%1", member))
        if plan.description is not None:
            lines.append(self.tr("• description modifiée"))
        summary = plain_label(
            self.tr("Dans « %1 » : %2 changement(s).").replace("%1", dossier_name).replace("%2", str(len(plan.changes)))
        )
        summary.setWordWrap(True)
        details = QPlainTextEdit("\n".join(lines) or self.tr("Rien à changer : le dossier est déjà à jour."))
        details.setReadOnly(True)
        details.setAccessibleName(self.tr("Liste des changements"))
        layout = QVBoxLayout(self)
        layout.addWidget(summary)
        layout.addWidget(details)
        layout.addWidget(_buttons(self, self.tr("Fusionner")))
        self.resize(620, 420)
