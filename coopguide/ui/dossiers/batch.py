"""Importing several exchange files (picked together, or every file of a folder such as a USB key)
and exporting several dossiers to one folder: the window's side of
:mod:`coopguide.core.exchange_batch`.

Loaded with :mod:`coopguide.ui.dossiers.handlers`, at first use. The core reads, checks and writes;
this module asks (one dialog for the whole batch), records each merge as one undo step, as the
one-file import does, and ends with one summary of what happened to each file or dossier.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog

from coopguide.core import exchange_batch
from coopguide.core.exchange_batch import ExportResult, ImportResult, ReadFile
from coopguide.core.merge_preview import MergePreview, build_preview
from coopguide.core.shared.errors import KnownError
from coopguide.core.store import exchange
from coopguide.ui.dossiers.batch_dialogs import BatchImportDialog, ExportChoiceDialog, SummaryDialog
from coopguide.ui.dossiers.controller import DossierController
from coopguide.ui.dossiers.dialogs import fill
from coopguide.ui.errors import reported_errors


class _Busy:
    """The wait cursor while files are read or written (a USB key can be slow)."""

    def __enter__(self) -> None:
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)

    def __exit__(self, *exc: object) -> None:
        QApplication.restoreOverrideCursor()


# -- import -------------------------------------------------------------------------------------
def import_many(dossiers: DossierController, paths: Sequence[Path]) -> list[ImportResult]:
    """Read every file, let the user set each destination in one dialog, import, then summarise.
    Returns the results (empty when cancelled)."""
    store, content = dossiers.store, dossiers.state.content
    with _Busy():
        files = exchange_batch.read_files(paths)

    def preview_for(read: ReadFile, dossier_id: int) -> MergePreview | str:
        assert read.exchange is not None
        try:
            plan = exchange.plan_merge(store, dossier_id, read.exchange, content)
        except KnownError as error:
            return str(error)
        return build_preview(plan, read.exchange, content)

    dialog = BatchImportDialog(files, store.dossiers.all(), preview_for, dossiers.window)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return []
    with _Busy():
        results = list(exchange_batch.import_files(store, dialog.choices(), content))
    finish_import(dossiers, results)
    return results


def import_into_groups(
    dossiers: DossierController, paths: Sequence[Path], group_ids: Sequence[int]
) -> list[ImportResult]:
    """The files a séance's groups returned, each merged into its group's dossier by name with no
    question per file (:func:`exchange_batch.into_named_dossiers`), then one summary. The current
    dossier stays: the trainer is looking at the séance, not at one group."""
    store, content = dossiers.store, dossiers.state.content
    groups = [d for d in (store.dossiers.get(i) for i in group_ids) if d is not None and not d.deleted]
    with _Busy():
        choices, refused = exchange_batch.into_named_dossiers(exchange_batch.read_files(paths), groups)
        results = [*exchange_batch.import_files(store, choices, content), *refused]
    finish_import(dossiers, results, show=False)
    return results


def finish_import(dossiers: DossierController, results: Sequence[ImportResult], show: bool = True) -> None:
    """After an import of several files: each merge an undo step, the window redrawn (``show``: on
    the one dossier touched), one summary of what happened to each file."""
    _record_merges(dossiers, results)
    if show:
        _show_dossiers(dossiers, results)
    else:
        dossiers.state.reload()
        dossiers.fill_switcher()
    SummaryDialog(
        dossiers.tr("Importation terminée"),
        import_headline(dossiers, results),
        [dossiers.tr("Fichier"), dossiers.tr("Résultat")],
        [(r.path.name, import_result_text(dossiers, r), bool(r.refused)) for r in results],
        dossiers.window,
    ).exec()


def import_result_text(dossiers: DossierController, result: ImportResult) -> str:
    tr = dossiers.tr
    if result.refused or result.dossier is None:
        return fill(tr("refusé : %1"), result.refused)
    if result.plan is None:
        return fill(tr("nouveau dossier « %1 »"), result.dossier.name)
    if result.plan.is_empty:
        return fill(tr("déjà à jour dans « %1 » : rien à changer"), result.dossier.name)
    text = fill(tr("fusionné dans « %1 » : %2 changement(s)"), result.dossier.name, str(len(result.plan.changes)))
    if result.plan.new_members:
        text += fill(tr(", %1 nouveau(x) membre(s)"), str(len(result.plan.new_members)))
    return text


def import_headline(dossiers: DossierController, results: Sequence[ImportResult]) -> str:
    new = sum(1 for r in results if r.dossier and not r.merged)
    merged = sum(1 for r in results if r.merged)
    refused = sum(1 for r in results if r.refused)
    return fill(
        dossiers.tr("%1 fichier(s) : %2 nouveau(x) dossier(s), %3 fusionné(s), %4 refusé(s)."),
        str(len(results)),
        str(new),
        str(merged),
        str(refused),
    )


def _record_merges(dossiers: DossierController, results: Sequence[ImportResult]) -> None:
    """One undo step per merge that changed items, in the order they were made (undone backwards,
    each finds the rows the next one left)."""
    for result in results:
        if result.plan is None or result.dossier is None or not result.plan.changes:
            continue
        dossier_id = result.dossier.id
        before = [change.before for change in result.plan.changes]
        after = [dossiers.store.items.row(dossier_id, change.item_id) for change in result.plan.changes]
        text = fill(dossiers.tr("fusionner « %1 »"), result.path.name)
        dossiers.edits.record_rows(dossier_id, before, after, text)


def _show_dossiers(dossiers: DossierController, results: Sequence[ImportResult]) -> None:
    """One dossier touched: show it. Several: stay, re-read the current one (it may be among them)."""
    touched = {r.dossier.id for r in results if r.dossier is not None}
    if len(touched) == 1:
        dossiers.switch_dossier(touched.pop())
    else:
        dossiers.state.reload()
    dossiers.fill_switcher()


def import_folder(dossiers: DossierController, folder: Path) -> None:
    """Every ``.coopguide`` file directly in ``folder``; one file goes through the one-file import
    (its question, then the preview of a merge)."""
    with reported_errors(dossiers.window) as outcome:
        paths = exchange_batch.files_in_folder(folder)
    if outcome.failed:
        return
    if len(paths) == 1:
        dossiers.import_from(paths[0])
    else:
        import_many(dossiers, paths)


# -- export -------------------------------------------------------------------------------------
def choose_dossiers(dossiers: DossierController) -> list[int]:
    dialog = ExportChoiceDialog(dossiers.store.dossiers.in_use(), dossiers.window)
    return dialog.chosen() if dialog.exec() == QDialog.DialogCode.Accepted else []


def export_many(dossiers: DossierController, dossier_ids: Sequence[int], folder: Path) -> list[ExportResult]:
    state = dossiers.state
    with reported_errors(dossiers.window) as outcome, _Busy():
        results = list(exchange_batch.export_to_folder(state.store, dossier_ids, folder, state.content.edition))
    if outcome.failed:
        return []
    written = sum(1 for r in results if r.path)
    headline = fill(
        dossiers.tr("%1 dossier(s) exporté(s) sur %2 dans %3."), str(written), str(len(results)), str(folder)
    )
    SummaryDialog(
        dossiers.tr("Exportation terminée"),
        headline,
        [dossiers.tr("Dossier"), dossiers.tr("Fichier écrit")],
        [(r.dossier_name, export_result_text(dossiers, r), bool(r.refused)) for r in results],
        dossiers.window,
    ).exec()
    return results


def export_result_text(dossiers: DossierController, result: ExportResult) -> str:
    tr = dossiers.tr
    if result.path is None:
        return fill(tr("refusé : %1"), result.refused)
    if result.wanted_name:
        return fill(tr("« %1 » (« %2 » existait déjà)"), result.path.name, result.wanted_name)
    return fill(tr("« %1 »"), result.path.name)
