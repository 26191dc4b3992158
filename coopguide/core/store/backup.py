"""Automatic backups of the user database with SQLite's online backup API, and their recovery.

At start, when the newest daily backup is older than a day, a consistent copy is written to
``backups/`` (even while WAL holds uncommitted pages elsewhere) and only the last
:data:`KEEP_DAILY` daily copies are kept. A copy is written under a temporary name and renamed, so
a half-written backup never looks valid. Copies taken before a schema migration are kept apart
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

from coopguide.core.shared.files import atomic_target

BACKUP_DIR = "sauvegardes"
KEEP_DAILY = 5
MAX_AGE = dt.timedelta(days=1)
DAILY_RE = re.compile(r"^coopguide-(\d{8}-\d{6})\.sqlite3$")
STAMP = "%Y%m%d-%H%M%S"


def _stamp(now: dt.datetime) -> str:
    return now.strftime(STAMP)


def daily_backups(backup_dir: Path) -> list[tuple[dt.datetime, Path]]:
    """Daily backups, newest first."""
    found = []
    if backup_dir.is_dir():
        for path in backup_dir.iterdir():
            match = DAILY_RE.match(path.name)
            if match:
                found.append((dt.datetime.strptime(match.group(1), STAMP), path))
    return sorted(found, reverse=True)


def write_backup(conn: sqlite3.Connection, target: Path) -> Path:
    target.parent.mkdir(parents=True, exist_ok=True)
    with atomic_target(target) as temporary:
        destination = sqlite3.connect(temporary)
        try:
            conn.backup(destination)
        finally:
            destination.close()
    return target


def backup_if_due(conn: sqlite3.Connection, backup_dir: Path, now: dt.datetime | None = None) -> Path | None:
    now = now or dt.datetime.now()
    existing = daily_backups(backup_dir)
    if existing and now - existing[0][0] < MAX_AGE:
        return None
    written = write_backup(conn, backup_dir / f"coopguide-{_stamp(now)}.sqlite3")
    for _, old in daily_backups(backup_dir)[KEEP_DAILY:]:
        old.unlink(missing_ok=True)
    return written


def backup_before_migration(conn: sqlite3.Connection, backup_dir: Path, version: int) -> Path:
    name = f"coopguide-avant-migration-v{version}-{_stamp(dt.datetime.now())}.sqlite3"
    return write_backup(conn, backup_dir / name)


def latest_backup(backup_dir: Path) -> Path | None:
    backups = daily_backups(backup_dir)
    return backups[0][1] if backups else None


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
