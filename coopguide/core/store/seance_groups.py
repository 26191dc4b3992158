"""The groups of a séance (SQL table ``session_groups``): each group's name, in the order the
trainer typed them, and the dossier it ticks in.

A group is kept when its dossier is purged from the trash (``dossier_id`` becomes NULL): the séance
still says it had that group. A dossier may belong to several séances (a group that comes back
next week in a new séance keeps its dossier). Rows are written only inside the séance log's
transactions (:mod:`coopguide.core.store.seances`), so a séance never exists without its groups.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass

from coopguide.core.store.database import Database


@dataclass(frozen=True)
class SeanceGroup:
    seance_id: int
    position: int  # 1-based, the order of the groups in the dialog and in the side-by-side view
    name: str
    dossier_id: int | None  # None once the dossier was purged


class SeanceGroups:
    """``store.seances.groups``: reads any time; writes through :meth:`insert` in a caller's
    transaction."""

    def __init__(self, db: Database) -> None:
        self._db = db

    def of_seance(self, seance_id: int) -> list[SeanceGroup]:
        rows = self._db.conn.execute(
            "SELECT session_id, position, name, dossier_id FROM session_groups WHERE session_id = ? ORDER BY position",
            (seance_id,),
        )
        return [SeanceGroup(*row) for row in rows]

    def seances_of_dossier(self, dossier_id: int) -> list[int]:
        """The séances this dossier is a group of, the latest (by date, then id) first."""
        rows = self._db.conn.execute(
            "SELECT g.session_id FROM session_groups g JOIN sessions s ON s.id = g.session_id "
            "WHERE g.dossier_id = ? ORDER BY s.date DESC, s.id DESC",
            (dossier_id,),
        )
        return [row[0] for row in rows]

    def group_of_dossier(self, dossier_id: int) -> SeanceGroup | None:
        """The dossier's group in its latest séance, if it is a group of one."""
        seances = self.seances_of_dossier(dossier_id)
        if not seances:
            return None
        return next((g for g in self.of_seance(seances[0]) if g.dossier_id == dossier_id), None)

    def seances_with_groups(self) -> set[int]:
        return {row[0] for row in self._db.conn.execute("SELECT DISTINCT session_id FROM session_groups")}

    @staticmethod
    def insert(conn: sqlite3.Connection, seance_id: int, groups: Iterable[tuple[str, int | None]]) -> None:
        """Within the caller's transaction: the groups ``(name, dossier_id)`` in order."""
        conn.executemany(
            "INSERT INTO session_groups (session_id, position, name, dossier_id) VALUES (?, ?, ?, ?)",
            [(seance_id, position, name, dossier) for position, (name, dossier) in enumerate(groups, start=1)],
        )
