"""Reading a database whose last changes sit in its WAL file, on a medium that cannot be written.

After an unclean stop (Coopguide killed, the computer switched off, the stick pulled out), changes
that were committed may still be only in ``coopguide.sqlite3-wal``: the next open that may write
copies them into the database file. On a read-only medium that cannot happen, and the read-only
open has to use ``immutable=1`` (SQLite could not create the ``-shm`` index there), which ignores
the WAL: the last ticks would look undone and an export would leave them out.

So :func:`replayed_copy` copies the database and its WAL into a private temporary folder on this
computer, lets SQLite replay the WAL there (a checkpoint), and the read-only store reads that copy.
Nothing is ever written on the medium; the changes stay in its WAL until it is opened writable.
"""

from __future__ import annotations

import shutil
import sqlite3
import tempfile
from pathlib import Path

from coopguide.core.shared.errors import storage_cause

WAL_SUFFIX = "-wal"
COPY_ATTEMPTS = 3  # a folder another account still writes to may change while it is copied


class CopyChangedError(OSError):
    """The database or its WAL changed while they were copied (no errno: not a machine error)."""


class NoTemporaryFolderError(OSError):
    """No temporary folder of this computer accepts a file: ``tempfile`` writes a small probe file
    in each candidate and says « No such file » when every one refused it (a full disk…)."""


def wal_path(path: Path) -> Path:
    return path.with_name(path.name + WAL_SUFFIX)


def pending_wal(path: Path) -> bool:
    """True when a non-empty WAL lies beside ``path``. SQLite deletes the WAL when the last
    connection closes cleanly, so one left behind means changes may not be in the file itself."""
    try:
        return wal_path(path).stat().st_size > 0
    except OSError:
        return False


def _stamp(path: Path) -> tuple[int, int]:
    status = path.stat()
    return status.st_size, status.st_mtime_ns


def replayed_copy(path: Path) -> tempfile.TemporaryDirectory[str]:
    """A private temporary folder holding ``path``'s database, named as it is, with its WAL replayed
    into the file (no WAL left: it opens with ``immutable=1`` like the original would). The caller
    removes it with :func:`remove` when done. Raises ``OSError`` (no room, no temporary folder…) or
    ``sqlite3.Error``; then nothing is left behind."""
    try:
        folder = tempfile.TemporaryDirectory(prefix="coopguide-lecture-", ignore_cleanup_errors=True)
    except FileNotFoundError as error:
        raise NoTemporaryFolderError(str(error)) from error
    try:
        copy = Path(folder.name) / path.name
        for _attempt in range(COPY_ATTEMPTS):
            before = _stamp(path), _stamp(wal_path(path))
            shutil.copyfile(path, copy)
            shutil.copyfile(wal_path(path), wal_path(copy))
            if (_stamp(path), _stamp(wal_path(path))) == before:
                break
        else:
            raise CopyChangedError(f"{path.name} a changé pendant sa copie")
        conn = sqlite3.connect(copy, isolation_level=None)
        try:
            busy, _frames, _copied = conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
        finally:
            conn.close()  # the last connection: SQLite deletes the (now empty) WAL of the copy
        if busy:  # no other connection to this private copy can exist: SQLite could not finish
            raise sqlite3.OperationalError(f"la relecture du journal de {path.name} n'a pas abouti")
    except BaseException:
        folder.cleanup()
        raise
    return folder


def unreplayed_warning(error: BaseException) -> str:
    """The French warning when the copy could not be made and the database file is read alone."""
    if isinstance(error, CopyChangedError):
        why = "il changeait pendant la copie"
    elif isinstance(error, NoTemporaryFolderError):
        why = "aucun dossier temporaire n'accepte de nouveau fichier, le disque est peut-être plein"
    else:
        why = storage_cause(error) or f"erreur inattendue : {error}"
    what = f"le fichier de données n'a pas pu être copié sur cet ordinateur pour les relire ({why})"
    return (
        "Les dernières modifications faites avant l'arrêt brutal de Coopguide peuvent manquer : "
        f"{what}. Elles ne sont pas perdues : elles s'afficheront quand ce dossier des données sera "
        "ouvert depuis un support où l'on peut écrire."
    )


def remove(folder: tempfile.TemporaryDirectory[str] | None) -> None:
    """Remove a copy made by :func:`replayed_copy` (None: there is none)."""
    if folder is not None:
        folder.cleanup()
