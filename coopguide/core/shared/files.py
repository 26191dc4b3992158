"""The one way to replace a file: write it whole under a temporary name, then rename it.

A full disk, a pulled-out stick or a crash halfway through never leaves half a file nor destroys
the previous one. The temporary file is ``.<name>.<random>.partiel`` in the target's own folder
(a rename is atomic only within one file system), made by :func:`tempfile.mkstemp` so two writers
never share it, and removed on any failure.

- :func:`write_atomically` writes bytes (exchange files, CSV, PDF, caches) and fsyncs them before
  the rename, so the new name never points at data still in the disk cache.
- :func:`atomic_target` yields the temporary path for writers that need a file name, such as
  SQLite's backup API (SQLite syncs its own file on commit).
- :func:`remove_leftovers` clears the temporary files a killed process left in a folder.

The new file gets the usual permissions (those of the file it replaces, else 0666 less the umask),
not mkstemp's private 0600.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import errno
import os
import re
import stat
import tempfile
from collections.abc import Iterator
from pathlib import Path

from coopguide.core.shared.errors import storage_error

TEMPORARY_SUFFIX = ".partiel"
LEFTOVER_AGE = dt.timedelta(hours=1)  # a temporary file this old is not a write in progress
CLOCK_SLACK = dt.timedelta(minutes=10)  # clocks of two computers sharing a stick, rounding of mtimes
_NO_SYNC = {errno.EINVAL, errno.ENOTSUP, errno.EBADF}  # a file system that cannot fsync (some FUSE, SMB)


def write_atomically(target: Path, data: bytes, *, action: str, create_folder: bool = False) -> Path:
    """Replace ``target`` by ``data``, all or nothing. An ``OSError`` becomes the
    :func:`~coopguide.core.shared.errors.storage_error` for ``action`` (« écrire le fichier x.csv »):
    a French :class:`StorageError`, or a :class:`BugError` for a code that only a bug can cause.
    ``create_folder`` makes the missing folders first (caches); else a missing folder is an error."""
    target = Path(target)
    try:
        if create_folder:
            target.parent.mkdir(parents=True, exist_ok=True)
        with atomic_target(target) as temporary, temporary.open("wb") as stream:
            stream.write(data)
            stream.flush()
            _sync(stream.fileno())
    except OSError as error:
        raise storage_error(error, action) from error
    return target


@contextlib.contextmanager
def atomic_target(target: Path) -> Iterator[Path]:
    """Yield an empty temporary file next to ``target``; when the block ends normally it replaces
    ``target``, when it raises (anything) it is removed and ``target`` is left as it was. Errors are
    not translated: the caller knows what it was doing."""
    target = Path(target)
    handle, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=TEMPORARY_SUFFIX, dir=target.parent)
    temporary = Path(name)
    try:
        try:
            with contextlib.suppress(OSError):  # FAT sticks and some shares refuse chmod: keep 0600
                os.chmod(handle if os.chmod in os.supports_fd else name, _usual_mode(target))
        finally:
            os.close(handle)
        yield temporary
        os.replace(temporary, target)
    except BaseException:
        with contextlib.suppress(OSError):
            temporary.unlink(missing_ok=True)
        raise
    _sync_folder(target.parent)


def _sync(fileno: int) -> None:
    try:
        os.fsync(fileno)
    except OSError as error:
        if error.errno not in _NO_SYNC:
            raise


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable (POSIX; Windows cannot open a folder, and NTFS journals it)."""
    if os.name != "posix":
        return
    with contextlib.suppress(OSError):  # the file is already in place: this only hastens the journal
        handle = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(handle)
        finally:
            os.close(handle)


_umask: int | None = None


def _usual_mode(target: Path) -> int:
    """The permissions an ordinary ``open(target, "w")`` would give: the replaced file's own, else
    0666 less the umask (read once; setting it back at once is the only way to read it)."""
    global _umask
    with contextlib.suppress(OSError):
        return stat.S_IMODE(target.stat().st_mode)
    if _umask is None:
        _umask = os.umask(0o022)
        os.umask(_umask)
    return 0o666 & ~_umask


def remove_leftovers(folder: Path, now: dt.datetime | None = None, older_than: dt.timedelta = LEFTOVER_AGE) -> None:
    """Remove the temporary files (``.…partiel``, and SQLite's ``-journal``/``-wal``/``-shm`` next
    to them) that a write killed halfway left in ``folder``. Recent ones may be a write in progress
    and stay; one dated in the future (a wrong clock) cannot be judged by age and goes."""
    now = now or dt.datetime.now()
    if not folder.is_dir():
        return
    for path in folder.iterdir():
        base = re.sub(r"-(journal|wal|shm)$", "", path.name)
        if not (base.startswith(".") and base.endswith(TEMPORARY_SUFFIX)):
            continue
        try:
            modified: dt.datetime | None = dt.datetime.fromtimestamp(path.stat().st_mtime)
        except (OSError, ValueError, OverflowError):
            modified = None
        if modified is None or now - modified >= older_than or modified > now + CLOCK_SLACK:
            with contextlib.suppress(OSError):  # still open in another process (Windows): next time
                path.unlink(missing_ok=True)
