"""What happens to a bug, without Qt: it is written down, and the user gets one French sentence.

- The ``coopguide`` logger writes to ``<data folder>/journal.log``, rotated at 256 KiB with three old
  copies (``journal.log.1`` …), as Vorta's ``log.py`` does. ``logging.handlers`` (socket, pickle,
  queue: ~7 ms) is imported and the file opened at the first record, not at start; ``logging``
  itself is already loaded by PySide6. A data folder that cannot be written logs to stderr only.
- :func:`start_fault_log` points :mod:`faulthandler` at ``<data folder>/plantage.log`` (appended) for
  the crashes Python cannot catch (a segfault in Qt, an abort), as qutebrowser's
  ``misc/crashsignal.py`` does.
- :func:`record_bug` logs a traceback and returns the details a user can copy (version, platform,
  traceback); the app's dialog is ``coopguide/ui/crash_dialog.py``.
- :func:`report_for_cli` is the command line's version: one French line and where the details are;
  the caller prints it to stderr and exits with :data:`BUG_EXIT_CODE`.
"""

from __future__ import annotations

import faulthandler
import logging
import os
import sys
import traceback
from collections.abc import Sequence
from pathlib import Path
from types import TracebackType
from typing import IO

from coopguide import __version__

LOG_NAME = "journal.log"
FAULT_LOG_NAME = "plantage.log"
LOG_BYTES = 256 * 1024
LOG_BACKUPS = 3
FAULT_LOG_BYTES = 1024 * 1024  # beyond this, plantage.log starts again at the next start
BUG_EXIT_CODE = 2
FORMAT = "%(asctime)s %(levelname)s %(name)s [%(threadName)s] %(message)s"

logger = logging.getLogger("coopguide")

ExcInfo = tuple[type[BaseException], BaseException, TracebackType | None]


class _LogFile(logging.Handler):
    """A :class:`logging.handlers.RotatingFileHandler` created at the first record. If the file
    cannot be opened then (the folder became read-only), records go to stderr."""

    def __init__(self, path: Path):
        super().__init__()
        self.path: Path | None = path
        self._target: logging.Handler | None = None

    def emit(self, record: logging.LogRecord) -> None:
        if self._target is None:
            self._target = self._open()
        self._target.emit(record)  # this handler's lock is held: the target is ours alone

    def _open(self) -> logging.Handler:
        from logging.handlers import RotatingFileHandler

        assert self.path is not None
        handler: logging.Handler
        try:
            handler = RotatingFileHandler(self.path, maxBytes=LOG_BYTES, backupCount=LOG_BACKUPS, encoding="utf-8")
        except OSError:
            self.path = None
            handler = _stderr_handler()
        handler.setFormatter(self.formatter)
        return handler

    def close(self) -> None:
        if self._target is not None:
            self._target.close()
        super().close()


def _stderr_handler() -> logging.Handler:
    # A windowed build (PyInstaller --windowed, pythonw) has no stderr at all.
    return logging.StreamHandler(sys.stderr) if sys.stderr is not None else logging.NullHandler()


def _writable(folder: Path, name: str) -> bool:
    if not folder.is_dir() or not os.access(folder, os.W_OK):
        return False
    path = folder / name
    return not path.exists() or os.access(path, os.W_OK)


_handler: logging.Handler | None = None
_fault_file: IO[str] | None = None


def start_logging(data_dir: Path | None) -> Path | None:
    """Send the ``coopguide`` logger (INFO and above) to ``data_dir/journal.log``, or to stderr when
    the folder cannot be written or is None. Returns the log file, or None. Calling it again
    replaces the previous set-up."""
    global _handler
    stop_logging()
    writable = data_dir is not None and _writable(Path(data_dir), LOG_NAME)
    _handler = _LogFile(Path(data_dir) / LOG_NAME) if data_dir is not None and writable else _stderr_handler()
    _handler.setFormatter(logging.Formatter(FORMAT))
    logger.addHandler(_handler)
    logger.setLevel(logging.INFO)
    return log_file()


def log_file() -> Path | None:
    """Where the log is written, or None (stderr, or not started)."""
    return _handler.path if isinstance(_handler, _LogFile) else None


def stop_logging() -> None:
    global _handler
    if _handler is not None:
        logger.removeHandler(_handler)
        _handler.close()
        _handler = None


def start_fault_log(data_dir: Path | None) -> Path | None:
    """Let :mod:`faulthandler` write the Python stack of every thread to ``data_dir/plantage.log``
    on a hard crash; to stderr when the folder cannot be written. Returns the file, or None."""
    global _fault_file
    stop_fault_log()
    folder = Path(data_dir) if data_dir is not None else None
    if folder is not None and _writable(folder, FAULT_LOG_NAME):
        path = folder / FAULT_LOG_NAME
        try:
            too_big = path.exists() and path.stat().st_size > FAULT_LOG_BYTES
            _fault_file = path.open("w" if too_big else "a", encoding="utf-8")
        except OSError:
            _fault_file = None
        else:
            faulthandler.enable(file=_fault_file, all_threads=True)
            return path
    _fault_to_stderr()
    return None


def stop_fault_log() -> None:
    global _fault_file
    if _fault_file is not None:
        _fault_to_stderr()
        _fault_file.close()
        _fault_file = None


def _fault_to_stderr() -> None:
    stream = sys.__stderr__
    try:
        if stream is not None:
            faulthandler.enable(file=stream, all_threads=True)
            return
    except (OSError, ValueError, RuntimeError):  # no usable file descriptor behind it
        pass
    faulthandler.disable()


def describe(exc_info: ExcInfo, *, extra: Sequence[str] = ()) -> str:
    """The details a user copies into a message: version, platform, then the traceback (plain text)."""
    import platform  # ~3 ms: only once something went wrong

    lines = [
        f"Coopguide {__version__}",
        f"Python {platform.python_version()} ({platform.python_implementation()}), {platform.platform()}",
        *extra,
    ]
    where = log_file()
    if where is not None:
        lines.append(f"Journal : {where}")
    return "\n".join(lines) + "\n\n" + "".join(traceback.format_exception(*exc_info)).rstrip() + "\n"


def record_bug(exc_info: ExcInfo, *, extra: Sequence[str] = (), where: str = "") -> str:
    """Log the traceback (ERROR, with the details header) and return :func:`describe`'s text."""
    details = describe(exc_info, extra=extra)
    logger.error("Erreur inattendue%s\n%s", f" ({where})" if where else "", details.rstrip())
    return details


def report_for_cli(error: BaseException, data_dir: str | os.PathLike[str] | None = None) -> str:
    """For a command that met a bug (a :class:`~coopguide.core.shared.errors.BugError` or any
    exception that is not a KnownError): log it in ``data_dir``'s journal (the user's data folder
    when None) and return the one French line to print on stderr, saying where the details are (the
    log file, or stderr itself when no file could take them). Then exit with BUG_EXIT_CODE."""
    if log_file() is None:
        try:
            from coopguide.core.shared.paths import user_data_dir

            start_logging(user_data_dir(data_dir))
        except Exception:  # finding the folder failed too: stderr will do
            start_logging(None)
    record_bug((type(error), error, error.__traceback__), where="ligne de commande")
    line = f"Coopguide a rencontré une erreur inattendue ({type(error).__name__})."
    where = log_file()
    if where is not None:
        return f"{line} Les détails sont notés dans {where}."
    return f"{line} Les détails sont affichés ci-dessus."  # the log went to stderr
