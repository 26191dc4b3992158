"""The trainer's séances: one row per training séance (name, date, place, preset, number of
attendees, topics, remarks), kept in the user database (``store.seances``; the table is still called
``sessions``) and exportable as a CSV file (:mod:`coopguide.core.seance_csv`) for the yearly report
a permanence owes its funders.

A séance prepared in the window (« Préparer une séance ») is a row of this log from the start, with
its groups and their dossiers (:mod:`coopguide.core.store.seance_groups`, written in the same
transaction): the trainer finds it in the journal already filled in, and only adds the number of
attendees and remarks afterwards. A séance typed in the journal by hand has no groups.

No personal data is needed, nor asked for: the number of attendees is a count, never a list of
names, so the log can be shared without a privacy notice. Each write is one user action, hence one
transaction.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, NamedTuple

from coopguide.core.shared.dates import now_iso
from coopguide.core.shared.errors import InvalidInputError
from coopguide.core.store.database import Database

if TYPE_CHECKING:
    from coopguide.core.store.seance_groups import SeanceGroups

MAX_NAME = 200
MAX_PLACE = 200
MAX_TOPICS = 2_000
MAX_NOTES = 5_000
MAX_ATTENDEES = 1_000
MISSING = "Cette séance n'existe plus dans le journal."
COLUMNS = "id, date, place, attendees, topics, notes, created_at, updated_at, name, preset"


class Seance(NamedTuple):
    id: int
    date: str  # ISO, AAAA-MM-JJ
    place: str
    attendees: int
    topics: str
    notes: str = ""
    created_at: str = ""
    updated_at: str = ""
    name: str = ""  # « Séance 24/11 — Imprimerie Dupont »; "" for a séance typed in the journal
    preset: str = ""  # the preset's id (content/seances/*.yaml) it was prepared from, or ""

    @property
    def title(self) -> str:
        """What lists show: its name, else « Séance du 24/11/2026 — place »."""
        if self.name:
            return self.name
        day = dt.date.fromisoformat(self.date).strftime("%d/%m/%Y")
        return f"Séance du {day} — {self.place}" if self.place else f"Séance du {day}"


def clean_date(value: str | dt.date) -> str:
    """ISO date from a ``date``, « 2026-11-24 » or « 24/11/2026 »."""
    if isinstance(value, dt.date):
        return value.isoformat()
    text = str(value).strip()
    for pattern in ("%Y-%m-%d", "%d/%m/%Y", "%d/%m/%y"):
        try:
            return dt.datetime.strptime(text, pattern).date().isoformat()
        except ValueError:
            continue
    raise InvalidInputError(f"Date de séance illisible : « {text} ». Écrivez-la comme 24/11/2026.")


def _clean_text(value: str, limit: int, what: str) -> str:
    text = str(value).strip()
    if len(text) > limit:
        raise InvalidInputError(f"{what} : texte trop long ({len(text)} caractères, {limit} au plus).")
    return text


def clean_seance(
    date: str | dt.date, place: str, attendees: int | str, topics: str, notes: str
) -> tuple[str, str, int, str, str]:
    place = " ".join(_clean_text(place, MAX_PLACE, "Lieu").split())
    if not place:
        raise InvalidInputError("Indiquez le lieu de la séance (par exemple « Permanence de Montceau-les-Mines »).")
    try:
        count = int(attendees)
    except (TypeError, ValueError):
        raise InvalidInputError(f"Le nombre de participants doit être un nombre entier (« {attendees} »).") from None
    if not 0 <= count <= MAX_ATTENDEES:
        raise InvalidInputError(f"Nombre de participants impossible : {count} (de 0 à {MAX_ATTENDEES}).")
    return (
        clean_date(date),
        place,
        count,
        _clean_text(topics, MAX_TOPICS, "Thèmes abordés"),
        _clean_text(notes, MAX_NOTES, "Remarques"),
    )


def clean_seance_name(name: str) -> str:
    return " ".join(_clean_text(name, MAX_NAME, "Nom de la séance").split())


def _seance(row: tuple[Any, ...]) -> Seance:
    return Seance(*row)


class SeanceLog:
    """The séance log table (``store.seances``); ``groups`` reads the séances' groups."""

    def __init__(self, db: Database) -> None:
        self._db = db
        self._groups: SeanceGroups | None = None

    @property
    def groups(self) -> SeanceGroups:
        """Made at first use: the start never reads a séance's groups (its start path is counted)."""
        if self._groups is None:
            from coopguide.core.store.seance_groups import SeanceGroups

            self._groups = SeanceGroups(self._db)
        return self._groups

    def all(self) -> list[Seance]:
        """Most recent first."""
        rows = self._db.conn.execute(f"SELECT {COLUMNS} FROM sessions ORDER BY date DESC, id DESC")
        return [_seance(row) for row in rows]

    def get(self, seance_id: int) -> Seance | None:
        row = self._db.conn.execute(f"SELECT {COLUMNS} FROM sessions WHERE id = ?", (seance_id,)).fetchone()
        return _seance(row) if row else None

    def add(
        self,
        date: str | dt.date,
        place: str,
        attendees: int | str,
        topics: str = "",
        notes: str = "",
        name: str = "",
    ) -> Seance:
        return self.prepare(name, date, place, "", (), topics, attendees, notes)

    def prepare(
        self,
        name: str,
        date: str | dt.date,
        place: str,
        preset: str,
        groups: Iterable[tuple[str, int | None]],
        topics: str = "",
        attendees: int | str = 0,
        notes: str = "",
    ) -> Seance:
        """A séance with its groups ``(name, dossier_id)``, in one transaction."""
        values = clean_seance(date, place, attendees, topics, notes)
        name = clean_seance_name(name)
        groups = [(" ".join(str(group).split()), dossier) for group, dossier in groups]
        now = now_iso()
        with self._db.transaction("enregistrer la séance") as conn:
            cursor = conn.execute(
                "INSERT INTO sessions (date, place, attendees, topics, notes, created_at, updated_at, name, preset) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (*values, now, now, name, preset),
            )
            new_id = cursor.lastrowid
            assert new_id is not None  # always set after an INSERT
            self.groups.insert(conn, new_id, groups)
        return self._existing(new_id)

    def prepared(self) -> list[Seance]:
        """The séances that have groups, most recent first (what the side-by-side view offers)."""
        with_groups = self.groups.seances_with_groups()
        return [seance for seance in self.all() if seance.id in with_groups]

    def update(
        self,
        seance_id: int,
        date: str | dt.date,
        place: str,
        attendees: int | str,
        topics: str = "",
        notes: str = "",
        name: str | None = None,
    ) -> Seance:
        """``name`` None keeps the séance's name."""
        values = clean_seance(date, place, attendees, topics, notes)
        with self._db.transaction("modifier la séance") as conn:
            changed = conn.execute(
                "UPDATE sessions SET date = ?, place = ?, attendees = ?, topics = ?, notes = ?, updated_at = ?, "
                "name = COALESCE(?, name) WHERE id = ?",
                (*values, now_iso(), None if name is None else clean_seance_name(name), seance_id),
            ).rowcount
        if not changed:
            raise InvalidInputError(MISSING)
        return self._existing(seance_id)

    def delete(self, seance_id: int) -> None:
        """The séance and its groups (not their dossiers: they hold the groups' work)."""
        with self._db.transaction("supprimer la séance") as conn:
            conn.execute("DELETE FROM sessions WHERE id = ?", (seance_id,))

    def _existing(self, seance_id: int) -> Seance:
        seance = self.get(seance_id)
        if seance is None:
            raise InvalidInputError(MISSING)
        return seance
