"""The dashboard of a dossier holding 20 000 rows of removed items, drawn by the real window, against
the same dossier with none, in the same run (the second is the floor).

Rows of items that left the content are kept (merges need them) and listed on the dashboard. With
20 000 of them the page once took 26 s to draw and 24 s per tick: a 20 000-row table in Qt's rich
text. The table now stops at ``dashboard.MAX_REMOVED_ROWS``; the rows are still all read, resolved
and counted on every redraw, which is what this measures. Medians over RUNS, both windows
alternating:

- draw: « Tableau de bord » chosen from a guide → the page painted (``show_dashboard``, pending
  events, a synchronous paint of the view);
- tick → redraw: a box of the checklist panel ticked while the dashboard is shown (commit, progress
  read again and resolved, dashboard rebuilt, painted);
- core alone: after each tick, the work of its redraw outside Qt timed again by itself (rows read,
  resolved, dashboard built, HTML written).

``--uncapped`` also times one draw and one tick with the whole table shown (the cap set to the
number of rows), what the cap avoids: tens of seconds each.

    QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/dashboard.py [RUNS] [--uncapped]
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from coopguide.core import dashboard
from coopguide.core.content.cache import LoadedContent, load
from coopguide.core.shared import paths
from coopguide.core.store import Store, open_store
from coopguide.core.store.progress import DONE, ItemProgress, resolve

REMOVED = 20_000
GUIDE = "reprendre-entreprise-en-difficulte"


def median_ms(samples: list[float]) -> str:
    return f"median {statistics.median(samples) * 1000:8.1f} ms, max {max(samples) * 1000:8.1f} ms"


def filled_store(removed: int, loaded: LoadedContent) -> tuple[Store, Path]:
    """A data folder whose default dossier has every third item done, plus ``removed`` rows of
    items the content does not have."""
    folder = Path(tempfile.mkdtemp(prefix="coopguide-bench-"))
    store = open_store(folder)
    dossier = store.dossiers.ensure_default()
    rows = [ItemProgress(item_id, state=DONE if n % 3 == 0 else "") for n, item_id in enumerate(loaded.content.items())]
    rows += [ItemProgress(f"retire.n{n:05d}", state=DONE, item_text=f"Élément retiré n° {n}") for n in range(removed)]
    store.items.save(dossier.id, rows)
    return store, folder


class Measured:
    """One window on one dossier, and its timings."""

    def __init__(self, removed: int, loaded: LoadedContent) -> None:
        from coopguide.ui.main_window import MainWindow

        self.removed = removed
        self.store, self.folder = filled_store(removed, loaded)
        self.window = MainWindow(self.store, loaded, self.folder)
        self.window.resize(1280, 800)
        self.window.show()
        self.guide = loaded.content.guides[GUIDE]
        self.draws: list[float] = []
        self.ticks: list[float] = []
        self.core: list[float] = []
        self.count = 0

    def painted(self) -> None:
        from PySide6.QtWidgets import QApplication

        QApplication.processEvents()
        self.window.view.viewport().repaint()

    def draw(self) -> None:
        self.window.show_guide(self.guide.id)
        self.painted()
        start = time.perf_counter()
        self.window.show_dashboard()
        self.painted()
        self.draws.append(time.perf_counter() - start)
        heading = f"Éléments retirés du contenu ({self.removed})"
        assert (heading in self.window.view.html) == bool(self.removed), "not the expected dashboard"

    def tick(self) -> None:
        assert self.window.state.showing_dashboard
        item = self.guide.items[self.count % len(self.guide.items)]
        self.count += 1
        start = time.perf_counter()
        assert self.window.model.toggle(item.id), "the tick was not committed"
        self.painted()
        self.ticks.append(time.perf_counter() - start)
        state = self.window.state
        start = time.perf_counter()
        dossier = state.dossier()
        assert dossier is not None
        content = self.window.content
        resolved = resolve(self.store.items.rows(dossier.id), content)
        board = dashboard.build_dashboard(content, resolved, dossier, dt.date.today())
        dashboard.dashboard_html(board)
        self.core.append(time.perf_counter() - start)

    def close(self) -> None:
        self.window.close()
        self.store.close()
        shutil.rmtree(self.folder, ignore_errors=True)


def uncapped(measured: Measured) -> tuple[float, float]:
    """One draw and one tick with every removed row in the table."""
    capped = dashboard.MAX_REMOVED_ROWS
    dashboard.MAX_REMOVED_ROWS = measured.removed
    try:
        measured.draw()
        measured.tick()
        return measured.draws.pop(), measured.ticks.pop()
    finally:
        dashboard.MAX_REMOVED_ROWS = capped


def main() -> int:
    args = [arg for arg in sys.argv[1:] if not arg.startswith("--")]
    runs = int(args[0]) if args else 15
    from coopguide.ui.app import make_application

    app = make_application()
    cache = Path(tempfile.mkdtemp(prefix="coopguide-bench-"))
    loaded = load(paths.content_dir(), cache)
    floor, many = Measured(0, loaded), Measured(REMOVED, loaded)
    app.processEvents()
    for measured in (floor, many):  # warm up: first layout, fonts, caches
        measured.draw()
        measured.tick()
        for samples in (measured.draws, measured.ticks, measured.core):
            samples.clear()
    for _ in range(runs):
        for measured in (floor, many):
            measured.draw()
            for _ in range(2):
                measured.tick()

    print(f"content: {len(loaded.content.items())} items; runs: {runs} draws, {2 * runs} ticks each, alternating")
    print(f"cap: the table shows {dashboard.MAX_REMOVED_ROWS} removed rows")
    for label, samples in (("draw", "draws"), ("tick → redraw", "ticks"), ("core alone", "core")):
        low, high = getattr(floor, samples), getattr(many, samples)
        ratio = statistics.median(high) / statistics.median(low)
        print(f"{label:<16} 0 removed:      {median_ms(low)}")
        print(f"{'':<16} {REMOVED} removed:  {median_ms(high)}   ratio {ratio:5.1f}")
    if "--uncapped" in sys.argv:
        drawn, ticked = uncapped(many)
        print(f"uncapped table ({REMOVED} rows), once: draw {drawn:.1f} s, tick → redraw {ticked:.1f} s")
    floor.close()
    many.close()
    shutil.rmtree(cache, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
