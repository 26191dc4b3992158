"""The trainer's seance log: one row per training seance (date, place, number of attendees,
topics, remarks), kept in the user database and exportable as a CSV file for the yearly report a
permanence owes its funders.

No personal data is needed, nor asked for: the number of attendees is a count, never a list of
names, so the log can be shared without a privacy notice. Mixed into :class:`coopguide.core.store.Store`
(needs ``conn`` and ``transaction``); each method is one user action, hence one transaction.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from coopguide.core.shared.dates import now_iso, short_date
from coopguide.core.shared.errors import InvalidInputError
from coopguide.core.shared.files import write_atomically

MAX_PLACE = 200
MAX_TOPICS = 2_000
MAX_NOTES = 5_000
MAX_ATTENDEES = 1_000
COLUMNS = "id, date, place, attendees, topics, notes, created_at, updated_at"
CSV_HEADER = ("Date", "Lieu", "Participants", "Thèmes abordés", "Remarques")
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


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


def clean_seance(date, place: str, attendees, topics: str, notes: str) -> tuple[str, str, int, str, str]:
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


def _cell(text: str) -> str:
    """A text cell that Excel or LibreOffice would take for a formula (« =… », « +… ») is quoted
    with an apostrophe, so opening the export never runs anything."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def seances_csv(seances: list[Seance]) -> str:
    """The log as CSV text for a French spreadsheet.

    ``;`` separates the fields because French Excel uses the comma as decimal mark and therefore
    expects semicolons in CSV files (a comma-separated file opens as one column); dates are
    written JJ/MM/AAAA, which French Excel recognises as dates. The file is written with a UTF-8
    byte-order mark (see :meth:`SessionLogOperations.export_seances_csv`): without it Excel reads
    the file as Windows-1252 and « é » turns into « Ã© ».
    """
    import csv  # only for an export: the store (and so this module) is opened at every start

    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(CSV_HEADER)
    for seance in sorted(seances, key=lambda s: (s.date, s.id)):
        writer.writerow(
            (
                short_date(seance.date),
                _cell(seance.place),
                seance.attendees,
                _cell(seance.topics),
                _cell(seance.notes),
            )
        )
    return out.getvalue()


def _seance(row: tuple) -> Seance:
    return Seance(*row)


class SessionLogOperations:
    """Seance log operations of the store."""

    conn: sqlite3.Connection

    def sessions(self) -> list[Seance]:
        """Most recent first."""
        rows = self.conn.execute(f"SELECT {COLUMNS} FROM sessions ORDER BY date DESC, id DESC")
        return [_seance(row) for row in rows]

    def seance(self, session_id: int) -> Seance | None:
        row = self.conn.execute(f"SELECT {COLUMNS} FROM sessions WHERE id = ?", (session_id,)).fetchone()
        return _seance(row) if row else None

    def add_seance(self, date, place: str, attendees, topics: str = "", notes: str = "") -> Seance:
        values = clean_seance(date, place, attendees, topics, notes)
        now = now_iso()
        with self.transaction("enregistrer la séance") as conn:
            cursor = conn.execute(
                "INSERT INTO sessions (date, place, attendees, topics, notes, created_at, updated_at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?)",
                (*values, now, now),
            )
            new_id = cursor.lastrowid
        return self.seance(new_id)

    def update_seance(self, session_id: int, date, place: str, attendees, topics: str = "", notes: str = "") -> Seance:
        values = clean_seance(date, place, attendees, topics, notes)
        with self.transaction("modifier la séance") as conn:
            changed = conn.execute(
                "UPDATE sessions SET date = ?, place = ?, attendees = ?, topics = ?, notes = ?, updated_at = ? "
                "WHERE id = ?",
                (*values, now_iso(), session_id),
            ).rowcount
        if not changed:
            raise InvalidInputError("Cette séance n'existe plus dans le journal.")
        return self.seance(session_id)

    def delete_seance(self, session_id: int) -> None:
        with self.transaction("supprimer la séance") as conn:
            conn.execute("DELETE FROM sessions WHERE id = ?", (session_id,))

    def export_seances_csv(self, path: str | os.PathLike[str]) -> int:
        """Write the whole log to ``path`` (UTF-8 with BOM, ``;``); returns the number of seances.

        Written with :func:`~coopguide.core.shared.files.write_atomically`, so a failed export never
        leaves half a file nor destroys the previous one.
        """
        seances = self.sessions()
        target = Path(path).expanduser().absolute()
        data = seances_csv(seances).encode("utf-8-sig")
        write_atomically(target, data, action=f"écrire le fichier {target.name}")
        return len(seances)
