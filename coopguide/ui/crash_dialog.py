"""The dialog :class:`~coopguide.ui.crash_handler.CrashHandler` opens on a bug: a French message,
the details as plain text, « Copier les détails » (the traceback, the version and the platform on
the clipboard) and « Fermer ».

Apart from the handler because the handler is installed before the first frame and the dialog is
rarely needed: its classes (a QDialog, a text field, a row of buttons, ~3 ms) load only then.
"""

from __future__ import annotations

from pathlib import Path

from PySide6 import QtCore
from PySide6.QtGui import QFontDatabase, QGuiApplication
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QPlainTextEdit, QVBoxLayout, QWidget

from coopguide import APP_NAME

MESSAGE = (
    "Coopguide a rencontré une erreur inattendue, et l'action en cours n'a peut-être pas abouti.\n\n"
    "Vos données enregistrées ne sont pas touchées : chaque changement est écrit sur le disque "
    "en une seule fois, ou pas du tout.\n\n"
    "Vous pouvez continuer. Si quelque chose semble anormal, fermez puis rouvrez Coopguide. "
    "Pour aider à corriger ce problème, copiez les détails et envoyez-les avec une phrase sur ce "
    "que vous faisiez."
)
COPY = "&Copier les détails"
COPIED = "Détails copiés"
CLOSE = "&Fermer"


class CrashDialog(QDialog):
    """The French message, the details as plain text, « Copier les détails » and « Fermer »."""

    def __init__(self, details: str, log_file: Path | None, parent: QWidget | None = None):
        super().__init__(parent)
        self.details = details
        self.setWindowTitle(f"{APP_NAME} — erreur inattendue")
        self.setObjectName("crash-dialog")
        layout = QVBoxLayout(self)
        message = QLabel(MESSAGE)
        message.setWordWrap(True)
        message.setTextFormat(QtCore.Qt.TextFormat.PlainText)
        layout.addWidget(message)
        if log_file is not None:
            where = QLabel(f"Les détails sont aussi notés dans :\n{log_file}")
            where.setTextFormat(QtCore.Qt.TextFormat.PlainText)
            where.setTextInteractionFlags(QtCore.Qt.TextInteractionFlag.TextSelectableByMouse)
            layout.addWidget(where)
        self.text = QPlainTextEdit(details)
        self.text.setReadOnly(True)
        self.text.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.text.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.text.setAccessibleName("Détails de l'erreur")
        self.text.setMinimumSize(560, 200)
        layout.addWidget(self.text)
        buttons = QDialogButtonBox()
        self.copy_button = buttons.addButton(COPY, QDialogButtonBox.ButtonRole.ActionRole)
        self.close_button = buttons.addButton(CLOSE, QDialogButtonBox.ButtonRole.RejectRole)
        self.copy_button.clicked.connect(self.copy_details)
        buttons.rejected.connect(self.reject)
        self.close_button.setDefault(True)
        layout.addWidget(buttons)

    def copy_details(self) -> None:
        QGuiApplication.clipboard().setText(self.details)
        self.copy_button.setText(COPIED)
