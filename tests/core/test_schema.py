"""A first start creates the latest schema from schema.SCHEMA_SQL; it must be exactly what the
migration steps build one by one (so a new step must update SCHEMA_SQL)."""

from __future__ import annotations

import sqlite3

from coopguide.core.store import migrations, open_store


def _schema(conn: sqlite3.Connection) -> tuple:
    master = conn.execute("SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY type, name").fetchall()
    pragmas = tuple(conn.execute(f"PRAGMA {name}").fetchone()[0] for name in ("user_version", "application_id"))
    return master, pragmas


def test_the_first_start_schema_is_the_one_the_steps_build(tmp_path):
    direct = sqlite3.connect(tmp_path / "direct.sqlite3", isolation_level=None)
    stepped = sqlite3.connect(tmp_path / "pas-a-pas.sqlite3", isolation_level=None)
    assert migrations.migrate(direct) == [migrations.LATEST_VERSION]
    assert migrations.migrate(stepped, step_by_step=True) == list(range(1, migrations.LATEST_VERSION + 1))
    assert _schema(direct) == _schema(stepped)
    assert _schema(direct)[1] == (migrations.LATEST_VERSION, migrations.APPLICATION_ID)


def test_a_first_start_works_without_sqlite_utils_and_a_file_with_tables_is_not_recreated(tmp_path, data_dir):
    import subprocess
    import sys

    code = (
        "import sys\nfrom pathlib import Path\nfrom coopguide.core.store import open_store\n"
        f"s = open_store(Path({str(data_dir)!r}))\nassert s.dossiers.all()\ns.close()\n"
        "print('sqlite_utils' in sys.modules)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"
    conn = sqlite3.connect(tmp_path / "autre.sqlite3", isolation_level=None)
    conn.execute("CREATE TABLE t (x)")
    assert migrations.create_latest(conn) is False  # not empty: the steps decide (and refuse it)
    store = open_store(data_dir)
    assert store.db.conn.execute("PRAGMA user_version").fetchone()[0] == migrations.LATEST_VERSION
    store.close()


def test_step_7_keeps_existing_dossiers_following_every_checklist(tmp_path, data_dir):
    """A dossier made before scopes existed counts every check-list, and its ticks stay."""
    from coopguide.core.shared.paths import DATABASE_NAME
    from coopguide.core.store.progress import DONE, ItemProgress
    from tests.helpers import undo_step_7

    store = open_store(data_dir)
    dossier = store.dossiers.ensure_default()
    store.items.save(dossier.id, [ItemProgress("alpha.groupe", state=DONE)], stamp="2026-12-01T10:00:00+01:00")
    store.close()
    with sqlite3.connect(data_dir / DATABASE_NAME) as conn:
        undo_step_7(conn)
        conn.execute("PRAGMA user_version = 6")
    store = open_store(data_dir)
    try:
        conn = store.db.conn
        assert conn.execute("PRAGMA user_version").fetchone()[0] == migrations.LATEST_VERSION
        assert conn.execute("SELECT scope FROM dossiers WHERE id = ?", (dossier.id,)).fetchone() == (None,)
        assert conn.execute("SELECT state, due_rule FROM item_progress").fetchall() == [(DONE, "")]
        assert conn.execute("SELECT COUNT(*) FROM dossier_dates").fetchone() == (0,)
    finally:
        store.close()
