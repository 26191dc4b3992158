"""Errors the user can understand and act on, each with a French message, and the one way to tell
them from bugs.

A :class:`KnownError` is the machine's or the user's doing (full disk, read-only stick, a name
already taken…): the UI shows ``str(error)`` and goes on. Anything else is a bug: a
:class:`BugError` or any other exception is never caught by ``except KnownError``, so it reaches
the crash handler (``coopguide/ui/crash_handler.py`` in the app: logged to ``journal.log`` and
shown with a « Copier les détails » button; :func:`coopguide.core.shared.crash_report.report_for_cli`
on the command line).

:func:`storage_error` classifies an ``sqlite3``/``OSError`` by its code (``sqlite_errorcode``,
``errno``) as qutebrowser's ``misc/sql.py`` does, never by its message text: a code that is not
listed here is a bug (a wrong SQL statement, a closed connection…) and becomes a :class:`BugError`
instead of « Impossible d'enregistrer … : near "x": syntax error. Rien n'a été modifié. »
"""

# No `from __future__ import annotations`: NamedTuple fields as strings cost a compile each (core/content/model.py).
import errno
import sqlite3
from pathlib import Path
from typing import NamedTuple


class KnownError(Exception):
    """An error with a message for the user (``str(error)`` is French)."""


class StorageError(KnownError):
    """The data file cannot be written or read (disk full, read-only folder, locked…)."""


class ReadOnlyError(StorageError):
    """The data folder cannot be written: the app can be read, nothing can be saved."""


class BugError(Exception):
    """A mistake in Coopguide, not in the user's input nor on the machine: it has no French message
    and is deliberately not a :class:`KnownError`, so it goes to the crash handler. ``original``
    is the exception it was made from (also its ``__cause__`` when raised ``from`` it)."""

    def __init__(self, action: str, original: BaseException):
        self.action = action
        self.original = original
        code = _code_name(original)
        super().__init__(f"{action} — {type(original).__name__}{f' ({code})' if code else ''}: {original}")


def _code_name(error: BaseException) -> str | None:
    """``SQLITE_ERROR``, ``ENOSPC``…: the code's name, for the log."""
    name = getattr(error, "sqlite_errorname", None)
    if isinstance(name, str):
        return name
    number = getattr(error, "errno", None)
    return errno.errorcode.get(number) if isinstance(number, int) else None


READ_ONLY_MESSAGE = (
    "Le dossier des données est en lecture seule (clé USB protégée, droits insuffisants…). "
    "Vous pouvez lire les guides, mais aucune case cochée ne peut être enregistrée."
)


class DamagedDatabaseError(KnownError):
    """The data file is not a usable Coopguide database; it must be moved aside, never overwritten."""

    def __init__(self, path: Path, reason: str):
        self.path = path
        self.reason = reason
        super().__init__(
            f"Le fichier de données {path.name} est endommagé ou illisible ({reason}). "
            "Coopguide va le mettre de côté sans l'effacer."
        )


class NewerDatabaseError(DamagedDatabaseError):
    """The data file was written by a newer Coopguide, whose schema this version does not know."""

    def __init__(self, path: Path, found: int, supported: int):
        self.found = found
        self.supported = supported
        KnownError.__init__(
            self,
            f"Le fichier de données {path.name} a été créé par une version plus récente de Coopguide "
            f"(schéma {found}, cette version connaît jusqu'au schéma {supported}). "
            "Installez la dernière version de Coopguide pour le lire.",
        )
        self.path = path
        self.reason = f"schéma {found} > {supported}"


class InvalidInputError(KnownError):
    """What the user typed cannot be accepted (empty name, duplicate…); nothing was changed."""


class ChangedElsewhereError(KnownError):
    """An undo/redo step found its rows changed by another process (CLI import, another window)
    since it was recorded; nothing was written."""


# -- classification by code ----------------------------------------------------------------------
class _Cause(NamedTuple):
    what: str  # what went wrong, after « Impossible de … : »
    advice: str  # what to do, after « Rien n'a été modifié. »


FULL = _Cause("le disque est plein", "Libérez de la place puis recommencez.")
QUOTA = _Cause("votre quota d'espace disque est atteint", "Libérez de la place puis recommencez.")
TOO_BIG = _Cause("le fichier dépasse la taille permise par ce support", "Choisissez un autre emplacement.")
READ_ONLY_MEDIUM = _Cause(
    "le support est en lecture seule (clé USB protégée, partage en lecture seule…)", "Choisissez un autre emplacement."
)
READ_ONLY_DATA = _Cause(
    "le fichier de données est en lecture seule (clé USB protégée, droits insuffisants…)",
    "Copiez le dossier des données à un endroit où vous pouvez écrire.",
)
DENIED = _Cause(
    "le fichier est peut-être ouvert dans un autre programme, ou l'accès à cet endroit vous est refusé",
    "Fermez ce programme ou choisissez un autre emplacement.",
)
CANNOT_OPEN = _Cause(
    "le fichier de données ne peut pas être ouvert (dossier absent, protégé ou inaccessible)",
    "Vérifiez que le dossier des données existe et que vous pouvez y écrire.",
)
BUSY = _Cause("le fichier est occupé par un autre programme", "Réessayez dans un instant.")
INPUT_OUTPUT = _Cause(
    "le disque a signalé une erreur de lecture ou d'écriture (clé USB retirée ? support abîmé ?)",
    "Vérifiez le support puis recommencez.",
)
DAMAGED = _Cause(
    "le fichier de données est endommagé",
    "Fermez puis rouvrez Coopguide : il le mettra de côté et proposera la dernière sauvegarde.",
)
NO_MEMORY = _Cause("la mémoire de l'ordinateur est pleine", "Fermez d'autres programmes puis recommencez.")
MISSING = _Cause("ce fichier ou ce dossier n'existe pas (ou plus)", "Vérifiez l'emplacement choisi.")
NOT_A_FOLDER = _Cause("un élément du chemin est un fichier et non un dossier", "Choisissez un autre emplacement.")
IS_A_FOLDER = _Cause("un dossier porte déjà ce nom", "Choisissez un autre nom de fichier.")
BAD_NAME = _Cause(
    "ce nom de fichier n'est pas accepté par ce support (trop long, ou caractères interdits)",
    "Choisissez un nom plus court, sans caractères spéciaux.",
)
DOSSIER_GONE = _Cause(
    "ce dossier n'existe plus (il a peut-être été supprimé depuis la ligne de commande)",
    "Choisissez un autre dossier dans la liste.",
)

