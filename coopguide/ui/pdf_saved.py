"""« PDF enregistré » : every PDF the app writes is confirmed in a box that can open it or its folder.

A status-bar message alone was the only sign a PDF had been saved, and on a small screen the status
bar was off it. The box says where the file is (the path as plain text: it may hold anything) and
offers « Ouvrir le PDF » (the default: most people then want to read or print it) and « Ouvrir le
dossier », both through the desktop's own viewer and file manager.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QAbstractButton, QMessageBox, QWidget

from coopguide import APP_NAME


def confirm_pdf(parent: QWidget, message: str, path: str) -> QMessageBox:
    """Show ``message`` (which names ``path``) with buttons to open the PDF or its folder; the box
    is not modal-blocking (``open``) and deletes itself when closed."""
    box = QMessageBox(QMessageBox.Icon.Information, APP_NAME, message, QMessageBox.StandardButton.NoButton, parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    tr = QCoreApplication.translate
    open_pdf = box.addButton(tr("pdf_saved", "Ouvrir le PDF"), QMessageBox.ButtonRole.AcceptRole)
    open_folder = box.addButton(tr("pdf_saved", "Ouvrir le dossier"), QMessageBox.ButtonRole.ActionRole)
    close = box.addButton(tr("pdf_saved", "Fermer"), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(open_pdf)
    box.setEscapeButton(close)

    def clicked(button: QAbstractButton) -> None:
        if button is open_pdf:
            QDesktopServices.openUrl(QUrl.fromLocalFile(path))
        elif button is open_folder:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(Path(path).parent)))

    box.buttonClicked.connect(clicked)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()
    return box
