"""The dossier actions that open a dialog or read and write an exchange file: new, properties,
duplicate, trash, reset a checklist, export, import (as a new dossier, or merged after a preview);
several files or dossiers at once are in :mod:`coopguide.ui.dossiers.batch`.

Imported when the first of them runs (:mod:`coopguide.ui.later`), with its dialogs and the exchange
format, so that none of it slows the start. Each function takes the
:class:`~coopguide.ui.dossiers.controller.DossierController` and leaves the writing to it or to the
store: the dialogs only collect answers.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QStandardPaths, Qt
from PySide6.QtWidgets import QDialog, QFileDialog, QMessageBox

from coopguide import APP_NAME
from coopguide.core.merge_preview import build_preview
from coopguide.core.shared.file_names import safe_file_name
from coopguide.core.store import exchange
from coopguide.ui.dossiers import batch
from coopguide.ui.dossiers.controller import DossierController
from coopguide.ui.dossiers.dialogs import (
    DossierPropertiesDialog,
    DuplicateDialog,
    ImportDialog,
    MergePreviewDialog,
    ResetDialog,
    TrashDialog,
)
from coopguide.ui.dossiers.scope_dialog import ScopeDialog
from coopguide.ui.errors import reported_errors

FILE_FILTER = "Dossier Coopguide (*.coopguide)"


def _documents() -> str:
    return QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)


# -- create, edit, duplicate, trash ------------------------------------------------------------
def ask_new_dossier(dossiers: DossierController) -> None:
    dialog = DossierPropertiesDialog(dossiers.window, content=dossiers.state.content)
    while dialog.exec() == QDialog.DialogCode.Accepted:  # asked again, as typed, until the store accepts
        if dossiers.create_dossier(**dialog.values()):
            return


def ask_edit_dossier(dossiers: DossierController) -> None:
    dialog = DossierPropertiesDialog(dossiers.window, dossiers.state.dossier(), dossiers.state.content)
    while dialog.exec() == QDialog.DialogCode.Accepted:
        if dossiers.edit_dossier(**dialog.values()):
            return


def ask_scope(dossiers: DossierController) -> ScopeDialog | None:
    """The dialog, opened window-modal; its OK writes the scope (one store call)."""
    dossier = dossiers.state.dossier()
    if dossier is None:
        return None
    dialog = ScopeDialog(dossiers.state.content, dossier, dossier.name, dossiers.window)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.accepted.connect(lambda: dossiers.set_scope(dialog.scope()))
    dialog.open()
    return dialog


def ask_duplicate_dossier(dossiers: DossierController) -> None:
    source = dossiers.state.dossier()
    if source is None:
        return
    suggested = dossiers.store.dossiers.free_name(dossiers.tr("%1 — copie").replace("%1", source.name))
    dialog = DuplicateDialog(source, suggested, dossiers.window)
    while dialog.exec() == QDialog.DialogCode.Accepted:
        if dossiers.duplicate_dossier(dialog.name.text(), dialog.with_progress.isChecked()):
            return


def open_trash(dossiers: DossierController) -> None:
    TrashDialog(dossiers, dossiers.window).exec()


# -- reset a checklist -------------------------------------------------------------------------
def ask_reset_checklist(dossiers: DossierController) -> None:
    checklist = dossiers.current_checklist()
    if checklist is None:
        QMessageBox.information(
            dossiers.window, APP_NAME, dossiers.tr("Choisissez d'abord une check-list dans le panneau.")
        )
        return
    done = dossiers.state.resolved.count(checklist)[0]
    dialog = ResetDialog(checklist.title, done, dossiers.window)
    if dialog.exec() == QDialog.DialogCode.Accepted:
        dossiers.reset_checklist(checklist, dialog.keep_notes.isChecked())


# -- export, import ----------------------------------------------------------------------------
def ask_export(dossiers: DossierController) -> None:
    suggested = Path(_documents()) / safe_file_name(dossiers.state.dossier_name(), exchange.FILE_SUFFIX)
    path, _ = QFileDialog.getSaveFileName(
        dossiers.window, dossiers.tr("Exporter le dossier"), str(suggested), FILE_FILTER
    )
    if path:
        export_to(dossiers, Path(path))


def export_to(dossiers: DossierController, path: Path) -> Path | None:
    state = dossiers.state
    with reported_errors(dossiers.window) as outcome:
        written = exchange.export_dossier(state.store, state.dossier_id, path, state.content.edition)
    if outcome.failed:
        return None
    dossiers.window.statusBar().showMessage(dossiers.tr("Dossier exporté dans %1").replace("%1", str(written)), 8000)
    return written


def ask_export_many(dossiers: DossierController) -> None:
    """Tick the dossiers, choose a folder (a USB key), one file each: see :mod:`.batch`."""
    chosen = batch.choose_dossiers(dossiers)
    if not chosen:
        return
    folder = QFileDialog.getExistingDirectory(
        dossiers.window, dossiers.tr("Répertoire où écrire les dossiers"), _documents()
    )
    if folder:
        batch.export_many(dossiers, chosen, Path(folder))


def ask_import(dossiers: DossierController) -> None:
    """One file or several (Ctrl or Maj in the file dialog): one file asks « nouveau dossier ou
    fusion ? » then previews the merge; several go through one dialog for the batch."""
    paths, _ = QFileDialog.getOpenFileNames(
        dossiers.window, dossiers.tr("Importer des dossiers"), _documents(), f"{FILE_FILTER};;Tous les fichiers (*)"
    )
    if len(paths) == 1:
        import_from(dossiers, Path(paths[0]))
    elif paths:
        batch.import_many(dossiers, [Path(p) for p in paths])


def ask_import_folder(dossiers: DossierController) -> None:
    """Every ``.coopguide`` file of a folder, such as a USB key collected at the end of a session."""
    folder = QFileDialog.getExistingDirectory(
        dossiers.window, dossiers.tr("Importer tous les fichiers d'un répertoire"), _documents()
    )
    if folder:
        batch.import_folder(dossiers, Path(folder))


def import_from(dossiers: DossierController, path: Path) -> bool:
    """Read the whole file first (nothing is written if it is damaged), then ask: a new dossier, or a
    merge into an existing one after a preview of what would change. A merge is one undo step."""
    window, state, store = dossiers.window, dossiers.state, dossiers.store
    with reported_errors(window) as outcome:
        data = exchange.read_exchange_file(path)
    if outcome.failed:
        return False
    dialog = ImportDialog(path.name, data.name, len(data.items), store.dossiers.all(), state.dossier_id, window)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return False
    if dialog.as_new.isChecked():
        with reported_errors(window) as outcome:
            dossier = exchange.import_as_new(store, data)
        if outcome.failed:
            return False
        dossiers.switch_dossier(dossier.id)
        window.statusBar().showMessage(dossiers.tr("Dossier importé : « %1 ».").replace("%1", dossier.name), 8000)
        return True
    target = store.dossiers.get(dialog.target.currentData())
    if target is None:
        return False
    with reported_errors(window) as outcome:
        plan = exchange.plan_merge(store, target.id, data, state.content)
    if outcome.failed:
        return False
    preview = build_preview(plan, data, state.content)
    if MergePreviewDialog(preview, target.name, window).exec() != QDialog.DialogCode.Accepted:
        return False
    with reported_errors(window) as outcome:
        exchange.apply_merge(store, plan)
    if outcome.failed:
        return False
    if plan.changes:
        after = [store.items.row(target.id, change.item_id) for change in plan.changes]
        before = [change.before for change in plan.changes]
        dossiers.edits.record_rows(target.id, before, after, dossiers.tr("fusionner « %1 »").replace("%1", path.name))
    dossiers.switch_dossier(target.id)  # read again from the store, even if it was already shown
    window.statusBar().showMessage(
        dossiers.tr("Fusion faite : %1 changement(s).").replace("%1", str(len(plan.changes))), 8000
    )
    return True
