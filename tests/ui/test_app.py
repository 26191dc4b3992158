"""Start-up as a user meets it: one instance, French dialogs, damaged data, the smoke check."""

from __future__ import annotations

import os
import subprocess
import sys

from PySide6.QtWidgets import QApplication, QDialogButtonBox, QMessageBox

from coopguide.core.shared.paths import DATABASE_NAME
from coopguide.core.store import backup, open_store
from coopguide.ui.app import install_french, open_store_or_ask
from coopguide.ui.single_instance import InstanceLock
from tests.helpers import done_items, set_done


def start(data_dir, *extra: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.run(
        [sys.executable, "-m", "coopguide", "--data-dir", str(data_dir), "--startup-check", *extra],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )


def test_startup_check_opens_the_shipped_content_and_exits_0(data_dir):
    result = start(data_dir)
    assert result.returncode == 0, result.stderr
    assert (data_dir / DATABASE_NAME).exists()
    assert list((data_dir / "cache").glob("content-*.pickle"))
    assert not (data_dir / "coopguide.lock").exists()  # released on exit


def test_a_second_instance_on_the_same_data_folder_is_refused_in_french(qtbot, data_dir):
    lock = InstanceLock(data_dir)
    assert lock.acquire()
    try:
        result = start(data_dir)
    finally:
        lock.release()
    assert result.returncode == 1
    assert "Coopguide est déjà ouvert avec ce dossier de données" in result.stderr
    assert start(data_dir).returncode == 0  # once the first one is gone, it starts


def test_a_lock_left_by_a_crashed_process_is_taken_over(qtbot, data_dir):
    crashed = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys, os; from pathlib import Path; from coopguide.ui.single_instance import InstanceLock\n"
            f"lock = InstanceLock(Path({str(data_dir)!r})); assert lock.acquire(); os._exit(0)",
        ],
        capture_output=True,
        text=True,
    )
    assert crashed.returncode == 0, crashed.stderr
    assert (data_dir / "coopguide.lock").exists()
    assert start(data_dir).returncode == 0


def test_a_damaged_database_is_moved_aside_and_explained(data_dir):
    data_dir.mkdir(parents=True)
    (data_dir / DATABASE_NAME).write_bytes(b"\x00garbage" * 500)
    result = start(data_dir)
    assert result.returncode == 1
    assert "endommagé" in result.stderr and "mis de côté" in result.stderr
    moved = list(data_dir.glob(f"{DATABASE_NAME}.endommage-*"))
    assert len(moved) == 1 and moved[0].read_bytes() == b"\x00garbage" * 500


def test_damage_found_after_the_first_frame_goes_to_the_recovery(data_dir):
    """The check left for after the first frame finds the file damaged: the window closes and the
    file is opened again through the recovery, which moves it aside (--startup-check: and quits)."""
    from tests.core.test_deferred_checks import damaged_late

    data = damaged_late(data_dir)
    result = start(data_dir)
    assert result.returncode == 1
    assert "first-paint-monotonic" in result.stdout  # found late: the window had been painted
    assert "endommagé" in result.stderr and "mis de côté" in result.stderr
    moved = list(data_dir.glob(f"{DATABASE_NAME}.endommage-*"))
    assert len(moved) == 1 and moved[0].read_bytes() == data


