"""Dossier speed on the shipped content, with a floor measured in the same run.

- tick → committed to disk: ``ItemRows.set_state`` (WAL, synchronous=FULL, one transaction), median
  over RUNS ticks (goal < 10 ms), and the floor: a bare ``INSERT`` + ``COMMIT`` with the same
  pragmas on the same disk. The tick through the window, until painted, is ``benchmarks/tick.py``.
- opening the dashboard of a dossier that has progress in every checklist: build + HTML + shown in
  the view (goal < 100 ms), median over RUNS.

    QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/dossiers.py [RUNS]
"""

from __future__ import annotations

import os
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from coopguide.core.content.cache import load
from coopguide.core.shared import paths
from coopguide.core.store import open_store
from coopguide.core.store.progress import DONE, TODO, ItemProgress


def median_ms(samples: list[float]) -> str:
    return f"median {statistics.median(samples) * 1000:6.2f} ms, max {max(samples) * 1000:6.2f} ms"


def floor_commit(folder: Path, runs: int) -> list[float]:
    conn = sqlite3.connect(folder / "floor.sqlite3", isolation_level=None)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = FULL")
    conn.execute("CREATE TABLE t (k TEXT PRIMARY KEY, v TEXT)")
    samples = []
    for number in range(runs):
        start = time.perf_counter()
        conn.execute("BEGIN IMMEDIATE")
        conn.execute("INSERT OR REPLACE INTO t VALUES (?, 'fait')", (f"k{number % 50}",))
        conn.execute("COMMIT")
        samples.append(time.perf_counter() - start)
    return samples


def main() -> int:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 200
    folder = Path(tempfile.mkdtemp(prefix="coopguide-bench-"))
    store = open_store(folder)
    content = load(paths.content_dir(), folder / "cache").content
    dossier = store.dossiers.ensure_default()
    items = list(content.items())

    store_ticks = []
    for number in range(runs):
        item_id = items[number % len(items)]
        state = DONE if number % 2 == 0 else TODO
        start = time.perf_counter()
        store.items.set_state(dossier.id, item_id, state, content_edition=content.edition, done_by="Aline")
        store_ticks.append(time.perf_counter() - start)

    # Every checklist partly done, with due dates and assignees, for the dashboard.
    rows = [
        ItemProgress(
            item_id,
            state=DONE if n % 3 == 0 else "",
            due="2026-12-01" if n % 5 == 0 else "",
            assignee="Bruno" if n % 7 == 0 else "",
        )
        for n, item_id in enumerate(items)
    ]
    store.items.save(dossier.id, rows)

    from coopguide.ui.app import make_application
    from coopguide.ui.main_window import MainWindow

    app = make_application()
    window = MainWindow(store, load(paths.content_dir(), folder / "cache"), folder)
    window.resize(1280, 800)
    window.show()
    app.processEvents()
    guide = content.guides["reprendre-entreprise-en-difficulte"]
    dashboard = []
    for _ in range(max(runs // 10, 10)):
        window.show_guide(guide.id)
        start = time.perf_counter()
        window.show_dashboard()
        dashboard.append(time.perf_counter() - start)
    floor = floor_commit(folder, runs)

    tick = statistics.median(store_ticks)
    tick_goal = "met" if tick < 0.010 else "NOT met"
    print(f"content: {len(items)} items, {len(content.checklists())} checklists; runs: {runs}")
    print(f"floor: bare INSERT+COMMIT (WAL, FULL)   {median_ms(floor)}")
    print(
        f"tick → committed (ItemRows.set_state)   {median_ms(store_ticks)}"
        f"  ratio to floor {tick / statistics.median(floor):.1f}  (goal < 10 ms: {tick_goal})"
    )
    board = statistics.median(dashboard)
    print(
        f"open the dashboard (all checklists)     {median_ms(dashboard)}"
        f"  (goal < 100 ms: {'met' if board < 0.100 else 'NOT met'})"
    )
    window.close()
    store.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
