"""Where a document goes: paper set-up, PDF bytes and files, and a Qt application for the CLI.

A PDF is painted into memory first and then written with
:func:`~coopguide.core.shared.files.write_atomically`, so a failed or cancelled export never leaves
half a file (nor destroys the previous one), and an unwritable destination is reported with a
French sentence rather than a Qt warning.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QCoreApplication, QIODevice, QMarginsF
from PySide6.QtGui import QGuiApplication, QPagedPaintDevice, QPageLayout, QPageSize, QPdfWriter

from coopguide import APP_NAME, __version__
from coopguide.core.printout.layout import PrintDocument
from coopguide.core.shared.errors import KnownError, StorageError
from coopguide.core.shared.files import write_atomically
from coopguide.printing.fonts import register_fonts
from coopguide.printing.render import Progress, RenderResult, render

PAGE_SIZES = {"A4": QPageSize.PageSizeId.A4, "Letter": QPageSize.PageSizeId.Letter}
MARGINS_MM = QMarginsF(15, 12, 15, 10)  # left, top, right, bottom: inside every printer's printable area
PDF_RESOLUTION = 600  # dots per inch of the layout; text and lines stay vectors whatever it is


class ExportError(KnownError):
    """The PDF could not be written where the user asked."""


def page_layout(paper: str = "A4", landscape: bool = False) -> QPageLayout:
    return QPageLayout(
        QPageSize(PAGE_SIZES.get(paper, QPageSize.PageSizeId.A4)),
        QPageLayout.Orientation.Landscape if landscape else QPageLayout.Orientation.Portrait,
        MARGINS_MM,
        QPageLayout.Unit.Millimeter,
    )


def set_paper(device: QPagedPaintDevice, paper: str = "A4", landscape: bool = False) -> None:
    device.setPageLayout(page_layout(paper, landscape))


def pdf_bytes(
    document: PrintDocument, paper: str = "A4", progress: Progress | None = None
) -> tuple[bytes, RenderResult]:
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setResolution(PDF_RESOLUTION)
    writer.setTitle(document.title)
    writer.setCreator(f"{APP_NAME} {__version__}")
    set_paper(writer, paper, document.landscape)
    result = render(document, writer, progress)
    del writer  # flushes the PDF trailer into the buffer
    buffer.close()
    return bytes(data.data()), result


def write_pdf(
    document: PrintDocument, path: str | os.PathLike[str], paper: str = "A4", progress: Progress | None = None
) -> RenderResult:
    target = Path(path).expanduser().absolute()
    _check_writable(target)
    data, result = pdf_bytes(document, paper, progress)
    try:
        write_atomically(target, data, action=f"écrire le PDF {target.name}")
    except StorageError as error:
        raise ExportError(str(error)) from error
    return result


def _check_writable(target: Path) -> None:
    """Fail before the (possibly long) rendering when the file obviously cannot be written."""
    if target.is_dir():
        raise ExportError(f"Impossible d'écrire le PDF : {target} est un dossier. Donnez un nom de fichier.")
    if not target.parent.is_dir():
        raise ExportError(f"Impossible d'écrire le PDF : le dossier {target.parent} n'existe pas.")
    if not os.access(target.parent, os.W_OK) or (target.exists() and not os.access(target, os.W_OK)):
        raise ExportError(
            f"Impossible d'écrire le PDF dans {target.parent} : ce dossier est en lecture seule "
            "ou vous n'avez pas le droit d'y écrire. Choisissez un autre dossier."
        )


def ensure_application() -> QCoreApplication:
    """A Qt application for printing from the command line: no window, so ``QGuiApplication`` is
    enough, on the offscreen platform when there is no display (a server, a CI job)."""
    app = QGuiApplication.instance()
    if app is None:
        no_display = not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))
        if no_display and sys.platform not in ("win32", "darwin"):
            os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        app = QGuiApplication([sys.argv[0] if sys.argv else APP_NAME])
        app.setApplicationName(APP_NAME)
    register_fonts()
    return app
