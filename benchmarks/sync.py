"""Dossier documents (Yjs, pycrdt) on the shipped content, with floors measured in the same run.

- tick → committed with the document update (``ItemRows.change``), against a bare row write in one
  transaction (the app's write before documents) and a bare ``INSERT`` + ``COMMIT`` (goal: < 2 ms);
- import and merge of a dossier holding every item of the shipped content, each with a long note;
- database growth after EDITS edits of one dossier, with the compaction the store does and
  without it, and the slowest edit (the one that compacts).

    .venv/bin/python benchmarks/sync.py [EDITS]
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

from coopguide.core.content.cache import load
from coopguide.core.shared import paths
from coopguide.core.store import documents, open_store
from coopguide.core.store.exchange import apply_merge, export_dossier, import_as_new, plan_merge, read_exchange_file
from coopguide.core.store.progress import DONE, TODO, ItemProgress

sys.path.insert(0, str(Path(__file__).parent))
from dossiers import floor_commit, median_ms

LONG_NOTE = "Appeler l'union régionale, préparer les statuts, relire le prévisionnel. " * 25  # ~1 800 characters


def timed(action, *args, **kwargs) -> float:
    start = time.perf_counter()
    action(*args, **kwargs)
    return time.perf_counter() - start


def change(store, dossier_id: int, item_id: str, fields: dict[str, str]) -> None:
    store.items.change(dossier_id, item_id, fields, content_edition="b", done_by="A")


def ticks(store, dossier_id: int, item_ids: list[str], runs: int) -> list[float]:
    samples = []
    for number in range(runs):
        state = DONE if number % 2 == 0 else TODO
        item_id = item_ids[number % len(item_ids)]
        samples.append(timed(change, store, dossier_id, item_id, {"state": state}))
    return samples


def bare_row_writes(store, dossier_id: int, item_ids: list[str], runs: int) -> list[float]:
    samples = []
    for number in range(runs):
        row = ItemProgress(item_ids[number % len(item_ids)], state=DONE if number % 2 == 0 else TODO)

        def write(row=row) -> None:
            with store.db.transaction("mesure") as conn:
                store.items.upsert(conn, dossier_id, [row])

        samples.append(timed(write))
    return samples


def growth(folder: Path, item_ids: list[str], edits: int, compact_after: int) -> tuple[int, int, float]:
    """(updates stored, bytes stored, slowest edit in s) after ``edits`` edits."""
    documents.COMPACT_AFTER = compact_after
    store = open_store(folder)
    dossier = store.dossiers.create("Croissance")
    slowest = 0.0
    for number in range(edits):
        item_id = item_ids[number % len(item_ids)]
        fields = {"note": f"note {number}"} if number % 3 == 0 else {"state": DONE if number % 2 else TODO}
        slowest = max(slowest, timed(change, store, dossier.id, item_id, fields))
    count, size = store.db.conn.execute(
        "SELECT COUNT(*), SUM(LENGTH(data)) FROM dossier_updates WHERE dossier_id = ?", (dossier.id,)
    ).fetchone()
    store.close()
    return count, size, slowest


def main() -> int:
    edits = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    runs = 300
    root = Path(tempfile.mkdtemp(prefix="coopguide-bench-sync-"))
    content = load(paths.content_dir(), root / "cache").content
    item_ids = list(content.items())

    store = open_store(root / "ici")
    dossier = store.dossiers.create("Mesure")
    store.items.change(dossier.id, item_ids[0], {"state": DONE}, content_edition="b")  # imports pycrdt once
    with_document = ticks(store, dossier.id, item_ids, runs)
    bare = bare_row_writes(store, dossier.id, item_ids, runs)
    floor = floor_commit(root, runs)
    tick, floor_median = statistics.median(with_document), statistics.median(floor)
    print(f"content: {len(item_ids)} items; runs: {runs}")
    print(f"floor: bare INSERT+COMMIT (WAL, FULL)        {median_ms(floor)}")
    bare_ratio = statistics.median(bare) / floor_median
    print(f"row write, no document (one transaction)     {median_ms(bare)}  ratio {bare_ratio:.1f}")
    print(
        f"tick → committed with its document update   {median_ms(with_document)}  ratio {tick / floor_median:.1f}"
        f"  (goal < 2 ms: {'met' if tick < 0.002 else 'NOT met'})"
    )

    full = store.dossiers.create("Plein")
    store.items.save(
        full.id,
        [
            ItemProgress(i, state=DONE if n % 2 else TODO, note=f"{n} {LONG_NOTE}", assignee="Aline")
            for n, i in enumerate(item_ids)
        ],
    )
    export_time = timed(lambda: export_dossier(store, full.id, root / "plein.coopguide", "b"))
    path = root / "plein.coopguide"
    there = open_store(root / "la-bas")
    read_time = timed(lambda: read_exchange_file(path))
    imported = []
    import_time = timed(lambda: imported.append(import_as_new(there, read_exchange_file(path))))
    for n, item_id in enumerate(item_ids[:60]):  # concurrent edits on the other laptop
        there.items.change(imported[0].id, item_id, {"note": f"ajout {n} {LONG_NOTE[:200]}"}, content_edition="b")
    back = export_dossier(there, imported[0].id, root / "retour.coopguide", "b")
    plans = []
    plan_time = timed(lambda: plans.append(plan_merge(store, full.id, read_exchange_file(back), content)))
    apply_time = timed(lambda: apply_merge(store, plans[0]))
    size_kib = path.stat().st_size // 1024
    print(f"dossier of {len(item_ids)} items, notes of ~{len(LONG_NOTE)} characters: file {size_kib} KiB")
    print(
        f"  export {export_time * 1000:.0f} ms, read+check {read_time * 1000:.0f} ms, "
        f"import as new {import_time * 1000:.0f} ms"
    )
    print(
        f"  merge back 60 changed notes: plan (read, preview) {plan_time * 1000:.0f} ms, "
        f"apply {apply_time * 1000:.0f} ms; changes listed: {len(plans[0].changes)}"
    )
    there.close()
    store.close()

    for label, compact_after in (("with compaction", documents.COMPACT_AFTER), ("never compacted", 10**9)):
        count, size, slowest = growth(root / label.replace(" ", "-"), item_ids, edits, compact_after)
        print(f"{edits} edits, {label}: {count} update(s), {size / 1024:.0f} KiB stored, ", end="")
        print(f"slowest edit {slowest * 1000:.1f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
