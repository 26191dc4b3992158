"""One running Coopguide per data folder, with QLockFile.

QLockFile writes the owner's PID and host; a lock left by a crashed process (PID gone) on this
computer is taken over automatically. The stale time is set to 0 so a long-running instance is never
considered stale just because it has been open a while. What Qt cannot check is decided here:

- a lock file that cannot be read (empty, garbage, a folder) is not a running Coopguide: once it is
  still unreadable after a short wait (another instance may be writing it right now), it is removed;
- a lock written by another computer (a data folder on a USB key, after a crash): the user is asked
  whether that computer still uses it; without an answer (or « Non », the default), the start stops;
- the lock file cannot be written (full disk, I/O error): a storage error, not « déjà ouvert ».

The first attempt can start early, in a thread (:meth:`InstanceLock.start_trying`): QLockFile syncs
the new lock file to the disk (``fdatasync``), ~1 ms here and far more on an old laptop's hard disk,
and PySide6 lets other Python code run meanwhile, so the start imports the window's modules while
the disk works. :meth:`InstanceLock.acquire` waits for that attempt; what follows a refusal (asking
about another computer, removing an unreadable file) stays on the main thread.
"""

from __future__ import annotations

import contextlib
import os
import threading
import time
from collections.abc import Callable
from pathlib import Path

from PySide6 import QtCore
from PySide6.QtCore import QLockFile

from coopguide.core.shared.errors import StorageError

LOCK_NAME = "coopguide.lock"

ALREADY_RUNNING = (
    "Coopguide est déjà ouvert avec ce dossier de données.\n"
    "Utilisez la fenêtre déjà ouverte (regardez dans la barre des tâches)."
)
UNREADABLE_WAIT_S = 0.5


def foreign_host_question(host: str) -> str:
    return (
        f"Ce dossier de données semble ouvert par Coopguide sur un autre ordinateur (« {host} »).\n\n"
        "Si Coopguide n'est plus ouvert sur cet ordinateur (par exemple, la clé USB a été retirée "
        "sans fermer Coopguide), vous pouvez continuer.\n"
        "S'il est encore ouvert là-bas, continuer ici peut faire perdre des modifications.\n\n"
        "Coopguide est-il fermé sur l'autre ordinateur ?"
    )


def foreign_host_refusal(host: str) -> str:
    return (
        f"Ce dossier de données est utilisé par Coopguide sur un autre ordinateur (« {host} »).\n"
        "Fermez Coopguide sur cet ordinateur, puis réessayez."
    )


def write_failure(data_dir: Path) -> StorageError:
    return StorageError(
        f"Impossible d'écrire dans le dossier des données {data_dir} "
        "(disque plein ou support défaillant ?).\n"
        "Libérez de la place ou vérifiez le support, puis relancez Coopguide."
    )


class InstanceLock:
    def __init__(self, data_dir: Path):
        if not data_dir.is_dir():
            data_dir.mkdir(parents=True)
        self._data_dir = data_dir
        self._path = data_dir / LOCK_NAME
        self._lock = QLockFile(str(self._path))
        self._lock.setStaleLockTime(0)
        self.refusal = ALREADY_RUNNING
        self._first_try: threading.Thread | None = None
        self._first_try_locked = False

    def start_trying(self) -> None:
        """Make the first attempt in a thread; :meth:`acquire` takes its answer. Needs the
        QCoreApplication (its name goes into the lock file)."""
        if self._first_try is None:
            self._first_try = threading.Thread(target=self._try_first, name="coopguide-lock", daemon=True)
            self._first_try.start()

    def _try_first(self) -> None:
        self._first_try_locked = self._lock.tryLock(200)

    def _first_attempt(self) -> bool:
        thread, self._first_try = self._first_try, None  # its answer is taken once
        if thread is None:
            return self._lock.tryLock(200)
        thread.join()
        return self._first_try_locked

    def acquire(self, ask_foreign_host: Callable[[str], bool] | None = None) -> bool:
        """True when this process may go on; False with `refusal` set to the French reason.

        A read-only folder cannot hold a lock file, but then no instance can write either, so there
        is nothing to protect: go on (the store opens read-only). A lock file that cannot be written
        raises StorageError. `ask_foreign_host(host)` answers whether a lock written by computer
        `host` may be taken over (True: it is no longer used); None means « non »."""
        self.refusal = ALREADY_RUNNING
        if self._first_attempt():
            return True
        error = self._lock.error()
        if error == QLockFile.LockError.PermissionError:
            return True
        if error != QLockFile.LockError.LockFailedError:
            raise write_failure(self._data_dir)
        pid, host, _app = self._lock.getLockInfo()
        if pid <= 0 or not host:
            time.sleep(UNREADABLE_WAIT_S)
            if self._lock.tryLock(0):
                return True
            pid, host, _app = self._lock.getLockInfo()
            if (pid <= 0 or not host) and not self._remove_unreadable():
                raise write_failure(self._data_dir)
        elif host and host != QtCore.QSysInfo.machineHostName():  # read here: its class is made when first read
            if ask_foreign_host is None or not ask_foreign_host(host):
                self.refusal = foreign_host_refusal(host)
                return False
            if not self._lock.removeStaleLockFile():
                raise write_failure(self._data_dir)
        else:
            return False  # a live Coopguide on this computer
        if self._lock.tryLock(200):
            return True
        if self._lock.error() == QLockFile.LockError.LockFailedError:
            return False  # another instance took it meanwhile
        raise write_failure(self._data_dir)

    def _remove_unreadable(self) -> bool:
        """Remove a lock file nobody can have written (a folder is set aside, not deleted)."""
        if self._path.is_dir() and not self._path.is_symlink():
            aside = self._path.with_name(f"{LOCK_NAME}.dossier-{time.strftime('%Y%m%d-%H%M%S')}")
            try:
                os.rmdir(self._path)
            except OSError:
                try:
                    self._path.rename(aside)
                except OSError:
                    return False
            return True
        with contextlib.suppress(OSError):
            return self._lock.removeStaleLockFile()
        return False

    def release(self) -> None:
        self._lock.unlock()
