"""The ``dossier_updates`` table: each dossier's Yjs document (:mod:`document`) as the list of its
updates, appended in the same transaction as the rows the app queries.

Every write of progress or dossier values goes through :meth:`DossierDocuments.record` (or
:meth:`merge`) inside the caller's transaction: the document is brought up to date with what other
processes appended (the CLI merging a file while the window is open), changed, and its new update
stored next to the rows; the rows written are then the document's own view of the items, so rows
and document cannot disagree. If the transaction fails, the cached document is dropped and read
again next time.

Updates accumulate (~100 bytes per tick); past :data:`COMPACT_AFTER` updates a dossier's list is
replaced by one update holding its whole state, in the same transaction.

A dossier without any update (created, or stored before schema version 5) is seeded from its rows
(:func:`document.seed_update`) the first time it is needed.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterable, Mapping
from typing import TYPE_CHECKING, Any

from coopguide.core.store.progress import ItemProgress

if TYPE_CHECKING:
    from coopguide.core.store.document import DossierDocument

COMPACT_AFTER = 500


class DossierDocuments:
    """Documents of every dossier (``store.documents``), cached per process."""

    def __init__(self) -> None:
        self._cache: dict[int, tuple[DossierDocument, int]] = {}  # dossier id → (document, last update id)

    def load(self, conn: sqlite3.Connection, dossier_id: int) -> DossierDocument:
        """The document as stored now (call inside the transaction that will change it); a dossier
        without one is seeded from its rows and the seed stored."""
        return self._read(conn, dossier_id, store_seed=True)

    def snapshot(self, conn: sqlite3.Connection, dossier_id: int) -> DossierDocument:
        """A copy of the document to look at or export; writes nothing (a seed is recomputed)."""
        return self._read(conn, dossier_id, store_seed=False).copy()

    def _read(self, conn: sqlite3.Connection, dossier_id: int, *, store_seed: bool) -> DossierDocument:
        from coopguide.core.store.document import DossierDocument

        document, last = self._cache.get(dossier_id) or (None, 0)
        new = conn.execute(
            "SELECT id, data FROM dossier_updates WHERE dossier_id = ? AND id > ? ORDER BY id", (dossier_id, last)
        ).fetchall()
        if document is None:
            document = DossierDocument()
            if not new:
                seed = _seed_from_rows(conn, dossier_id)
                document.apply(seed)
                if not store_seed:
                    return document
                last = _append(conn, dossier_id, seed)
        for update_id, data in new:
            document.apply(bytes(data))
            last = update_id
        self._cache[dossier_id] = (document, last)
        return document

    def forget(self, dossier_id: int | None = None) -> None:
        """Drop a cached document (after a failed transaction), or all of them."""
        if dossier_id is None:
            self._cache.clear()
        else:
            self._cache.pop(dossier_id, None)

    def record(
        self,
        conn: sqlite3.Connection,
        dossier_id: int,
        rows: Iterable[ItemProgress],
        note_bases: Mapping[str, str] | None = None,
    ) -> list[ItemProgress]:
        """Write ``rows`` into the dossier's document and store the update; returns the rows as the
        document now has them (a note merged by another process meanwhile stays in them)."""
        rows = list(rows)

        def write(document: DossierDocument) -> None:
            for row in rows:
                document.write_row(row, (note_bases or {}).get(row.item_id))

        document = self._change(conn, dossier_id, write)
        return [document.row(row.item_id) for row in rows]

    def record_dossier(
        self, conn: sqlite3.Connection, dossier_id: int, name: str, description: str, members: Iterable[str]
    ) -> None:
        self._change(conn, dossier_id, lambda document: document.write_dossier(name, description, members))

    def record_scope(self, conn: sqlite3.Connection, dossier_id: int, scope: Iterable[str] | None) -> None:
        """The check-lists the dossier follows (None: every one), so that they travel with it."""
        self._change(conn, dossier_id, lambda document: document.write_scope(scope))

    def record_key_dates(
        self,
        conn: sqlite3.Connection,
        dossier_id: int,
        changes: Mapping[str, tuple[str, str] | None],
        stamp: str,
    ) -> DossierDocument:
        """Set (kind → (date, label)) or remove (kind → None) key dates, due dates counted from them
        recomputed (:mod:`key_dates`); returns the document."""

        def write(document: DossierDocument) -> None:
            for kind, value in changes.items():
                if value is None:
                    document.remove_key_date(kind)
                else:
                    document.write_key_date(kind, value[0], value[1], stamp)

        return self._change(conn, dossier_id, write)

    def merge(self, conn: sqlite3.Connection, dossier_id: int, update: bytes) -> DossierDocument:
        """Merge a document received in a file; returns the merged document."""
        return self._change(conn, dossier_id, lambda document: document.merge(update))

    def _change(
        self, conn: sqlite3.Connection, dossier_id: int, change: Callable[[DossierDocument], None]
    ) -> DossierDocument:
        """Bring the document up to date, ``change`` it, store the update: one write of the caller's
        transaction. If that transaction fails, the store's rollback hook drops every cached
        document (one may hold the failed change): see ``Store.__init__``."""
        document = self.load(conn, dossier_id)
        before, changes = document.state(), document.changes
        change(document)
        self._store_since(conn, dossier_id, document, before, changes)
        return document

    def start(self, conn: sqlite3.Connection, dossier_id: int, update: bytes) -> None:
        """Give a new dossier (just inserted, no update yet) its first state."""
        from coopguide.core.store.document import DossierDocument

        document = DossierDocument(update)
        self._cache[dossier_id] = (document, _append(conn, dossier_id, document.update()))

    def delete(self, conn: sqlite3.Connection, dossier_id: int) -> None:
        conn.execute("DELETE FROM dossier_updates WHERE dossier_id = ?", (dossier_id,))
        self.forget(dossier_id)

    def count(self, conn: sqlite3.Connection, dossier_id: int) -> int:
        row = conn.execute("SELECT COUNT(*) FROM dossier_updates WHERE dossier_id = ?", (dossier_id,)).fetchone()
        return int(row[0])

    def _store_since(
        self, conn: sqlite3.Connection, dossier_id: int, document: DossierDocument, before: bytes, changes: int
    ) -> None:
        """Store what changed since state ``before`` (``changes`` transactions ago); the update
        since a state also carries the deletions, which move no clock."""
        if document.changes == changes:
            return  # nothing changed: nothing stored (importing a file twice)
        last = _append(conn, dossier_id, document.update(before))
        if self.count(conn, dossier_id) > COMPACT_AFTER:
            conn.execute("DELETE FROM dossier_updates WHERE dossier_id = ?", (dossier_id,))
            last = _append(conn, dossier_id, document.update())
        self._cache[dossier_id] = (document, last)


def _append(conn: sqlite3.Connection, dossier_id: int, update: bytes) -> int:
    cursor = conn.execute("INSERT INTO dossier_updates (dossier_id, data) VALUES (?, ?)", (dossier_id, update))
    assert cursor.lastrowid is not None
    return cursor.lastrowid


def _seed_from_rows(conn: sqlite3.Connection, dossier_id: int) -> bytes:
    """The deterministic first update of a dossier stored without one (see document.seed_update)."""
    import json

    from coopguide.core.store.document import seed_update
    from coopguide.core.store.items import stored_fields

    fields = stored_fields(conn)  # at schema step 5, before due_rule
    rows = [
        ItemProgress(**dict(zip(fields, row, strict=True)))
        for row in conn.execute(f"SELECT {', '.join(fields)} FROM item_progress WHERE dossier_id = ?", (dossier_id,))
    ]
    found = conn.execute(
        "SELECT name, description, members, created_at FROM dossiers WHERE id = ?", (dossier_id,)
    ).fetchone()
    dossier: dict[str, Any] | None = None
    if found:
        try:
            members = json.loads(found[2] or "[]")
        except ValueError:
            members = []
        dossier = {
            "name": found[0],
            "description": found[1] or "",
            "created_at": found[3] or "",
            "members": [str(m) for m in members] if isinstance(members, list) else [],
        }
    return seed_update(rows, dossier)
