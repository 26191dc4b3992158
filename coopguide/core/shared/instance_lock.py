"""Is a Coopguide window holding the data folder? Read without Qt, for the writing CLI commands.

The window locks its data folder with QLockFile (``ui/single_instance.py``), which writes the file
``coopguide.lock`` as lines: the owner's PID, the application name, the host name (then, in recent
Qt, a boot id). The lock is *held* when its host is this computer and that PID is alive. A lock
from another computer, or one that cannot be read, is not judged here (the window decides those
when it starts); on Windows, where a PID cannot be probed without extra code, a lock of this
computer counts as held (a crashed window's lock is cleared by the next start of the window).
"""

from __future__ import annotations

import os
import socket
import sys
from pathlib import Path

LOCK_NAME = "coopguide.lock"  # the same name as ui/single_instance.py

WINDOW_OPEN = "Coopguide est ouvert sur ce dossier de données : fermez la fenêtre ou importez depuis le menu Fichier."


def lock_owner(data_dir: Path) -> tuple[int, str] | None:
    """(pid, host) written in the folder's lock file, or None (no file, unreadable)."""
    try:
        lines = (data_dir / LOCK_NAME).read_bytes()[:4096].decode("utf-8", "replace").splitlines()
    except OSError:
        return None
    if len(lines) < 3 or not lines[0].strip().isdigit():
        return None
    return int(lines[0].strip()), lines[2].strip()


def _alive(pid: int) -> bool:
    if pid <= 0:
        return False
    if sys.platform == "win32":
        return True  # os.kill would end the process there: assume alive
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # alive, owned by another user
    except OSError:
        return False
    return True


def held_by_window(data_dir: Path) -> bool:
    """True when a live Coopguide window on this computer holds ``data_dir``'s lock."""
    owner = lock_owner(data_dir)
    if owner is None:
        return False
    pid, host = owner
    return host == socket.gethostname() and pid != os.getpid() and _alive(pid)
