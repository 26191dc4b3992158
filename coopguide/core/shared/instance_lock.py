"""Is a Coopguide window holding the data folder? Read without Qt, for the writing CLI commands.

The window locks its data folder with QLockFile (``ui/single_instance.py``), which writes the file
``coopguide.lock`` as lines: the owner's PID, the application name, the host name (then, in recent
Qt, a boot id). The lock is *held* when its host is this computer and that PID is alive. A lock
from another computer, or one that cannot be read, is not judged here (the window decides those
when it starts). A window that crashed leaves its lock behind: its PID is gone, so the lock is not
held and ``coopguide import`` may run (the next window start clears the file, as QLockFile does).

Whether a PID is alive: ``os.kill(pid, 0)`` on POSIX; on Windows ``os.kill`` would end the process,
so the kernel is asked through ctypes (:func:`alive_on_windows`).
"""

from __future__ import annotations

import os
import socket
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

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


# Windows API values (winnt.h, winerror.h, minwinbase.h)
PROCESS_QUERY_LIMITED_INFORMATION = 0x1000
STILL_ACTIVE = 259
ERROR_INVALID_PARAMETER = 87  # OpenProcess's answer for a PID that no process has


def windows_api() -> tuple[Any, Callable[[], int]]:
    """kernel32 with the three functions typed (a HANDLE is pointer-sized: the default ``int``
    result would cut it on 64-bit Windows), and the call that reads its last error code."""
    if sys.platform != "win32":
        raise OSError("kernel32: Windows only")
    import ctypes
    from ctypes import wintypes

    kernel32 = ctypes.WinDLL("kernel32", use_last_error=True)
    kernel32.OpenProcess.argtypes = (wintypes.DWORD, wintypes.BOOL, wintypes.DWORD)
    kernel32.OpenProcess.restype = wintypes.HANDLE
    kernel32.GetExitCodeProcess.argtypes = (wintypes.HANDLE, ctypes.POINTER(wintypes.DWORD))
    kernel32.GetExitCodeProcess.restype = wintypes.BOOL
    kernel32.CloseHandle.argtypes = (wintypes.HANDLE,)
    kernel32.CloseHandle.restype = wintypes.BOOL
    return kernel32, ctypes.get_last_error


def alive_on_windows(pid: int, kernel32: Any, last_error: Callable[[], int]) -> bool:
    """Is process ``pid`` running? OpenProcess then GetExitCodeProcess == STILL_ACTIVE (a process
    that ended is still openable while a handle to it remains). When the answer is unclear (access
    refused to another account's protected process, an unexpected error) it counts as alive: a
    wrong « alive » only makes ``coopguide import`` ask to close the window; a wrong « dead » would
    let it write under a running window. (A process that returned exit code 259 itself reads as
    alive too: the documented limit of GetExitCodeProcess.)"""
    import ctypes
    from ctypes import wintypes

    handle = kernel32.OpenProcess(PROCESS_QUERY_LIMITED_INFORMATION, False, pid)
    if not handle:
        return last_error() != ERROR_INVALID_PARAMETER  # ERROR_ACCESS_DENIED (5) and others: unclear
    try:
        code = wintypes.DWORD()  # the exact type of GetExitCodeProcess's argtypes
        if not kernel32.GetExitCodeProcess(handle, ctypes.pointer(code)):
            return True
        return code.value == STILL_ACTIVE
    finally:
        kernel32.CloseHandle(handle)


def _alive(pid: int) -> bool:
    if pid <= 0:
        return False
    if sys.platform == "win32":
        return alive_on_windows(pid, *windows_api())
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
