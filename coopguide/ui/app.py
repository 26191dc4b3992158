"""Start-up: application, French translations, one instance per data folder, crash handler, store,
content, window.

Order matters for speed: only PySide6.QtWidgets and the light core modules are imported before the
window shows; YAML and Markdown are imported only when the content cache must be rebuilt, and
sqlite-utils only when the database must be migrated. The window is built in two steps: its first
frame shows the menu bar, the tool bars, the guide list and the last guide read
(``MainWindow(complete=False)``); once that frame is painted (:class:`FirstPaint`),
:meth:`MainWindow.complete` builds the rest (the menus' entries, the check-list panel and the
details, the find bar…), the panel in the column left for it, so nothing on screen moves; whatever needs those
parts earlier builds them first, so no key or click is lost. Then, on the next pass of the event loop
(the panel is painted first), ``PRAGMA quick_check`` and the daily backup
(``open_store(defer_checks=True)``, then ``store.finish_opening()``; ~55 ms and ~190 ms at 500
dossiers): they still run before any write, and a damaged file found then closes the window and
goes through the recovery, as at open.

``--startup-check`` opens the window, waits for its first painted frame and for the rest to be
built, prints when both happened (``first-paint-monotonic:`` and ``complete-monotonic:``, on the
monotonic clock a parent process shares: ``benchmarks/startup.py`` reads them) and quits.
"""

from __future__ import annotations

import gc
import importlib
import sqlite3
import sys
import time
from collections.abc import Callable
from pathlib import Path

from PySide6 import QtCore, QtWidgets  # not Qt itself: see tests/ui/test_start_path.py
from PySide6.QtCore import QEvent, QLibraryInfo, QLocale, QObject, QTimer, QTranslator
from PySide6.QtWidgets import QApplication, QWidget

from coopguide import APP_NAME, __version__
from coopguide.core.content.cache import load as load_content
from coopguide.core.shared import crash_report, paths
from coopguide.core.shared.errors import (
    READ_ONLY_MESSAGE,
    BugError,
    DamagedDatabaseError,
    KnownError,
    damage_reason,
    storage_error,
)
from coopguide.core.store import Store, open_store
from coopguide.ui.app_icon import set_app_icon
from coopguide.ui.crash_handler import CrashHandler
from coopguide.ui.errors import error_box
from coopguide.ui.single_instance import InstanceLock, foreign_host_question


def install_french(app: QApplication) -> list[QTranslator]:
    """Load Qt's own French strings so standard dialogs say « Annuler », « Enregistrer »…"""
    QLocale.setDefault(QLocale(QLocale.Language.French, QLocale.Country.France))
    translators = []
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    translator = QTranslator(app)
    if translator.load("qtbase_fr", folder):
        app.installTranslator(translator)
        translators.append(translator)
    return translators


def make_application(argv: list[str] | None = None, *, icon: bool = True) -> QApplication:
    """The application, in French; ``icon=False`` leaves its icon to
    :func:`~coopguide.ui.app_icon.set_app_icon`."""
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(argv or [sys.argv[0]])
    app.setApplicationName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setDesktopFileName("coopguide")
    if icon:
        set_app_icon(app)
    app._coopguide_translators = install_french(app)  # type: ignore[attr-defined]  # keep references alive
    return app


WARM_UP_DELAY_MS = 3000


class FirstPaint(QObject):
    """Calls ``then`` once the window's first paint pass is over.

    An event filter on the window sees its first Paint event; a 0 ms timer started there fires
    once the whole pass (every widget painted, the frame flushed) is done. A timer started at
    ``show()`` would fire before it: Qt paints on a later pass of the event loop."""

    def __init__(self, window: QWidget, then: Callable[[], None]) -> None:
        super().__init__(window)
        self._then = then
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            QTimer.singleShot(0, self._then)
        return False


STARTUP_CHECK_LIMIT_MS = 60_000


def never_painted(app: QApplication) -> None:
    print("La fenêtre ne s'est jamais affichée (aucun affichage en une minute).", file=sys.stderr)
    app.exit(1)


def say_when(what: str) -> None:
    """For --startup-check: the time of a start step, on the monotonic clock (see the docstring)."""
    print(f"{what}-monotonic: {time.monotonic():.6f}", flush=True)


def warm_up_writes() -> None:
    """Import the dossier document engine (pycrdt, ~55 ms) while the user reads, a few seconds
    after the first paint, rather than on the start path or during the first tick."""
    importlib.import_module("coopguide.core.store.document")


def open_store_or_ask(folder: Path, ask: bool, defer_checks: bool) -> Store | None:
    """The store of ``folder``; when the file is damaged or written by a newer version, what the
    user chooses (``ui/recovery_dialog.py``, imported only then: ~1 ms off every start). None: quit."""
    try:
        return open_store(folder, defer_checks=defer_checks)
    except DamagedDatabaseError as error:
        from coopguide.ui.recovery_dialog import recover_or_ask

        return recover_or_ask(folder, error, ask)


def show_warning_later(window: QWidget, text: str) -> QtWidgets.QMessageBox:
    """A warning that does not block: the window stays usable while it is shown."""
    box = error_box(window, text)
    box.setWindowModality(QtCore.Qt.WindowModality.NonModal)
    box.setAttribute(QtCore.Qt.WidgetAttribute.WA_DeleteOnClose)
    QTimer.singleShot(0, box.show)
    return box


