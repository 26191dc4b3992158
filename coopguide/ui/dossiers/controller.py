"""Dossiers: the « Fichier » and « Dossier » actions, « Check-list › Réinitialiser », and the tool
bar's dossier switcher. Create, edit, duplicate, archive, delete (to the trash, Ctrl+Z brings it
back), the trash, export and import (as new or merged; one file, several, or a whole folder such as
a USB key), reset a checklist.

Every write goes through the store (one transaction); a refusal shows its French message and
changes nothing on screen. The current dossier lives in :class:`~coopguide.ui.reading_state.ReadingState`:
switching calls ``state.set_dossier``, and this controller follows ``dossierChanged`` (from here, from
an undo step or from a séance being prepared) to update the switcher and remember the choice in the
database, where it follows the data.

This module is on the start path: it builds the actions and the switcher. What needs a dialog, the
exchange format or an undo step is in :mod:`coopguide.ui.dossiers.handlers`, imported at first use.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6 import QtWidgets  # QtWidgets.QMessageBox read where used: made when first read (~0.5 ms)
from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QComboBox, QLabel, QMainWindow, QToolBar

from coopguide.core.content.model import Checklist
from coopguide.core.store import Store
from coopguide.ui.actions import action
from coopguide.ui.checklist_edits import ChecklistEdits
from coopguide.ui.errors import ask, reported_errors
from coopguide.ui.later import Later
from coopguide.ui.reading_state import ReadingState

if TYPE_CHECKING:
    from PySide6.QtWidgets import QDialog

    from coopguide.ui.dossiers import handlers, key_dates_dialog, next_actions, undo
    from coopguide.ui.dossiers.next_actions import NextActionsDialog
else:
    handlers = Later("coopguide.ui.dossiers.handlers")
    key_dates_dialog = Later("coopguide.ui.dossiers.key_dates_dialog")
    next_actions = Later("coopguide.ui.dossiers.next_actions")
    undo = Later("coopguide.ui.dossiers.undo")

CURRENT_DOSSIER_KEY = "dossier_courant"  # in the database: it follows the data (see window_settings)


def remembered_dossier(store: Store) -> int:
    """The dossier shown last time, or the first one (made if there is none)."""
    remembered = store.db.setting(CURRENT_DOSSIER_KEY)
    if remembered and remembered.isdigit():
        dossier = store.dossiers.get(int(remembered))
        if dossier and not dossier.deleted:
            return dossier.id
    return store.dossiers.ensure_default().id


class DossierController(QObject):
    """``current_checklist()`` is the checklist chosen in the panel (for « Réinitialiser »);
    ``show_dashboard()`` shows the current dossier's dashboard (« Tableau de bord », Ctrl+D)."""

    def __init__(
        self,
        window: QMainWindow,
        state: ReadingState,
        edits: ChecklistEdits,
        current_checklist: Callable[[], Checklist | None],
        show_dashboard: Callable[[], None],
    ) -> None:
        super().__init__(window)
        self.window = window
        self.state = state
        self.store = state.store
        self.edits = edits
        self.current_checklist = current_checklist
        self._shown_id = self._remembered_id = state.dossier_id
        self._actions = {
            "dossier.import": action(self, "Importer des dossiers…", self.ask_import, "Ctrl+I", writes=True),
            "dossier.import_folder": action(
                self, "Importer tout un répertoire (clé USB)…", self.ask_import_folder, writes=True
            ),
            "dossier.export": action(self, "Exporter le dossier…", self.ask_export, "Ctrl+E"),
            "dossier.export_many": action(self, "Exporter plusieurs dossiers…", self.ask_export_many),
            "dossier.dashboard": action(self, "Tableau de bord", show_dashboard, "Ctrl+D"),
            "dossier.next_actions": action(self, "Mes prochaines actions…", self.open_next_actions, "Ctrl+J"),
            "dossier.new": action(
                self, "Nouveau dossier…", self.ask_new_dossier, QKeySequence.StandardKey.New, writes=True
            ),
            "dossier.edit": action(self, "Propriétés du dossier (nom, membres)…", self.ask_edit_dossier, writes=True),
            "dossier.scope": action(self, "Check-lists suivies…", self.ask_scope, writes=True),
            "dossier.key_dates": action(self, "Dates clés du dossier…", self.ask_key_dates, writes=True),
            "dossier.duplicate": action(self, "Dupliquer le dossier…", self.ask_duplicate_dossier, writes=True),
            "dossier.archive": action(self, "Archiver le dossier", self.toggle_archive, writes=True),
            "dossier.delete": action(self, "Supprimer le dossier…", self.ask_delete_dossier, writes=True),
            "dossier.trash": action(self, "Corbeille…", self.open_trash, writes=True),
            "checklist.reset": action(self, "Réinitialiser la check-list…", self.ask_reset_checklist, writes=True),
        }
        self.archive_action = self._actions["dossier.archive"]
        self.next_actions: NextActionsDialog | None = None  # kept while open (not modal)
        self.switcher = self._build_tool_bar()
        self.fill_switcher()
        self.switcher.currentIndexChanged.connect(self._on_dossier_chosen)
        state.dossierChanged.connect(self._on_dossier_changed)

    def actions(self) -> dict[str, QAction]:
        return dict(self._actions)

    def open_next_actions(self) -> QDialog:
        """« Mes prochaines actions »: the current dossier's next items, late ones first."""
        return next_actions.open_dialog(self)

    def _build_tool_bar(self) -> QComboBox:
        toolbar = QToolBar(self.tr("Dossier"))
        toolbar.setObjectName("barre-dossier")
        toolbar.setMovable(False)
        label = QLabel(self.tr("Dossier : "))
        switcher = QComboBox()
        switcher.setMinimumContentsLength(22)
        switcher.setAccessibleName(self.tr("Dossier en cours"))
        label.setBuddy(switcher)
        toolbar.addWidget(label)
        toolbar.addWidget(switcher)
        for name in ("dossier.dashboard", "dossier.new", "dossier.edit"):
            toolbar.addAction(self._actions[name])
        self.window.addToolBar(toolbar)
        self.tool_bar = toolbar
        return switcher

    # -- the current dossier -------------------------------------------------------------------
    def fill_switcher(self) -> None:
        """The dossiers in the switcher (archived ones last), the current one chosen."""
        self.switcher.blockSignals(True)
        self.switcher.clear()
        for dossier in self.store.dossiers.in_use():
            self.switcher.addItem(dossier.name, dossier.id)
        for dossier in self.store.dossiers.archived():
            self.switcher.addItem(self.tr("%1 (archivé)").replace("%1", dossier.name), dossier.id)
        self.switcher.setCurrentIndex(self.switcher.findData(self.state.dossier_id))
        self.switcher.blockSignals(False)
        current = self.state.dossier()
        self.archive_action.setText(
            self.tr("Désarchiver le dossier") if current and current.archived else self.tr("Archiver le dossier")
        )

    def _on_dossier_chosen(self, index: int) -> None:
        dossier_id = self.switcher.itemData(index)
        if dossier_id is not None:
            self.switch_dossier(dossier_id)

    def switch_dossier(self, dossier_id: int) -> bool:
        return self.state.set_dossier(dossier_id)

    def _on_dossier_changed(self, dossier_id: int) -> None:
        if dossier_id != self._remembered_id and not self.store.read_only:
            with reported_errors(self.window, in_status_bar=True) as outcome:
                self.store.db.set_setting(CURRENT_DOSSIER_KEY, str(dossier_id))
            if not outcome.failed:
                self._remembered_id = dossier_id
        self.fill_switcher()
        if dossier_id != self._shown_id:
            self._shown_id = dossier_id
            message = self.tr("Dossier « %1 » ouvert.").replace("%1", self.state.dossier_name())
            self.window.statusBar().showMessage(message, 5000)

    # -- create, edit, duplicate, archive ------------------------------------------------------
    def ask_new_dossier(self) -> None:
        handlers.ask_new_dossier(self)

    def create_dossier(
        self,
        name: str,
        description: str = "",
        members: tuple[str, ...] | list[str] = (),
        scope: tuple[str, ...] | None = None,
    ) -> bool:
        with reported_errors(self.window) as outcome:
            dossier = self.store.dossiers.create(name, description, members, scope)
        if outcome.failed:
            return False
        self.switch_dossier(dossier.id)
        return True

    def ask_edit_dossier(self) -> None:
        handlers.ask_edit_dossier(self)

    def edit_dossier(self, **values: Any) -> bool:
        with reported_errors(self.window) as outcome:
            self.store.dossiers.update(self.state.dossier_id, **values)
        if outcome.failed:
            return False
        self.state.dossier_edited()
        return True

    def ask_scope(self) -> QDialog | None:
        """« Check-lists suivies… » (Dossier menu, the dashboard's link); opened, not waited for."""
        return handlers.ask_scope(self)

    def set_scope(self, scope: tuple[str, ...] | None) -> bool:
        """One store call; then the dashboard, the panel and the switcher show the new counts."""
        with reported_errors(self.window) as outcome:
            self.store.dossiers.set_scope(self.state.dossier_id, scope)
        if outcome.failed:
            return False
        self.state.dossier_edited()
        return True

    def ask_key_dates(self) -> None:
        """« Dates clés du dossier… » (the Dossier menu, the dashboard's link)."""
        if not self.store.read_only:
            key_dates_dialog.ask_key_dates(self)

    def date_from_key_dates(self) -> bool:
        """The dashboard's « Dater N éléments d'après ces dates »: every item the content dates from a
        key date gets that échéance (one transaction, one undo step), after the user agreed."""
        from coopguide.core.suggested_dues import datable_items

        dossier = self.state.dossier()
        if dossier is None or self.store.read_only:
            return False
        key_dates = self.store.key_dates.list(dossier.id)
        rules = datable_items(self.state.content, self.state.resolved, dossier, key_dates)
        if not rules:
            return False
        question = self.tr(
            "Donner à %1 élément(s) l'échéance que le guide propose, comptée à partir des dates clés du "
            "dossier ?\n\nElle suivra la date clé si celle-ci change. Les éléments déjà datés ou faits ne "
            "changent pas. Ctrl+Z annule."
        ).replace("%1", str(len(rules)))
        if ask(self.window, self.tr("Dater les éléments"), question) != QtWidgets.QMessageBox.StandardButton.Yes:
            return False
        items = self.state.content.items()
        with reported_errors(self.window) as outcome:
            before, after = self.store.items.give_due_rules(
                dossier.id,
                rules,
                content_edition=self.state.content.edition,
                item_texts={i: items[i].text for i in rules if i in items},
                bases={i: self.state.resolved.get(i) for i in rules},
            )
        if outcome.failed:
            return False
        if after:
            self.edits.record_rows(dossier.id, before, after, self.tr("dater les éléments d'après les dates clés"))
        self.state.reload()
        self.window.statusBar().showMessage(
            self.tr("%1 élément(s) datés d'après les dates clés.").replace("%1", str(len(after))), 5000
        )
        return True

    def save_key_dates(self, dates: dict[str, tuple[str, str]]) -> bool:
        """The dialog's OK: one transaction; due dates counted from a moved date are read again."""
        with reported_errors(self.window) as outcome:
            moved = self.store.key_dates.save(self.state.dossier_id, dates)
        if outcome.failed:
            return False
        self.state.reload()  # the dashboard's timeline and every moved échéance
        if moved:
            message = self.tr("Dates clés enregistrées ; %1 échéance(s) recalculée(s).").replace("%1", str(len(moved)))
        else:
            message = self.tr("Dates clés enregistrées.")
        self.window.statusBar().showMessage(message, 5000)
        return True

    def ask_duplicate_dossier(self) -> None:
        handlers.ask_duplicate_dossier(self)

    def duplicate_dossier(self, name: str, with_progress: bool) -> bool:
        with reported_errors(self.window) as outcome:
            copy = self.store.dossiers.duplicate(self.state.dossier_id, name, with_progress)
        if outcome.failed:
            return False
        self.switch_dossier(copy.id)
        return True

    def toggle_archive(self) -> None:
        current = self.state.dossier()
        if current is None:
            return
        with reported_errors(self.window) as outcome:
            self.store.dossiers.set_archived(current.id, not current.archived)
        if outcome.failed:
            return
        self.fill_switcher()
        done = self.tr("archivé") if not current.archived else self.tr("désarchivé")
        message = self.tr("Dossier « %1 » %2.").replace("%1", current.name).replace("%2", done)
        self.window.statusBar().showMessage(message, 5000)

    # -- delete, trash -------------------------------------------------------------------------
    def ask_delete_dossier(self) -> None:
        answer = ask(
            self.window,
            self.tr("Supprimer le dossier"),
            self.tr(
                "Mettre le dossier « %1 » à la corbeille ?\n\nSa progression est gardée : vous pourrez le "
                "restaurer depuis Dossier › Corbeille, ou tout de suite avec Ctrl+Z."
            ).replace("%1", self.state.dossier_name()),
        )
        if answer == QtWidgets.QMessageBox.StandardButton.Yes:
            self.trash_dossier(self.state.dossier_id)

    def trash_dossier(self, dossier_id: int, record: bool = True) -> bool:
        with reported_errors(self.window) as outcome:
            dossier = self.store.dossiers.delete(dossier_id)
        if outcome.failed:
            return False
        if record:
            self.edits.undo_stack.push(undo.DeleteDossierCommand(self, dossier_id, dossier.name))
        if dossier_id == self.state.dossier_id:
            self.switch_dossier(self.store.dossiers.ensure_default().id)
        self.fill_switcher()
        self.window.statusBar().showMessage(
            self.tr("« %1 » mis à la corbeille (Ctrl+Z pour annuler).").replace("%1", dossier.name), 8000
        )
        return True

    def restore_dossier(self, dossier_id: int) -> bool:
        with reported_errors(self.window) as outcome:
            self.store.dossiers.restore(dossier_id)
        if outcome.failed:
            return False
        self.switch_dossier(dossier_id)
        return True

    def purge_dossier(self, dossier_id: int) -> bool:
        dossier = self.store.dossiers.get(dossier_id)
        if dossier is None:
            return False
        answer = ask(
            self.window,
            self.tr("Supprimer définitivement"),
            self.tr("Effacer pour toujours « %1 » et toute sa progression ? Cela ne peut pas être annulé.").replace(
                "%1", dossier.name
            ),
            QtWidgets.QMessageBox.StandardButton.Yes | QtWidgets.QMessageBox.StandardButton.Cancel,
            QtWidgets.QMessageBox.StandardButton.Cancel,
            QtWidgets.QMessageBox.Icon.Warning,
        )
        if answer != QtWidgets.QMessageBox.StandardButton.Yes:
            return False
        with reported_errors(self.window) as outcome:
            self.store.dossiers.purge(dossier_id)
        if outcome.failed:
            return False
        self.edits.undo_stack.clear()  # steps may refer to the erased dossier
        return True

    def open_trash(self) -> None:
        handlers.open_trash(self)

    # -- reset a checklist ---------------------------------------------------------------------
    def ask_reset_checklist(self) -> None:
        handlers.ask_reset_checklist(self)

    def reset_checklist(self, checklist: Checklist, keep_notes: bool) -> bool:
        dossier_id = self.state.dossier_id
        ids = [i.id for i in checklist.items] + [old for i in checklist.items for old in i.aliases]
        with reported_errors(self.window) as outcome:
            before = self.store.items.reset(dossier_id, ids, keep_notes)
        if outcome.failed:
            return False
        after = [self.store.items.row(dossier_id, row.item_id) for row in before]
        text = self.tr("réinitialiser « %1 »").replace("%1", checklist.title)
        self.edits.record_rows(dossier_id, before, after, text)
        self.state.reload()
        return True

    # -- export, import ------------------------------------------------------------------------
    def ask_export(self) -> None:
        handlers.ask_export(self)

    def export_to(self, path: Path) -> Path | None:
        return handlers.export_to(self, path)

    def ask_export_many(self) -> None:
        handlers.ask_export_many(self)

    def ask_import(self) -> None:
        handlers.ask_import(self)

    def ask_import_folder(self) -> None:
        handlers.ask_import_folder(self)

    def import_from(self, path: Path) -> bool:
        return handlers.import_from(self, path)
