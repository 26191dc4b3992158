"""Errors the user can understand and act on, each with a French message.

Anything else is a bug and goes to the crash handler. Following qutebrowser's split between known
SQL errors (disk full, read-only, corrupt) and bugs, rather than matching traceback text.
"""

from __future__ import annotations

from pathlib import Path


class KnownError(Exception):
    """An error with a message for the user (``str(error)`` is French)."""


class StorageError(KnownError):
    """The data file cannot be written or read (disk full, read-only folder, locked…)."""


class ReadOnlyError(StorageError):
    """The data folder cannot be written: the app can be read, nothing can be saved."""


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


def storage_error(error: Exception, action: str) -> StorageError:
    """Turn an ``sqlite3``/``OSError`` into a message that says what failed and what to do."""
    text = str(error).lower()
    if "full" in text or "no space" in text:
        hint = "le disque est plein : libérez de la place puis recommencez"
    elif "readonly" in text or "read-only" in text or "permission" in text or "unable to open" in text:
        hint = "le dossier des données est en lecture seule ou inaccessible"
    elif "locked" in text or "busy" in text:
        hint = "le fichier est occupé par un autre programme : réessayez dans un instant"
    else:
        hint = str(error)
    de = "d'" if action[:1].lower() in "aeéèêiouy" else "de "
    return StorageError(f"Impossible {de}{action} : {hint}. Rien n'a été modifié.")
