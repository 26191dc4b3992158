"""Dialogs about dossiers: properties (new / edit), duplicate, reset a checklist, the trash, importing
one file and the preview of a merge (several files: :mod:`~coopguide.ui.dossiers.batch_dialogs`).
They only collect answers; the dossier controller does the writing."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontMetricsF, QTextBlockFormat, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from coopguide.core.content.model import Content
from coopguide.core.merge_preview import MergePreview
from coopguide.core.shared.dates import short_date
from coopguide.core.store.dossiers import Dossier
from coopguide.core.store.scope import scope_line
from coopguide.ui import theme
from coopguide.ui.dossiers.scope_dialog import DossierScope, ScopeDialog
from coopguide.ui.errors import plain_label

if TYPE_CHECKING:
    from coopguide.ui.dossiers.controller import DossierController


def fill(template: str, *values: str) -> str:
    """``template`` with ``%1``, ``%2``… replaced in one pass: a file or dossier name that contains
    « %2 » stays as it is (chained ``.replace`` calls would put the next value inside it)."""
    return re.sub(r"%([1-9])", lambda match: values[int(match[1]) - 1], template)


def _buttons(dialog: QDialog, ok_text: str) -> QDialogButtonBox:
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
    box.button(QDialogButtonBox.StandardButton.Ok).setText(ok_text)
    box.accepted.connect(dialog.accept)
    box.rejected.connect(dialog.reject)
    return box


class DossierPropertiesDialog(QDialog):
    """Name, description and members (one per line) of a new or existing dossier; with ``content``,
    the check-lists it follows too (« Choisir… » opens the :class:`ScopeDialog`; saved with the rest,
    in the same store call)."""

    def __init__(self, parent=None, dossier: Dossier | None = None, content: Content | None = None):
        super().__init__(parent)
        self.content = content
        self._dossier = dossier
        self._scope = dossier.scope if dossier else None
        self.scope_dialog: ScopeDialog | None = None
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
        if content is not None:
            self.scope_label = plain_label("")
            self.scope_button = QPushButton(self.tr("&Choisir…"))
            self.scope_button.setAccessibleName(self.tr("Choisir les check-lists suivies"))
            self.scope_button.clicked.connect(self.ask_scope)
            row = QHBoxLayout()
            row.addWidget(self.scope_label, 1)
            row.addWidget(self.scope_button)
            form.addRow(self.tr("Check-lists suivies :"), row)
            self._show_scope()
        if dossier is not None:
            form.addRow(self.tr("Créé le :"), plain_label(short_date(dossier.created_at)))
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(_buttons(self, self.tr("Créer") if dossier is None else self.tr("Enregistrer")))
        self.resize(460, 320)

    def values(self) -> dict[str, Any]:
        values: dict[str, Any] = {
            "name": self.name.text(),
            "description": self.description.toPlainText(),
            "members": self.members.toPlainText().splitlines(),
        }
        if self._scope != (self._dossier.scope if self._dossier else None):
            values["scope"] = self._scope
        return values

    def ask_scope(self) -> ScopeDialog | None:
        if self.content is None:
            return None
        self.scope_dialog = dialog = ScopeDialog(
            self.content, DossierScope(self._scope), self.name.text().strip() or self.tr("nouveau dossier"), self
        )
        dialog.accepted.connect(lambda: self._set_scope(dialog.scope()))
        dialog.open()
        return dialog

    def _set_scope(self, scope: tuple[str, ...] | None) -> None:
        self._scope = scope
        self._show_scope()

    def _show_scope(self) -> None:
        if self.content is not None:
            self.scope_label.setText(scope_line(self.content, DossierScope(self._scope)).removeprefix("Ce dossier "))


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
            fill(
                self.tr("« %1 » contient le dossier « %2 » (%3 élément(s) renseigné(s))."),
                file_name,
                dossier_name,
                str(item_count),
            )
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
                "Fusionner réunit le travail des deux ordinateurs, sans se fier à leurs horloges ; "
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
    """What a merge will change (:mod:`coopguide.core.merge_preview`), before the user confirms:
    one group per check-list in the panel's order, each item with who and when. Everything from the
    file is inserted as plain text (``QTextCursor.insertText``), never parsed as HTML. With
    ``confirm=False`` it only shows (a file of a batch import) and has a single « Fermer » button."""

    def __init__(self, preview: MergePreview, dossier_name: str, parent=None, confirm: bool = True):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Fusionner : ce qui va changer"))
        summary = fill(self.tr("Dans « %1 » : %2 changement(s)"), dossier_name, str(preview.change_count))
        if preview.new_members:
            summary += self.tr(", %1 nouveau(x) membre(s)").replace("%1", str(len(preview.new_members)))
        self.summary = plain_label(summary + ".")
        self.summary.setWordWrap(True)
        self.warning = plain_label(preview.future_warning)
        self.warning.setWordWrap(True)
        self.warning.setVisible(bool(preview.future_warning))
        theme.paint_label(self.warning, "alert")
        self.details = QTextEdit()
        self.details.setReadOnly(True)
        self.details.setAcceptRichText(False)
        self.details.setAccessibleName(self.tr("Liste des changements"))
        self._fill(preview)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.warning)
        layout.addWidget(self.details, 1)
        if confirm:
            layout.addWidget(_buttons(self, self.tr("Fusionner")))
        else:
            close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
            close.rejected.connect(self.reject)
            layout.addWidget(close)
        self.resize(720, 520)

    def _fill(self, preview: MergePreview) -> None:
        cursor = QTextCursor(self.details.document())
        normal = QTextCharFormat()
        heading = QTextCharFormat()
        heading.setFontWeight(QFont.Weight.Bold)
        muted = QTextCharFormat()
        muted.setForeground(theme.colour("muted"))
        first = True
        bullet = QFontMetricsF(self.details.font()).horizontalAdvance("• ")

        def paragraph(text: str, style: QTextCharFormat, indent: int = 0, space: float = 0, hang: bool = False) -> None:
            """``hang``: a bullet line whose wrapped lines, and the line under it, start after the bullet."""
            nonlocal first
            block = QTextBlockFormat()
            block.setIndent(indent)
            block.setTopMargin(space)
            if indent:
                block.setLeftMargin(bullet)
                block.setTextIndent(-bullet if hang else 0)
            if first:
                cursor.setBlockFormat(block)
                first = False
            else:
                cursor.insertBlock(block)
            cursor.insertText(text, style)

        for group in preview.groups:
            paragraph(group.title, heading, space=8)
            for line in group.lines:
                paragraph(f"• {line.text} : {line.change}", normal, 1, 3, hang=True)
                paragraph(line.when, muted, 1)
        if preview.new_members:
            paragraph(self.tr("Nouveaux membres"), heading, space=8)
            for member in preview.new_members:
                paragraph(f"• {member}", normal, 1, hang=True)
        if preview.removed_members:
            paragraph(self.tr("Membres retirés sur l'autre ordinateur"), heading, space=8)
            for member in preview.removed_members:
                paragraph(f"• {member}", normal, 1, hang=True)
        if preview.description is not None:
            paragraph(self.tr("Nouvelle description du dossier"), heading, space=8)
            paragraph(preview.description or self.tr("(aucune)"), normal, 1)
        if preview.scope is not None:
            paragraph(self.tr("Check-lists suivies par le dossier"), heading, space=8)
            paragraph(f"• {preview.scope}", normal, 1, hang=True)
        if preview.key_dates:
            paragraph(self.tr("Dates clés"), heading, space=8)
            for key_date in preview.key_dates:
                paragraph(f"• {key_date}", normal, 1, hang=True)
        if preview.is_empty:
            paragraph(self.tr("Rien à changer : le dossier est déjà à jour."), normal)
        self.details.moveCursor(QTextCursor.MoveOperation.Start)
