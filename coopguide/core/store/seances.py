"""The trainer's seance log: one row per training seance (date, place, number of attendees,
topics, remarks), kept in the user database (``store.seances``; the table is still called
``sessions``) and exportable as a CSV file (:mod:`coopguide.core.seance_csv`) for the yearly report
a permanence owes its funders.

No personal data is needed, nor asked for: the number of attendees is a count, never a list of
names, so the log can be shared without a privacy notice. Each write is one user action, hence one
transaction.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from coopguide.core.shared.dates import now_iso
from coopguide.core.shared.errors import InvalidInputError
from coopguide.core.store.database import Database

MAX_PLACE = 200
MAX_TOPICS = 2_000
MAX_NOTES = 5_000
MAX_ATTENDEES = 1_000
MISSING = "Cette séance n'existe plus dans le journal."
COLUMNS = "id, date, place, attendees, topics, notes, created_at, updated_at"


@dataclass(frozen=True)
class Seance:
    id: int
    date: str  # ISO, AAAA-MM-JJ
    place: str
    attendees: int
    topics: str
    notes: str = ""
    created_at: str = ""
    updated_at: str = ""


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


def _seance(row: tuple[Any, ...]) -> Seance:
    return Seance(*row)


class SeanceLog:
    """The séance log table (``store.seances``)."""

    def __init__(self, db: Database) -> None:
        self._db = db

    def all(self) -> list[Seance]:
        """Most recent first."""
        rows = self._db.conn.execute(f"SELECT {COLUMNS} FROM sessions ORDER BY date DESC, id DESC")
        return [_seance(row) for row in rows]

    def get(self, seance_id: int) -> Seance | None:
        row = self._db.conn.execute(f"SELECT {COLUMNS} FROM sessions WHERE id = ?", (seance_id,)).fetchone()
        return _seance(row) if row else None

    def add(self, date: str | dt.date, place: str, attendees: int | str, topics: str = "", notes: str = "") -> Seance:
        values = clean_seance(date, place, attendees, topics, notes)
        now = now_iso()
        with self._db.transaction("enregistrer la séance") as conn:
            cursor = conn.execute(
                "INSERT INTO sessions (date, place, attendees, topics, notes, created_at, updated_at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?)",
                (*values, now, now),
            )
            new_id = cursor.lastrowid
        assert new_id is not None  # always set after an INSERT
        return self._existing(new_id)

    def update(
        self,
        seance_id: int,
        date: str | dt.date,
        place: str,
        attendees: int | str,
        topics: str = "",
        notes: str = "",
    ) -> Seance:
        values = clean_seance(date, place, attendees, topics, notes)
        with self._db.transaction("modifier la séance") as conn:
            changed = conn.execute(
                "UPDATE sessions SET date = ?, place = ?, attendees = ?, topics = ?, notes = ?, updated_at = ? "
                "WHERE id = ?",
                (*values, now_iso(), seance_id),
            ).rowcount
        if not changed:
            raise InvalidInputError(MISSING)
        return self._existing(seance_id)

    def delete(self, seance_id: int) -> None:
        with self._db.transaction("supprimer la séance") as conn:
            conn.execute("DELETE FROM sessions WHERE id = ?", (seance_id,))

    def _existing(self, seance_id: int) -> Seance:
        seance = self.get(seance_id)
        if seance is None:
            raise InvalidInputError(MISSING)
        return seance
