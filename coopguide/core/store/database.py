"""The open SQLite connection of the user database: one transaction per user action, and settings.

- WAL journal with ``synchronous=FULL`` (set by :func:`coopguide.core.store.open_store`): a change
  is on disk when :meth:`Database.transaction` returns, so the UI shows a tick only after it is
  committed (~0.35 ms measured).
- One transaction per user action (``BEGIN IMMEDIATE`` … ``COMMIT``), rolled back on any error; an
  SQLite error becomes a :class:`StorageError` whose French message names the action.
- A read-only database (medium or folder that cannot be written) refuses every transaction with
  :class:`ReadOnlyError` before touching the file.
- A check left for later (:meth:`Database.check_before_first_write`: the app's start leaves
  ``PRAGMA quick_check`` for after its first frame) runs before the first transaction; if it finds
  the file damaged, that transaction and every later one are refused: nothing is written to it.

The table objects of :class:`coopguide.core.store.Store` (dossiers, item rows, reading history,
séance log) share one :class:`Database`; the ``settings`` table (key → text) is read and written
here.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from coopguide.core.shared.errors import READ_ONLY_MESSAGE, KnownError, ReadOnlyError, storage_error


class Database:
    """A connection opened by :func:`coopguide.core.store.open_store` (autocommit mode: every write
    goes through :meth:`transaction`)."""

    def __init__(self, path: Path, conn: sqlite3.Connection, read_only: bool = False) -> None:
        self.path = path
        self.conn = conn
        self.read_only = read_only
        # Called after every failed transaction: what a writer cached from it (a dossier's document
        # holding the failed edit) must be dropped, or the next write builds on an edit never stored.
        self.rollback_hooks: list[Callable[[], None]] = []
        self._pending_check: Callable[[], None] | None = None
        self._refusal: KnownError | None = None  # what the check found: every write is refused

    def check_before_first_write(self, check: Callable[[], None]) -> None:
        """Have ``check`` run before the first transaction, or at :meth:`run_pending_check`."""
        self._pending_check = check

    def run_pending_check(self) -> None:
        """Run the check left for later, once; a :class:`KnownError` it raises (a damaged file) is
        raised again by every later call, so by every transaction."""
        if self._refusal is not None:
            raise self._refusal
        check, self._pending_check = self._pending_check, None
        if check is None:
            return
        try:
            check()
        except KnownError as error:
            self._refusal = error
            raise

    @contextmanager
    def transaction(self, action: str) -> Iterator[sqlite3.Connection]:
        """One user action. ``action`` completes "Impossible de …" in the error message."""
        if self.read_only:
            raise ReadOnlyError(READ_ONLY_MESSAGE)
        self.run_pending_check()
        try:
            self.conn.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as error:
            raise storage_error(error, action) from error
        try:
            yield self.conn
            self.conn.execute("COMMIT")
        except sqlite3.Error as error:
            self._rollback()
            raise storage_error(error, action) from error
        except BaseException:
            self._rollback()
            raise

    def _rollback(self) -> None:
        try:
            if self.conn.in_transaction:  # a failed COMMIT may have rolled back already
                self.conn.execute("ROLLBACK")
        finally:
            for hook in self.rollback_hooks:
                hook()

    def close(self) -> None:
        self.conn.close()

    # -- settings ------------------------------------------------------------------------------
    def setting(self, key: str, default: str | None = None) -> str | None:
        row = self.conn.execute("SELECT value FROM settings WHERE key = ?", (key,)).fetchone()
        if row is None:
            return default
        value: str | None = row[0]
        return value

    def set_setting(self, key: str, value: str) -> None:
        with self.transaction("enregistrer le réglage") as conn:
            conn.execute(
                "INSERT INTO settings (key, value) VALUES (?, ?) "
                "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                (key, value),
            )
