"""Schema versions of the user database, kept in ``PRAGMA user_version``.

``MIGRATIONS[n]`` takes a database from version ``n`` to ``n + 1``. Each step runs in one
transaction together with the version bump, so a crash leaves the previous version intact. Steps
are never edited once released: a change of schema is a new step appended at the end.

sqlite-utils builds the tables (and, for later steps, ``table.transform()`` does the ALTERs SQLite
lacks). It is imported here, not on the start path: it costs ~75 ms and only runs after an upgrade; a
first start creates the latest schema directly from :mod:`schema` (plain SQL, ~2 ms).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

# A ``sqlite_utils.Database``, typed loosely: sqlite-utils types ``db[name]`` as ``Table | View``
# while the steps below only ever see tables; the bodies of released steps stay as they are.
MigrationDb = Any

APPLICATION_ID = 0x436F6F70  # "Coop": marks the file as Coopguide's (PRAGMA application_id)


def _v1_initial(db: MigrationDb) -> None:
    db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    db["dossiers"].create(
        {"id": int, "name": str, "description": str, "created_at": str},
        pk="id",
        not_null={"name", "created_at"},
        defaults={"description": ""},
    )
    db["dossiers"].create_index(["name"], unique=True)
    db["checks"].create(
        {"dossier_id": int, "item_id": str, "state": str, "checked_at": str, "content_edition": str},
        pk=("dossier_id", "item_id"),
        not_null={"dossier_id", "item_id", "state", "checked_at", "content_edition"},
        defaults={"state": "fait"},
        foreign_keys=[("dossier_id", "dossiers", "id")],
    )
    db["notes"].create(
        {"dossier_id": int, "target": str, "body": str, "updated_at": str},
        pk=("dossier_id", "target"),
        not_null={"dossier_id", "target", "body", "updated_at"},
        foreign_keys=[("dossier_id", "dossiers", "id")],
    )
    db["settings"].create({"key": str, "value": str}, pk="key")


def _v2_dossiers_and_item_progress(db: MigrationDb) -> None:
    """Dossiers get members, archive and trash; one row per item holds its whole progress.

    ``checks`` (ticks) and ``notes`` of version 1 are copied into ``item_progress`` and dropped, in
    the same transaction as the version bump: nothing can be half-migrated.
    """
    dossiers = db["dossiers"]
    dossiers.add_column("members", str, not_null_default="[]")
    dossiers.add_column("archived_at", str)
    dossiers.add_column("deleted_at", str)
    dossiers.add_column("updated_at", str)
    db.execute("UPDATE dossiers SET updated_at = created_at")
    db["item_progress"].create(
        {
            "dossier_id": int,
            "item_id": str,
            "state": str,
            "done_at": str,
            "done_by": str,
            "note": str,
            "due": str,
            "assignee": str,
            "updated_at": str,
            "item_text": str,
            "content_edition": str,
        },
        pk=("dossier_id", "item_id"),
        not_null={
            "dossier_id",
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
        },
        defaults={
            "state": "",
            "done_at": "",
            "done_by": "",
            "note": "",
            "due": "",
            "assignee": "",
            "updated_at": "",
            "item_text": "",
            "content_edition": "",
        },
        foreign_keys=[("dossier_id", "dossiers", "id")],
    )
    db.execute(
        "INSERT INTO item_progress (dossier_id, item_id, state, done_at, updated_at, content_edition) "
        "SELECT dossier_id, item_id, state, checked_at, checked_at, content_edition FROM checks"
    )
    db.execute(
        "INSERT INTO item_progress (dossier_id, item_id, note, updated_at) "
        "SELECT dossier_id, target, body, updated_at FROM notes WHERE true "
        "ON CONFLICT (dossier_id, item_id) DO UPDATE SET note = excluded.note"
    )
    db["checks"].drop()
    db["notes"].drop()


def _v3_bookmarks_and_recent(db: MigrationDb) -> None:
    """Bookmarks (a guide or a section) and recently opened guides, kept across restarts."""
    db["bookmarks"].create(
        {"target": str, "title": str, "created_at": str}, pk="target", not_null={"title", "created_at"}
    )
    db["recent_guides"].create({"guide_id": str, "opened_at": str}, pk="guide_id", not_null={"opened_at"})


def _v4_session_log(db: MigrationDb) -> None:
    """The trainer's session log: date, place, number of attendees, topics. No names: a count only."""
    db["sessions"].create(
        {
            "id": int,
            "date": str,
            "place": str,
            "attendees": int,
            "topics": str,
            "notes": str,
            "created_at": str,
            "updated_at": str,
        },
        pk="id",
        not_null={"date", "place", "attendees", "topics", "notes", "created_at", "updated_at"},
        defaults={"place": "", "attendees": 0, "topics": "", "notes": ""},
    )
    db["sessions"].create_index(["date"])