# The extended code when it says more than the primary one, then the primary code (``& 0xFF``).
SQLITE_EXTENDED: dict[int, _Cause] = {sqlite3.SQLITE_CONSTRAINT_FOREIGNKEY: DOSSIER_GONE}
SQLITE_PRIMARY: dict[int, _Cause] = {
    sqlite3.SQLITE_FULL: FULL,
    sqlite3.SQLITE_READONLY: READ_ONLY_DATA,
    sqlite3.SQLITE_CANTOPEN: CANNOT_OPEN,
    sqlite3.SQLITE_PERM: DENIED,
    sqlite3.SQLITE_BUSY: BUSY,
    sqlite3.SQLITE_LOCKED: BUSY,
    sqlite3.SQLITE_PROTOCOL: BUSY,
    sqlite3.SQLITE_IOERR: INPUT_OUTPUT,
    sqlite3.SQLITE_NOMEM: NO_MEMORY,
    sqlite3.SQLITE_NOTADB: DAMAGED,
    sqlite3.SQLITE_CORRUPT: DAMAGED,
}
_ERRNO_NAMES: dict[str, _Cause] = {
    "ENOSPC": FULL,
    "EDQUOT": QUOTA,
    "EFBIG": TOO_BIG,
    "EROFS": READ_ONLY_MEDIUM,
    "EACCES": DENIED,  # also Windows' sharing violation (a file open in Excel)
    "EPERM": DENIED,
    "EBUSY": BUSY,
    "ETXTBSY": BUSY,
    "EAGAIN": BUSY,
    "EIO": INPUT_OUTPUT,
    "ENXIO": INPUT_OUTPUT,  # the device is gone (stick pulled out)
    "ENODEV": INPUT_OUTPUT,
    "ETIMEDOUT": INPUT_OUTPUT,  # a network share that stopped answering
    "ENOMEM": NO_MEMORY,
    "ENOENT": MISSING,
    "ENOTDIR": NOT_A_FOLDER,
    "EISDIR": IS_A_FOLDER,
    "ENAMETOOLONG": BAD_NAME,
    "EINVAL": BAD_NAME,  # Windows: « ? », « : », « * »… in a file name
    "EILSEQ": BAD_NAME,
}
# Built from names: EDQUOT, ETXTBSY… do not exist on every platform.
ERRNO: dict[int, _Cause] = {getattr(errno, name): cause for name, cause in _ERRNO_NAMES.items() if hasattr(errno, name)}
# Damage found while opening: the file is moved aside (DamagedDatabaseError), with this reason.
DAMAGE_REASONS: dict[int, str] = {
    sqlite3.SQLITE_NOTADB: "ce n'est pas une base de données SQLite",
    sqlite3.SQLITE_CORRUPT: "la base de données est abîmée",
}


def sqlite_code(error: BaseException) -> int | None:
    """The SQLite result code of an ``sqlite3`` error (extended when SQLite gave one), or None."""
    code = getattr(error, "sqlite_errorcode", None)
    return code if isinstance(code, int) else None


def damage_reason(error: BaseException) -> str | None:
    """A French reason when ``error`` says the data file itself is damaged (SQLITE_NOTADB,
    SQLITE_CORRUPT), else None."""
    code = sqlite_code(error)
    return DAMAGE_REASONS.get(code & 0xFF) if code is not None else None


def _cause(error: BaseException) -> _Cause | None:
    code = sqlite_code(error)
    if code is not None:
        return SQLITE_EXTENDED.get(code) or SQLITE_PRIMARY.get(code & 0xFF)
    if isinstance(error, OSError) and error.errno is not None:
        return ERRNO.get(error.errno)
    return None


def storage_cause(error: BaseException) -> str | None:
    """What went wrong, in French (« le disque est plein »), for an ``sqlite3``/``OSError`` the machine
    can cause; None for an unknown code."""
    cause = _cause(error)
    return cause.what if cause else None


def storage_error(error: BaseException, action: str) -> StorageError | BugError:
    """What to raise for an ``sqlite3``/``OSError`` met while doing ``action`` (an infinitive that
    completes « Impossible de … »): a :class:`StorageError` whose message says what failed, that
    nothing changed and what to do, when the code is one the machine can cause; else a
    :class:`BugError` carrying ``error``. Use as ``raise storage_error(error, action) from error``."""
    cause = _cause(error)
    if cause is None:
        return BugError(action, error)
    de = "d'" if action[:1].lower() in "aeéèêiouy" else "de "
    return StorageError(f"Impossible {de}{action} : {cause.what}. Rien n'a été modifié. {cause.advice}")
