"""Progress of a dossier on checklist items: state (fait / non applicable), who and when, note,
due date and assignee, one row per item.

Every change writes the whole row with a fresh ``updated_at``; rows are not deleted when an item
is unticked or reset, so a later merge can see that the untick is the most recent change.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable

from coopguide.core.shared.dates import is_iso_date, now_iso
from coopguide.core.shared.errors import InvalidInputError
from coopguide.core.store.progress import DONE, NOT_APPLICABLE, STATES, TODO, ItemProgress

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
)


def check_progress(progress: ItemProgress) -> None:
    """Refuse, in French, a row that would not make sense (also used for imported files)."""
    if progress.state not in STATES:
        raise InvalidInputError(f"État inconnu « {progress.state[:20]} » pour l'élément {progress.item_id[:60]}.")
    if progress.due and not is_iso_date(progress.due):
        raise InvalidInputError(f"Date d'échéance illisible « {progress.due[:20]} » (attendu : AAAA-MM-JJ).")
    if len(progress.note) > MAX_NOTE_LENGTH or len(progress.item_text) > MAX_NOTE_LENGTH:
        raise InvalidInputError(
            f"La note est trop longue ({len(progress.note)} caractères, {MAX_NOTE_LENGTH} au plus)."
        )
    for name in ("item_id", "done_by", "assignee", "done_at", "updated_at", "content_edition"):
        if len(getattr(progress, name)) > MAX_FIELD_LENGTH:
            raise InvalidInputError(f"Une valeur est trop longue ({name}).")
    if not progress.item_id:
        raise InvalidInputError("Élément sans identifiant.")


def upsert_rows(conn: sqlite3.Connection, dossier_id: int, rows: Iterable[ItemProgress]) -> None:
    """Write whole rows as they are (``updated_at`` included), inside the caller's transaction."""
    conn.executemany(
        f"INSERT INTO item_progress (dossier_id, {', '.join(FIELDS)}) VALUES (?{', ?' * len(FIELDS)}) "
        "ON CONFLICT (dossier_id, item_id) DO UPDATE SET " + ", ".join(f"{f} = excluded.{f}" for f in FIELDS[1:]),
        [(dossier_id, *(getattr(row, f) for f in FIELDS)) for row in rows],
    )


class ItemOperations:
    """Mixed into :class:`coopguide.core.store.Store` (needs ``conn`` and ``transaction``)."""

    conn: sqlite3.Connection

    def item_rows(self, dossier_id: int) -> list[ItemProgress]:
        """Every stored row of the dossier, under the ids it was stored with (see progress.resolve)."""
        rows = self.conn.execute(f"SELECT {', '.join(FIELDS)} FROM item_progress WHERE dossier_id = ?", (dossier_id,))
        return [ItemProgress(*row) for row in rows]

    def item_row(self, dossier_id: int, item_id: str) -> ItemProgress:
        row = self.conn.execute(
            f"SELECT {', '.join(FIELDS)} FROM item_progress WHERE dossier_id = ? AND item_id = ?", (dossier_id, item_id)
        ).fetchone()
        return ItemProgress(*row) if row else ItemProgress(item_id)

    def save_items(
        self,
        dossier_id: int,
        rows: Iterable[ItemProgress],
        action: str = "enregistrer la check-list",
        stamp: str | None = None,
    ) -> list[ItemProgress]:
        """Write whole rows in one transaction, each with ``updated_at`` = now (or ``stamp``)."""
        stamp = stamp or now_iso()
        written = [row.with_changes(updated_at=stamp) for row in rows]
        for row in written:
            check_progress(row)
        with self.transaction(action) as conn:
            upsert_rows(conn, dossier_id, written)
        return written

    def save_item(self, dossier_id: int, row: ItemProgress, action: str = "enregistrer l'élément") -> ItemProgress:
        return self.save_items(dossier_id, [row], action)[0]

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
        current = base or self.item_row(dossier_id, item_id)
        changes = {"content_edition": content_edition, "item_id": item_id}
        if item_text:
            changes["item_text"] = item_text
        row = current.with_state(state, done_by, now_iso()).with_changes(**changes)
        action = {DONE: "enregistrer la case cochée", NOT_APPLICABLE: "marquer l'élément non applicable"}.get(
            state, "enregistrer la case décochée"
        )
        return self.save_item(dossier_id, row, action)

    def set_done(self, dossier_id: int, item_id: str, done: bool, content_edition: str) -> None:
        self.set_state(dossier_id, item_id, DONE if done else TODO, content_edition=content_edition)

    def done_items(self, dossier_id: int) -> set[str]:
        """Ids (as stored) that are done or not applicable."""
        rows = self.conn.execute(
            "SELECT item_id FROM item_progress WHERE dossier_id = ? AND state IN (?, ?)",
            (dossier_id, DONE, NOT_APPLICABLE),
        )
        return {row[0] for row in rows}

    def reset_items(self, dossier_id: int, item_ids: Iterable[str], keep_notes: bool) -> list[ItemProgress]:
        """Untick a checklist to reuse it with a new group: states, who/when, due dates and assignees
        are cleared (notes too unless ``keep_notes``). Returns the rows as they were, for undo."""
        before = [self.item_row(dossier_id, item_id) for item_id in item_ids]
        after = [
            ItemProgress(
                row.item_id,
                note=row.note if keep_notes else "",
                item_text=row.item_text,
                content_edition=row.content_edition,
            )
            for row in before
            if not row.is_empty
        ]
        if after:
            self.save_items(dossier_id, after, "réinitialiser la check-list")
        return before
