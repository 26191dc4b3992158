"""The ``.coopguide`` file: one dossier as versioned JSON, written and read (checked) here.

Format 2 is a format 1 file plus a ``document`` block: the dossier's Yjs document (the merge
truth, see :mod:`document`), base64-encoded. The rest (dossier, items) is a readable summary of
that document, for people and for Coopguide versions that read format 1 only: they ignore the
block and still import and merge the summary, which is why the top-level ``version`` stays 1.

The file is read and checked entirely (:func:`read_exchange_file`) before anything is written: a
wrong, foreign, truncated, huge or newer file, or a document whose values do not have the expected
shape, raises :class:`ExchangeFileError` with a French message. Importing and merging are in
:mod:`exchange`.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import errno
import json
import os
import stat
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from coopguide import __version__
from coopguide.core.shared.dates import now_iso
from coopguide.core.shared.errors import InvalidInputError, KnownError, storage_error
from coopguide.core.shared.files import write_atomically
from coopguide.core.store import Store
from coopguide.core.store.dossiers import clean_description, clean_members, clean_name, clean_scope
from coopguide.core.store.items import FIELDS, check_progress, clean_progress
from coopguide.core.store.key_dates import check_document_dates
from coopguide.core.store.progress import ItemProgress

if TYPE_CHECKING:
    from coopguide.core.store.document import DossierDocument

FORMAT_NAME = "coopguide-dossier"
FORMAT_VERSION = 1  # of the summary; see the module's docstring
DOCUMENT_VERSION = 2
DOCUMENT_ENCODING = "yjs-update-v1"
FILE_SUFFIX = ".coopguide"
MAX_FILE_BYTES = 10 * 1024 * 1024
MAX_ITEMS = 20_000
MAX_NUMBER_DIGITS = 30  # no number in the format needs more; Python refuses ints over 4 300 digits
MIN_YEAR, MAX_YEAR = 1970, 2999  # a plausible stamp; year 1 and 9999 overflow when converted
STAMP_FIELDS = ("done_at", "updated_at")


class ExchangeFileError(KnownError):
    """A file that cannot be imported; the message says why, in French."""


@dataclass(frozen=True)
class ExchangeFile:
    name: str
    description: str
    members: tuple[str, ...]
    created_at: str
    content_edition: str
    exported_at: str
    items: tuple[ItemProgress, ...]
    document: bytes | None = None  # the Yjs document (format 2); None for a format 1 file
    scope: tuple[str, ...] | None = None  # the check-lists followed (from the document); None: every one


# -- export -------------------------------------------------------------------------------------
def export_payload(store: Store, dossier_id: int, content_edition: str) -> dict[str, Any]:
    dossier = store.dossiers.require(dossier_id)
    document = store.documents.snapshot(store.db.conn, dossier_id)
    return {
        "format": FORMAT_NAME,
        "version": FORMAT_VERSION,
        "application": f"Coopguide {__version__}",
        "exported_at": now_iso(),
        "content_edition": content_edition,
        "dossier": {
            "name": dossier.name,
            "description": dossier.description,
            "members": list(dossier.members),
            "created_at": dossier.created_at,
        },
        "items": [row._asdict() for row in sorted(store.items.rows(dossier_id), key=lambda r: r.item_id)],
        "document": {
            "version": DOCUMENT_VERSION,
            "encoding": DOCUMENT_ENCODING,
            "data": base64.b64encode(document.update()).decode("ascii"),
        },
    }


def export_dossier(store: Store, dossier_id: int, path: Path, content_edition: str) -> Path:
    """Write the file under a temporary name, then rename: a full disk never leaves half a file."""
    path = Path(path)
    if path.suffix != FILE_SUFFIX:
        path = path.with_name(path.name + FILE_SUFFIX)
    text = json.dumps(export_payload(store, dossier_id, content_edition), ensure_ascii=False, indent=1)
    return write_atomically(path, text.encode("utf-8"), action=f"écrire le fichier {path.name}")


# -- reading and checking ------------------------------------------------------------------------
def read_exchange_file(path: Path) -> ExchangeFile:
    """The type of the file is checked before it is opened: a folder, a pipe (which would block the
    read forever) or a device (``/dev/zero``, even through a link) is refused in French."""
    path = Path(path)
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):
            what = "un dossier" if stat.S_ISDIR(info.st_mode) else "un fichier spécial"
            raise ExchangeFileError(f"« {path.name} » est {what}, pas un dossier Coopguide.")
        if info.st_size > MAX_FILE_BYTES:
            raise ExchangeFileError(
                f"Le fichier « {path.name} » est trop gros ({-(-info.st_size // 1_000_000)} Mo) "
                "pour être un dossier Coopguide."
            )
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        with os.fdopen(fd, "rb") as stream:
            if not stat.S_ISREG(os.fstat(stream.fileno()).st_mode):  # swapped since the check
                raise ExchangeFileError(f"« {path.name} » n'est pas un dossier Coopguide.")
            raw = stream.read(MAX_FILE_BYTES + 1)
    except OSError as error:
        if error.errno == errno.ELOOP:
            raise ExchangeFileError(
                f"« {path.name} » est un lien qui tourne en rond, pas un dossier Coopguide."
            ) from error
        raise storage_error(error, f"lire le fichier {path.name}") from error
    return parse_exchange(raw, path.name)


def _bounded_int(text: str) -> int:
    if len(text.lstrip("-")) > MAX_NUMBER_DIGITS:
        raise _RefusedNumber("un nombre a trop de chiffres")
    return int(text)


def _bounded_float(text: str) -> float:
    if len(text) > MAX_NUMBER_DIGITS + 10:
        raise _RefusedNumber("un nombre a trop de chiffres")
    return float(text)


def _no_constant(text: str) -> float:
    raise _RefusedNumber(f"la valeur « {text} » n'est pas un nombre")


class _RefusedNumber(ValueError):
    pass


def parse_exchange(raw: bytes, name: str = "fichier") -> ExchangeFile:
    if len(raw) > MAX_FILE_BYTES:
        raise ExchangeFileError(f"Le fichier « {name} » est trop gros pour être un dossier Coopguide.")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ExchangeFileError(
            f"« {name} » n'est pas un dossier Coopguide (ce n'est pas un fichier texte)."
        ) from error
    if not text.strip():
        raise ExchangeFileError(f"Le fichier « {name} » est vide.")
    if not text.lstrip().startswith("{"):  # not even the start of a JSON object: another kind of file
        raise ExchangeFileError(f"« {name} » n'est pas un dossier Coopguide.")
    try:
        data = json.loads(text, parse_int=_bounded_int, parse_float=_bounded_float, parse_constant=_no_constant)
    except _RefusedNumber as error:
        raise ExchangeFileError(f"« {name} » est abîmé : {error}.") from error
    except json.JSONDecodeError as error:
        where = "il s'arrête avant la fin" if error.pos >= len(text.rstrip()) else f"ligne {error.lineno}"
        raise ExchangeFileError(
            f"Le fichier « {name} » est incomplet ou abîmé ({where}). "
            "Demandez à la personne qui l'a envoyé de l'exporter à nouveau."
        ) from error
    except RecursionError as error:
        raise ExchangeFileError(f"Le fichier « {name} » est abîmé (structure trop profonde).") from error
    except ValueError as error:  # any other number Python refuses to read
        raise ExchangeFileError(f"« {name} » est abîmé : un nombre est illisible.") from error
    return _validate(data, name)


def _validate(data: object, name: str) -> ExchangeFile:
    if not isinstance(data, dict) or data.get("format") != FORMAT_NAME:
        raise ExchangeFileError(f"« {name} » n'est pas un dossier Coopguide.")
    version = data.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise ExchangeFileError(f"« {name} » n'indique pas de version de format lisible.")
    if version > FORMAT_VERSION:
        raise ExchangeFileError(
            f"« {name} » vient d'une version plus récente de Coopguide (format {version}, "
            f"celle-ci lit le format {FORMAT_VERSION}). Mettez Coopguide à jour pour l'importer."
        )
    dossier = data.get("dossier")
    items = data.get("items")
    if not isinstance(dossier, dict) or not isinstance(items, list):
        raise ExchangeFileError(f"« {name} » est incomplet : il manque le dossier ou ses éléments.")
    if len(items) > MAX_ITEMS:
        raise ExchangeFileError(f"« {name} » contient trop d'éléments ({len(items)}).")
    try:
        members = dossier.get("members", [])
        if not isinstance(members, list):
            raise InvalidInputError("la liste des membres est illisible")
        parsed = ExchangeFile(
            name=clean_name(_text(dossier, "name")),
            description=clean_description(_text(dossier, "description")),
            members=clean_members(_text({"m": m}, "m") for m in members),
            created_at=_stamp(dossier, "created_at"),
            content_edition=_text(data, "content_edition"),
            exported_at=_stamp(data, "exported_at"),
            items=tuple(_item(entry) for entry in items),
        )
    except InvalidInputError as error:
        raise ExchangeFileError(f"« {name} » contient une valeur refusée : {error}") from error
    ids = [item.item_id for item in parsed.items]
    if len(set(ids)) != len(ids):
        raise ExchangeFileError(f"« {name} » est abîmé : un élément y figure deux fois.")
    if "document" in data:
        return _with_document(parsed, data["document"], name)
    return parsed


def _with_document(summary: ExchangeFile, block: object, name: str) -> ExchangeFile:
    """Format 2: the document replaces the summary's items and dossier values, after the same
    checks as the summary (types, dates, lengths, hidden characters). The name stays the
    summary's: it is the dossier's name on the laptop that wrote the file (a merge never renames
    a dossier, so the document may hold another laptop's)."""
    from coopguide.core.store.document import DocumentError, DossierDocument, check_update

    if not isinstance(block, dict) or not isinstance(block.get("data"), str):
        raise ExchangeFileError(f"« {name} » est abîmé : le bloc « document » est illisible.")
    version = block.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version > DOCUMENT_VERSION:
        raise ExchangeFileError(
            f"« {name} » vient d'une version plus récente de Coopguide (document au format {version!s:.10}). "
            "Mettez Coopguide à jour pour le fusionner."
        )
    if block.get("encoding") != DOCUMENT_ENCODING:
        raise ExchangeFileError(f"« {name} » est abîmé : le document est dans un codage inconnu.")
    try:
        update = base64.b64decode(block["data"], validate=True)
        check_update(update)  # before Yrs reads it: see check_update
        document = DossierDocument(update)
        count = len(document.item_ids())
        if count > MAX_ITEMS:  # before reading them: ~20 µs a row, 280 000 fit in 10 MB
            raise ExchangeFileError(f"« {name} » contient trop d'éléments ({count}).")
        rows = document.rows()
        values = document.dossier_values()
        dates = document.key_dates()
    except (binascii.Error, ValueError, DocumentError) as error:
        raise ExchangeFileError(f"« {name} » est abîmé : son document est illisible.") from error
    try:
        items = checked_rows(rows)
        check_document_dates(dates)
        return ExchangeFile(
            name=clean_name(summary.name or values["name"]),
            description=clean_description(_text(values, "description")),
            members=clean_members(_text({"m": m}, "m") for m in values["members"]),
            created_at=_stamp(values, "created_at") or summary.created_at,
            content_edition=summary.content_edition,
            exported_at=summary.exported_at,
            items=items,
            document=update,
            scope=checked_scope(values["scope"]),
        )
    except InvalidInputError as error:
        raise ExchangeFileError(f"« {name} » contient une valeur refusée : {error}") from error


def checked_rows(rows: Iterable[ItemProgress]) -> tuple[ItemProgress, ...]:
    """Rows read from a document, checked like a file's items; the document itself must be clean
    (it is merged as it is), so a value that cleaning would change is refused."""
    rows = tuple(rows)
    items = tuple(_item({field: getattr(row, field) for field in FIELDS}) for row in rows)
    if items != rows:
        raise InvalidInputError("un texte contient des caractères cachés ou de contrôle")
    return items


def check_merged(document: DossierDocument, before: Iterable[ItemProgress]) -> list[ItemProgress]:
    """The rows of ``document`` (a file merged into this computer's document), those the merge
    changed checked like a file's items, and its dossier values: a file may hold only what makes
    sense next to this computer's document, so checking it alone is not enough."""
    from coopguide.core.store.document_check import DocumentError

    try:
        rows = document.rows()
        values = document.dossier_values()
        known = {row.item_id: row for row in before}
        # what the merge changed, each row's other fields blank: a value this computer already
        # held (a stamp from before stamps were checked) is no reason to refuse the file
        changed = []
        for row in rows:
            old = known.get(row.item_id, ItemProgress(row.item_id))
            if old != row:
                same = {f: "" for f in FIELDS[1:] if getattr(row, f) == getattr(old, f)}
                changed.append(row.with_changes(**same))
        checked_rows(changed)
        check_document_dates(document.key_dates())
        clean_description(_text(values, "description"))
        clean_members(_text({"m": m}, "m") for m in values["members"])
        checked_scope(values["scope"])
    except DocumentError as error:
        raise ExchangeFileError("Le fichier à fusionner est abîmé : son document est illisible.") from error
    except InvalidInputError as error:
        raise ExchangeFileError(f"Le fichier à fusionner contient une valeur refusée : {error}") from error
    return rows


def checked_scope(scope: tuple[str, ...] | None) -> tuple[str, ...] | None:
    """A scope read from a document, checked like the other values: it is merged as it is, so one
    that cleaning would change (hidden characters, repeats) is refused."""
    if scope is None:
        return None
    for checklist_id in scope:
        _text({"perimetre": checklist_id}, "perimetre")
    cleaned = clean_scope(scope)
    if cleaned != scope:
        raise InvalidInputError("la liste des check-lists suivies contient des caractères cachés ou des doublons")
    return cleaned


def _text(mapping: dict[str, Any], key: str) -> str:
    value = mapping.get(key, "")
    if value is None:
        return ""
    if not isinstance(value, str):
        raise InvalidInputError(f"« {key} » devrait être un texte")
    if "\x00" in value:
        raise InvalidInputError(f"« {key} » contient un caractère nul")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as error:  # a lone surrogate such as "\\ud800"
        raise InvalidInputError(f"« {key} » contient un caractère invalide") from error
    return value


def _stamp(mapping: dict[str, Any], key: str) -> str:
    """An ISO 8601 timestamp with its UTC offset and a plausible year, or empty."""
    value = _text(mapping, key)
    if not value:
        return value
    try:
        moment = dt.datetime.fromisoformat(value) if len(value) <= 40 else None
    except ValueError:
        moment = None
    if moment is None or moment.tzinfo is None or not MIN_YEAR <= moment.year <= MAX_YEAR:
        raise InvalidInputError(
            f"la date « {key} » est illisible ({value[:40]!r} ; attendu : AAAA-MM-JJTHH:MM:SS+HH:MM "
            f"entre {MIN_YEAR} et {MAX_YEAR})"
        )
    try:
        moment.timestamp()
    except (ValueError, OverflowError, OSError) as error:
        raise InvalidInputError(f"la date « {key} » est hors des limites") from error
    return value


def _item(entry: object) -> ItemProgress:
    if not isinstance(entry, dict):
        raise InvalidInputError("un élément est illisible")
    row = clean_progress(
        ItemProgress(**{field: (_stamp if field in STAMP_FIELDS else _text)(entry, field) for field in FIELDS})
    )
    check_progress(row)
    return row