def test_the_recovery_dialog_offers_the_latest_backup_and_restores_it(qtbot, data_dir, monkeypatch):
    store = open_store(data_dir)
    dossier = store.dossiers.ensure_default()
    set_done(store, dossier.id, "alpha.groupe", True, "e")
    store.close()
    open_store(data_dir).close()  # the daily backup
    (data_dir / DATABASE_NAME).write_bytes(b"abimee" * 1000)
    for suffix in ("-wal", "-shm"):
        (data_dir / (DATABASE_NAME + suffix)).unlink(missing_ok=True)
    shown = {}

    def fake_exec(box):
        shown["text"] = box.text()
        shown["buttons"] = [b.text() for b in box.buttons()]
        restore = next(b for b in box.buttons() if b.text().startswith("Restaurer"))
        monkeypatch.setattr(box, "clickedButton", lambda: restore)
        return 0

    monkeypatch.setattr(QMessageBox, "exec", fake_exec)
    store = open_store_or_ask(data_dir, ask=True, defer_checks=False)  # the start's own path
    assert "Dernière sauvegarde automatique" in shown["text"]
    assert sorted(shown["buttons"]) == ["Quitter", "Repartir de zéro", "Restaurer la dernière sauvegarde"]
    assert done_items(store, dossier.id) == {"alpha.groupe"}
    assert len(list(data_dir.glob(f"{DATABASE_NAME}.endommage-*"))) == 1
    assert backup.latest_backup(data_dir / backup.BACKUP_DIR) is not None
    store.close()


def test_qt_standard_dialogs_speak_french(qtbot):
    translators = install_french(QApplication.instance())
    try:
        assert translators, "qtbase_fr.qm not found"
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel | QDialogButtonBox.StandardButton.Save)
        qtbot.addWidget(buttons)
        texts = {b.text().replace("&", "") for b in buttons.buttons()}
        assert texts == {"Annuler", "Enregistrer"}
    finally:
        for translator in translators:
            QApplication.instance().removeTranslator(translator)


def test_the_data_folder_is_the_one_qt_would_choose(qtbot, monkeypatch, tmp_path):
    """core.paths resolves without Qt; it must agree with QStandardPaths.AppDataLocation."""
    from PySide6.QtCore import QCoreApplication, QStandardPaths

    from coopguide.core.shared import paths

    monkeypatch.delenv(paths.DATA_DIR_ENV)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    app = QCoreApplication.instance()
    previous = (app.organizationName(), app.applicationName())
    app.setOrganizationName("")
    app.setApplicationName("Coopguide")
    try:
        qt_choice = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation)
    finally:
        app.setOrganizationName(previous[0])
        app.setApplicationName(previous[1])
    assert str(paths.user_data_dir()) == qt_choice


def test_the_window_has_the_coopguide_icon(qtbot):
    from coopguide.ui.app import make_application

    app = make_application()
    try:
        assert not app.windowIcon().isNull()
        assert len(app.windowIcon().availableSizes()) == 3
    finally:
        for translator in app._coopguide_translators:
            app.removeTranslator(translator)


def test_a_data_folder_that_cannot_be_created_gets_a_french_message(tmp_path):
    blocker = tmp_path / "fichier"
    blocker.write_text("pas un dossier")
    result = start(blocker / "donnees")
    assert result.returncode == 1
    assert "Impossible d'ouvrir le dossier des données" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_damaged_page_read_while_the_window_is_built_is_said_once_without_looping(data_dir):
    """A read that meets a damaged page while the window is built counts as damage: the file is
    opened again, checked at once; if the window still cannot read it, the start says so and stops
    (here quick_check finds nothing: the read error is made up)."""
    assert start(data_dir).returncode == 0  # a healthy folder
    code = (
        "import sqlite3, sys\n"
        "from coopguide.ui import main_window\n"
        "from coopguide.ui.app import run_app\n"
        "built = []\n"
        "def refuse(*args, **kwargs):\n"
        "    built.append(1)\n"
        "    error = sqlite3.DatabaseError('database disk image is malformed')\n"
        "    error.sqlite_errorcode = 11\n"
        "    raise error\n"
        "main_window.MainWindow.__init__ = refuse\n"
        f"code = run_app({str(data_dir)!r}, startup_check=True)\n"
        "print('built', len(built))\n"
        "sys.exit(code)\n"
    )
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=60)
    assert result.returncode == 1, result.stderr
    assert "built 2" in result.stdout  # deferred checks, then checked at once: twice, not forever
    assert "endommagé" in result.stderr