def show_window(
    app: QApplication, store: Store, folder: Path, startup_check: bool
) -> tuple[int, DamagedDatabaseError | None]:
    """The window on ``store`` until it is closed: (exit code, None). (1, the damage) when the file
    turns out damaged, found by the checks ``open_store(defer_checks=True)`` left for after the
    first frame or by a read while the window was built: the window is then closed at once, so
    that the caller opens the file again through the recovery (moved aside, backup offered).

    The window shows its first frame first (``MainWindow(complete=False)``); then it is completed
    (the check-list panel, the menus' actions…), then the checks run, each on its own pass of the
    event loop, so that the panel is painted before the checks make the user wait."""
    loaded = load_content(paths.content_dir(), folder / "cache")
    from coopguide.ui.main_window import MainWindow

    damaged: list[DamagedDatabaseError] = []

    def damage(error: sqlite3.DatabaseError) -> DamagedDatabaseError:
        reason = damage_reason(error)
        if reason is None:
            raise error
        return DamagedDatabaseError(store.path, reason)

    try:
        window = MainWindow(store, loaded, folder, complete=False)
    except sqlite3.DatabaseError as error:
        return 1, damage(error)

    def say(warning: str) -> None:  # a daily backup that failed: said, but the start goes on
        if startup_check:
            print(warning, file=sys.stderr)
        else:
            show_warning_later(window, warning)

    def stop(error: DamagedDatabaseError) -> None:
        damaged.append(error)
        window.close()
        app.quit()

    def after_first_frame() -> None:
        # Disabled by coopguide.__main__ for the start, up to this first frame. What the start made
        # lives on (modules, the content, the window): frozen, the collector never goes through it
        # again (first collection ~5 ms otherwise, and every full one after).
        gc.freeze()
        gc.enable()
        if startup_check:
            say_when("first-paint")
        set_app_icon(app)
        if not window.isVisible():  # closed while its first frame was painted
            return
        try:
            window.complete()  # done already if something needed it earlier: then nothing to do
        except sqlite3.DatabaseError as error:
            stop(damage(error))
            return
        QTimer.singleShot(0, checks)

    def checks() -> None:
        if damaged or not window.isVisible():
            return
        try:
            late_warnings = store.finish_opening()
        except DamagedDatabaseError as error:
            stop(error)
            return
        for warning in late_warnings:
            say(warning)
        if startup_check:
            say_when("complete")
            app.quit()
        elif not store.read_only:
            QTimer.singleShot(WARM_UP_DELAY_MS, warm_up_writes)
            window.help.show_at_first_start()  # « Par où commencer ? », once per data folder

    FirstPaint(window, after_first_frame)
    if startup_check:  # a window never painted (no display?) must not hang a smoke test
        QTimer.singleShot(STARTUP_CHECK_LIMIT_MS, lambda: never_painted(app))
    window.show()
    if store.read_only and startup_check:
        print(READ_ONLY_MESSAGE, file=sys.stderr)
    elif store.read_only:
        QTimer.singleShot(0, lambda: error_box(window, READ_ONLY_MESSAGE).exec())
    for warning in store.warnings:
        say(warning)
    code = app.exec()
    return (1, damaged[0]) if damaged else (code, None)


def run_app(data_dir: str | None = None, startup_check: bool = False) -> int:
    app = make_application(icon=False)  # set once the first frame is painted (see set_app_icon)

    def tell(message: str) -> None:
        if startup_check:
            print(message, file=sys.stderr)
        else:
            set_app_icon(app)
            error_box(None, message).exec()

    folder = paths.user_data_dir(data_dir)
    try:
        lock = InstanceLock(folder)
    except OSError as error:
        problem = storage_error(error, f"ouvrir le dossier des données {folder}")
        if isinstance(problem, BugError):
            raise problem from error
        tell(str(problem))
        return 1
    lock.start_trying()
    # Meanwhile the window's modules are imported (~11 ms), all the lock file's sync to the disk
    # needs; nothing is read from or written to the data folder before the lock is ours.
    importlib.import_module("coopguide.ui.main_window")

    def ask_foreign_host(host: str) -> bool:
        set_app_icon(app)
        from PySide6.QtWidgets import QMessageBox  # its class and enums (~0.5 ms) only when asked

        box = QMessageBox(QMessageBox.Icon.Question, APP_NAME, foreign_host_question(host))
        box.setTextFormat(QtCore.Qt.TextFormat.PlainText)  # the host name comes from a file on the medium
        yes = box.addButton("Oui, continuer", QMessageBox.ButtonRole.YesRole)
        no = box.addButton("Non, quitter", QMessageBox.ButtonRole.NoRole)
        box.setDefaultButton(no)
        box.setEscapeButton(no)
        box.exec()
        return box.clickedButton() is yes

    try:
        acquired = lock.acquire(None if startup_check else ask_foreign_host)
    except KnownError as error:
        tell(str(error))
        return 1
    if not acquired:
        tell(lock.refusal)
        return 1
    crash = CrashHandler.start(folder, interactive=not startup_check)
    try:
        defer_checks = True  # quick_check and the daily backup once the first frame is painted
        while True:
            store = open_store_or_ask(folder, ask=not startup_check, defer_checks=defer_checks)
            if store is None:
                return 1
            try:
                code, damaged = show_window(app, store, folder, startup_check)
            finally:
                store.close()
            if damaged is None:
                return crash_report.BUG_EXIT_CODE if startup_check and crash.bugs else code
            if not defer_checks:  # checked at once, and still unreadable: said, never a loop
                raise damaged
            defer_checks = False  # opened again, checked at once: the recovery says what happened
    except KnownError as error:
        tell(str(error))
        return 1
    except Exception as error:  # a bug before or around the event loop: logged and shown, then quit
        return crash.show_and_wait(error)
    finally:
        crash.stop()
        lock.release()
