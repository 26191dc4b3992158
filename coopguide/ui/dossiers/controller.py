"""The « Dossier » and « Fichier » menus and the tool bar's dossier switcher, mixed into the main
window: create, edit, duplicate, archive, delete (to the trash, Ctrl+Z brings it back), the trash,
export and import (as new or merged), and resetting a checklist.

Every write goes through the store (one transaction); a refusal shows its French message and
changes nothing on screen.

Only the menus and the switcher are built at start: the dialogs, the exchange format and the undo
steps are imported by the actions that use them (tests/core/test_no_qt.py keeps them off the start).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QComboBox, QDialog, QLabel, QMessageBox, QToolBar

from coopguide import APP_NAME
from coopguide.ui import theme
from coopguide.ui.errors import reported_errors

CURRENT_DOSSIER_KEY = "dossier_courant"
FILE_FILTER = "Dossier Coopguide (*.coopguide)"


class DossierActions:
    """Needs from the window: store, content, dossier_id, undo_stack, load_progress, refresh_members."""

    # -- building ------------------------------------------------------------------------------
    def _initial_dossier(self) -> int:
        remembered = self.store.setting(CURRENT_DOSSIER_KEY)
        if remembered and remembered.isdigit():
            dossier = self.store.dossier(int(remembered))
            if dossier and not dossier.deleted:
                return dossier.id
        return self.store.ensure_default_dossier().id

    def _action(self, text: str, slot, shortcut=None, writes: bool = True) -> QAction:
        action = QAction(self.tr(text), self)
        action.triggered.connect(slot)
        if shortcut is not None:
            action.setShortcut(shortcut)
        if writes and self.store.read_only:
            action.setEnabled(False)
        return action

    def build_dossier_ui(self) -> None:
        self.new_dossier_action = self._action("Nouveau dossier…", self.ask_new_dossier, QKeySequence.StandardKey.New)
        self.edit_dossier_action = self._action("Propriétés du dossier (nom, membres)…", self.ask_edit_dossier)
        self.duplicate_action = self._action("Dupliquer le dossier…", self.ask_duplicate_dossier)
        self.archive_action = self._action("Archiver le dossier", self.toggle_archive)
        self.delete_action = self._action("Supprimer le dossier…", self.ask_delete_dossier)
        self.trash_action = self._action("Corbeille…", self.open_trash)
        self.dashboard_action = self._action(
            "Tableau de bord", self.show_dashboard, QKeySequence("Ctrl+D"), writes=False
        )
        self.export_action = self._action("Exporter le dossier…", self.ask_export, QKeySequence("Ctrl+E"), writes=False)
        self.import_action = self._action("Importer un dossier…", self.ask_import, QKeySequence("Ctrl+I"))

        file_menu = self.menuBar().addMenu(self.tr("&Fichier"))
        for action in (self.import_action, self.export_action):
            file_menu.addAction(action)
        file_menu.addSeparator()
        file_menu.addAction(self._action("Quitter", self.close, QKeySequence.StandardKey.Quit, writes=False))
        self.dossier_menu = self.menuBar().addMenu(self.tr("&Dossier"))
        for action in (
            self.dashboard_action,
            None,
            self.new_dossier_action,
            self.edit_dossier_action,
            self.duplicate_action,
            self.archive_action,
            None,
            self.delete_action,
            self.trash_action,
        ):
            self.dossier_menu.addSeparator() if action is None else self.dossier_menu.addAction(action)

        toolbar = QToolBar(self.tr("Dossier"))
        toolbar.setObjectName("barre-dossier")
        toolbar.setMovable(False)
        label = QLabel(self.tr("Dossier : "))
        self.dossier_box = QComboBox()
        self.dossier_box.setMinimumContentsLength(22)
        self.dossier_box.setAccessibleName(self.tr("Dossier en cours"))
        label.setBuddy(self.dossier_box)
        toolbar.addWidget(label)
        toolbar.addWidget(self.dossier_box)
        for action in (self.dashboard_action, self.new_dossier_action, self.edit_dossier_action):
            toolbar.addAction(action)
        self.addToolBar(toolbar)
        if self.store.read_only:
            banner = QLabel(self.tr("Lecture seule : les cases cochées ne peuvent pas être enregistrées."))
            banner.setStyleSheet("font-weight: bold;")
            theme.paint_label(banner, "alert")
            self.statusBar().addPermanentWidget(banner)
        self._fill_dossier_box()
        self.dossier_box.currentIndexChanged.connect(self._on_dossier_chosen)

    def _fill_dossier_box(self) -> None:
        self.dossier_box.blockSignals(True)
        self.dossier_box.clear()
        for dossier in self.store.dossiers():
            self.dossier_box.addItem(dossier.name, dossier.id)
        for dossier in self.store.dossiers(archived=True):
            self.dossier_box.addItem(self.tr("%1 (archivé)").replace("%1", dossier.name), dossier.id)
        self.dossier_box.setCurrentIndex(self.dossier_box.findData(self.dossier_id))
        self.dossier_box.blockSignals(False)
        current = self.store.dossier(self.dossier_id)
        self.archive_action.setText(
            self.tr("Désarchiver le dossier") if current and current.archived else self.tr("Archiver le dossier")
        )
        self.refresh_members()

    def _on_dossier_chosen(self, index: int) -> None:
        dossier_id = self.dossier_box.itemData(index)
        if dossier_id is not None:
            self.switch_dossier(dossier_id)

    def switch_dossier(self, dossier_id: int) -> None:
        dossier = self.store.dossier(dossier_id)
        if dossier is None or dossier.deleted:
            return
        self.panel.editor.save_note()
        self.dossier_id = dossier_id
        if not self.store.read_only:
            with reported_errors(self, status_bar=self.statusBar()):
                self.store.set_setting(CURRENT_DOSSIER_KEY, str(dossier_id))
        self._fill_dossier_box()
        self.load_progress()
        self.statusBar().showMessage(self.tr("Dossier « %1 » ouvert.").replace("%1", dossier.name), 5000)

    # -- create, edit, duplicate, archive ------------------------------------------------------
    def ask_new_dossier(self) -> None:
        from coopguide.ui.dossiers.dialogs import DossierPropertiesDialog

        dialog = DossierPropertiesDialog(self)
        while dialog.exec() == QDialog.DialogCode.Accepted:
            if self.create_dossier(**dialog.values()):
                return

    def create_dossier(self, name: str, description: str = "", members=()) -> bool:
        with reported_errors(self) as outcome:
            dossier = self.store.create_dossier(name, description, members)
        if outcome.failed:
            return False
        self.switch_dossier(dossier.id)
        return True

    def ask_edit_dossier(self) -> None:
        from coopguide.ui.dossiers.dialogs import DossierPropertiesDialog

        dialog = DossierPropertiesDialog(self, self.store.dossier(self.dossier_id))
        while dialog.exec() == QDialog.DialogCode.Accepted:
            if self.edit_dossier(**dialog.values()):
                return

    def edit_dossier(self, **values) -> bool:
        with reported_errors(self) as outcome:
            self.store.update_dossier(self.dossier_id, **values)
        if outcome.failed:
            return False
        self._fill_dossier_box()
        self.load_progress()
        return True

    def ask_duplicate_dossier(self) -> None:
        from coopguide.ui.dossiers.dialogs import DuplicateDialog

        source = self.store.dossier(self.dossier_id)
        dialog = DuplicateDialog(source, self.store.free_name(self.tr("%1 — copie").replace("%1", source.name)), self)
        while dialog.exec() == QDialog.DialogCode.Accepted:
            if self.duplicate_dossier(dialog.name.text(), dialog.with_progress.isChecked()):
                return

    def duplicate_dossier(self, name: str, with_progress: bool) -> bool:
        with reported_errors(self) as outcome:
            copy = self.store.duplicate_dossier(self.dossier_id, name, with_progress)
        if outcome.failed:
            return False
        self.switch_dossier(copy.id)
        return True

    def toggle_archive(self) -> None:
        current = self.store.dossier(self.dossier_id)
        with reported_errors(self) as outcome:
            self.store.set_archived(self.dossier_id, not current.archived)
        if outcome.failed:
            return
        self._fill_dossier_box()
        done = self.tr("archivé") if not current.archived else self.tr("désarchivé")
        message = self.tr("Dossier « %1 » %2.").replace("%1", current.name).replace("%2", done)
        self.statusBar().showMessage(message, 5000)

    # -- delete, trash -------------------------------------------------------------------------
    def ask_delete_dossier(self) -> None:
        dossier = self.store.dossier(self.dossier_id)
        answer = QMessageBox.question(
            self,
            self.tr("Supprimer le dossier"),
            self.tr(
                "Mettre le dossier « %1 » à la corbeille ?\n\nSa progression est gardée : vous pourrez le "
                "restaurer depuis Dossier › Corbeille, ou tout de suite avec Ctrl+Z."
            ).replace("%1", dossier.name),
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.trash_dossier(self.dossier_id)

    def trash_dossier(self, dossier_id: int, record: bool = True) -> bool:
        with reported_errors(self) as outcome:
            dossier = self.store.delete_dossier(dossier_id)
        if outcome.failed:
            return False
        if record:
            from coopguide.ui.dossiers.undo import DeleteDossierCommand

            self.undo_stack.push(DeleteDossierCommand(self, dossier_id, dossier.name))
        if dossier_id == self.dossier_id:
            self.switch_dossier(self.store.ensure_default_dossier().id)
        self._fill_dossier_box()
        self.statusBar().showMessage(
            self.tr("« %1 » mis à la corbeille (Ctrl+Z pour annuler).").replace("%1", dossier.name), 8000
        )
        return True

    def restore_dossier(self, dossier_id: int) -> bool:
        with reported_errors(self) as outcome:
            self.store.restore_dossier(dossier_id)
        if outcome.failed:
            return False
        self.switch_dossier(dossier_id)
        return True

    def purge_dossier(self, dossier_id: int) -> bool:
        dossier = self.store.dossier(dossier_id)
        answer = QMessageBox.warning(
            self,
            self.tr("Supprimer définitivement"),
            self.tr("Effacer pour toujours « %1 » et toute sa progression ? Cela ne peut pas être annulé.").replace(
                "%1", dossier.name
            ),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return False
        with reported_errors(self) as outcome:
            self.store.purge_dossier(dossier_id)
        if outcome.failed:
            return False
        self.undo_stack.clear()  # steps may refer to the erased dossier
        return True

    def open_trash(self) -> None:
        from coopguide.ui.dossiers.dialogs import TrashDialog

        TrashDialog(self, self).exec()

    # -- reset a checklist ---------------------------------------------------------------------
    def ask_reset_checklist(self) -> None:
        from coopguide.ui.dossiers.dialogs import ResetDialog

        checklist = self.panel.current_checklist()
        if checklist is None:
            QMessageBox.information(self, APP_NAME, self.tr("Choisissez d'abord une check-list dans le panneau."))
            return
        done = self.resolved.count(checklist)[0]
        dialog = ResetDialog(checklist.title, done, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.reset_checklist(checklist, dialog.keep_notes.isChecked())

    def reset_checklist(self, checklist, keep_notes: bool) -> bool:
        ids = [i.id for i in checklist.items] + [old for i in checklist.items for old in i.aliases]
        with reported_errors(self) as outcome:
            before = self.store.reset_items(self.dossier_id, ids, keep_notes)
        if outcome.failed:
            return False
        after = [self.store.item_row(self.dossier_id, row.item_id) for row in before]
        from coopguide.ui.dossiers.undo import ItemsCommand

        self.undo_stack.push(
            ItemsCommand(
                self, self.dossier_id, before, after, self.tr("réinitialiser « %1 »").replace("%1", checklist.title)
            )
        )
        self.load_progress()
        return True

    # -- export, import ------------------------------------------------------------------------
    def ask_export(self) -> None:
        from PySide6.QtCore import QStandardPaths
        from PySide6.QtWidgets import QFileDialog

        dossier = self.store.dossier(self.dossier_id)
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Exporter le dossier"), str(Path(folder) / f"{dossier.name}.coopguide"), FILE_FILTER
        )
        if path:
            self.export_to(Path(path))

    def export_to(self, path: Path) -> Path | None:
        from coopguide.core.store import exchange

        with reported_errors(self) as outcome:
            written = exchange.export_dossier(self.store, self.dossier_id, path, self.content.edition)
        if outcome.failed:
            return None
        self.statusBar().showMessage(self.tr("Dossier exporté dans %1").replace("%1", str(written)), 8000)
        return written

    def ask_import(self) -> None:
        from PySide6.QtCore import QStandardPaths
        from PySide6.QtWidgets import QFileDialog

        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Importer un dossier"), folder, f"{FILE_FILTER};;Tous les fichiers (*)"
        )
        if path:
            self.import_from(Path(path))

    def import_from(self, path: Path) -> bool:
        from coopguide.core.store import exchange
        from coopguide.ui.dossiers.dialogs import ImportDialog, MergePreviewDialog
        from coopguide.ui.dossiers.undo import ItemsCommand

        with reported_errors(self) as outcome:
            data = exchange.read_exchange_file(path)
        if outcome.failed:
            return False
        dialog = ImportDialog(path.name, data.name, len(data.items), self.store.all_dossiers(), self.dossier_id, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return False
        with reported_errors(self) as outcome:
            if dialog.as_new.isChecked():
                dossier = exchange.import_as_new(self.store, data)
                self.switch_dossier(dossier.id)
                self.statusBar().showMessage(self.tr("Dossier importé : « %1 ».").replace("%1", dossier.name), 8000)
                return True
            target = self.store.dossier(dialog.target.currentData())
            plan = exchange.plan_merge(self.store, target.id, data, self.content)
            if MergePreviewDialog(plan, self.content, target.name, self).exec() != QDialog.DialogCode.Accepted:
                return False
            exchange.apply_merge(self.store, plan)
        if outcome.failed:
            return False
        if plan.changes:
            after = [self.store.item_row(target.id, change.item_id) for change in plan.changes]
            self.undo_stack.push(
                ItemsCommand(
                    self,
                    target.id,
                    [c.before for c in plan.changes],
                    after,
                    self.tr("fusionner « %1 »").replace("%1", path.name),
                )
            )
        self.switch_dossier(target.id)
        self.statusBar().showMessage(
            self.tr("Fusion faite : %1 changement(s).").replace("%1", str(len(plan.changes))), 8000
        )
        return True
