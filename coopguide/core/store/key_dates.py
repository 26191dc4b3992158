"""A dossier's key dates (jugement d'ouverture, date limite des offres, audience…): the
``dossier_dates`` table. :class:`KeyDateRows` (``store.key_dates``) holds every SQL statement on it.

A key date is written like every other change: into the dossier's Yjs document first (map
``dates``, see :mod:`document`), then the rows are the document's view, in one transaction. Due
dates counted from a key date (``item_progress.due_rule``, « jugement-ouverture+10 ») are computed
again by the document in that same transaction, and their rows rewritten, so a moved jugement moves
every échéance counted from it before anything is shown.

A removed key date keeps the due dates counted from it, with their rule: the last échéance the group
worked with stays (it may already be in a printed plan), and it follows the key date again as soon
as the date is entered again. The views flag these items (« date clé manquante ») by comparing the
rule with the dossier's dates (:func:`missing_key_date`).

Kinds are the content's ids (``content/dates-cles.yaml``) or ``autre-…`` for a date the user named:
then ``label`` holds its name. A kind unknown to this content edition is kept (a later one may know
it), like a dossier's scope.
"""

# No `from __future__ import annotations`: NamedTuple fields as strings cost a compile each (core/content/model.py).
import builtins
import datetime as dt
import re
import sqlite3
import unicodedata
from collections.abc import Iterable, Mapping
from typing import NamedTuple

from coopguide.core.shared.dates import is_iso_date, now_iso
from coopguide.core.shared.errors import InvalidInputError
from coopguide.core.shared.relative_dates import parse_rule
from coopguide.core.shared.safe_text import strip_controls
from coopguide.core.store.database import Database
from coopguide.core.store.items import ItemRows
from coopguide.core.store.progress import ItemProgress

KIND_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
CUSTOM_PREFIX = "autre-"
MAX_KIND_LENGTH = 80
MAX_LABEL_LENGTH = 120
MAX_KEY_DATES = 100
MIN_YEAR, MAX_YEAR = 1900, 2999


class KeyDate(NamedTuple):
    kind: str
    date: str  # ISO YYYY-MM-DD
    label: str = ""  # the name of a date the user added (``autre-…``); "" for the content's kinds
    updated_at: str = ""

    @property
    def custom(self) -> bool:
        return self.kind.startswith(CUSTOM_PREFIX)


def custom_kind(label: str, taken: Iterable[str] = ()) -> str:
    """``autre-`` and the label folded to an id (« Visite de la banque » → ``autre-visite-de-la-banque``),
    numbered when taken. Two laptops naming the same date alike share one kind: a merge keeps one."""
    folded = unicodedata.normalize("NFKD", label).encode("ascii", "ignore").decode("ascii").lower()
    slug = "-".join(re.findall(r"[a-z0-9]+", folded))[: MAX_KIND_LENGTH - 12] or "date"
    kind, number, used = CUSTOM_PREFIX + slug, 2, set(taken)
    while kind in used:
        kind, number = f"{CUSTOM_PREFIX}{slug}-{number}", number + 1
    return kind


def check_key_date(kind: str, date: str, label: str) -> tuple[str, str, str]:
    """The values cleaned, or :class:`InvalidInputError` in French (also for a received document)."""
    kind, label = str(kind).strip(), " ".join(strip_controls(str(label)).split())
    if not KIND_RE.match(kind) or len(kind) > MAX_KIND_LENGTH:
        raise InvalidInputError(f"Sorte de date clé inconnue « {kind[:40]} ».")
    if not is_iso_date(date) or not MIN_YEAR <= int(date[:4]) <= MAX_YEAR:
        raise InvalidInputError(f"Date illisible « {str(date)[:20]} » (attendu : AAAA-MM-JJ).")
    if kind.startswith(CUSTOM_PREFIX) and not label:
        raise InvalidInputError("Donnez un nom à la date ajoutée.")
    if len(label) > MAX_LABEL_LENGTH:
        raise InvalidInputError(f"Le nom de la date est trop long ({MAX_LABEL_LENGTH} caractères au plus).")
    return kind, date, label


def missing_key_date(progress: ItemProgress, dates: Iterable[KeyDate]) -> str:
    """The kind a due rule counts from when the dossier no longer has that date, else ""."""
    rule = parse_rule(progress.due_rule) if progress.due_rule else None
    if rule is None or any(d.kind == rule.kind for d in dates):
        return ""
    return rule.kind


