"""The store on real SQLite files: migrations, ticks that survive, damaged files, backups."""

from __future__ import annotations

import datetime as dt
import os
import sqlite3

import pytest

from coopguide.core.shared.errors import DamagedDatabaseError, InvalidInputError, NewerDatabaseError, StorageError
from coopguide.core.shared.paths import DATABASE_NAME
from coopguide.core.store import DEFAULT_DOSSIER, backup, migrations, open_store
from coopguide.core.store.recovery import QUIT, RESTORE, START_EMPTY, open_with_recovery
from tests.helpers import done_items, set_done


def raw(data_dir):
    """A second, independent connection: proves what is really on disk."""
    return sqlite3.connect(data_dir / DATABASE_NAME)


def test_first_start_migrates_an_empty_database_and_creates_the_default_dossier(store, data_dir):
    conn = raw(data_dir)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == migrations.LATEST_VERSION
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert {"dossiers", "item_progress", "settings"} <= tables
    assert [d.name for d in store.dossiers.in_use()] == [DEFAULT_DOSSIER]


def test_journal_is_wal_with_full_sync(store):
    assert store.db.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert store.db.conn.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL


def test_a_tick_is_on_disk_as_soon_as_set_done_returns(store, data_dir):
    dossier = store.dossiers.ensure_default()
    set_done(store, dossier.id, "alpha.groupe", True, "test-1")
    row = raw(data_dir).execute("SELECT item_id, state, content_edition FROM item_progress").fetchone()
    assert row == ("alpha.groupe", "fait", "test-1")


def test_ticks_survive_closing_and_reopening(store, data_dir):
    dossier = store.dossiers.ensure_default()
    for item in ("a.un", "a.deux", "a.trois"):
        set_done(store, dossier.id, item, True, "e")
    set_done(store, dossier.id, "a.deux", False, "e")
    store.close()
    reopened = open_store(data_dir)
    assert done_items(reopened, dossier.id) == {"a.un", "a.trois"}
    reopened.close()


def test_ticks_belong_to_their_dossier(store):
    first = store.dossiers.ensure_default()
    second = store.dossiers.create("Reprise Dupont")
    set_done(store, first.id, "a.un", True, "e")
    assert done_items(store, second.id) == set()
    assert done_items(store, first.id) == {"a.un"}


def test_a_failed_action_leaves_nothing_half_written(store, data_dir):
    dossier = store.dossiers.ensure_default()
    with pytest.raises(RuntimeError), store.db.transaction("tester") as conn:
        conn.execute("INSERT INTO item_progress (dossier_id, item_id, state) VALUES (?, 'a.un', 'fait')", (dossier.id,))
        raise RuntimeError("panne au milieu")
    assert raw(data_dir).execute("SELECT COUNT(*) FROM item_progress").fetchone()[0] == 0


def test_a_tick_for_a_missing_dossier_is_refused_in_french(store):
    with pytest.raises(StorageError, match="Impossible d'enregistrer la case cochée"):
        set_done(store, 999, "a.un", True, "e")


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("   ", "Donnez un nom"),
        ("mon projet", "Un dossier s'appelle déjà"),
        ("x" * 200, "trop long"),
    ],
)
def test_bad_dossier_names_get_a_french_message_and_change_nothing(store, name, message):
    store.dossiers.ensure_default()
    with pytest.raises(InvalidInputError, match=message):
        store.dossiers.create(name)
    assert len(store.dossiers.in_use()) == 1


def test_settings_round_trip(store):
    store.db.set_setting("k", "v")
    assert store.db.setting("k") == "v" and store.db.setting("absent", "d") == "d"


@pytest.mark.parametrize("garbage", [b"hello, I am not a database" * 50, os.urandom(8192)])
def test_a_file_that_is_not_sqlite_is_refused_and_left_untouched(data_dir, garbage):
    data_dir.mkdir(parents=True)
    (data_dir / DATABASE_NAME).write_bytes(garbage)
    with pytest.raises(DamagedDatabaseError):
        open_store(data_dir)
    assert (data_dir / DATABASE_NAME).read_bytes() == garbage


def test_a_truncated_database_is_detected(store, data_dir):
    dossier = store.dossiers.ensure_default()
    for number in range(300):
        set_done(store, dossier.id, f"a.n{number}", True, "e" * 50)
    store.db.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    store.close()
    path = data_dir / DATABASE_NAME
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])
    with pytest.raises(DamagedDatabaseError):
        open_store(data_dir)


def test_a_database_from_a_newer_version_is_refused(store, data_dir):
    store.db.conn.execute(f"PRAGMA user_version = {migrations.LATEST_VERSION + 1}")
    store.close()
    with pytest.raises(NewerDatabaseError, match="version plus récente"):
        open_store(data_dir)


def test_a_backup_is_written_at_start_when_due_and_holds_the_ticks(store, data_dir):
    dossier = store.dossiers.ensure_default()
    set_done(store, dossier.id, "a.un", True, "e")
    store.close()
    open_store(data_dir).close()  # second start: the database existed, a backup is due
    backups = backup.daily_backups(data_dir / backup.BACKUP_DIR)
    assert len(backups) == 1
    copy = sqlite3.connect(backups[0][1])
    assert copy.execute("SELECT item_id FROM item_progress").fetchall() == [("a.un",)]
    open_store(data_dir).close()  # a backup less than a day old: no new one
    assert len(backup.daily_backups(data_dir / backup.BACKUP_DIR)) == 1


