"""Damaged, foreign and too-new data files, read-only folders and a full disk: a clear French
message, the app still usable for reading, nothing lost or half-written."""

from __future__ import annotations

import os
import random
import shutil
import sqlite3
import subprocess
import sys

import pytest

from coopguide.core.content import cache as content_cache
from coopguide.core.shared.errors import ReadOnlyError, StorageError
from coopguide.core.shared.paths import DATABASE_NAME
from coopguide.core.store import migrations, open_read_only, open_store
from coopguide.ui.main_window import MainWindow
from tests.helpers import done_items, set_done
from tests.reliability.conftest import COUNTS, DETAILS, checked_for_traceback


def tried(kind: str) -> None:
    COUNTS["bad data files tried"] += 1
    DETAILS.setdefault("bad data files tried", []).append(kind)


def start(data_dir, *wrapper: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    command = [*wrapper, sys.executable, "-m", "coopguide", "--data-dir", str(data_dir), "--startup-check"]
    result = subprocess.run(command, capture_output=True, text=True, env=env, timeout=60)
    checked_for_traceback(result.stderr)
    return result


def healthy_database(data_dir, ticks=("a.un", "a.deux")) -> None:
    store = open_store(data_dir)
    dossier = store.dossiers.ensure_default()
    for item in ticks:
        set_done(store, dossier.id, item, True, "e")
    store.close()


def truncated(data_dir):
    healthy_database(data_dir, ticks=[f"a.n{i}" for i in range(400)])
    path = data_dir / DATABASE_NAME
    return path.read_bytes()[: path.stat().st_size // 3]


def foreign_sqlite(data_dir):
    data_dir.mkdir(parents=True, exist_ok=True)
    other = data_dir / "autre.sqlite3"
    with sqlite3.connect(other) as conn:
        conn.execute("CREATE TABLE photos (id INTEGER PRIMARY KEY, chemin TEXT)")
        conn.execute("INSERT INTO photos (chemin) VALUES ('vacances.jpg')")
    data = other.read_bytes()
    other.unlink()
    return data


BAD_FILES = {
    "octets au hasard": lambda d: random.Random(1).randbytes(20_000),
    "texte": lambda d: b"Ceci est une liste de courses\n" * 200,
    "zéros": lambda d: b"\x00" * 8192,
    "en-tête SQLite puis bruit": lambda d: b"SQLite format 3\x00" + random.Random(2).randbytes(8000),
    "base tronquée": truncated,
    "base SQLite d'un autre programme": foreign_sqlite,
}


@pytest.mark.parametrize("kind", list(BAD_FILES))
def test_a_bad_data_file_is_explained_kept_aside_and_never_overwritten(data_dir, kind):
    data = BAD_FILES[kind](data_dir)
    data_dir.mkdir(parents=True, exist_ok=True)
    for leftover in data_dir.glob(DATABASE_NAME + "*"):
        leftover.unlink()
    (data_dir / DATABASE_NAME).write_bytes(data)
    result = start(data_dir)
    tried(kind)
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    assert "mis de côté" in result.stderr
    moved = list(data_dir.glob(f"{DATABASE_NAME}.endommage-*"))
    assert len(moved) == 1 and moved[0].read_bytes() == data


def test_a_damaged_file_with_a_backup_offers_it(data_dir):
    healthy_database(data_dir)
    open_store(data_dir).close()  # daily backup
    (data_dir / DATABASE_NAME).write_bytes(b"abime" * 3000)
    result = start(data_dir)
    tried("abîmée avec sauvegarde")
    assert "Dernière sauvegarde automatique" in result.stderr


def test_a_database_of_a_newer_version_stays_untouched(data_dir):
    healthy_database(data_dir)
    with sqlite3.connect(data_dir / DATABASE_NAME) as conn:
        conn.execute(f"PRAGMA user_version = {migrations.LATEST_VERSION + 3}")
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # everything in the main file
    before = (data_dir / DATABASE_NAME).read_bytes()
    result = start(data_dir)
    tried("version plus récente")
    assert result.returncode == 1
    assert "version plus récente de Coopguide" in result.stderr
    assert (data_dir / DATABASE_NAME).read_bytes() == before


def read_only_mount(data_dir) -> list[str]:
    """A wrapper that runs a command with ``data_dir`` bind-mounted read-only (a private mount
    namespace: nothing changes for other processes). Skips where the sandbox forbids it."""
    probe = subprocess.run(["unshare", "-m", "true"], capture_output=True)
    if probe.returncode != 0 or shutil.which("mount") is None:
        pytest.skip("unshare -m is not permitted here: cannot simulate a read-only medium")
    script = f'mount --bind "{data_dir}" "{data_dir}" && mount -o remount,bind,ro "{data_dir}" && exec "$@"'
    return ["unshare", "-m", "sh", "-c", script, "sh"]


def test_a_read_only_data_folder_opens_for_reading_and_changes_nothing(data_dir):
    healthy_database(data_dir)
    before = {p.name: p.read_bytes() for p in data_dir.rglob("*") if p.is_file()}
    result = start(data_dir, *read_only_mount(data_dir))
    assert result.returncode == 0, result.stderr
    assert "lecture seule" in result.stderr
    after = {p.name: p.read_bytes() for p in data_dir.rglob("*") if p.is_file()}
    assert after == before


def test_an_empty_read_only_folder_says_so(data_dir):
    data_dir.mkdir(parents=True)
    result = start(data_dir, *read_only_mount(data_dir))
    assert result.returncode == 1
    assert "lecture seule" in result.stderr and "Traceback" not in result.stderr


def test_in_a_read_only_store_ticks_are_shown_but_refused(qtbot, content_root, data_dir, shown_errors):
    healthy_database(data_dir, ticks=("alpha.groupe",))
    store = open_read_only(data_dir)
    window = MainWindow(store, content_cache.load(content_root, None), data_dir)
    qtbot.addWidget(window)
    assert window.model.is_done("alpha.groupe")
    index = window.model.index_of_item("alpha.loi")
    assert not window.model.flags(index) & window.model.flags(index).ItemIsUserCheckable
    window.follow_link("cocher:alpha.loi")
    assert "lecture seule" in shown_errors[0]
    assert not window.model.is_done("alpha.loi")
    with pytest.raises(ReadOnlyError):
        set_done(store, 1, "alpha.loi", True, "e")
    store.close()


def fill_the_disk(store) -> int:
    """Simulates a full disk: SQLite answers SQLITE_FULL once the file may not grow any more."""
    pages = store.db.conn.execute("PRAGMA page_count").fetchone()[0]
    store.db.conn.execute(f"PRAGMA max_page_count = {pages}")
    return pages


def test_a_full_disk_refuses_the_tick_cleanly_and_keeps_the_others(data_dir):
    store = open_store(data_dir)
    dossier = store.dossiers.ensure_default()
    fill_the_disk(store)
    saved, refused = [], None
    for number in range(5000):
        item = f"plein.n{number}-{'x' * 60}"
        try:
            set_done(store, dossier.id, item, True, "e")
        except StorageError as error:
            refused = (item, str(error))
            break
        saved.append(item)
    assert refused is not None, "the simulated disk never filled up"
    assert "le disque est plein" in refused[1] and "Rien n'a été modifié" in refused[1]
    store.close()
    reopened = open_store(data_dir)
    assert reopened.db.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert done_items(reopened, dossier.id) == set(saved)
    reopened.close()


def test_a_full_disk_in_the_window_leaves_the_box_unticked(qtbot, content_root, data_dir, shown_errors):
    store = open_store(data_dir)
    window = MainWindow(store, content_cache.load(content_root, None), data_dir)
    qtbot.addWidget(window)
    dossier = store.dossiers.ensure_default()
    fill_the_disk(store)
    for filler in ("y" * 60, "y" * 10, ""):  # fill the last free room, down to rows smaller than a tick
        with pytest.raises(StorageError):
            for number in range(5000):
                set_done(store, dossier.id, f"r.{number}-{filler}", True, "e")
    assert not window.model.toggle("alpha.groupe")
    assert "disque est plein" in shown_errors[0]
    assert not window.model.is_done("alpha.groupe")
    assert "alpha.groupe" not in done_items(store, dossier.id)
    store.close()


def test_a_damaged_file_on_a_read_only_medium_is_explained_and_left_as_it_is(data_dir):
    data_dir.mkdir(parents=True)
    (data_dir / DATABASE_NAME).write_bytes(b"abime" * 3000)
    result = start(data_dir, *read_only_mount(data_dir))
    tried("abîmée sur un support en lecture seule")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "Impossible de mettre de côté le fichier endommagé" in result.stderr
    assert "lecture seule" in result.stderr
    assert (data_dir / DATABASE_NAME).read_bytes() == b"abime" * 3000
