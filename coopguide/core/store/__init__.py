"""The user's data: dossiers, ticks and notes, in one SQLite file that is never lost.

- WAL journal with ``synchronous=FULL``: a change is on disk when :meth:`Database.transaction` returns,
  so the UI shows a tick only after it is committed (~0.35 ms measured).
- One transaction per user action (``BEGIN IMMEDIATE`` … ``COMMIT``), rolled back on any error.
- ``PRAGMA quick_check`` at open; a file that is not SQLite, is damaged or has a newer schema
  raises :class:`DamagedDatabaseError` and is left untouched for the caller to move aside. The app's
  start may leave it, with the daily backup, for after its first frame (``defer_checks``, see
  :func:`open_store`): both take time in proportion to the file (~45 ms for the check at 500
  dossiers), and they still run before anything is written.
- A daily backup (see :mod:`backup`) before any migration runs; when it cannot be written the
  start goes on with a French warning in ``store.warnings``.
- A folder that cannot be written opens read-only; when an unclean stop left changes in the WAL,
  they are read from a private copy (:mod:`wal_copy`), never by writing on the medium.

The hot path uses the standard ``sqlite3`` module; sqlite-utils is used for schema migrations (see
:mod:`migrations`), off the start path. One table family, one module: :mod:`dossiers`, :mod:`items`
(``item_progress``), :mod:`reading` (bookmarks, recent guides), :mod:`seances` (the séance log),
each a class that :class:`Store` composes over one :class:`Database` (:mod:`database`).
"""

from __future__ import annotations

import os
import sqlite3
import tempfile
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from coopguide.core.shared.dates import now_iso
from coopguide.core.shared.errors import (
    READ_ONLY_MESSAGE,
    BugError,
    DamagedDatabaseError,
    KnownError,
    NewerDatabaseError,
    ReadOnlyError,
    damage_reason,
    storage_error,
)
from coopguide.core.shared.paths import DATABASE_NAME
from coopguide.core.store import migrations
from coopguide.core.store.database import Database
from coopguide.core.store.documents import DossierDocuments
from coopguide.core.store.dossiers import DEFAULT_DOSSIER, Dossier, Dossiers
from coopguide.core.store.items import ItemRows
from coopguide.core.store.reading import ReadingHistory

if TYPE_CHECKING:
    from coopguide.core.store.key_dates import KeyDateRows
    from coopguide.core.store.seances import SeanceLog

__all__ = ["DEFAULT_DOSSIER", "Database", "Dossier", "Store", "now_iso", "open_read_only", "open_store"]

BUSY_TIMEOUT_S = 5.0
SQLITE_MAGIC = b"SQLite format 3\x00"


class Store:
    """An open user database (create it with :func:`open_store`): ``db`` holds the connection,
    transactions and settings; each table family has its object, as Anki's ``Collection`` has
    ``decks``: ``dossiers``, ``items`` (progress rows), ``key_dates`` (a dossier's key dates),
    ``reading`` (bookmarks, recent guides) and
    ``seances`` (the trainer's séances and, in ``seances.groups``, their groups' dossiers)."""

    def __init__(self, db: Database, private_copy: tempfile.TemporaryDirectory[str] | None = None) -> None:
        self.db = db
        self._private_copy = private_copy  # read-only store reading a copy (see open_read_only)
        self.documents = DossierDocuments()
        db.rollback_hooks.append(self.documents.forget)  # a failed write's edit left the cache
        self.items = ItemRows(db, self.documents)
        self.dossiers = Dossiers(db, self.items)
        self.reading = ReadingHistory(db)
        self.warnings: list[str] = []  # French, shown without blocking (a daily backup that failed…)

    @cached_property
    def key_dates(self) -> KeyDateRows:
        """A dossier's key dates (jugement, audience…: due dates are counted from them), made the
        first time they are asked for: the first frame shows none (~0.5 ms of imports later)."""
        from coopguide.core.store.key_dates import KeyDateRows

        return KeyDateRows(self.db, self.items)

    @cached_property
    def seances(self) -> SeanceLog:
        """The séance log, made the first time it is asked for: a trainer's, not the first frame's."""
        from coopguide.core.store.seances import SeanceLog

        return SeanceLog(self.db)

    @property
    def path(self) -> Path:
        return self.db.path

    @property
    def read_only(self) -> bool:
        return self.db.read_only

    def finish_opening(self) -> list[str]:
        """What ``open_store(defer_checks=True)`` left for later, if it has not run yet (a write runs
        it first): ``PRAGMA quick_check``, then the daily backup if due. Raises
        :class:`DamagedDatabaseError` for a damaged file (every write is then refused); returns
        the warnings it added (a backup that could not be written)."""
        before = len(self.warnings)
        self.db.run_pending_check()
        return self.warnings[before:]

    def close(self) -> None:
        self.db.close()
        if self._private_copy is not None:
            self._private_copy.cleanup()
            self._private_copy = None


