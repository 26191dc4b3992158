"""``open_store(defer_checks=True)``: the app's start leaves ``PRAGMA quick_check`` and the daily
backup for after its first frame, and they still run before anything is written.

A damaged file here is a real one: a healthy database whose last pages (rows of a second dossier,
which opening the store and the window never read) are overwritten, so that only the check sees it.
"""

from __future__ import annotations

import pytest

import coopguide.core.store as store_module
from coopguide.core.shared.errors import DamagedDatabaseError
from coopguide.core.shared.paths import DATABASE_NAME
from coopguide.core.store import backup, open_store
from coopguide.core.store.progress import DONE, ItemProgress

PAGE = 4096


@pytest.fixture
def checks(monkeypatch) -> list[str]:
    """The names of the databases ``PRAGMA quick_check`` ran on, in order."""
    ran: list[str] = []
    quick_check = store_module._quick_check

    def counted(path, conn):
        ran.append(path.name)
        quick_check(path, conn)

    monkeypatch.setattr(store_module, "_quick_check", counted)
    return ran


def everyday_folder(data_dir, second_dossier_rows: int = 0):
    """A data folder as an everyday start finds it (schema current, WAL, a dossier), without the
    daily backup of today, so that one is due."""
    store = open_store(data_dir)
    if second_dossier_rows:
        other = store.dossiers.create("Zeta")  # after « Mon projet »: not the one shown
        rows = [ItemProgress(f"b.{n:04d}", state=DONE, note="x" * 900) for n in range(second_dossier_rows)]
        store.items.save(other.id, rows)
    store.close()
    for old in (data_dir / backup.BACKUP_DIR).glob("*"):
        old.unlink()
    return data_dir


def daily_backups(data_dir) -> list:
    return backup.daily_backups(data_dir / backup.BACKUP_DIR)


def test_an_everyday_open_leaves_the_check_and_the_backup_for_finish_opening(data_dir, checks):
    everyday_folder(data_dir)
    checks.clear()
    store = open_store(data_dir, defer_checks=True)
    try:
        assert checks == [] and daily_backups(data_dir) == []
        assert store.finish_opening() == []
        assert checks == [DATABASE_NAME] and len(daily_backups(data_dir)) == 1
        store.finish_opening()  # once only
        assert checks == [DATABASE_NAME]
    finally:
        store.close()


def test_the_first_write_runs_the_checks_first(data_dir, checks):
    everyday_folder(data_dir)
    checks.clear()
    store = open_store(data_dir, defer_checks=True)
    try:
        store.db.set_setting("coche_par:1", "Aline")
        assert checks == [DATABASE_NAME] and len(daily_backups(data_dir)) == 1
        store.finish_opening()
        assert checks == [DATABASE_NAME]
    finally:
        store.close()


def test_an_open_that_writes_checks_at_once(data_dir, checks):
    store = open_store(data_dir, defer_checks=True)  # a new database: created, migrated
    store.close()
    assert checks == [DATABASE_NAME]


def damaged_late(data_dir) -> bytes:
    """An everyday folder whose file only ``quick_check`` finds damaged; returns its bytes."""
    everyday_folder(data_dir, second_dossier_rows=400)
    path = data_dir / DATABASE_NAME
    data = bytearray(path.read_bytes())
    assert len(data) > 40 * PAGE
    for page in range(len(data) // PAGE - 6, len(data) // PAGE - 1):  # pages of the second dossier's rows
        data[page * PAGE : page * PAGE + 64] = b"\xa5" * 64
    path.write_bytes(bytes(data))
    return bytes(data)


def test_a_damaged_file_found_late_refuses_every_write_and_is_left_as_it_was(data_dir):
    data = damaged_late(data_dir)
    path = data_dir / DATABASE_NAME
    store = open_store(data_dir, defer_checks=True)  # the default dossier reads fine
    try:
        assert {d.name for d in store.dossiers.all()} == {"Mon projet", "Zeta"}
        with pytest.raises(DamagedDatabaseError):
            store.db.set_setting("coche_par:1", "Aline")
        with pytest.raises(DamagedDatabaseError):
            store.finish_opening()
        with pytest.raises(DamagedDatabaseError):
            store.items.save(1, [ItemProgress("alpha.groupe", state=DONE)])
        assert daily_backups(data_dir) == []  # no backup of a damaged file
    finally:
        store.close()
    assert path.read_bytes() == data
    with pytest.raises(DamagedDatabaseError):
        open_store(data_dir)  # and an open that checks at once says so too
