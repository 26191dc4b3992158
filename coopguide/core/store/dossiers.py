"""Dossiers: one group's project. Create, edit, duplicate, archive, put in the trash, restore.

A deleted dossier goes to the trash (``deleted_at`` set) with all its progress; only
:meth:`Dossiers.purge` removes rows, after the user confirmed twice (delete, then empty the trash).
Each method is one user action, hence one transaction. :class:`Dossiers` holds every SQL statement
on the ``dossiers`` table; a dossier's progress rows are written through :class:`ItemRows`.
"""

# No `from __future__ import annotations`: NamedTuple fields as strings cost a compile each (core/content/model.py).
import sqlite3
from collections.abc import Iterable
from typing import Any, NamedTuple

from coopguide.core.shared.dates import now_iso
from coopguide.core.shared.errors import InvalidInputError
from coopguide.core.shared.safe_text import strip_controls
from coopguide.core.store.database import Database
from coopguide.core.store.items import ItemRows

DEFAULT_DOSSIER = "Mon projet"
MAX_NAME_LENGTH = 120
MAX_DESCRIPTION_LENGTH = 5_000
MAX_MEMBERS = 100
MAX_SCOPE = 500  # check-list ids a dossier may follow (the content has 14 today)
MAX_SCOPE_ID_LENGTH = 200  # like an item id: the content's are under 80 characters
# The members and the scope are JSON lists in their columns, read by SQLite (json_each) rather than
# by Python's json, whose import cost ~1.3 ms of every start: each list comes back as its strings
# joined by the unit separator, which no cleaned name or id holds (strip_controls). A column that
# holds no JSON list reads as NULL: no members, every check-list, as a ValueError of json did.
SEPARATOR = "\x1f"
_LIST = (  # nested CASEs: json_type() on text that is not JSON is an error, and AND may not stop at json_valid()
    "CASE WHEN json_valid({0}) THEN CASE WHEN json_type({0}) = 'array' THEN coalesce("
    f"(SELECT group_concat(value, char({ord(SEPARATOR)})) FROM (SELECT value FROM json_each({{0}}) ORDER BY key)),"
    " '') END END"
)
COLUMNS = (
    ", ".join(("id, name, description", _LIST.format("members"), "created_at, updated_at, archived_at, deleted_at"))
    + ", "
    + _LIST.format("scope")
)


class Dossier(NamedTuple):
    id: int
    name: str
    description: str = ""
    members: tuple[str, ...] = ()
    created_at: str = ""
    updated_at: str = ""
    archived_at: str | None = None
    deleted_at: str | None = None
    # the check-list ids this dossier follows, in the user's order; None follows every check-list
    scope: tuple[str, ...] | None = None

    def follows(self, checklist_id: str) -> bool:
        return self.scope is None or checklist_id in self.scope

    @property
    def archived(self) -> bool:
        return bool(self.archived_at)

    @property
    def deleted(self) -> bool:
        return bool(self.deleted_at)


def _dossier(row: tuple[Any, ...]) -> Dossier:
    members = _strings(row[3]) or ()
    return Dossier(row[0], row[1], row[2] or "", members, row[4], row[5] or row[4], row[6], row[7], _strings(row[8]))


def _strings(joined: str | None) -> tuple[str, ...] | None:
    """A JSON list as :data:`COLUMNS` reads it; None when the column held none (for ``scope``:
    NULL, or anything unreadable, follows every check-list)."""
    if joined is None:
        return None
    return tuple(joined.split(SEPARATOR)) if joined else ()


def clean_scope(scope: Iterable[str] | None) -> tuple[str, ...] | None:
    """Check-list ids, trimmed, repeats dropped, order kept; None (every check-list) stays None.
    Ids unknown to the content are kept: a later content edition may bring them back."""
    if scope is None:
        return None
    seen: dict[str, None] = {}
    for checklist_id in scope:
        cleaned = strip_controls(str(checklist_id)).strip()
        if len(cleaned) > MAX_SCOPE_ID_LENGTH:  # a forged file: every read of the dossier parses its scope
            raise InvalidInputError(f"Identifiant de check-list trop long ({MAX_SCOPE_ID_LENGTH} caractères au plus).")
        if cleaned:
            seen[cleaned] = None
    if len(seen) > MAX_SCOPE:
        raise InvalidInputError(f"Trop de check-lists suivies ({len(seen)}, {MAX_SCOPE} au plus).")
    return tuple(seen)


