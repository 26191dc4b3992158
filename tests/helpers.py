"""Shortcuts that only tests need, kept out of the store's API: tick or untick an item in one call,
the ids that count as done, typing accents into a widget, a prepared séance with three groups."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

from coopguide.core.content.presets import Preset
from coopguide.core.store import Store
from coopguide.core.store.progress import DONE, TODO


def set_done(store: Store, dossier_id: int, item_id: str, done: bool, content_edition: str) -> None:
    store.items.set_state(dossier_id, item_id, DONE if done else TODO, content_edition=content_edition)


def done_items(store: Store, dossier_id: int) -> set[str]:
    """Ids (as stored) that are done or not applicable."""
    return {row.item_id for row in store.items.rows(dossier_id) if row.is_complete}


def type_text(widget, text: str) -> None:
    """Type ``text`` into ``widget`` as a keyboard does, accents included: QTest's keyClicks asserts
    on characters outside ASCII, so each one is sent as the key event an input method makes."""
    from PySide6.QtCore import QEvent, Qt
    from PySide6.QtGui import QKeyEvent
    from PySide6.QtWidgets import QApplication

    for char in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, char))


SEANCE_DAY = dt.date(2026, 11, 24)
SEANCE_PRESET = Preset(
    "essai", "Essai de séance", "Salariés", "2 heures", ("alpha",), ("beta.liste", "alpha.premiere", "alpha.seconde")
)


def prepared_seance(store: Store, content):
    """« Séance 24/11 » at Montceau, three groups of the test content with different progress:
    Les Ébénistes (3 of 6 done or N.A., one note, one overdue item), Atelier 2 (one dated step,
    one note), Table du fond (nothing)."""
    from coopguide.core.seance_prep import create_seance, plan_seance
    from coopguide.core.store.progress import NOT_APPLICABLE

    plan = plan_seance(
        SEANCE_PRESET,
        "Séance 24/11",
        ["Les Ébénistes", "Atelier 2", "Table du fond"],
        store.dossiers.free_name,
        content,
        SEANCE_DAY,
        "Montceau",
    )
    created, seance, error = create_seance(store, plan)
    assert error is None and seance is not None
    first, second, _third = created

    def change(dossier, item_id, **fields):
        store.items.change(dossier.id, item_id, fields, content_edition="t")

    change(first, "alpha.groupe", state=DONE)
    change(first, "alpha.loi", state=NOT_APPLICABLE)
    change(first, "beta.un", state=DONE, note="Appeler l'URSCOP lundi")
    change(first, "alpha.depot", due="2026-11-20", assignee="Karim")  # overdue
    change(second, "beta.deux", due="2026-12-01")
    change(second, "alpha.forme", note="Scop ou Scic ? à revoir")
    return seance


def undo_step_7(conn: sqlite3.Connection) -> None:
    """Remove what schema step 7 added (dossier scope, key dates, relative due dates)."""
    conn.execute("DROP TABLE dossier_dates")
    conn.execute("ALTER TABLE dossiers DROP COLUMN scope")
    conn.execute("ALTER TABLE item_progress DROP COLUMN due_rule")


def back_to_version_4(database: Path) -> None:
    """Make a current database look like one written by schema version 4, before dossier documents
    (step 5), séance groups (step 6), scope and key dates (step 7), to test those migrations on real
    rows."""
    with sqlite3.connect(database) as conn:
        undo_step_7(conn)
        conn.execute("DROP TABLE dossier_updates")
        conn.execute("DROP TABLE session_groups")
        conn.execute("ALTER TABLE sessions DROP COLUMN name")
        conn.execute("ALTER TABLE sessions DROP COLUMN preset")
        conn.execute("PRAGMA user_version = 4")
