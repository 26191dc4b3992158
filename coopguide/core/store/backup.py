"""Automatic backups of the user database with SQLite's online backup API, and their recovery.

At start, when no daily backup was written within the last day, a consistent copy is written to
``sauvegardes/`` (even while WAL holds uncommitted pages elsewhere) and only the last
:data:`KEEP_DAILY` daily copies are kept. A copy is written under a temporary name and renamed, so
a half-written backup never looks valid; a failed copy removes its temporary file and SQLite's
journal next to it, and leftovers of a crashed copy are removed at the next start.

Names and clocks are not trusted blindly: a backup whose name or modification time lies in the
future (the clock was once wrong) does not count as recent, is ranked after every plausible one
(so it is pruned first) and is offered for recovery only when nothing better exists; a file that is
not an SQLite database is never offered. Copies taken before a schema migration are kept apart
(``avant-migration``) and never pruned.

A damaged database is moved aside with a dated name and never overwritten; the newest backup can
then be restored in its place.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import sqlite3
from pathlib import Path

from coopguide.core.shared.errors import storage_cause
from coopguide.core.shared.files import CLOCK_SLACK, atomic_target, remove_leftovers

BACKUP_DIR = "sauvegardes"
KEEP_DAILY = 5
MAX_AGE = dt.timedelta(days=1)
DAILY_RE = re.compile(r"^coopguide-(\d{8}-\d{6})\.sqlite3$")
STAMP = "%Y%m%d-%H%M%S"
SQLITE_MAGIC = b"SQLite format 3\x00"


def _stamp(now: dt.datetime) -> str:
    return now.strftime(STAMP)


def from_stamp(stamp: str) -> dt.datetime:
    """A :data:`STAMP` (``YYYYmmdd-HHMMSS``, as :data:`DAILY_RE` matched it) read back; ValueError
    for an impossible date, as ``strptime``. Not ``strptime``: its module (locale tables, regexes)
    would cost several milliseconds at every start, for the backups listed there."""
    return dt.datetime(
        int(stamp[0:4]), int(stamp[4:6]), int(stamp[6:8]), int(stamp[9:11]), int(stamp[11:13]), int(stamp[13:15])
    )


def _mtime(path: Path) -> dt.datetime | None:
    try:
        return dt.datetime.fromtimestamp(path.stat().st_mtime)
    except (OSError, ValueError, OverflowError):
        return None


def _ranked(backup_dir: Path, now: dt.datetime) -> list[tuple[bool, dt.datetime, dt.datetime, Path]]:
    """(plausible, modified, named, path) for each daily backup, best first: plausible ones (neither
    name nor modification time in the future) newest first by modification time, then the others."""
    found = []
    if backup_dir.is_dir():
        for path in backup_dir.iterdir():
            match = DAILY_RE.match(path.name)
            modified = _mtime(path) if match else None
            if match and modified is not None:
                try:
                    named = from_stamp(match.group(1))
                except ValueError:
                    continue
                plausible = max(named, modified) <= now + CLOCK_SLACK
                found.append((plausible, modified, named, path))
    return sorted(found, key=lambda entry: (entry[0], entry[1], entry[2]), reverse=True)


def daily_backups(backup_dir: Path, now: dt.datetime | None = None) -> list[tuple[dt.datetime, Path]]:
    """Daily backups (the date in their name, the path), best first: see :func:`_ranked`."""
    return [(named, path) for _, _, named, path in _ranked(backup_dir, now or dt.datetime.now())]


def is_due(backup_dir: Path, now: dt.datetime) -> bool:
    """True unless a plausible daily backup was modified within the last :data:`MAX_AGE`."""
    return not any(plausible and now - modified < MAX_AGE for plausible, modified, _, _ in _ranked(backup_dir, now))


def write_backup(conn: sqlite3.Connection, target: Path, when: dt.datetime | None = None) -> Path:
    """Copy ``conn`` to ``target``, all or nothing; ``when`` sets the copy's modification time."""
    target.parent.mkdir(parents=True, exist_ok=True)
    with atomic_target(target) as temporary:
        try:
            destination = sqlite3.connect(temporary)
            try:
                conn.backup(destination)
            finally:
                destination.close()
            if when is not None:
                os.utime(temporary, (when.timestamp(), when.timestamp()))
        finally:
            for suffix in ("-journal", "-wal", "-shm"):
                temporary.with_name(temporary.name + suffix).unlink(missing_ok=True)
    return target


