"""The crash handler of the app: a bug is logged and shown in a French dialog, never lost.

:class:`CrashHandler` replaces ``sys.excepthook`` (an exception in a slot or at start) and
``threading.excepthook`` (the search thread); it writes the traceback to ``journal.log`` with
:func:`coopguide.core.shared.crash_report.record_bug` and opens
:class:`~coopguide.ui.crash_dialog.CrashDialog`, loaded then (it is not needed before). An exception
from another thread is shown through a queued signal, in the GUI thread. While a dialog is open,
further exceptions are only logged. With ``interactive=False`` (``--startup-check``) the French line
goes to stderr and the event loop stops; ``run_app`` then exits with code 2.

Installed by :func:`coopguide.ui.app.run_app` only, and removed when it returns: tests build the
window without it, so pytest-qt's own hook still fails a test whose slot raises.
"""

from __future__ import annotations

import sys
import threading
from collections.abc import Callable
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any

from PySide6 import QtCore  # not Qt itself: see tests/ui/test_start_path.py
from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication

from coopguide.core.shared import crash_report
from coopguide.ui.app_icon import set_app_icon

if TYPE_CHECKING:
    from coopguide.ui.crash_dialog import CrashDialog


def qt_versions() -> list[str]:
    from PySide6 import __version__ as pyside_version
    from PySide6.QtCore import qVersion

    return [f"Qt {qVersion()}, PySide6 {pyside_version}, plateforme Qt « {QGuiApplication.platformName()} »"]


class CrashHandler(QObject):
    """Logs every uncaught exception and shows it; see the module docstring."""

    _shown_in_gui_thread = Signal(str)

    def __init__(self, interactive: bool = True, parent: QObject | None = None):
        super().__init__(parent)
        self.interactive = interactive
        self.bugs = 0  # how many exceptions it has handled
        self.dialog: CrashDialog | None = None
        self._previous: tuple[Callable[..., Any], Callable[..., Any]] | None = None
        self._shown_in_gui_thread.connect(self.show)  # queued when emitted from another thread

    def install(self) -> None:
        self._previous = (sys.excepthook, threading.excepthook)
        sys.excepthook = self.excepthook
        threading.excepthook = self.threading_hook

    def uninstall(self) -> None:
        if self._previous is not None:
            sys.excepthook, threading.excepthook = self._previous
            self._previous = None

    @classmethod
    def start(cls, data_dir: Path, interactive: bool = True) -> CrashHandler:
        """Log to ``data_dir/journal.log``, hard crashes to ``plantage.log`` (stderr for both when
        the folder cannot be written), and install the hooks."""
        crash_report.start_logging(data_dir)
        crash_report.start_fault_log(data_dir)
        handler = cls(interactive)
        handler.install()
        return handler

    def stop(self) -> None:
        """Put back the previous hooks and close the logs."""
        self.uninstall()
        crash_report.stop_fault_log()
        crash_report.stop_logging()

    def excepthook(
        self, exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None, where: str = ""
    ) -> None:
        if issubclass(exc_type, KeyboardInterrupt):  # Ctrl+C in a terminal: not a bug
            sys.__excepthook__(exc_type, exc, tb)
            return
        self.bugs += 1
        try:
            details = crash_report.record_bug((exc_type, exc, tb), extra=qt_versions(), where=where)
        except Exception:  # the handler must not raise: fall back to Python's own output
            sys.__excepthook__(exc_type, exc, tb)
            return
        if threading.current_thread() is threading.main_thread():
            self.show(details)
        else:
            self._shown_in_gui_thread.emit(details)

    def threading_hook(self, args: threading.ExceptHookArgs) -> None:
        if args.exc_type is SystemExit or args.exc_value is None:
            return
        name = args.thread.name if args.thread is not None else "?"
        self.excepthook(args.exc_type, args.exc_value, args.exc_traceback, where=f"fil {name}")

    def show(self, details: str) -> None:
        if not self.interactive:
            line = "Coopguide a rencontré une erreur inattendue."
            where = crash_report.log_file()
            if sys.stderr is not None:
                print(f"{line} Les détails sont notés dans {where}." if where else line, file=sys.stderr)
            QApplication.exit(crash_report.BUG_EXIT_CODE)
            return
        if self.dialog is not None and self.dialog.isVisible():
            return  # already logged; one dialog at a time
        from coopguide.ui.crash_dialog import CrashDialog

        set_app_icon()  # a bug before the first frame comes before the icon (see ui/app_icon.py)
        self.dialog = CrashDialog(details, crash_report.log_file(), QApplication.activeWindow())
        self.dialog.setAttribute(QtCore.Qt.WidgetAttribute.WA_DeleteOnClose)
        self.dialog.destroyed.connect(self._forget_dialog)
        self.dialog.open()

    def _forget_dialog(self) -> None:
        self.dialog = None

    def show_and_wait(self, error: BaseException) -> int:
        """For a bug that ends the start (before or outside the event loop): log it, show the dialog
        modally (or print the line), and return the exit code."""
        self.excepthook(type(error), error, error.__traceback__, where="démarrage")
        if self.dialog is not None:
            self.dialog.exec()
        return crash_report.BUG_EXIT_CODE
