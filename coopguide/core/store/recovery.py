"""What to do when the data file cannot be opened: the decision, without any dialog.

The UI (or a test) supplies ``choose``, which receives the options and returns one of them; this
module does the file work so that it is the same everywhere: a damaged file is moved aside (never
overwritten, never deleted) and the newest backup may be restored in its place.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

from coopguide.core.shared.errors import DamagedDatabaseError, NewerDatabaseError, storage_error
from coopguide.core.shared.paths import DATABASE_NAME
from coopguide.core.store import Store, backup, open_store

RESTORE, START_EMPTY, QUIT = "restaurer", "repartir", "quitter"


class RecoveryOptions:  # a plain class: no dataclass on the start path (see core/content/model.py)
    def __init__(self, error: DamagedDatabaseError, moved_to: Path | None, latest_backup: Path | None) -> None:
        self.error = error
        self.moved_to = moved_to  # where the damaged file now is (None: not moved yet)
        self.latest_backup = latest_backup

    @property
    def choices(self) -> list[str]:
        return ([RESTORE] if self.latest_backup else []) + [START_EMPTY, QUIT]


def open_with_recovery(
    data_dir: Path, choose: Callable[[RecoveryOptions], str], defer_checks: bool = False
) -> Store | None:
    """Open the store; on a damaged or too-new file, let ``choose`` decide. ``None`` means quit.
    ``defer_checks``: see :func:`open_store` (a file opened after a recovery is checked at once)."""
    try:
        return open_store(data_dir, defer_checks=defer_checks)
    except DamagedDatabaseError as error:
        return recover(data_dir, error, choose)


def recover(data_dir: Path, error: DamagedDatabaseError, choose: Callable[[RecoveryOptions], str]) -> Store | None:
    """After ``open_store`` raised ``error``: let ``choose`` decide, do it, open the store again."""
    db_path = data_dir / DATABASE_NAME
    newer = isinstance(error, NewerDatabaseError)
    # A damaged file is moved aside at once; a newer one stays in place unless the user
    # chooses to go on without it (a newer Coopguide can still read it there).
    moved = None if newer else _move_aside(db_path)
    options = RecoveryOptions(error, moved, backup.latest_backup(data_dir / backup.BACKUP_DIR))
    choice = choose(options)
    if choice == QUIT:
        return None
    if newer:
        options.moved_to = _move_aside(db_path)
    if choice == RESTORE and options.latest_backup:
        try:
            backup.restore(options.latest_backup, db_path)
        except (OSError, sqlite3.Error) as restore_error:
            raise storage_error(restore_error, "restaurer la dernière sauvegarde") from restore_error
    return open_store(data_dir)


def _move_aside(db_path: Path) -> Path:
    """Move the file aside, or say in French why it cannot be (e.g. a read-only medium): the file
    then stays exactly where and as it is."""
    try:
        return backup.move_aside(db_path)
    except OSError as error:
        raise storage_error(error, f"mettre de côté le fichier endommagé {db_path.name}") from error