def backup_if_due(conn: sqlite3.Connection, backup_dir: Path, now: dt.datetime | None = None) -> Path | None:
    now = now or dt.datetime.now()
    remove_leftovers(backup_dir, now)
    if not is_due(backup_dir, now):
        return None
    written = write_backup(conn, backup_dir / f"coopguide-{_stamp(now)}.sqlite3", when=now)
    for _, old in daily_backups(backup_dir, now)[KEEP_DAILY:]:
        old.unlink(missing_ok=True)
    return written


def daily_backup_warning(error: BaseException, backup_dir: Path) -> str:
    """The French warning shown when the daily backup could not be written (the start goes on)."""
    if backup_dir.exists() and not backup_dir.is_dir():
        what = f"« {backup_dir} » est un fichier et non un dossier : renommez-le ou déplacez-le"
    else:
        what = storage_cause(error) or f"erreur inattendue : {error}"
    return (
        f"La sauvegarde automatique du jour n'a pas pu être écrite ({what}). Vos données sont intactes "
        "et Coopguide fonctionne normalement ; la sauvegarde sera retentée au prochain démarrage."
    )


def try_backup_if_due(conn: sqlite3.Connection, backup_dir: Path, now: dt.datetime | None = None) -> str | None:
    """:func:`backup_if_due`, but a failure is a French warning (returned), not a refusal to start:
    the copy is optional, the user's data is not at stake; it is tried again at the next start."""
    try:
        backup_if_due(conn, backup_dir, now)
    except (OSError, sqlite3.Error) as error:  # write_backup removed its own temporary files
        return daily_backup_warning(error, backup_dir)
    return None


def backup_before_migration(conn: sqlite3.Connection, backup_dir: Path, version: int) -> Path:
    name = f"coopguide-avant-migration-v{version}-{_stamp(dt.datetime.now())}.sqlite3"
    return write_backup(conn, backup_dir / name)


def _looks_like_sqlite(path: Path) -> bool:
    try:
        with path.open("rb") as handle:
            return handle.read(len(SQLITE_MAGIC)) == SQLITE_MAGIC
    except OSError:
        return False


def latest_backup(backup_dir: Path, now: dt.datetime | None = None) -> Path | None:
    """The backup to offer after damage: the best ranked daily backup that is an SQLite file."""
    return next((path for _, path in daily_backups(backup_dir, now) if _looks_like_sqlite(path)), None)


def move_aside(db_path: Path, now: dt.datetime | None = None) -> Path:
    """Rename a damaged database (and its -wal/-shm) to a dated name that does not exist yet."""
    base = db_path.with_name(f"{db_path.name}.endommage-{_stamp(now or dt.datetime.now())}")
    target, counter = base, 1
    while target.exists():
        counter += 1
        target = base.with_name(f"{base.name}-{counter}")
    os.replace(db_path, target)
    for suffix in ("-wal", "-shm"):
        companion = db_path.with_name(db_path.name + suffix)
        if companion.exists():
            os.replace(companion, target.with_name(target.name + suffix))
    return target


def restore(backup: Path, db_path: Path) -> None:
    """Copy a backup into place (the damaged file must have been moved aside first)."""
    if db_path.exists():
        raise FileExistsError(f"{db_path} existe encore : mettez-le de côté avant de restaurer")
    source = sqlite3.connect(f"file:{backup}?mode=ro", uri=True)
    try:
        write_backup(source, db_path)
    finally:
        source.close()
