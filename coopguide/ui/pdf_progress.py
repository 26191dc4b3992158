"""The progress dialog shown while a handout pack is written (print menu and séance preparation)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QProgressDialog, QWidget

from coopguide import APP_NAME


def pack_progress(parent: QWidget) -> tuple[QProgressDialog, Callable[[int, int], bool]]:
    """A cancellable dialog and the ``step(done, total) -> keep going`` callback ``write_pdf`` takes."""
    waiting = QProgressDialog(
        QCoreApplication.translate("pack", "Création du dossier de séance…"),
        QCoreApplication.translate("pack", "Annuler"),
        0,
        100,
        parent,
    )
    waiting.setWindowTitle(APP_NAME)
    waiting.setMinimumDuration(0)
    waiting.setAutoClose(False)
    waiting.setValue(0)

    def step(done: int, total: int) -> bool:
        waiting.setMaximum(total)
        waiting.setValue(min(done, total))
        return not waiting.wasCanceled()

    return waiting, step