def _check_readable(path: Path, conn: sqlite3.Connection, quick_check: bool = True) -> int:
    """Raise :class:`DamagedDatabaseError` unless ``path`` is a healthy Coopguide database; return
    its schema version. Without ``quick_check``, only its header, schema version and application
    id are read: the caller runs :func:`_quick_check` before any write."""
    if path.exists() and path.stat().st_size > 0:
        with path.open("rb") as handle:
            if handle.read(len(SQLITE_MAGIC)) != SQLITE_MAGIC:
                raise DamagedDatabaseError(path, "ce n'est pas un fichier SQLite")
    if quick_check:
        _quick_check(path, conn)
    # One read transaction: another process creating the database (a first start at the same
    # moment) must not be seen half-way, its tables without its application id.
    try:
        conn.execute("BEGIN")
        try:
            found = migrations.schema_version(conn)
            application = conn.execute("PRAGMA application_id").fetchone()[0]
            has_tables = conn.execute("SELECT COUNT(*) FROM sqlite_master").fetchone()[0] > 0
        finally:
            conn.execute("COMMIT")
    except sqlite3.Error as error:
        raise _read_error(path, error) from error
    if found > migrations.LATEST_VERSION:
        raise NewerDatabaseError(path, found, migrations.LATEST_VERSION)
    if application != migrations.APPLICATION_ID and (found > 0 or has_tables):
        raise DamagedDatabaseError(path, "c'est une base SQLite, mais pas celle de Coopguide")
    return found


def _quick_check(path: Path, conn: sqlite3.Connection) -> None:
    try:
        result = [row[0] for row in conn.execute("PRAGMA quick_check")]
    except sqlite3.Error as error:
        raise _read_error(path, error) from error
    if result != ["ok"]:
        raise DamagedDatabaseError(path, "; ".join(result[:3]))


def _read_error(path: Path, error: sqlite3.Error) -> KnownError | BugError:
    """Damage by its code (NOTADB, CORRUPT); a file that cannot be opened or read is not damage."""
    reason = damage_reason(error)
    return DamagedDatabaseError(path, reason) if reason else storage_error(error, "lire les données")


def is_writable(data_dir: Path) -> bool:
    """False on a read-only medium or folder. ``os.access`` reports a read-only file system even to
    root, so this holds for a write-protected USB stick as well as for missing rights."""
    path = data_dir / DATABASE_NAME
    if path.exists() and not os.access(path, os.W_OK):
        return False
    existing = data_dir
    while not existing.exists() and existing != existing.parent:
        existing = existing.parent
    return os.access(existing, os.W_OK)


def open_read_only(data_dir: Path) -> Store:
    """Open the database for reading only (no lock, no journal, no backup, no migration).

    A non-empty WAL beside it (an unclean stop) is replayed in a private copy, which is what the
    store then reads; if no copy can be made, the database file is read alone and
    ``store.warnings`` says the last changes may be missing.
    """
    path = data_dir / DATABASE_NAME
    if not path.exists():
        raise ReadOnlyError(READ_ONLY_MESSAGE + " Ce dossier ne contient encore aucune donnée.")
    private_copy: tempfile.TemporaryDirectory[str] | None = None
    warnings: list[str] = []
    from coopguide.core.store import wal_copy  # only on a folder that cannot be written

    if wal_copy.pending_wal(path):
        try:
            private_copy = wal_copy.replayed_copy(path)
        except (OSError, sqlite3.Error) as error:
            warnings.append(wal_copy.unreplayed_warning(error))
    read_path = Path(private_copy.name) / DATABASE_NAME if private_copy else path
    try:
        # immutable: on a read-only medium SQLite could not create the WAL index (-shm) at all
        conn = sqlite3.connect(f"{read_path.as_uri()}?mode=ro&immutable=1", uri=True, isolation_level=None)
    except sqlite3.Error as error:
        wal_copy.remove(private_copy)
        raise storage_error(error, "lire les données") from error
    try:
        if _check_readable(path, conn) != migrations.LATEST_VERSION:
            raise ReadOnlyError(
                READ_ONLY_MESSAGE + " Les données doivent d'abord être mises à jour, "
                "ce qui demande un dossier où l'on peut écrire."
            )
    except (KnownError, BugError):
        conn.close()
        wal_copy.remove(private_copy)
        raise
    store = Store(Database(path, conn, read_only=True), private_copy)
    store.warnings.extend(warnings)
    if not store.dossiers.all():
        store.close()
        raise ReadOnlyError(READ_ONLY_MESSAGE + " Ce dossier ne contient encore aucun dossier de projet.")
    return store


