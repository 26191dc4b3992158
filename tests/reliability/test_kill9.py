"""kill -9 at random moments while ticking: every acknowledged tick must survive.

A child process ticks items through the real store and writes each item id to its stdout only once
``store.items.set_state`` has returned (the moment the UI would show the tick). The parent kills it
with SIGKILL at a random point, then reopens the database: it must pass its integrity check and
hold every acknowledged tick. Repeated KILLS times on the same data folder.
"""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys

from coopguide.core.shared.paths import DATABASE_NAME
from coopguide.core.store import open_store
from tests.helpers import done_items
from tests.reliability.conftest import COUNTS, checked_for_traceback

KILLS = 100
SEED = 20261124

CHILD = """
import sys
from pathlib import Path
from coopguide.core.store import open_store
from tests.helpers import set_done
from tests.reliability.conftest import COUNTS
store = open_store(Path(sys.argv[1]))
dossier = store.dossiers.ensure_default()
round_number = sys.argv[2]
print("pret", flush=True)
number = 0
while True:
    item = f"kill.r{round_number}-{number}"
    set_done(store, dossier.id, item, True, "test")
    print(item, flush=True)
    number += 1
"""


def test_every_acknowledged_tick_survives_kill_9(data_dir):
    rng = random.Random(SEED)
    acknowledged: set[str] = set()
    for round_number in range(KILLS):
        child = subprocess.Popen(
            [sys.executable, "-c", CHILD, str(data_dir), str(round_number)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,  # read once it is dead: a child that crashed instead is a traceback
            text=True,
        )
        if rng.random() < 0.2:
            pass  # kill it while it starts: opening, migrating, backing up
        else:
            assert child.stdout.readline().strip() == "pret"
            for _ in range(rng.randint(0, 25)):  # let it acknowledge a random number of ticks
                acknowledged.add(child.stdout.readline().strip())
        os.kill(child.pid, signal.SIGKILL)  # most often in the middle of the next tick
        child.wait()
        acknowledged.update(line.strip() for line in child.stdout if line.strip() not in ("", "pret"))
        child.stdout.close()
        assert "Traceback" not in checked_for_traceback(child.stderr.read())
        child.stderr.close()
        with sqlite3.connect(data_dir / DATABASE_NAME) as conn:
            assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    store = open_store(data_dir)
    stored = done_items(store, store.dossiers.ensure_default().id)
    store.close()
    lost = acknowledged - stored
    COUNTS["kill -9 kills"] += KILLS
    COUNTS["acknowledged ticks checked"] += len(acknowledged)
    COUNTS["acknowledged ticks lost"] += len(lost)
    assert lost == set()
    assert len(acknowledged) > KILLS
