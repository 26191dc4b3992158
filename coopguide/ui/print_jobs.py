"""What the « Imprimer » actions do: build the document, then preview it, print it or write a PDF;
and the handout pack (« Dossier de séance »).

Preview, printer and PDF all go through :func:`coopguide.printing.render.render`. Imported at the
first print (:mod:`coopguide.ui.later`): QtPrintSupport, the renderer and the pack builder cost
about 25 ms of imports that the start does not need. Each function takes the
:class:`~coopguide.ui.print_menu.PrintMenu`, which holds the context, the paper size and the last
folder used.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import QStandardPaths
from PySide6.QtGui import QPagedPaintDevice
from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import QFileDialog

from coopguide import APP_NAME
from coopguide.core.content.presets import load_presets
from coopguide.core.next_actions import build_next_actions
from coopguide.core.next_actions_print import next_actions_document
from coopguide.core.printout.layout import PrintDocument, checklist_document, guide_document, pdf_file_name
from coopguide.core.printout.pack import followed_targets, pack_document
from coopguide.core.shared import paths
from coopguide.core.store.progress import ResolvedProgress, resolve
from coopguide.core.store.scope import is_scoped, scope_line
from coopguide.printing.output import set_paper, write_pdf
from coopguide.printing.render import PrintCancelled, PrintFailed, render
from coopguide.ui import errors
from coopguide.ui.errors import reported_errors
from coopguide.ui.pack_dialog import PackDialog, PackRequest
from coopguide.ui.pdf_progress import pack_progress
from coopguide.ui.pdf_saved import confirm_pdf
from coopguide.ui.print_menu import FILLED, GUIDE, NEXT, PrintMenu

PRINTERS = "_coopguide_printer"  # the preview dialog does not own its printer: kept on it as long as it lives


# -- what to print -----------------------------------------------------------------------------
def dossier_progress(menu: PrintMenu) -> tuple[ResolvedProgress | None, str]:
    dossier = menu.context.dossier()
    if dossier is None:
        return None, ""
    return resolve(menu.context.store().items.rows(dossier[0]), menu.context.content()), dossier[1]


def document(menu: PrintMenu, kind: str) -> PrintDocument | None:
    content = menu.context.content()
    progress, name = dossier_progress(menu)
    today = dt.date.today()
    if kind == NEXT:
        return next_actions_page(menu, progress, today)
    if kind == GUIDE:
        guide = content.guides.get(menu.context.guide_id() or "")
        if guide is None:
            return None
        template = menu.context.templates().get(guide.id, "")
        return guide_document(guide, template, content, progress, name, today)
    checklist = menu.current_checklist()
    if checklist is None or (kind == FILLED and progress is None):
        return None
    if kind == FILLED:
        return checklist_document(checklist, content, progress, name, today)
    return checklist_document(checklist, content, None, "", today)


def next_actions_page(menu: PrintMenu, progress: ResolvedProgress | None, today: dt.date) -> PrintDocument | None:
    """« Nos prochaines actions »: one page for the current dossier, within its scope."""
    current = menu.context.dossier()
    dossier = menu.context.store().dossiers.get(current[0]) if current else None
    if dossier is None or progress is None:
        return None
    content = menu.context.content()
    key_dates = menu.context.store().key_dates.list(dossier.id)
    return next_actions_document(build_next_actions(content, progress, dossier, today, key_dates), content)


# -- where to ----------------------------------------------------------------------------------
def new_printer(menu: PrintMenu, printed: PrintDocument) -> QPrinter:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    set_paper(printer, menu.paper, printed.landscape)
    printer.setDocName(pdf_file_name(printed).removesuffix(".pdf"))  # the print dialog's « fichier de sortie »
    printer.setCreator(APP_NAME)
    return printer


def preview_dialog(menu: PrintMenu, printed: PrintDocument) -> QPrintPreviewDialog:
    printer = new_printer(menu, printed)
    dialog = QPrintPreviewDialog(printer, menu.window)
    dialog.setWindowTitle(menu.tr("Aperçu avant impression — %1").replace("%1", printed.title))
    dialog.paintRequested.connect(lambda device: paint(menu, printed, device))
    setattr(dialog, PRINTERS, printer)
    return dialog


def paint(menu: PrintMenu, printed: PrintDocument, device: QPagedPaintDevice) -> None:
    try:
        render(printed, device)
    except PrintFailed as error:  # not a KnownError: the device's own refusal, already in French
        errors.show_error(menu.window, str(error))


def preview(menu: PrintMenu, kind: str) -> None:
    printed = document(menu, kind)
    if printed is not None:
        preview_dialog(menu, printed).exec()


def print_on_paper(menu: PrintMenu, kind: str) -> None:
    printed = document(menu, kind)
    if printed is None:
        return
    printer = new_printer(menu, printed)
    dialog = QPrintDialog(printer, menu.window)
    dialog.setWindowTitle(menu.tr("Imprimer — %1").replace("%1", printed.title))
    if dialog.exec() == QPrintDialog.DialogCode.Accepted:
        paint(menu, printed, printer)


def ask_pdf_path(menu: PrintMenu, printed: PrintDocument) -> str:
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    folder = menu.last_folder or documents
    suggested = str(Path(folder or Path.home()) / pdf_file_name(printed))
    path, _ = QFileDialog.getSaveFileName(
        menu.window, menu.tr("Exporter en PDF"), suggested, menu.tr("Document PDF (*.pdf)")
    )
    if path and not path.lower().endswith(".pdf"):
        path += ".pdf"
    if path:
        menu.last_folder = str(Path(path).parent)
    return path


def export_pdf(menu: PrintMenu, kind: str) -> str | None:
    printed = document(menu, kind)
    if printed is None:
        return None
    path = ask_pdf_path(menu, printed)
    if not path:
        return None
    with reported_errors(menu.window) as outcome:
        result = write_pdf(printed, path, menu.paper)
    if outcome.failed:
        return None
    tell(
        menu,
        menu.tr("PDF enregistré : %1 (%2 page(s)).").replace("%1", path).replace("%2", str(result.page_count)),
        path,
    )
    return path


# -- handout pack ------------------------------------------------------------------------------
def open_pack_dialog(menu: PrintMenu) -> PackDialog:
    presets, _ = load_presets(paths.content_dir())  # problems are check-content's job
    dossier = menu.context.dossier()
    content = menu.context.content()
    current = menu.context.store().dossiers.get(dossier[0]) if dossier else None
    dialog = PackDialog(
        content,
        presets,
        dossier[1] if dossier else None,
        lambda request: make_pack(menu, request),
        menu.paper,
        menu.window,
        followed=followed_targets(content, current) if current else None,
    )
    dialog.open()
    return dialog


def make_pack(menu: PrintMenu, request: PackRequest) -> bool:
    """Build the pack's PDF with a cancellable progress dialog; True once written."""
    progress, name = dossier_progress(menu)
    current = menu.context.dossier()
    group = menu.context.store().seances.groups.group_of_dossier(current[0]) if current else None
    with reported_errors(menu.window) as outcome:
        printed = pack_document(
            request.targets,
            menu.context.content(),
            menu.context.templates(),
            None if request.blank else progress,
            name,
            request.title,
            request.preset,
            group=group.name if group else "",  # a séance group's dossier: its cover names the group
            scope_note=_scope_note(menu, current[0]) if current else "",
        )
    if outcome.failed:
        return False
    path = ask_pdf_path(menu, printed)
    if not path:
        return False
    waiting, step = pack_progress(menu.window)
    try:
        with reported_errors(menu.window) as outcome:
            result = write_pdf(printed, path, request.paper, step)
    except PrintCancelled:
        return False
    finally:
        waiting.close()
    if outcome.failed:
        return False
    message = (
        menu.tr("Dossier de séance enregistré : %1 (%2 pages).")
        .replace("%1", path)
        .replace("%2", str(result.page_count))
    )
    tell(menu, message, path)
    return True


def _scope_note(menu: PrintMenu, dossier_id: int) -> str:
    """« Ce dossier suit 3 check-lists sur 14. » on a filled pack's cover, when it leaves some out."""
    content, dossier = menu.context.content(), menu.context.store().dossiers.get(dossier_id)
    return scope_line(content, dossier) if dossier and is_scoped(content, dossier) else ""


def tell(menu: PrintMenu, message: str, path: str) -> None:
    """In the status bar, and in a box that can open the PDF or its folder."""
    menu.window.statusBar().showMessage(message, 10_000)
    menu.message_box = confirm_pdf(menu.window, message, path)  # kept for tests