def scope_json(scope: tuple[str, ...] | None) -> str | None:
    import json  # on a write only: see COLUMNS

    return None if scope is None else json.dumps(list(scope), ensure_ascii=False)


def clean_name(name: str) -> str:
    name = " ".join(strip_controls(str(name)).split())
    if not name:
        raise InvalidInputError("Donnez un nom au dossier.")
    if len(name) > MAX_NAME_LENGTH:
        raise InvalidInputError(f"Le nom est trop long ({len(name)} caractères, {MAX_NAME_LENGTH} au plus).")
    return name


def clean_members(members: Iterable[str]) -> tuple[str, ...]:
    """Free-text names, one per entry: trimmed, blanks and repeats dropped, order kept."""
    seen: dict[str, str] = {}
    for member in members:
        name = " ".join(strip_controls(str(member)).split())
        if name and name.casefold() not in seen:
            if len(name) > MAX_NAME_LENGTH:
                raise InvalidInputError(
                    f"Le nom « {name[:40]}… » est trop long ({MAX_NAME_LENGTH} caractères au plus)."
                )
            seen[name.casefold()] = name
    if len(seen) > MAX_MEMBERS:
        raise InvalidInputError(f"Trop de membres ({len(seen)}, {MAX_MEMBERS} au plus).")
    return tuple(seen.values())


def members_json(members: Iterable[str]) -> str:
    """How the ``members`` column stores the names: a JSON list, accents kept readable."""
    import json  # on a write only: see COLUMNS

    return json.dumps(list(members), ensure_ascii=False)


def clean_description(description: str) -> str:
    description = strip_controls(str(description), multiline=True).strip()
    if len(description) > MAX_DESCRIPTION_LENGTH:
        raise InvalidInputError(f"La description est trop longue ({MAX_DESCRIPTION_LENGTH} caractères au plus).")
    return description


class KeepScope:
    """:meth:`Dossiers.update` without a ``scope``: the dossier keeps its own (None means every one)."""


KEEP_SCOPE = KeepScope()