class KeyDateRows:
    """The ``dossier_dates`` rows of every dossier (``store.key_dates``). Each public write is one
    user action, hence one transaction; the functions below the class run inside a caller's."""

    def __init__(self, db: Database, items: ItemRows) -> None:
        self._db = db
        self._items = items

    def list(self, dossier_id: int) -> list[KeyDate]:
        """The dossier's key dates, soonest first."""
        rows = self._db.conn.execute(
            "SELECT kind, date, label, updated_at FROM dossier_dates WHERE dossier_id = ? ORDER BY date, kind",
            (dossier_id,),
        )
        return [KeyDate(*row) for row in rows]

    def get(self, dossier_id: int, kind: str) -> KeyDate | None:
        return next((d for d in self.list(dossier_id) if d.kind == kind), None)

    def set(self, dossier_id: int, kind: str, date: str, label: str = "") -> builtins.list[ItemProgress]:
        """Enter or move one key date; returns the item rows whose due date moved with it."""
        return self._write(dossier_id, {kind: (date, label)}, "enregistrer la date clé")

    def remove(self, dossier_id: int, kind: str) -> builtins.list[ItemProgress]:
        """Remove one key date (the due dates counted from it keep their last value: see above)."""
        return self._write(dossier_id, {kind: None}, "retirer la date clé")

    def save(self, dossier_id: int, dates: Mapping[str, tuple[str, str]]) -> builtins.list[ItemProgress]:
        """Make the dossier's key dates exactly ``dates`` (kind → (date, label)): the dialog's OK.
        Dates left out are removed. Returns the item rows whose due date moved."""
        current = {d.kind: (d.date, d.label) for d in self.list(dossier_id)}
        changes: dict[str, tuple[str, str] | None] = {k: None for k in current if k not in dates}
        changes.update({k: v for k, v in dates.items() if current.get(k) != v})
        return self._write(dossier_id, changes, "enregistrer les dates clés")

    def _write(
        self, dossier_id: int, changes: Mapping[str, tuple[str, str] | None], action: str
    ) -> builtins.list[ItemProgress]:
        cleaned = {kind: None if v is None else check_key_date(kind, *v)[1:] for kind, v in changes.items()}
        if not cleaned:
            return []
        if len({*(d.kind for d in self.list(dossier_id)), *cleaned}) > MAX_KEY_DATES:
            raise InvalidInputError(f"Trop de dates clés ({MAX_KEY_DATES} au plus).")
        stamp = now_iso()
        with self._db.transaction(action) as conn:
            if conn.execute("SELECT 1 FROM dossiers WHERE id = ?", (dossier_id,)).fetchone() is None:
                raise InvalidInputError("Ce dossier n'existe plus.")
            before = {row.item_id: row for row in self._items.rows(dossier_id)}
            document = self._items.documents.record_key_dates(conn, dossier_id, cleaned, stamp)
            write_rows(conn, dossier_id, document.key_dates())
            moved = [row for row in document.rows() if row.due_rule and before.get(row.item_id) != row]
            self._items.upsert(conn, dossier_id, moved)
        return moved


# -- steps of a larger transaction (the caller's ``conn``) -------------------------------------------
def write_rows(conn: sqlite3.Connection, dossier_id: int, dates: Mapping[str, Mapping[str, str]]) -> None:
    """Make the dossier's rows the document's key dates (kind → {date, label, at})."""
    conn.execute("DELETE FROM dossier_dates WHERE dossier_id = ?", (dossier_id,))
    conn.executemany(
        "INSERT INTO dossier_dates (dossier_id, kind, date, label, updated_at) VALUES (?, ?, ?, ?, ?)",
        [(dossier_id, kind, v["date"], v.get("label", ""), v.get("at", "")) for kind, v in dates.items()],
    )


def delete_rows(conn: sqlite3.Connection, dossier_id: int) -> None:
    """Erase the dossier's key dates (the dossier is erased for good)."""
    conn.execute("DELETE FROM dossier_dates WHERE dossier_id = ?", (dossier_id,))


def check_document_dates(dates: Mapping[str, Mapping[str, str]]) -> None:
    """Refuse (:class:`InvalidInputError`) key dates of a received document that this computer
    would refuse to write: a forged kind, an unreadable date, a hidden character in a name."""
    if len(dates) > MAX_KEY_DATES:
        raise InvalidInputError(f"trop de dates clés ({len(dates)})")
    for kind, value in dates.items():
        label = value.get("label", "")
        cleaned = check_key_date(kind, value.get("date", ""), label)
        if cleaned[2] != label:
            raise InvalidInputError("un nom de date clé contient des caractères cachés ou de contrôle")
        if not _readable_stamp(value.get("at", "")):
            raise InvalidInputError(f"l'heure d'enregistrement de la date clé {kind[:40]} est illisible")


def _readable_stamp(stamp: str) -> bool:
    """Empty, or an ISO instant with its UTC offset (what :func:`now_iso` writes): the key date's
    ``at`` becomes the stamp of every échéance counted from it, which a file's items must have."""
    if not stamp:
        return True
    try:
        moment = dt.datetime.fromisoformat(stamp) if len(stamp) <= 40 else None
    except ValueError:
        return False
    return moment is not None and moment.tzinfo is not None and MIN_YEAR <= moment.year <= MAX_YEAR
