"""One running Coopguide per data folder, with QLockFile.

QLockFile writes the owner's PID and host; a lock left by a crashed process (PID gone) is taken
over automatically. The stale time is set to 0 so a long-running instance is never considered
stale just because it has been open a while.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QLockFile

LOCK_NAME = "coopguide.lock"


class InstanceLock:
    def __init__(self, data_dir: Path):
        if not data_dir.is_dir():
            data_dir.mkdir(parents=True)
        self._lock = QLockFile(str(data_dir / LOCK_NAME))
        self._lock.setStaleLockTime(0)

    def acquire(self) -> bool:
        """True when this process may go on. A read-only folder cannot hold a lock file, but then no
        instance can write either, so there is nothing to protect: go on (the store opens read-only)."""
        if self._lock.tryLock(200):
            return True
        return self._lock.error() == QLockFile.LockError.PermissionError

    def release(self) -> None:
        self._lock.unlock()
