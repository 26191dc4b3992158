"""A tick through the window until it is painted, against its floor in the same run: a bare commit
and one glyph changed in a bare QTextBrowser showing the same page, painted the same way.

- page: ``window.follow_link("cocher:<id>")``, what a click on a box in the page does, while the
  details show another item: commit through ``store.items.change`` (its Yjs update included), undo
  step, the item's row read again, then its box in the page, its row in the list, the progress
  bar and its guide in the tree redrawn; then painted.
- list: ``window.model.toggle(<id>)`` on the item chosen in the list (Space does that), so the
  details are redrawn too (their « Fait le … » line comes and goes, which lays the details out again).
- the page tick again in a dossier that also holds 20 000 rows of removed items (a tick must not
  read them all again).
- floor: ``BEGIN IMMEDIATE`` + ``INSERT OR REPLACE`` + ``COMMIT`` on a bare SQLite file (WAL,
  ``synchronous=FULL``, same folder), then the glyph ☐/☑ replaced through a QTextCursor in a bare
  QTextBrowser of the same size showing the same page, then painted.

« Painted » is forced and checked the same way on every side: after the change, pending events are
processed until the event dispatcher has nothing left (the posted ``UpdateRequest`` makes Qt paint
the dirty regions into the window's backing store and flush it; a layout or timer left for later
is counted in the sample that caused it), and an event filter checks that the page's viewport
(and, for the app, the list's viewport) did receive a ``Paint`` event in that sample; a sample
where one is missing fails the run. The item ticked is scrolled into view in both the page
and the list first, so there is something to paint. Each round ticks every side once, in turn;
medians, p95 and the ratio to the floor are printed (goal: app ≤ 5 ms).

    QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/tick.py [RUNS]
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QEvent, QEventLoop, QObject
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QApplication, QTextBrowser, QWidget

from coopguide.core.content.cache import LoadedContent, load
from coopguide.core.content.item_boxes import BOX_DONE, BOX_EMPTY, fill_items
from coopguide.core.shared import paths
from coopguide.core.store import open_store
from coopguide.core.store.progress import DONE, ItemProgress

GUIDE = "reprendre-entreprise-en-difficulte"
REMOVED = 20_000
GOAL_S = 0.005
WINDOW_SIZE = (1280, 800)


class Paints(QObject):
    """Counts the Paint events each watched widget receives."""

    def __init__(self, *widgets: QWidget) -> None:
        super().__init__()
        self.counts = {id(widget): 0 for widget in widgets}
        for widget in widgets:
            widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and id(watched) in self.counts:
            self.counts[id(watched)] += 1
        return False

    def snapshot(self) -> dict[int, int]:
        return dict(self.counts)

    def all_painted_since(self, before: dict[int, int]) -> bool:
        return all(self.counts[key] > before[key] for key in before)


def paint(app: QApplication, paints: Paints, before: dict[int, int]) -> None:
    """Process pending events until every watched widget was painted and nothing is left to do
    (the event dispatcher finds no event to process), so that work a change leaves for later
    (a posted layout, a 0 ms timer) is counted in its own sample, not in the next side's."""
    dispatcher = app.eventDispatcher()
    assert dispatcher is not None
    for _ in range(50):
        busy = dispatcher.processEvents(QEventLoop.ProcessEventsFlag.AllEvents)
        app.sendPostedEvents()
        if not busy and paints.all_painted_since(before):
            return
    raise AssertionError("a watched widget was not painted, or the window never went idle, after the change")