def _journal_mode(conn: sqlite3.Connection) -> str:
    return str(conn.execute("PRAGMA journal_mode").fetchone()[0]).lower()


def _late_checks(store: Store, data_dir: Path) -> None:
    """The checks ``open_store(defer_checks=True)`` left for later (see there)."""
    _quick_check(store.path, store.db.conn)
    from coopguide.core.store import backup  # ~0.3 ms, after the first frame

    warning = backup.try_backup_if_due(store.db.conn, data_dir / backup.BACKUP_DIR)
    if warning:
        store.warnings.append(warning)


def open_store(data_dir: Path, *, defer_checks: bool = False) -> Store:
    """Open (creating, checking, backing up and migrating as needed) the database of ``data_dir``.

    A folder that cannot be written gives a read-only store (``store.read_only``) when it holds data.

    ``defer_checks`` (the app's start): when this open writes nothing (schema current, file already
    in WAL mode, a dossier exists), ``PRAGMA quick_check`` and the daily backup are left for
    :meth:`Store.finish_opening`, which the app calls once its first frame is painted. They run
    before the first write in any case (:meth:`Database.check_before_first_write`), so nothing is
    ever written to a file that was not checked, and no backup is made of one. Header, schema
    version and application id are still read here; a read that meets a damaged page raises
    :class:`DamagedDatabaseError` as the check would. Any other open checks first, as before.
    """
    if not is_writable(data_dir):
        return open_read_only(data_dir)
    path = data_dir / DATABASE_NAME
    try:
        data_dir.mkdir(parents=True, exist_ok=True)
        conn = sqlite3.connect(path, timeout=BUSY_TIMEOUT_S, isolation_level=None)
    except (OSError, sqlite3.Error) as error:
        raise storage_error(error, f"ouvrir le dossier des données {data_dir}") from error
    warnings: list[str] = []
    deferred = False
    try:
        version = _check_readable(path, conn, quick_check=not defer_checks)
        if defer_checks:
            deferred = version == migrations.LATEST_VERSION and _journal_mode(conn) == "wal"
            if not deferred:  # this open writes (schema, WAL mode): check first, as always
                _quick_check(path, conn)
        conn.execute("PRAGMA journal_mode = WAL")  # already so when deferred: nothing written
        conn.execute("PRAGMA synchronous = FULL")
        conn.execute("PRAGMA foreign_keys = ON")
        if version > 0 and not deferred:
            from coopguide.core.store import backup  # not on an everyday start: see _late_checks

            backup_dir = data_dir / backup.BACKUP_DIR
            warning = backup.try_backup_if_due(conn, backup_dir)
            if warning:
                warnings.append(warning)
            if version < migrations.LATEST_VERSION:
                backup.backup_before_migration(conn, backup_dir, version)
        migrations.migrate(conn)
    except (KnownError, BugError):
        conn.close()
        raise
    except sqlite3.Error as error:
        conn.close()
        reason = damage_reason(error)
        if reason:
            raise DamagedDatabaseError(path, reason) from error
        raise storage_error(error, "ouvrir les données") from error
    except OSError as error:
        conn.close()
        raise storage_error(error, "écrire la sauvegarde avant la mise à jour des données") from error
    store = Store(Database(path, conn))
    store.warnings.extend(warnings)
    if deferred:
        store.db.check_before_first_write(lambda: _late_checks(store, data_dir))
    try:
        store.dossiers.ensure_default()  # a write only when there is no dossier: the check runs first
    except KnownError:
        store.close()  # the file must be free to be moved aside
        raise
    except sqlite3.DatabaseError as error:
        store.close()
        raise _read_error(path, error) from error
    except BugError as error:
        # Two first starts at once: both saw no dossier, the other one created it first (its name is
        # unique). Then there is one now, and that is all this wanted.
        if not isinstance(error.__cause__, sqlite3.IntegrityError) or not store.dossiers.all():
            store.close()
            raise
    return store
