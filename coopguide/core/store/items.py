"""Progress of a dossier on checklist items: state (fait / non applicable), who and when, note,
due date and assignee, one row per item. :class:`ItemRows` holds every SQL statement on the
``item_progress`` table.

An edit from the window (:meth:`ItemRows.change`) re-reads the row in its transaction and changes
only the edited fields, and undo/redo (:meth:`ItemRows.write_back`) writes only if the row is still
what the step left, so a row merged meanwhile by another process is never overwritten from a stale
copy. Every change goes through the dossier's Yjs document (:mod:`documents`) in the same
transaction, and the row written is the document's view of the item: the document is what merges
with other laptops, the row what the app reads. Rows are not deleted when an item is unticked or
reset; they go only with their dossier, when it is erased for good from the trash.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Mapping

from coopguide.core.shared.dates import is_iso_date, now_iso
from coopguide.core.shared.errors import ChangedElsewhereError, InvalidInputError
from coopguide.core.shared.relative_dates import parse_rule
from coopguide.core.shared.safe_text import strip_controls
from coopguide.core.store.database import Database
from coopguide.core.store.documents import DossierDocuments
from coopguide.core.store.progress import DONE, NOT_APPLICABLE, STATES, ItemProgress

MAX_NOTE_LENGTH = 20_000
MAX_FIELD_LENGTH = 200
FIELDS = (
    "item_id",
    "state",
    "done_at",
    "done_by",
    "note",
    "due",
    "assignee",
    "updated_at",
    "item_text",
    "content_edition",
    "due_rule",
)
EDITABLE = ("note", "due", "assignee", "due_rule")  # what :meth:`ItemRows.change` sets besides the state
CHANGED_ELSEWHERE = "Cet élément a été modifié ailleurs (import ou autre fenêtre) depuis : annulation impossible."


def stored_fields(conn: sqlite3.Connection) -> tuple[str, ...]:
    """:data:`FIELDS` the ``item_progress`` table has: a migration step before ``due_rule`` (v7)
    reads rows as they were then (seeding documents at v5)."""
    columns = {row[1] for row in conn.execute("PRAGMA table_info(item_progress)")}
    return tuple(f for f in FIELDS if f in columns)


def clean_progress(progress: ItemProgress) -> ItemProgress:
    """The row without hidden or control characters in its free texts (names, note, item text)."""
    return progress.with_changes(
        done_by=strip_controls(progress.done_by),
        assignee=strip_controls(progress.assignee),
        note=strip_controls(progress.note, multiline=True),
        item_text=strip_controls(progress.item_text),
    )


def check_progress(progress: ItemProgress) -> None:
    """Refuse, in French, a row that would not make sense (also used for imported files)."""
    if progress.state not in STATES:
        raise InvalidInputError(f"État inconnu « {progress.state[:20]} » pour l'élément {progress.item_id[:60]}.")
    if progress.due and not is_iso_date(progress.due):
        raise InvalidInputError(f"Date d'échéance illisible « {progress.due[:20]} » (attendu : AAAA-MM-JJ).")
    if progress.due_rule and parse_rule(progress.due_rule) is None:
        raise InvalidInputError(
            f"Échéance relative illisible « {progress.due_rule[:40]} » "
            "(attendu : date clé+jours, ex. jugement-ouverture+10)."
        )
    if len(progress.note) > MAX_NOTE_LENGTH or len(progress.item_text) > MAX_NOTE_LENGTH:
        raise InvalidInputError(
            f"La note est trop longue ({len(progress.note)} caractères, {MAX_NOTE_LENGTH} au plus)."
        )
    for name in ("item_id", "done_by", "assignee", "done_at", "updated_at", "content_edition"):
        if len(getattr(progress, name)) > MAX_FIELD_LENGTH:
            raise InvalidInputError(f"Une valeur est trop longue ({name}).")
    if not progress.item_id:
        raise InvalidInputError("Élément sans identifiant.")


def _still_as_left(stored: ItemProgress, expected: ItemProgress) -> bool:
    """The row is what an undo step left. A due date counted from a key date moves with that date
    (the key dates dialog, a merge), rewriting ``due`` and the stamp: the step's rule still being
    there is what it left, so Ctrl+Z after moving the jugement is not refused as « modifié ailleurs »."""
    if stored == expected:
        return True
    if not expected.due_rule or stored.due_rule != expected.due_rule:
        return False
    return stored.with_changes(due=expected.due, updated_at=expected.updated_at) == expected


class ItemRows:
    """The ``item_progress`` rows of every dossier (``store.items``). Each public write is one user
    action, hence one transaction; :meth:`upsert`, :meth:`copy` and :meth:`delete_all` run inside
    the caller's transaction (``conn``) instead."""

    def __init__(self, db: Database, documents: DossierDocuments) -> None:
        self._db = db
        self.documents = documents

    def rows(self, dossier_id: int) -> list[ItemProgress]:
        """Every stored row of the dossier, under the ids it was stored with (see progress.resolve)."""
        rows = self._db.conn.execute(
            f"SELECT {', '.join(FIELDS)} FROM item_progress WHERE dossier_id = ?", (dossier_id,)
        )
        return [ItemProgress(*row) for row in rows]

    def row(self, dossier_id: int, item_id: str) -> ItemProgress:
        return self._read(self._db.conn, dossier_id, item_id) or ItemProgress(item_id)

    def _read(self, conn: sqlite3.Connection, dossier_id: int, item_id: str) -> ItemProgress | None:
        row = conn.execute(
            f"SELECT {', '.join(FIELDS)} FROM item_progress WHERE dossier_id = ? AND item_id = ?", (dossier_id, item_id)
        ).fetchone()
        return ItemProgress(*row) if row else None

    def change(
        self,
        dossier_id: int,
        item_id: str,
        fields: Mapping[str, str],
        *,
        content_edition: str,
        done_by: str = "",
        item_text: str = "",
        base: ItemProgress | None = None,
        note_base: str | None = None,
        action: str = "enregistrer l'élément",
    ) -> tuple[ItemProgress, ItemProgress]:
        """One edit of one item: only ``fields`` (``state``, ``note``, ``due``, ``assignee``,
        ``due_rule``: a due date relative to a key date, ``due`` then computed by the document) change,
        on the row as it is *in the transaction*, so a note or tick written meanwhile by another
        process (``coopguide import --into``) is kept. ``base`` is used only when no row is stored
        under ``item_id`` (the row of a former id, see progress.resolve). ``note_base`` is the note
        as the editor showed it: the user's changes to it are applied to the note as it is now, so
        a note merged meanwhile keeps both texts. Returns (before, after)."""
        unknown = set(fields) - {"state", *EDITABLE}
        if unknown:
            raise ValueError(f"champs inconnus : {sorted(unknown)}")
        stamp = now_iso()
        with self._db.transaction(action) as conn:
            stored = self._read(conn, dossier_id, item_id)
            before = stored or base or ItemProgress(item_id)
            after = before.with_changes(item_id=item_id, **{k: v for k, v in fields.items() if k != "state"})
            if "state" in fields:
                after = after.with_state(fields["state"], done_by, stamp)
            after = clean_progress(
                after.with_changes(
                    item_text=item_text or after.item_text, content_edition=content_edition, updated_at=stamp
                )
            )
            check_progress(after)
            # note_base is the note as shown; under a new id (shown from a former id's row) the
            # document has no note yet: the whole note shown, edited, is what the user wrote
            notes = {item_id: note_base} if note_base is not None and stored is not None else None
            (after,) = self.record(conn, dossier_id, [after], notes)
        return before, after

    def write_back(
        self, dossier_id: int, rows: Iterable[ItemProgress], expected: Iterable[ItemProgress], action: str
    ) -> list[ItemProgress]:
        """Undo/redo: write ``rows`` only if every row is still exactly what the step left
        (``expected``, read again in the transaction); otherwise refuse with
        :class:`ChangedElsewhereError` and write nothing. Returns the rows as written."""
        stamp = now_iso()
        written = [clean_progress(row).with_changes(updated_at=stamp) for row in rows]
        for row in written:
            check_progress(row)
        with self._db.transaction(action) as conn:
            for row in expected:
                if not _still_as_left(self._read(conn, dossier_id, row.item_id) or ItemProgress(row.item_id), row):
                    raise ChangedElsewhereError(CHANGED_ELSEWHERE)
            return self.record(conn, dossier_id, written)

    def save(
        self,
        dossier_id: int,
        rows: Iterable[ItemProgress],
        action: str = "enregistrer la check-list",
        stamp: str | None = None,
    ) -> list[ItemProgress]:
        """Write whole rows in one transaction, each with ``updated_at`` = now (or ``stamp``)."""
        stamp = stamp or now_iso()
        written = [clean_progress(row).with_changes(updated_at=stamp) for row in rows]
        for row in written:
            check_progress(row)
        with self._db.transaction(action) as conn:
            return self.record(conn, dossier_id, written)

    def save_one(self, dossier_id: int, row: ItemProgress, action: str = "enregistrer l'élément") -> ItemProgress:
        return self.save(dossier_id, [row], action)[0]

    def set_state(
        self,
        dossier_id: int,
        item_id: str,
        state: str,
        *,
        content_edition: str,
        done_by: str = "",
        item_text: str = "",
        base: ItemProgress | None = None,
    ) -> ItemProgress:
        """Tick, mark not applicable or untick, keeping the item's note, date and assignee."""
        current = base or self.row(dossier_id, item_id)
        changes = {"content_edition": content_edition, "item_id": item_id}
        if item_text:
            changes["item_text"] = item_text
        row = current.with_state(state, done_by, now_iso()).with_changes(**changes)
        action = {DONE: "enregistrer la case cochée", NOT_APPLICABLE: "marquer l'élément non applicable"}.get(
            state, "enregistrer la case décochée"
        )
        return self.save_one(dossier_id, row, action)

    def reset(self, dossier_id: int, item_ids: Iterable[str], keep_notes: bool) -> list[ItemProgress]:
        """Untick a checklist to reuse it with a new group: states, who/when, due dates and assignees
        are cleared (notes too unless ``keep_notes``). The rows are read in the same transaction as
        they are written, so a note another process saved meanwhile is kept, not replaced by the
        one read before. Returns the rows as they were, for undo."""
        stamp = now_iso()
        with self._db.transaction("réinitialiser la check-list") as conn:
            before = [self._read(conn, dossier_id, item_id) or ItemProgress(item_id) for item_id in item_ids]
            after = [
                clean_progress(
                    ItemProgress(
                        row.item_id,
                        note=row.note if keep_notes else "",
                        item_text=row.item_text,
                        content_edition=row.content_edition,
                    )
                ).with_changes(updated_at=stamp)
                for row in before
                if not row.is_empty
            ]
            for row in after:
                check_progress(row)
            if after:
                self.record(conn, dossier_id, after)
        return before

    def give_due_rules(
        self,
        dossier_id: int,
        rules: Mapping[str, str],
        *,
        content_edition: str,
        item_texts: Mapping[str, str],
        bases: Mapping[str, ItemProgress] | None = None,
    ) -> tuple[list[ItemProgress], list[ItemProgress]]:
        """Give each item its due date relative to a key date (item id → rule), in one transaction;
        ``due`` is computed by the document. An item dated, given a rule or finished meanwhile (by
        another process) is left as it is. ``bases``: rows shown under a former id (see
        progress.resolve). Returns (before, after) of the items written, for undo."""
        stamp = now_iso()
        with self._db.transaction("dater les éléments d'après les dates clés") as conn:
            before, after = [], []
            for item_id, rule in rules.items():
                row = self._read(conn, dossier_id, item_id) or (bases or {}).get(item_id) or ItemProgress(item_id)
                if row.is_complete or row.due or row.due_rule:
                    continue
                changed = clean_progress(
                    row.with_changes(
                        item_id=item_id,
                        due_rule=rule,
                        item_text=item_texts.get(item_id) or row.item_text,
                        content_edition=content_edition,
                        updated_at=stamp,
                    )
                )
                check_progress(changed)
                before.append(row)
                after.append(changed)
            written = self.record(conn, dossier_id, after) if after else []
        return before, written

    # -- steps of a larger transaction (the caller's ``conn``) ---------------------------------
    def record(
        self,
        conn: sqlite3.Connection,
        dossier_id: int,
        rows: Iterable[ItemProgress],
        note_bases: Mapping[str, str] | None = None,
    ) -> list[ItemProgress]:
        """Write rows (already cleaned and checked) into the dossier's document, then store the
        document's view of them; returns the rows as written."""
        written = self.documents.record(conn, dossier_id, rows, note_bases)
        self.upsert(conn, dossier_id, written)
        return written

    def upsert(self, conn: sqlite3.Connection, dossier_id: int, rows: Iterable[ItemProgress]) -> None:
        """Write whole rows as they are (``updated_at`` included), without touching the document:
        only for rows that come from it (:meth:`record`, a merge)."""
        conn.executemany(
            f"INSERT INTO item_progress (dossier_id, {', '.join(FIELDS)}) VALUES (?{', ?' * len(FIELDS)}) "
            "ON CONFLICT (dossier_id, item_id) DO UPDATE SET " + ", ".join(f"{f} = excluded.{f}" for f in FIELDS[1:]),
            [(dossier_id, *(getattr(row, f) for f in FIELDS)) for row in rows],
        )

    def replace_all(self, conn: sqlite3.Connection, dossier_id: int, rows: Iterable[ItemProgress]) -> None:
        """Make the dossier's rows exactly ``rows`` (a dossier started from a document)."""
        conn.execute("DELETE FROM item_progress WHERE dossier_id = ?", (dossier_id,))
        self.upsert(conn, dossier_id, rows)

    def delete_all(self, conn: sqlite3.Connection, dossier_id: int) -> None:
        """Erase the dossier's rows and document (only when the dossier is erased for good)."""
        conn.execute("DELETE FROM item_progress WHERE dossier_id = ?", (dossier_id,))
        self.documents.delete(conn, dossier_id)
