"""The app's crash handler: a bug in a slot or a thread is logged and shown with « Copier les détails »;
tests keep pytest-qt's own hook, so an exception in a slot still fails them."""

from __future__ import annotations

import os
import subprocess
import sys
import threading

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtGui import QGuiApplication

from coopguide.core.shared import crash_report
from coopguide.ui import crash_dialog, crash_handler
from coopguide.ui.crash_dialog import CrashDialog
from coopguide.ui.crash_handler import CrashHandler


@pytest.fixture
def handler(qtbot, tmp_path):
    data = tmp_path / "donnees"
    data.mkdir()
    started = CrashHandler.start(data)
    yield started
    if started.dialog is not None:
        started.dialog.close()
    started.stop()


def boom() -> None:
    raise ZeroDivisionError("division du bogue par zéro")


def test_an_exception_in_a_slot_is_logged_and_shown_with_a_copy_button(qtbot, handler):
    QTimer.singleShot(0, boom)  # a slot called by Qt's event loop, as a menu action would be
    qtbot.waitUntil(lambda: handler.dialog is not None and handler.dialog.isVisible())
    dialog = handler.dialog
    assert isinstance(dialog, CrashDialog)
    assert "Coopguide a rencontré une erreur inattendue" in crash_dialog.MESSAGE
    assert "Vos données enregistrées ne sont pas touchées" in crash_dialog.MESSAGE
    details = dialog.text.toPlainText()
    assert details.startswith("Coopguide ") and "Qt " in details and "PySide6 " in details
    assert "in boom" in details and "ZeroDivisionError: division du bogue par zéro" in details
    assert dialog.text.isReadOnly()

    log = crash_report.log_file()
    assert log is not None and log.name == "journal.log"
    logged = log.read_text(encoding="utf-8")
    assert "Erreur inattendue" in logged and "Traceback (most recent call last)" in logged and "in boom" in logged

    assert dialog.copy_button.text() == "&Copier les détails"
    dialog.copy_button.click()
    assert QGuiApplication.clipboard().text() == details
    assert dialog.copy_button.text() == "Détails copiés"
    dialog.close_button.click()
    qtbot.waitUntil(lambda: handler.dialog is None)


def test_a_bug_before_the_first_frame_shows_the_dialog_with_the_app_icon(qtbot, handler):
    """The start sets the icon once the first frame is painted (ui/app_icon.py); a bug before that
    still shows Coopguide's icon on its dialog."""
    from PySide6.QtGui import QIcon
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    assert isinstance(app, QApplication)
    kept = app.windowIcon()
    app.setWindowIcon(QIcon())  # as run_app leaves it until the first frame
    try:
        QTimer.singleShot(0, boom)
        qtbot.waitUntil(lambda: handler.dialog is not None and handler.dialog.isVisible())
        assert not handler.dialog.windowIcon().isNull()
        assert len(app.windowIcon().availableSizes()) == 3
    finally:
        app.setWindowIcon(kept)


def test_a_second_exception_while_the_dialog_is_open_is_only_logged(qtbot, handler):
    QTimer.singleShot(0, boom)
    qtbot.waitUntil(lambda: handler.dialog is not None and handler.dialog.isVisible())
    first = handler.dialog
    QTimer.singleShot(0, lambda: {}["clé absente"])
    qtbot.waitUntil(lambda: "clé absente" in crash_report.log_file().read_text(encoding="utf-8"))
    assert handler.dialog is first
    assert [w for w in QGuiApplication.topLevelWindows() if w.isVisible() and w.title().endswith("inattendue")] != []


def test_an_exception_in_a_thread_is_shown_from_the_gui_thread(qtbot, handler):
    worker = threading.Thread(target=boom, name="recherche")
    worker.start()
    worker.join()
    qtbot.waitUntil(lambda: handler.dialog is not None and handler.dialog.isVisible())
    logged = crash_report.log_file().read_text(encoding="utf-8")
    assert "Erreur inattendue (fil recherche)" in logged and "[recherche]" in logged


def test_the_hooks_are_put_back(qtbot, tmp_path):
    before = (sys.excepthook, threading.excepthook)
    started = CrashHandler.start(tmp_path)
    assert sys.excepthook == started.excepthook and threading.excepthook == started.threading_hook
    started.stop()
    assert (sys.excepthook, threading.excepthook) == before and crash_report.log_file() is None


def test_building_the_app_and_its_window_installs_no_hook(qtbot, window):
    """Only run_app installs the handler: here pytest-qt's hook is still the one that catches."""
    assert not isinstance(getattr(sys.excepthook, "__self__", None), CrashHandler)
    with qtbot.capture_exceptions() as caught:
        QTimer.singleShot(0, boom)
        qtbot.waitUntil(lambda: bool(caught))
    assert caught[0][0] is ZeroDivisionError


def test_without_a_dialog_the_line_goes_to_stderr_and_the_app_exits_with_2(qtbot, tmp_path, monkeypatch, capsys):
    exits = []
    monkeypatch.setattr(crash_handler.QApplication, "exit", exits.append)
    started = CrashHandler.start(tmp_path, interactive=False)
    try:
        QTimer.singleShot(0, boom)
        qtbot.waitUntil(lambda: bool(exits))
    finally:
        started.stop()
    assert exits == [2] and started.dialog is None
    assert f"Les détails sont notés dans {tmp_path / 'journal.log'}." in capsys.readouterr().err


def start_app_with(data_dir, patch: str) -> subprocess.CompletedProcess:
    """Run the real start (``run_app``, --startup-check) with ``patch`` applied to MainWindow first."""
    code = (
        "import sys\n"
        "from PySide6.QtCore import QTimer\n"
        "from coopguide.ui import main_window\n"
        "from coopguide.ui.app import run_app\n"
        "real_show = main_window.MainWindow.show\n"
        f"{patch}\n"
        f"sys.exit(run_app({str(data_dir)!r}, startup_check=True))\n"
    )
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=60)


@pytest.mark.parametrize(
    "patch",
    [
        "def show(self):\n    raise RuntimeError('bogue au démarrage')",
        "def show(self):\n    QTimer.singleShot(0, lambda: 1 / 0)\n    real_show(self)",
    ],
    ids=["before the event loop", "in a slot"],
)
def test_a_bug_at_start_is_logged_and_the_start_fails_with_2(data_dir, patch):
    result = start_app_with(data_dir, patch + "\nmain_window.MainWindow.show = show")
    assert result.returncode == 2, result.stderr
    assert "Coopguide a rencontré une erreur inattendue." in result.stderr
    assert "Traceback" not in result.stderr
    logged = (data_dir / "journal.log").read_text(encoding="utf-8")
    assert "Traceback (most recent call last)" in logged
    assert ("bogue au démarrage" in logged) or ("ZeroDivisionError" in logged)
    assert (data_dir / "plantage.log").exists()
