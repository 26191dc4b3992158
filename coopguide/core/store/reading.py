"""Reading history kept in the user database: bookmarks and recently opened guides
(``store.reading``; every SQL statement on the ``bookmarks`` and ``recent_guides`` tables)."""

from __future__ import annotations

from coopguide.core.shared.dates import now_iso
from coopguide.core.store.database import Database

RECENT_KEPT = 10
MAX_BOOKMARKS = 500


class ReadingHistory:
    """Bookmarks and recent guides; each write is one transaction."""

    def __init__(self, db: Database) -> None:
        self._db = db

    def bookmarks(self) -> list[tuple[str, str]]:
        """(target link, title), most recent first."""
        return list(self._db.conn.execute("SELECT target, title FROM bookmarks ORDER BY created_at DESC"))

    def add_bookmark(self, target: str, title: str) -> None:
        with self._db.transaction("ajouter le favori") as conn:
            conn.execute(
                "INSERT INTO bookmarks (target, title, created_at) VALUES (?, ?, ?) "
                "ON CONFLICT (target) DO UPDATE SET title = excluded.title",
                (target, title[:200], now_iso()),
            )
            conn.execute(
                "DELETE FROM bookmarks WHERE target NOT IN "
                "(SELECT target FROM bookmarks ORDER BY created_at DESC LIMIT ?)",
                (MAX_BOOKMARKS,),
            )

    def remove_bookmark(self, target: str) -> None:
        with self._db.transaction("retirer le favori") as conn:
            conn.execute("DELETE FROM bookmarks WHERE target = ?", (target,))

    def touch_recent(self, guide_id: str) -> None:
        """Put the guide first in the recent guides. Nothing is written when it is first already (the
        guide of the last session, shown again at start): the list would be the same, and a commit
        waits for the disk."""
        if self.recent_guides()[:1] == [guide_id]:  # at most RECENT_KEPT rows, in the menu's order
            return
        with self._db.transaction("noter le guide récent") as conn:
            conn.execute(
                "INSERT INTO recent_guides (guide_id, opened_at) VALUES (?, ?) "
                "ON CONFLICT (guide_id) DO UPDATE SET opened_at = excluded.opened_at",
                (guide_id, now_iso()),
            )
            conn.execute(
                "DELETE FROM recent_guides WHERE guide_id NOT IN "
                "(SELECT guide_id FROM recent_guides ORDER BY opened_at DESC LIMIT ?)",
                (RECENT_KEPT,),
            )

    def recent_guides(self) -> list[str]:
        return [row[0] for row in self._db.conn.execute("SELECT guide_id FROM recent_guides ORDER BY opened_at DESC")]
