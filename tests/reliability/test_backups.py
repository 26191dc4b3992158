"""The daily backup: a copy that cannot be written does not stop the start, leftovers are cleaned
up, and a clock that was once wrong does not stop the backups nor pick the recovery copy."""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
import subprocess
import sys

import pytest

from coopguide.core.store import backup, open_store
from tests.helpers import done_items, set_done
from tests.reliability.conftest import checked_for_traceback


def _backups(data_dir):
    return sorted(p.name for p in (data_dir / backup.BACKUP_DIR).iterdir())


def _first_start(data_dir):
    store = open_store(data_dir)
    dossier = store.dossiers.ensure_default()
    set_done(store, dossier.id, "a.un", True, "e")
    store.close()
    return dossier


def test_a_backups_folder_that_is_a_file_gives_a_warning_not_a_refusal(data_dir):
    dossier = _first_start(data_dir)
    (data_dir / backup.BACKUP_DIR).write_text("je ne suis pas un dossier")
    store = open_store(data_dir)
    try:
        assert done_items(store, dossier.id) == {"a.un"}
        assert len(store.warnings) == 1
        assert "sauvegarde automatique du jour n'a pas pu être écrite" in store.warnings[0]
        assert "prochain démarrage" in store.warnings[0]
    finally:
        store.close()
    (data_dir / backup.BACKUP_DIR).unlink()
    store = open_store(data_dir)  # the next start tries again
    assert store.warnings == []
    store.close()
    assert len(backup.daily_backups(data_dir / backup.BACKUP_DIR)) == 1


@pytest.mark.skipif(sys.platform == "win32", reason="RLIMIT_FSIZE is POSIX")
def test_a_full_disk_during_the_daily_backup_opens_anyway_and_leaves_nothing(data_dir):
    """RLIMIT_FSIZE below the database size makes the copy fail with EFBIG, as on a full disk."""
    dossier = _first_start(data_dir)
    conn = sqlite3.connect(data_dir / "coopguide.sqlite3")
    conn.execute("CREATE TABLE padding (b BLOB)")
    conn.execute("INSERT INTO padding VALUES (zeroblob(400000))")
    conn.commit()
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    code = (
        "import os, resource, signal, sys\n"
        "from pathlib import Path\n"
        "from coopguide.core.store import open_store\n"
        "signal.signal(signal.SIGXFSZ, signal.SIG_IGN)\n"
        "resource.setrlimit(resource.RLIMIT_FSIZE, (150000, 150000))\n"
        "store = open_store(Path(sys.argv[1]))\n"
        "os.write(1, '\\n'.join(store.warnings).encode())\n"
        "store.close()\n"
    )
    result = subprocess.run([sys.executable, "-c", code, str(data_dir)], capture_output=True, timeout=60)
    assert result.returncode == 0, result.stderr.decode()
    assert "sauvegarde automatique du jour n'a pas pu être écrite" in result.stdout.decode()
    assert _backups(data_dir) == []  # no .partiel, no .partiel-journal
    store = open_store(data_dir)  # room again: the backup is written at the next start
    try:
        assert store.warnings == []
        assert done_items(store, dossier.id) == {"a.un"}
    finally:
        store.close()
    assert len(backup.daily_backups(data_dir / backup.BACKUP_DIR)) == 1


def test_leftovers_of_a_killed_copy_are_removed_at_the_next_start(data_dir):
    _first_start(data_dir)
    folder = data_dir / backup.BACKUP_DIR
    folder.mkdir()
    old = (dt.datetime.now() - dt.timedelta(hours=3)).timestamp()
    leftovers = [folder / ".coopguide-20260101-090000.sqlite3.x1y2.partiel", folder / ".c.sqlite3.z.partiel-journal"]
    fresh = folder / ".coopguide-now.sqlite3.abcd.partiel"  # maybe another process copying right now
    for path in [*leftovers, fresh]:
        path.write_bytes(b"moitie")
    for path in leftovers:
        os.utime(path, (old, old))
    open_store(data_dir).close()
    names = _backups(data_dir)
    assert fresh.name in names
    assert not [name for name in names if name in {p.name for p in leftovers}]


def _fake_backup(folder, when: dt.datetime, content: bytes | None = None):
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"coopguide-{when.strftime(backup.STAMP)}.sqlite3"
    if content is None:
        conn = sqlite3.connect(path)
        conn.execute("CREATE TABLE t (x)")
        conn.close()
    else:
        path.write_bytes(content)
    os.utime(path, (when.timestamp(), when.timestamp()))
    return path


def test_a_backup_from_a_clock_in_the_future_does_not_stop_daily_backups(store, data_dir):
    folder = data_dir / backup.BACKUP_DIR
    future = _fake_backup(folder, dt.datetime(2031, 1, 1, 9, 0, 0))
    today = dt.datetime.now()
    written = []
    for day in (0, 1, 2, 7):
        written.append(backup.backup_if_due(store.db.conn, folder, now=today + dt.timedelta(days=day)))
    assert all(written), written
    assert backup.latest_backup(folder, today + dt.timedelta(days=7)) == written[-1]
    assert future.exists()  # kept while fewer than KEEP_DAILY plausible backups exist…
    for day in (8, 9):
        backup.backup_if_due(store.db.conn, folder, now=today + dt.timedelta(days=day))
    assert not future.exists()  # …and pruned first


def test_a_backup_named_in_the_past_but_modified_in_the_future_is_not_recent(store, data_dir):
    """The name alone is not trusted: the file's time in the future makes it implausible."""
    folder = data_dir / backup.BACKUP_DIR
    path = _fake_backup(folder, dt.datetime.now() - dt.timedelta(hours=2))
    future = dt.datetime(2031, 1, 1).timestamp()
    os.utime(path, (future, future))
    assert backup.backup_if_due(store.db.conn, folder) is not None


def test_recovery_offers_the_newest_plausible_sqlite_backup(tmp_path):
    folder = tmp_path / backup.BACKUP_DIR
    now = dt.datetime.now()
    good = _fake_backup(folder, now - dt.timedelta(days=2))
    _fake_backup(folder, now - dt.timedelta(days=1), content=b"\x00" * 4096)  # newer, but not SQLite
    _fake_backup(folder, dt.datetime(2031, 5, 5))  # a clock in the future
    assert backup.latest_backup(folder) == good


def test_recovery_still_offers_a_future_dated_backup_when_it_is_the_only_one(tmp_path):
    folder = tmp_path / backup.BACKUP_DIR
    only = _fake_backup(folder, dt.datetime(2031, 5, 5))
    assert backup.latest_backup(folder) == only


def test_the_app_starts_and_says_the_backup_failed(data_dir):
    from tests.ui.test_app import start

    _first_start(data_dir)
    (data_dir / backup.BACKUP_DIR).write_text("je ne suis pas un dossier")
    result = start(data_dir)
    checked_for_traceback(result.stderr)
    assert result.returncode == 0, result.stderr
    assert "sauvegarde automatique du jour n'a pas pu être écrite" in result.stderr
    assert "Errno" not in result.stderr


def test_the_window_shows_the_warning_without_blocking(qtbot):
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QWidget

    from coopguide.ui.app import show_warning_later

    window = QWidget()
    qtbot.addWidget(window)
    box = show_warning_later(window, "La sauvegarde automatique du jour n'a pas pu être écrite (x).")
    qtbot.waitUntil(box.isVisible)
    assert box.windowModality() == Qt.WindowModality.NonModal
    box.close()
