"""Two or more processes starting on the same fresh data folder (the GUI and a CLI, two CLIs): each
one opens, or says in French to try again; none fails with SQLite's English, none half-migrates."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import sqlite_utils

from coopguide.core.shared.paths import DATABASE_NAME
from coopguide.core.store import migrations, open_store
from tests.reliability.conftest import checked_for_traceback

ROOT = Path(__file__).resolve().parents[2]
OPENER = """
import os, sys, time
from pathlib import Path
from coopguide.core.shared.errors import KnownError
from coopguide.core.store import open_store
go = float(sys.argv[2])
while time.time() < go:
    time.sleep(0.001)
try:
    open_store(Path(sys.argv[1])).close()
except KnownError as error:
    print(error, file=sys.stderr)
    sys.exit(3)
"""


def _start_together(data_dir, count: int) -> list[subprocess.CompletedProcess]:
    go = time.time() + 1.5  # every interpreter is up and waiting by then
    processes = [
        subprocess.Popen(
            [sys.executable, "-c", OPENER, str(data_dir), str(go)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env={**os.environ, "PYTHONPATH": str(ROOT)},
        )
        for _ in range(count)
    ]
    results = []
    for process in processes:
        out, err = process.communicate(timeout=60)
        results.append(subprocess.CompletedProcess(process.args, process.returncode, out, err))
    return results


def _check(data_dir, results):
    for result in results:
        checked_for_traceback(result.stderr)
        assert result.returncode in (0, 3), result.stderr  # 3: a French KnownError
        if result.returncode == 3:
            assert "Réessayez" in result.stderr, result.stderr
    assert any(result.returncode == 0 for result in results)
    conn = sqlite3.connect(data_dir / DATABASE_NAME)
    try:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == migrations.LATEST_VERSION
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    finally:
        conn.close()
    store = open_store(data_dir)
    try:
        assert len(store.dossiers.all()) == 1
    finally:
        store.close()


def test_several_first_starts_at_once(tmp_path):
    for attempt in range(3):
        data_dir = tmp_path / f"donnees-{attempt}"
        data_dir.mkdir()
        _check(data_dir, _start_together(data_dir, 4))


def test_several_starts_at_once_on_a_database_to_migrate(tmp_path):
    for attempt in range(3):
        data_dir = tmp_path / f"donnees-{attempt}"
        data_dir.mkdir()
        conn = sqlite3.connect(data_dir / DATABASE_NAME, isolation_level=None)
        db = sqlite_utils.Database(conn)
        with db.atomic():
            migrations.MIGRATIONS[0](db)
            conn.execute("PRAGMA user_version = 1")
        conn.execute("INSERT INTO dossiers (name, created_at) VALUES ('Mon projet', '2026-01-01T00:00:00+00:00')")
        conn.close()
        _check(data_dir, _start_together(data_dir, 4))
