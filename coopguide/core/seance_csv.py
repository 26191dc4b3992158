"""The séance log as a CSV file for a French spreadsheet: the yearly report a permanence owes its
funders. Loaded only for an export (never at start): the log itself is read by
:class:`coopguide.core.store.seances.SeanceLog`.

Any cell that a spreadsheet would take for a formula is quoted, so opening the file never runs
anything; the file is written atomically (:mod:`coopguide.core.shared.files`), so a failed export never leaves
half a file nor destroys the previous one.
"""

from __future__ import annotations

import csv
import io
import os
from collections.abc import Iterable
from pathlib import Path

from coopguide.core.shared.dates import short_date
from coopguide.core.shared.files import write_atomically
from coopguide.core.store.seances import Seance

CSV_HEADER = ("Date", "Séance", "Lieu", "Participants", "Thèmes abordés", "Remarques")
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _cell(text: str) -> str:
    """A text cell that Excel or LibreOffice would take for a formula (« =… », « +… ») is quoted
    with an apostrophe, so opening the export never runs anything."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def seances_csv(seances: Iterable[Seance]) -> str:
    """The log as CSV text for a French spreadsheet.

    ``;`` separates the fields because French Excel uses the comma as decimal mark and therefore
    expects semicolons in CSV files (a comma-separated file opens as one column); dates are
    written JJ/MM/AAAA, which French Excel recognises as dates. The file is written with a UTF-8
    byte-order mark (see :func:`export_seances_csv`): without it Excel reads the file as
    Windows-1252 and « é » turns into « Ã© ».
    """
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(CSV_HEADER)
    for seance in sorted(seances, key=lambda s: (s.date, s.id)):
        writer.writerow(
            (
                short_date(seance.date),
                _cell(seance.name),
                _cell(seance.place),
                seance.attendees,
                _cell(seance.topics),
                _cell(seance.notes),
            )
        )
    return out.getvalue()


def export_seances_csv(seances: list[Seance], path: str | os.PathLike[str]) -> int:
    """Write ``seances`` (``store.seances.all()``) to ``path`` (UTF-8 with BOM, ``;``); returns the
    number of seances.

    Written with :func:`~coopguide.core.shared.files.write_atomically`, so a failed export never
    leaves half a file nor destroys the previous one.
    """
    target = Path(path).expanduser().absolute()
    data = seances_csv(seances).encode("utf-8-sig")
    write_atomically(target, data, action=f"écrire le fichier {target.name}")
    return len(seances)