def test_only_the_last_five_daily_backups_are_kept(store, data_dir):
    folder = data_dir / backup.BACKUP_DIR
    start = dt.datetime(2026, 1, 1, 9, 0, 0)
    for day in range(8):
        backup.backup_if_due(store.db.conn, folder, now=start + dt.timedelta(days=day))
    kept = backup.daily_backups(folder)
    assert len(kept) == backup.KEEP_DAILY
    assert kept[0][0] == start + dt.timedelta(days=7)
    assert not list(folder.glob("*.partiel"))


def test_moving_aside_never_overwrites(tmp_path):
    path = tmp_path / DATABASE_NAME
    when = dt.datetime(2026, 11, 24, 10, 0, 0)
    first_target = None
    for content in (b"premier", b"second"):
        path.write_bytes(content)
        target = backup.move_aside(path, now=when)
        first_target = first_target or target
        assert target.read_bytes() == content
    assert first_target.read_bytes() == b"premier"
    assert not path.exists()


def test_recovery_moves_the_damaged_file_aside_and_restores_the_latest_backup(store, data_dir):
    dossier = store.dossiers.ensure_default()
    set_done(store, dossier.id, "a.sauve", True, "e")
    store.close()
    open_store(data_dir).close()  # makes the daily backup
    damaged = os.urandom(4096)
    (data_dir / DATABASE_NAME).write_bytes(damaged)
    for suffix in ("-wal", "-shm"):
        (data_dir / (DATABASE_NAME + suffix)).unlink(missing_ok=True)
    seen = []

    def choose(options):
        seen.append(options)
        return RESTORE

    recovered = open_with_recovery(data_dir, choose)
    assert seen[0].choices == [RESTORE, START_EMPTY, QUIT]
    assert seen[0].moved_to.read_bytes() == damaged
    assert done_items(recovered, dossier.id) == {"a.sauve"}
    recovered.close()


def test_recovery_quit_keeps_everything(data_dir):
    data_dir.mkdir(parents=True)
    (data_dir / DATABASE_NAME).write_bytes(b"pas une base" * 100)
    assert open_with_recovery(data_dir, lambda options: QUIT) is None
    moved = list(data_dir.glob(f"{DATABASE_NAME}.endommage-*"))
    assert len(moved) == 1 and moved[0].read_bytes() == b"pas une base" * 100


def test_a_newer_database_stays_in_place_when_the_user_quits(store, data_dir):
    store.db.conn.execute(f"PRAGMA user_version = {migrations.LATEST_VERSION + 5}")
    store.close()
    assert open_with_recovery(data_dir, lambda options: QUIT) is None
    assert raw(data_dir).execute("PRAGMA user_version").fetchone()[0] == migrations.LATEST_VERSION + 5


def test_an_unwritable_data_folder_gets_a_french_message(tmp_path):
    blocker = tmp_path / "fichier"
    blocker.write_text("je ne suis pas un dossier")
    with pytest.raises(StorageError, match="Impossible d'ouvrir le dossier des données"):
        open_store(blocker / "donnees")


def test_an_item_change_keeps_what_another_connection_wrote_meanwhile(store, data_dir):
    from coopguide.core.store.progress import DONE, ItemProgress

    dossier_id = store.dossiers.all()[0].id
    stale = store.items.row(dossier_id, "alpha.groupe")  # what a window has in memory
    other = open_store(data_dir)
    other.items.save(dossier_id, [ItemProgress("alpha.groupe", note="fusionnée", assignee="Aline")])
    other.close()
    before, after = store.items.change(
        dossier_id, "alpha.groupe", {"state": DONE}, content_edition="e1", done_by="Bruno", base=stale
    )
    assert before.note == "fusionnée"
    assert (after.state, after.done_by, after.note, after.assignee) == (DONE, "Bruno", "fusionnée", "Aline")
    assert store.items.row(dossier_id, "alpha.groupe") == after
    with pytest.raises(ValueError):
        store.items.change(dossier_id, "alpha.groupe", {"done_by": "X"}, content_edition="e1")


def test_write_back_refuses_rows_changed_since_the_step_and_writes_nothing(store, data_dir):
    from coopguide.core.shared.errors import ChangedElsewhereError
    from coopguide.core.store.progress import DONE

    dossier_id = store.dossiers.all()[0].id
    before, after = store.items.change(dossier_id, "alpha.groupe", {"state": DONE}, content_edition="e1")
    other = open_store(data_dir)
    merged = other.items.save_one(dossier_id, after.with_changes(note="fusionnée"))
    other.close()
    with pytest.raises(ChangedElsewhereError, match="modifié ailleurs"):
        store.items.write_back(dossier_id, [before], [after], "annuler")
    assert store.items.row(dossier_id, "alpha.groupe") == merged
    undone = store.items.write_back(dossier_id, [before.with_changes(note="fusionnée")], [merged], "annuler")
    assert store.items.row(dossier_id, "alpha.groupe") == undone[0]