def _v5_dossier_documents(db: MigrationDb) -> None:
    """Each dossier's Yjs document, as the list of its updates (see documents.py). Every existing
    dossier gets its first update from its rows here, once (a backup was taken before this step)."""
    db.execute(
        "CREATE TABLE dossier_updates ("
        " id INTEGER PRIMARY KEY AUTOINCREMENT,"
        " dossier_id INTEGER NOT NULL REFERENCES dossiers(id),"
        " data BLOB NOT NULL)"
    )
    db.execute("CREATE INDEX dossier_updates_by_dossier ON dossier_updates (dossier_id, id)")
    dossier_ids = [row[0] for row in db.execute("SELECT id FROM dossiers ORDER BY id").fetchall()]
    if dossier_ids:  # pycrdt only when there is something to convert (not on a first start)
        from coopguide.core.store.documents import DossierDocuments
        from coopguide.core.store.items import clean_progress, stored_fields
        from coopguide.core.store.progress import ItemProgress

        # Rows stored before hidden characters were removed keep them (a zero-width space pasted
        # from a web page), rows imported before files' stamps were checked may hold a stamp
        # without offset: made as any edit or import now makes them, or the document would carry
        # them and every other laptop would refuse this dossier's files.
        fields = stored_fields(db.conn)  # the columns of this step, not of the latest schema
        for dossier_id, *values in db.execute(f"SELECT dossier_id, {', '.join(fields)} FROM item_progress").fetchall():
            row = ItemProgress(**dict(zip(fields, values, strict=True)))
            cleaned = clean_progress(row).with_changes(
                done_at=_sendable_stamp(row.done_at), updated_at=_sendable_stamp(row.updated_at)
            )
            if cleaned != row:
                db.execute(
                    "UPDATE item_progress SET done_by = ?, assignee = ?, note = ?, item_text = ?, done_at = ?, "
                    "updated_at = ? WHERE dossier_id = ? AND item_id = ?",
                    (
                        cleaned.done_by,
                        cleaned.assignee,
                        cleaned.note,
                        cleaned.item_text,
                        cleaned.done_at,
                        cleaned.updated_at,
                        dossier_id,
                        row.item_id,
                    ),
                )
        documents = DossierDocuments()
        for dossier_id in dossier_ids:
            documents.load(db.conn, dossier_id)


def _sendable_stamp(value: str) -> str:
    """``value`` if a file may carry it; one without offset as this computer's time; else empty."""
    import datetime as dt

    from coopguide.core.shared.errors import InvalidInputError
    from coopguide.core.store.exchange_file import _stamp

    try:
        return _stamp({"s": value}, "s")
    except InvalidInputError:
        pass
    try:
        return _stamp({"s": dt.datetime.fromisoformat(value).astimezone().isoformat(timespec="milliseconds")}, "s")
    except (ValueError, OverflowError, OSError, InvalidInputError):
        return ""


def _v6_seance_groups(db: MigrationDb) -> None:
    """A séance is a thing, not only a log line: the log row gains the séance's name and preset, and
    its groups are rows of their own, each with the dossier it ticks in. A dossier purged from the
    trash leaves its group (named, without dossier) rather than blocking the purge."""
    db.execute("ALTER TABLE sessions ADD COLUMN name TEXT NOT NULL DEFAULT ''")
    db.execute("ALTER TABLE sessions ADD COLUMN preset TEXT NOT NULL DEFAULT ''")
    db.execute(
        "CREATE TABLE session_groups ("
        " session_id INTEGER NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,"
        " position INTEGER NOT NULL,"
        " name TEXT NOT NULL,"
        " dossier_id INTEGER REFERENCES dossiers(id) ON DELETE SET NULL,"
        " PRIMARY KEY (session_id, position))"
    )
    db.execute("CREATE INDEX session_groups_by_dossier ON session_groups (dossier_id)")