class AppSide:
    """The real window on a dossier (optionally with ``removed`` rows of items the content lacks)."""

    def __init__(self, app: QApplication, loaded: LoadedContent, removed: int, via_list: bool) -> None:
        from coopguide.ui.main_window import MainWindow

        self.app = app
        self.folder = Path(tempfile.mkdtemp(prefix="coopguide-bench-"))
        self.store = open_store(self.folder)
        dossier = self.store.dossiers.ensure_default()
        if removed:
            rows = [
                ItemProgress(f"retire.n{n:05d}", state=DONE, item_text=f"Élément retiré {n}") for n in range(removed)
            ]
            self.store.items.save(dossier.id, rows)
        self.window = MainWindow(self.store, loaded, self.folder)
        self.window.resize(*WINDOW_SIZE)
        self.window.show()
        self.window.show_guide(GUIDE)
        app.processEvents()
        guide = loaded.content.guides[GUIDE]
        self.item_id = guide.items[0].id
        self.via_list = via_list
        # The row in view; the details show it (list) or the next item (page).
        self.window.panel.select_item(guide.items[0 if via_list else 1].id)
        self.paints = Paints(self.window.view.viewport(), self.window.panel.tree.viewport())
        self.bring_box_into_view()
        self.samples: list[float] = []

    def bring_box_into_view(self) -> None:
        """Scroll the page so that the ticked item's box is in the middle of it (called again after
        the warm-up: the window's layout may still change then, e.g. a tool bar that wraps)."""
        self.app.processEvents()
        view = self.window.view
        cursor = view.document().find(BOX_EMPTY)
        while cursor.charFormat().anchorHref() != f"cocher:{self.item_id}":
            cursor = view.document().find(BOX_EMPTY, cursor)
        view.setTextCursor(cursor)
        bar = view.verticalScrollBar()
        bar.setValue(bar.value() + view.cursorRect(cursor).center().y() - view.viewport().height() // 2)
        self.app.processEvents()
        if not view.viewport().rect().contains(view.cursorRect(cursor).center()):
            raise AssertionError("the ticked box is not in view: its repaint would not be measured")

    def tick(self) -> None:
        before = self.paints.snapshot()
        start = time.perf_counter()
        if self.via_list:
            self.window.model.toggle(self.item_id)
        else:
            self.window.follow_link(f"cocher:{self.item_id}")
        paint(self.app, self.paints, before)
        self.samples.append(time.perf_counter() - start)

    def close(self) -> None:
        self.window.close()
        self.store.close()
        shutil.rmtree(self.folder, ignore_errors=True)


class FloorSide:
    """A bare commit and one glyph changed in a bare QTextBrowser showing the same page."""

    def __init__(self, app: QApplication, loaded: LoadedContent, page_size: tuple[int, int], stylesheet: str) -> None:
        self.app = app
        self.folder = Path(tempfile.mkdtemp(prefix="coopguide-bench-"))
        self.conn = sqlite3.connect(self.folder / "floor.sqlite3", isolation_level=None)
        self.conn.execute("PRAGMA journal_mode = WAL")
        self.conn.execute("PRAGMA synchronous = FULL")
        self.conn.execute("CREATE TABLE t (k TEXT PRIMARY KEY, v TEXT)")
        self.view = QTextBrowser()
        self.view.document().setDefaultStyleSheet(stylesheet)
        self.view.setHtml(fill_items(loaded.html[GUIDE], set()))
        self.view.resize(*page_size)
        self.view.show()
        cursor = self.view.document().find(BOX_EMPTY)
        self.position = cursor.selectionStart()  # found once, as the app keeps its boxes' places
        self.view.setTextCursor(cursor)
        self.view.ensureCursorVisible()
        self.paints = Paints(self.view.viewport())
        app.processEvents()
        self.done = False
        self.samples: list[float] = []

    def tick(self) -> None:
        before = self.paints.snapshot()
        start = time.perf_counter()
        self.conn.execute("BEGIN IMMEDIATE")
        self.conn.execute("INSERT OR REPLACE INTO t VALUES ('k', ?)", ("" if self.done else "fait",))
        self.conn.execute("COMMIT")
        self.done = not self.done
        cursor = QTextCursor(self.view.document())
        cursor.setPosition(self.position)
        cursor.setPosition(self.position + 1, QTextCursor.MoveMode.KeepAnchor)
        cursor.insertText(BOX_DONE if self.done else BOX_EMPTY, cursor.charFormat())
        paint(self.app, self.paints, before)
        self.samples.append(time.perf_counter() - start)

    def close(self) -> None:
        self.view.close()
        self.conn.close()
        shutil.rmtree(self.folder, ignore_errors=True)


def figures(samples: list[float]) -> str:
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return f"median {statistics.median(samples) * 1000:6.2f} ms, p95 {p95 * 1000:6.2f} ms"


def main() -> int:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 200
    from coopguide.ui.app import make_application

    app = make_application()
    cache = Path(tempfile.mkdtemp(prefix="coopguide-bench-"))
    loaded = load(paths.content_dir(), cache)
    page = AppSide(app, loaded, 0, via_list=False)
    listed = AppSide(app, loaded, 0, via_list=True)
    big = AppSide(app, loaded, REMOVED, via_list=False)
    view = page.window.view
    floor = FloorSide(app, loaded, (view.width(), view.height()), view.document().defaultStyleSheet())
    sides = (page, floor, listed, big)
    for side in sides:  # warm up: the first write loads the document engine, the first tick finds the boxes
        for _ in range(4):
            side.tick()
        side.samples.clear()
        if isinstance(side, AppSide):
            side.bring_box_into_view()  # an even number of ticks: the box is empty again
    for _ in range(runs):
        for side in sides:
            side.tick()

    base = statistics.median(floor.samples)
    print(f"runs: {runs} ticks each, in turn; page {view.width()}×{view.height()} px, guide {GUIDE}")
    print(f"{'floor: bare commit + one glyph, painted':<48} {figures(floor.samples)}")
    for label, side in (
        ("tick in the page, painted", page),
        ("tick in the list (details too), painted", listed),
        (f"tick in the page, {REMOVED} removed rows", big),
    ):
        median = statistics.median(side.samples)
        goal = "met" if median <= GOAL_S else "NOT met"
        print(
            f"{label:<48} {figures(side.samples)}  ratio {median / base:5.2f}  (goal <= {GOAL_S * 1000:.0f} ms: {goal})"
        )
    for side in sides:
        side.close()
    shutil.rmtree(cache, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
