"""The « Imprimer » menu: preview, print or export as PDF the current guide, the current checklist
blank or filled with the current dossier, and make a handout pack.

The window gives a :class:`PrintContext` (callbacks, read when an action runs, so the menu always
prints what is on screen) and adds the menu to its menu bar::

    self.menuBar().addMenu(build_print_menu(self, PrintContext(...)))

Preview, printer and PDF all go through :func:`coopguide.printing.render.render`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QUrl
from PySide6.QtGui import QAction, QActionGroup, QDesktopServices, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu, QMessageBox, QWidget

from coopguide import APP_NAME
from coopguide.core.content.model import Checklist, Content
from coopguide.core.store.progress import ResolvedProgress, resolve
from coopguide.ui import errors
from coopguide.ui.errors import reported_errors

if TYPE_CHECKING:
    from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog

    from coopguide.core.printout.layout import PrintDocument
    from coopguide.ui.pack_dialog import PackDialog, PackRequest

# The print machinery (QtPrintSupport, the renderer, the pack builder, ~25 ms of imports) and the file
# dialog are imported by the methods that print: the menu itself is built at every start, printing
# happens rarely.

GUIDE, BLANK, FILLED = "guide", "vierge", "remplie"


@dataclass
class PrintContext:
    """What the window shows now. ``dossier`` is ``(id, name)``; ``store`` has ``item_rows(id)``."""

    content: Callable[[], Content]
    templates: Callable[[], dict[str, str]]
    guide_id: Callable[[], str | None]
    checklist_id: Callable[[], str | None]
    dossier: Callable[[], tuple[int, str] | None]
    store: Callable[[], object]


def build_print_menu(parent: QMainWindow, context: PrintContext) -> QMenu:
    return PrintMenu(parent, context)


class PrintMenu(QMenu):
    def __init__(self, window: QWidget, context: PrintContext):
        super().__init__(self.tr("&Imprimer"), window)
        self.window_, self.context = window, context
        self.paper = "A4"
        self.last_folder = ""  # where the last PDF went; until then, the Documents folder (see ask_pdf_path)
        self.submenus: dict[str, QMenu] = {}
        self.actions_by_kind: dict[str, list[QAction]] = {}
        for kind in (GUIDE, BLANK, FILLED):
            self._add_target_menu(kind)
        self.addSeparator()
        self.pack_action = self.addAction(self.tr("Dossier de séance (PDF)…"), self.open_pack_dialog)
        self.addSeparator()
        paper_menu = self.addMenu(self.tr("Format du papier"))
        group = QActionGroup(self)
        for size, label in (("A4", self.tr("A4")), ("Letter", self.tr("Letter (États-Unis)"))):
            action = paper_menu.addAction(label)
            action.setCheckable(True)
            action.setChecked(size == self.paper)
            action.setData(size)
            group.addAction(action)
        group.triggered.connect(lambda action: setattr(self, "paper", action.data()))
        self.aboutToShow.connect(self.refresh)
        self.refresh()

    def _add_target_menu(self, kind: str) -> None:
        menu = self.addMenu("")
        self.submenus[kind] = menu
        preview = menu.addAction(self.tr("Aperçu avant impression…"), lambda: self.preview(kind))
        printing = menu.addAction(self.tr("Imprimer…"), lambda: self.print_on_paper(kind))
        pdf = menu.addAction(self.tr("Exporter en PDF…"), lambda: self.export_pdf(kind))
        if kind == GUIDE:
            printing.setShortcut(QKeySequence.StandardKey.Print)
            self.window_.addAction(printing)  # the shortcut works without opening the menu
        self.actions_by_kind[kind] = [preview, printing, pdf]

    def refresh(self) -> None:
        """Name the current guide, checklist and dossier in the menu; disable what cannot be printed."""
        content = self.context.content()
        guide = content.guides.get(self.context.guide_id() or "")
        checklist = self.current_checklist()
        dossier = self.context.dossier()
        labels = {
            GUIDE: self.tr("Guide « %1 »").replace("%1", guide.title) if guide else self.tr("Guide"),
            BLANK: self.tr("Check-list vierge « %1 »").replace("%1", _short(checklist.title))
            if checklist
            else self.tr("Check-list vierge"),
            FILLED: self.tr("Check-list remplie (dossier « %1 »)").replace("%1", dossier[1])
            if dossier
            else self.tr("Check-list remplie"),
        }
        enabled = {
            GUIDE: guide is not None,
            BLANK: checklist is not None,
            FILLED: checklist is not None and dossier is not None,
        }
        for kind, menu in self.submenus.items():
            menu.setTitle(labels[kind])
            menu.setEnabled(enabled[kind])
            for action in self.actions_by_kind[kind]:
                action.setEnabled(enabled[kind])

    # -- what to print ------------------------------------------------------------------------
    def current_checklist(self) -> Checklist | None:
        """The checklist chosen in the panel, or else the current guide's first one."""
        content = self.context.content()
        chosen = content.checklists().get(self.context.checklist_id() or "")
        if chosen is not None:
            return chosen
        guide = content.guides.get(self.context.guide_id() or "")
        return guide.checklists[0] if guide and guide.checklists else None

    def dossier_progress(self) -> tuple[ResolvedProgress | None, str]:
        dossier = self.context.dossier()
        if dossier is None:
            return None, ""
        return resolve(self.context.store().item_rows(dossier[0]), self.context.content()), dossier[1]

    def document(self, kind: str) -> PrintDocument | None:
        from coopguide.core.printout.layout import checklist_document, guide_document

        content = self.context.content()
        progress, name = self.dossier_progress()
        today = dt.date.today()
        if kind == GUIDE:
            guide = content.guides.get(self.context.guide_id() or "")
            if guide is None:
                return None
            template = self.context.templates().get(guide.id, "")
            return guide_document(guide, template, content, progress, name, today)
        checklist = self.current_checklist()
        if checklist is None or (kind == FILLED and progress is None):
            return None
        if kind == BLANK:
            return checklist_document(checklist, content, None, "", today)
        return checklist_document(checklist, content, progress, name, today)

    # -- where to -----------------------------------------------------------------------------
    def new_printer(self, document: PrintDocument) -> QPrinter:
        from PySide6.QtPrintSupport import QPrinter

        from coopguide.printing.output import set_paper

        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        set_paper(printer, self.paper)
        printer.setDocName(document.title)
        printer.setCreator(APP_NAME)
        return printer

    def preview_dialog(self, document: PrintDocument) -> QPrintPreviewDialog:
        from PySide6.QtPrintSupport import QPrintPreviewDialog

        printer = self.new_printer(document)
        dialog = QPrintPreviewDialog(printer, self.window_)
        dialog.setWindowTitle(self.tr("Aperçu avant impression — %1").replace("%1", document.title))
        dialog.paintRequested.connect(lambda device: self.paint(document, device))
        dialog._coopguide_printer = printer  # the dialog does not own it: keep it alive as long as the dialog
        return dialog

    def paint(self, document: PrintDocument, device: QPrinter) -> None:
        from coopguide.printing.render import PrintFailed, render

        try:
            render(document, device)
        except PrintFailed as error:  # not a KnownError: the device's own refusal, already in French
            errors.show_error(self.window_, str(error))

    def preview(self, kind: str) -> None:
        document = self.document(kind)
        if document is not None:
            self.preview_dialog(document).exec()

    def print_on_paper(self, kind: str) -> None:
        document = self.document(kind)
        if document is None:
            return
        from PySide6.QtPrintSupport import QPrintDialog

        printer = self.new_printer(document)
        dialog = QPrintDialog(printer, self.window_)
        dialog.setWindowTitle(self.tr("Imprimer — %1").replace("%1", document.title))
        if dialog.exec() == QPrintDialog.DialogCode.Accepted:
            self.paint(document, printer)

    def ask_pdf_path(self, document: PrintDocument) -> str:
        from PySide6.QtCore import QStandardPaths
        from PySide6.QtWidgets import QFileDialog

        from coopguide.core.printout.layout import pdf_file_name

        folder = self.last_folder or QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        suggested = str(Path(folder or Path.home()) / pdf_file_name(document))
        path, _ = QFileDialog.getSaveFileName(
            self.window_, self.tr("Exporter en PDF"), suggested, self.tr("Document PDF (*.pdf)")
        )
        if path and not path.lower().endswith(".pdf"):
            path += ".pdf"
        if path:
            self.last_folder = str(Path(path).parent)
        return path

    def export_pdf(self, kind: str) -> str | None:
        document = self.document(kind)
        if document is None:
            return None
        path = self.ask_pdf_path(document)
        if not path:
            return None
        from coopguide.printing.output import write_pdf

        with reported_errors(self.window_) as outcome:
            result = write_pdf(document, path, self.paper)
        if outcome.failed:
            return None
        self._tell(
            self.tr("PDF enregistré : %1 (%2 page(s)).").replace("%1", path).replace("%2", str(result.page_count))
        )
        return path

    # -- handout pack -------------------------------------------------------------------------
    def open_pack_dialog(self) -> PackDialog:
        from coopguide.core.content.presets import load_presets
        from coopguide.core.shared import paths
        from coopguide.ui.pack_dialog import PackDialog

        presets, _ = load_presets(paths.content_dir())  # problems are check-content's job
        dossier = self.context.dossier()
        dialog = PackDialog(
            self.context.content(), presets, dossier[1] if dossier else None, self.make_pack, self.paper, self.window_
        )
        dialog.open()
        return dialog

    def make_pack(self, request: PackRequest) -> bool:
        """Build the pack's PDF with a cancellable progress dialog; True once written."""
        from coopguide.core.printout.pack import pack_document
        from coopguide.printing.output import write_pdf
        from coopguide.printing.render import PrintCancelled
        from coopguide.ui.pdf_progress import pack_progress

        progress, name = self.dossier_progress()
        with reported_errors(self.window_) as outcome:
            document = pack_document(
                request.targets,
                self.context.content(),
                self.context.templates(),
                None if request.blank else progress,
                name,
                request.title,
                request.preset,
            )
        if outcome.failed:
            return False
        path = self.ask_pdf_path(document)
        if not path:
            return False
        waiting, step = pack_progress(self.window_)

        try:
            with reported_errors(self.window_) as outcome:
                result = write_pdf(document, path, request.paper, step)
        except PrintCancelled:
            return False
        finally:
            waiting.close()
        if outcome.failed:
            return False
        self._tell(
            self.tr("Dossier de séance enregistré : %1 (%2 pages).")
            .replace("%1", path)
            .replace("%2", str(result.page_count)),
            open_path=path,
        )
        return True

    def _tell(self, message: str, open_path: str | None = None) -> None:
        if isinstance(self.window_, QMainWindow):
            self.window_.statusBar().showMessage(message, 10_000)
        if open_path:
            box = QMessageBox(
                QMessageBox.Icon.Information, APP_NAME, message, QMessageBox.StandardButton.Close, self.window_
            )
            open_button = box.addButton(self.tr("Ouvrir le PDF"), QMessageBox.ButtonRole.ActionRole)
            box.open()
            box.buttonClicked.connect(
                lambda button: button is open_button and QDesktopServices.openUrl(QUrl.fromLocalFile(open_path))
            )
            self._message_box = box  # kept for tests and so it is not garbage-collected while shown


def _short(text: str, length: int = 50) -> str:
    text = text.removeprefix("Check-list : ")
    return text if len(text) <= length else text[: length - 1] + "…"