def _v7_scope_and_key_dates(db: MigrationDb) -> None:
    """What a dossier follows and the dates that rule it (issue 21).

    - ``dossiers.scope``: the check-list ids the dossier follows, as a JSON list; NULL follows every
      check-list (every dossier made before this step keeps counting all of them).
    - ``dossier_dates``: a dossier's key dates (jugement d'ouverture, date limite des offres…), one
      row per kind; ``kind`` is an id from the content's list of key dates, or ``autre-…`` for one
      the user named (``label``).
    - ``item_progress.due_rule``: a due date relative to a key date (``<kind>+<days>``, « J+10
      après le jugement »); ``due`` keeps the date it gives, recomputed when the key date changes,
      so every reader of ``due`` (lists, prints, overdue) needs nothing new."""
    db.execute("ALTER TABLE dossiers ADD COLUMN scope TEXT")
    db.execute(
        "CREATE TABLE dossier_dates ("
        " dossier_id INTEGER NOT NULL REFERENCES dossiers(id),"
        " kind TEXT NOT NULL,"
        " date TEXT NOT NULL,"
        " label TEXT NOT NULL DEFAULT '',"
        " updated_at TEXT NOT NULL DEFAULT '',"
        " PRIMARY KEY (dossier_id, kind))"
    )
    db.execute("ALTER TABLE item_progress ADD COLUMN due_rule TEXT NOT NULL DEFAULT ''")


MIGRATIONS: list[Callable[[MigrationDb], None]] = [
    _v1_initial,
    _v2_dossiers_and_item_progress,
    _v3_bookmarks_and_recent,
    _v4_session_log,
    _v5_dossier_documents,
    _v6_seance_groups,
    _v7_scope_and_key_dates,
]
LATEST_VERSION = len(MIGRATIONS)


def schema_version(conn: sqlite3.Connection) -> int:
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


@contextmanager
def _write_lock(conn: sqlite3.Connection) -> Iterator[None]:
    """One transaction holding the write lock from its start (another process waits, up to the
    busy timeout), committed when the block ends, rolled back on any error."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise


def create_latest(conn: sqlite3.Connection) -> bool:
    """On an empty file (a first start), create the latest schema in one transaction from
    :data:`schema.SCHEMA_SQL`, without sqlite-utils. False when the file is not empty (any more:
    another process may have created it meanwhile)."""
    from coopguide.core.store.schema import SCHEMA_SQL, SCHEMA_VERSION

    if SCHEMA_VERSION != LATEST_VERSION:
        raise RuntimeError("schema.SCHEMA_SQL is not the latest version: dump it again")
    with _write_lock(conn):
        empty = conn.execute("SELECT COUNT(*) FROM sqlite_master").fetchone()[0] == 0
        if not empty or schema_version(conn) != 0:
            return False
        conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        for statement in SCHEMA_SQL:  # not executescript: it would commit
            conn.execute(statement)
        conn.execute(f"PRAGMA user_version = {LATEST_VERSION}")
    return True


def migrate(conn: sqlite3.Connection, *, step_by_step: bool = False) -> list[int]:
    """Bring the database to ``LATEST_VERSION``; returns the versions reached, for logging.

    Another process may start on the same file at the same moment (the window and a CLI command, a
    first start twice): each step takes the write lock first (``BEGIN IMMEDIATE``, waiting up to
    the connection's busy timeout), then reads ``user_version`` again and runs only when no other
    process did it meanwhile. A lock held longer than the timeout raises SQLITE_BUSY, which the
    caller reports in French (« Réessayez dans un instant »).

    An empty file gets the latest schema at once (:func:`create_latest`); ``step_by_step`` runs
    the steps instead, for the test that compares both."""
    if schema_version(conn) >= LATEST_VERSION:
        return []
    if not step_by_step and create_latest(conn):
        return [LATEST_VERSION]
    import sqlite_utils

    db = sqlite_utils.Database(conn)
    reached: list[int] = []
    while True:
        with _write_lock(conn):
            version = schema_version(conn)
            if version >= LATEST_VERSION:
                return reached
            with db.atomic():  # inside the transaction: a savepoint
                MIGRATIONS[version](db)
                conn.execute(f"PRAGMA user_version = {version + 1}")
        reached.append(version + 1)
