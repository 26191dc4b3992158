"""Coopguide killed, then its data folder reopened from a read-only medium (a stick write-protected
or mounted read-only afterwards): the ticks it had confirmed sit only in ``coopguide.sqlite3-wal``,
and reading the folder must still show and export them, without writing anything there."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import tempfile

import pytest

from coopguide.core.shared.paths import DATABASE_NAME
from coopguide.core.store import DEFAULT_DOSSIER, open_read_only
from coopguide.core.store.exchange import export_payload
from tests.helpers import done_items
from tests.reliability.conftest import COUNTS, checked_for_traceback
from tests.reliability.test_bad_input import healthy_database, read_only_mount

BEFORE = ("a.avant",)  # ticked and closed cleanly: in the database file itself
IN_THE_WAL = ("a.wal-1", "a.wal-2", "a.wal-3")  # ticked, confirmed, then the process was killed

TICK_THEN_WAIT = """
import sys
from pathlib import Path
from coopguide.core.store import open_store
from tests.helpers import set_done
store = open_store(Path(sys.argv[1]))
dossier = store.dossiers.ensure_default()
for item in sys.argv[2:]:
    set_done(store, dossier.id, item, True, "e")  # returned: committed, the UI would show it
print("confirme", flush=True)
sys.stdin.read()  # killed here, the connection still open: no checkpoint, no clean close
"""


def ticks_left_in_the_wal(data_dir) -> None:
    """Ticks confirmed by a process then killed with SIGKILL: they are in the WAL file only."""
    healthy_database(data_dir, ticks=BEFORE)
    child = subprocess.Popen(
        [sys.executable, "-c", TICK_THEN_WAIT, str(data_dir), *IN_THE_WAL],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert child.stdout.readline().strip() == "confirme"
    os.kill(child.pid, signal.SIGKILL)
    child.wait()
    child.stdin.close()
    child.stdout.close()
    COUNTS["kill -9 kills"] += 1
    assert (data_dir / f"{DATABASE_NAME}-wal").stat().st_size > 0
    # What the database file alone says (what an open that ignores the WAL reads): not these ticks.
    conn = sqlite3.connect(f"{(data_dir / DATABASE_NAME).as_uri()}?mode=ro&immutable=1", uri=True)
    try:
        in_the_file = {row[0] for row in conn.execute("SELECT item_id FROM item_progress")}
    finally:
        conn.close()
    assert in_the_file == set(BEFORE)


def count_lost(found: set[str]) -> None:
    """The figures of the note: each tick confirmed before the kill, and those not found."""
    COUNTS["acknowledged ticks checked"] += len(BEFORE) + len(IN_THE_WAL)
    COUNTS["acknowledged ticks lost"] += len({*BEFORE, *IN_THE_WAL} - found)


def files_of(folder) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def test_ticks_confirmed_before_a_kill_show_when_read_only(data_dir, tmp_path, monkeypatch):
    ticks_left_in_the_wal(data_dir)
    before = files_of(data_dir)
    private = tmp_path / "temporaire"
    private.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(private))
    store = open_read_only(data_dir)
    try:
        assert store.read_only and store.warnings == []
        dossier = store.dossiers.ensure_default()
        shown = done_items(store, dossier.id)
        count_lost(shown)
        assert shown == {*BEFORE, *IN_THE_WAL}
        exported = {row["item_id"] for row in export_payload(store, dossier.id, "e")["items"]}
        assert exported >= {*BEFORE, *IN_THE_WAL}
        assert list(private.iterdir())  # the copy being read
    finally:
        store.close()
    assert list(private.iterdir()) == []  # removed with the store
    assert files_of(data_dir) == before


def test_an_export_from_a_read_only_medium_after_a_kill_keeps_the_last_ticks(data_dir, tmp_path):
    ticks_left_in_the_wal(data_dir)
    before = files_of(data_dir)
    target = tmp_path / "export.coopguide"
    command = [sys.executable, "-m", "coopguide", "--data-dir", str(data_dir), "export", DEFAULT_DOSSIER, str(target)]
    result = subprocess.run([*read_only_mount(data_dir), *command], capture_output=True, text=True, timeout=60)
    assert "Traceback" not in checked_for_traceback(result.stderr)
    assert result.returncode == 0, result.stderr
    items = {row["item_id"] for row in json.loads(target.read_text(encoding="utf-8"))["items"]}
    count_lost(items)
    assert items >= {*BEFORE, *IN_THE_WAL}
    assert files_of(data_dir) == before


# When the limit starts: before tempfile picked its folder (its probe file is refused, as on a full
# disk) or after (the copy itself is refused half way).
LIMITED = {
    "sans dossier temporaire": ("", "aucun dossier temporaire n'accepte de nouveau fichier"),
    "copie interrompue": ("tempfile.gettempdir()\n", "le fichier dépasse la taille permise"),
}


@pytest.mark.skipif(sys.platform == "win32", reason="RLIMIT_FSIZE is POSIX")
@pytest.mark.parametrize("when", list(LIMITED))
def test_when_no_copy_can_be_made_it_opens_as_before_and_says_what_may_be_missing(data_dir, tmp_path, when):
    """RLIMIT_FSIZE=0 makes every file write fail (EFBIG), as a full disk would."""
    ticks_left_in_the_wal(data_dir)
    before = files_of(data_dir)
    private = tmp_path / "temporaire"
    private.mkdir()
    setup, cause = LIMITED[when]
    code = (
        "import os, resource, signal, sys, tempfile\n"
        "from pathlib import Path\n"
        "from coopguide.core.store import open_read_only\n"
        "from tests.helpers import done_items\n"
        f"{setup}"
        "signal.signal(signal.SIGXFSZ, signal.SIG_IGN)\n"
        "resource.setrlimit(resource.RLIMIT_FSIZE, (0, 0))\n"
        "store = open_read_only(Path(sys.argv[1]))\n"
        "ticks = sorted(done_items(store, store.dossiers.ensure_default().id))\n"
        "os.write(1, '\\n'.join([*store.warnings, '---', *ticks]).encode())\n"
        "store.close()\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code, str(data_dir)],
        capture_output=True,
        env={**os.environ, "TMPDIR": str(private)},
        timeout=60,
    )
    assert "Traceback" not in checked_for_traceback(result.stderr.decode())
    assert result.returncode == 0, result.stderr.decode()
    warnings, ticks = result.stdout.decode().split("---")
    assert warnings.startswith("Les dernières modifications faites avant l'arrêt brutal de Coopguide peuvent manquer")
    assert cause in warnings and "Errno" not in warnings
    assert ticks.split() == list(BEFORE)  # what the database file holds, read as before
    assert list(private.iterdir()) == []  # no half copy left behind
    assert files_of(data_dir) == before