class Dossiers:
    """The dossiers table (``store.dossiers``). Lists are sorted by name, ignoring case."""

    def __init__(self, db: Database, items: ItemRows) -> None:
        self._db = db
        self._items = items

    def _select(self, where: str, params: tuple[Any, ...] = ()) -> list[Dossier]:
        rows = self._db.conn.execute(
            f"SELECT {COLUMNS} FROM dossiers WHERE {where} ORDER BY name COLLATE NOCASE", params
        )
        return [_dossier(row) for row in rows]

    def in_use(self) -> list[Dossier]:
        """Neither archived nor in the trash."""
        return self._select("deleted_at IS NULL AND archived_at IS NULL")

    def archived(self) -> list[Dossier]:
        """Archived, not in the trash."""
        return self._select("deleted_at IS NULL AND archived_at IS NOT NULL")

    def all(self) -> list[Dossier]:
        """In use and archived, not in the trash."""
        return self._select("deleted_at IS NULL")

    def trash(self) -> list[Dossier]:
        return self._select("deleted_at IS NOT NULL")

    def get(self, dossier_id: int) -> Dossier | None:
        found = self._select("id = ?", (dossier_id,))
        return found[0] if found else None

    def require(self, dossier_id: int) -> Dossier:
        """Like :meth:`get`, for a dossier that must exist: raises « Ce dossier n'existe plus. »"""
        dossier = self.get(dossier_id)
        if dossier is None:
            raise InvalidInputError("Ce dossier n'existe plus.")
        return dossier

    def by_name(self, name: str) -> Dossier | None:
        """The dossier (in use or archived) with this name, ignoring case and extra spaces."""
        wanted = " ".join(str(name).split()).casefold()
        return next((d for d in self.all() if d.name.casefold() == wanted), None)

    def _check_free_name(self, name: str, except_id: int | None = None) -> None:
        row = self._db.conn.execute(
            "SELECT id, deleted_at FROM dossiers WHERE name = ? COLLATE NOCASE AND id IS NOT ?", (name, except_id)
        ).fetchone()
        if row:
            where = " (il est dans la corbeille)" if row[1] else ""
            raise InvalidInputError(f"Un dossier s'appelle déjà « {name} »{where}. Choisissez un autre nom.")

    def free_name(self, wanted: str) -> str:
        """``wanted``, or ``wanted (2)``, ``(3)``… : the first name no dossier (even trashed) uses."""
        base = clean_name(wanted)
        taken = {r[0].casefold() for r in self._db.conn.execute("SELECT name FROM dossiers")}
        candidate, number = base, 2
        while candidate.casefold() in taken:
            suffix = f" ({number})"
            candidate, number = base[: MAX_NAME_LENGTH - len(suffix)] + suffix, number + 1
        return candidate

    def create(
        self, name: str, description: str = "", members: Iterable[str] = (), scope: Iterable[str] | None = None
    ) -> Dossier:
        """A new dossier; ``scope`` lists the check-lists it follows (None: every one)."""
        name, description = clean_name(name), clean_description(description)
        cleaned, scope = clean_members(members), clean_scope(scope)
        self._check_free_name(name)
        with self._db.transaction("créer le dossier") as conn:
            new_id = self.insert(conn, name, description, cleaned)
            if scope is not None:  # every check-list (None) needs no document yet: the start stays light
                self.record_scope(conn, new_id, scope)
        return self.require(new_id)

    def set_scope(self, dossier_id: int, scope: Iterable[str] | None) -> Dossier:
        """Follow only these check-lists (None: every one). Ticks of a check-list left out stay
        stored: following it again brings them back."""
        self.require(dossier_id)
        cleaned = clean_scope(scope)
        with self._db.transaction("modifier les check-lists suivies") as conn:
            self.record_scope(conn, dossier_id, cleaned)
        return self.require(dossier_id)

    def untouched_default(self) -> Dossier | None:
        """The « Mon projet » a first start made, when it is the only dossier and nobody used it
        (no tick, note, member, description, scope or history): « Par où commencer ? » then turns
        it into the user's dossier instead of leaving an empty one beside it."""
        if self._db.conn.execute("SELECT COUNT(*) FROM dossiers").fetchone()[0] != 1:
            return None
        [dossier] = self._select("1")
        if (
            dossier.name.casefold() != DEFAULT_DOSSIER.casefold()
            or dossier.description
            or dossier.members
            or dossier.scope is not None
            or dossier.deleted
            or dossier.archived
        ):
            return None
        for table in ("item_progress", "dossier_updates"):
            if self._db.conn.execute(f"SELECT 1 FROM {table} WHERE dossier_id = ? LIMIT 1", (dossier.id,)).fetchone():
                return None
        return dossier

    def ensure_default(self) -> Dossier:
        existing = self.in_use() or self.all()
        return existing[0] if existing else self.create(self.free_name(DEFAULT_DOSSIER))

    def update(
        self,
        dossier_id: int,
        *,
        name: str | None = None,
        description: str | None = None,
        members: Iterable[str] | None = None,
        scope: Iterable[str] | KeepScope | None = KEEP_SCOPE,
    ) -> Dossier:
        """Change what is given; ``scope`` None follows every check-list, left out keeps it."""
        current = self.require(dossier_id)
        name = clean_name(name) if name is not None else current.name
        description = clean_description(description) if description is not None else current.description
        cleaned = clean_members(members) if members is not None else current.members
        new_scope = current.scope if isinstance(scope, KeepScope) else clean_scope(scope)
        self._check_free_name(name, except_id=dossier_id)
        with self._db.transaction("modifier le dossier") as conn:
            # the document first: one not seeded yet is seeded from the row as it was, so a member
            # removed here is a deletion that other laptops' seeds of the dossier receive
            self._items.documents.record_dossier(conn, dossier_id, name, description, cleaned)
            self.write_values(conn, dossier_id, name, description, cleaned)
            if new_scope != current.scope:
                self.record_scope(conn, dossier_id, new_scope)
        return self.require(dossier_id)

    def duplicate(self, dossier_id: int, name: str, with_progress: bool) -> Dossier:
        """A copy with the same description and members; with its progress (ticks, notes, dates,
        assignees) or blank, e.g. to run the same project with a new group."""
        source = self.require(dossier_id)
        name = clean_name(name)
        self._check_free_name(name)
        with self._db.transaction("dupliquer le dossier") as conn:
            new_id = self.insert(conn, name, source.description, source.members)
            if with_progress:  # the copy continues the document: merging the two later is exact
                source_document = self._items.documents.load(conn, dossier_id)
                self._items.documents.start(conn, new_id, source_document.update())
                self._items.upsert(conn, new_id, self._items.rows(dossier_id))
                self._items.documents.record_dossier(conn, new_id, name, source.description, source.members)
                from coopguide.core.store import key_dates  # not on the start path (~0.5 ms)

                key_dates.write_rows(conn, new_id, source_document.key_dates())
            if source.scope is not None or with_progress:
                self.record_scope(conn, new_id, source.scope)
        return self.require(new_id)

    def set_archived(self, dossier_id: int, archived: bool) -> Dossier:
        self.require(dossier_id)
        with self._db.transaction("archiver le dossier" if archived else "désarchiver le dossier") as conn:
            conn.execute(
                "UPDATE dossiers SET archived_at = ? WHERE id = ?", (now_iso() if archived else None, dossier_id)
            )
        return self.require(dossier_id)

    def delete(self, dossier_id: int) -> Dossier:
        """Move to the trash: nothing is erased, :meth:`restore` brings it back."""
        self.require(dossier_id)
        with self._db.transaction("mettre le dossier à la corbeille") as conn:
            conn.execute("UPDATE dossiers SET deleted_at = ? WHERE id = ?", (now_iso(), dossier_id))
        return self.require(dossier_id)

    def restore(self, dossier_id: int) -> Dossier:
        self.require(dossier_id)
        with self._db.transaction("restaurer le dossier") as conn:
            conn.execute("UPDATE dossiers SET deleted_at = NULL WHERE id = ?", (dossier_id,))
        return self.require(dossier_id)

    def purge(self, dossier_id: int) -> None:
        """Erase a dossier of the trash for good, with all its progress."""
        dossier = self.get(dossier_id)
        if dossier is None or not dossier.deleted:
            raise InvalidInputError("Seul un dossier de la corbeille peut être supprimé définitivement.")
        with self._db.transaction("supprimer définitivement le dossier") as conn:
            self._items.delete_all(conn, dossier_id)
            from coopguide.core.store import key_dates  # not on the start path (~0.5 ms)

            key_dates.delete_rows(conn, dossier_id)
            conn.execute("DELETE FROM dossiers WHERE id = ?", (dossier_id,))

    # -- steps of a larger transaction (the caller's ``conn``) ---------------------------------
    def insert(
        self,
        conn: sqlite3.Connection,
        name: str,
        description: str,
        members: tuple[str, ...],
        created_at: str = "",
    ) -> int:
        """Add a dossier row from values already cleaned (:func:`clean_name`…) and return its id;
        ``created_at`` defaults to now (an imported dossier keeps its own)."""
        stamp = now_iso()
        cursor = conn.execute(
            "INSERT INTO dossiers (name, description, members, created_at, updated_at) VALUES (?, ?, ?, ?, ?)",
            (name, description, members_json(members), created_at or stamp, stamp),
        )
        new_id = cursor.lastrowid
        assert new_id is not None  # always set after an INSERT
        return new_id

    def write_values(
        self, conn: sqlite3.Connection, dossier_id: int, name: str, description: str, members: tuple[str, ...]
    ) -> None:
        """Set name, description and members (already cleaned) of the row; the document is the
        caller's business (an edit records it, a merge already holds it)."""
        conn.execute(
            "UPDATE dossiers SET name = ?, description = ?, members = ?, updated_at = ? WHERE id = ?",
            (name, description, members_json(members), now_iso(), dossier_id),
        )

    def record_scope(self, conn: sqlite3.Connection, dossier_id: int, scope: tuple[str, ...] | None) -> None:
        """Set the followed check-lists (already cleaned) in the dossier's document, then the row:
        the scope travels in exchange files and merges like the name and members."""
        self._items.documents.record_scope(conn, dossier_id, scope)
        self.write_scope(conn, dossier_id, scope)

    def write_scope(self, conn: sqlite3.Connection, dossier_id: int, scope: tuple[str, ...] | None) -> None:
        """Set the followed check-lists (already cleaned) of the row; the document is the caller's
        business (:meth:`record_scope`, or a merge that already holds it)."""
        conn.execute(
            "UPDATE dossiers SET scope = ?, updated_at = ? WHERE id = ?", (scope_json(scope), now_iso(), dossier_id)
        )
