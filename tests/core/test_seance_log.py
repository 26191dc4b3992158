"""The seance log on a real SQLite file: migration step 4, add/edit/delete, validation, CSV export."""

from __future__ import annotations

import csv
import datetime as dt
import sqlite3

import pytest

from coopguide.core.seance_csv import CSV_HEADER, export_seances_csv
from coopguide.core.shared.errors import InvalidInputError, ReadOnlyError, StorageError
from coopguide.core.shared.paths import DATABASE_NAME
from coopguide.core.store import migrations, open_store
from coopguide.core.store.seances import clean_date
from tests.helpers import undo_step_7


def test_migration_adds_the_sessions_table_to_an_existing_database(store, data_dir):
    assert migrations.LATEST_VERSION >= 4
    store.close()
    with sqlite3.connect(data_dir / DATABASE_NAME) as conn:  # a version 3 file, as shipped before
        undo_step_7(conn)
        conn.execute("DROP TABLE sessions")
        conn.execute("DROP TABLE dossier_updates")  # added at version 5
        conn.execute("DROP TABLE session_groups")  # added at version 6
        conn.execute("PRAGMA user_version = 3")
    reopened = open_store(data_dir)
    try:
        assert reopened.db.conn.execute("PRAGMA user_version").fetchone()[0] == migrations.LATEST_VERSION
        assert reopened.seances.all() == []
        assert reopened.seances.add("2026-11-24", "Montceau", 8).id == 1
    finally:
        reopened.close()


def test_add_edit_delete_are_on_disk(store, data_dir):
    first = store.seances.add(
        dt.date(2026, 11, 24), "  Permanence de   Montceau-les-Mines ", "12", "Scop, reprise", "salle B"
    )
    second = store.seances.add("01/12/2026", "Autun", 5)
    assert first.place == "Permanence de Montceau-les-Mines" and first.attendees == 12
    assert [s.id for s in store.seances.all()] == [second.id, first.id]  # most recent first
    store.seances.update(first.id, "2026-11-25", "Montceau", 14, "CAE")
    with sqlite3.connect(data_dir / DATABASE_NAME) as conn:
        assert conn.execute(
            "SELECT date, place, attendees, topics, notes FROM sessions WHERE id = ?", (first.id,)
        ).fetchone() == ("2026-11-25", "Montceau", 14, "CAE", "")
    store.seances.delete(second.id)
    assert [s.id for s in store.seances.all()] == [first.id]
    with pytest.raises(InvalidInputError, match="n'existe plus"):
        store.seances.update(second.id, "2026-11-25", "Autun", 1)


@pytest.mark.parametrize(
    ("values", "message"),
    [
        (("2026-13-01", "Montceau", 3), "Date de séance illisible"),
        (("2026-11-24", "   ", 3), "Indiquez le lieu"),
        (("2026-11-24", "Montceau", "douze"), "nombre entier"),
        (("2026-11-24", "Montceau", -1), "impossible"),
        (("2026-11-24", "x" * 201, 3), "Lieu : texte trop long"),
    ],
)
def test_invalid_input_is_refused_in_french_and_nothing_is_written(store, values, message):
    with pytest.raises(InvalidInputError, match=message):
        store.seances.add(*values)
    assert store.seances.all() == []


def test_french_and_iso_dates_are_accepted():
    assert clean_date("24/11/2026") == clean_date("2026-11-24") == "2026-11-24"


def test_csv_export_opens_right_in_french_excel(store, tmp_path):
    store.seances.add("2026-11-24", "Montceau-les-Mines", 12, "Scop; reprise « Dupont »", "=1+1")
    store.seances.add("2026-10-02", "Chalon", 7, "Découvrir la CAE")
    path = tmp_path / "journal.csv"
    assert export_seances_csv(store.seances.all(), path) == 2
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # BOM: Excel reads UTF-8, accents stay right
    with path.open(encoding="utf-8-sig", newline="") as stream:
        rows = list(csv.reader(stream, delimiter=";"))
    assert rows[0] == list(CSV_HEADER)
    assert rows[1] == ["02/10/2026", "", "Chalon", "7", "Découvrir la CAE", ""]  # oldest first
    assert rows[2] == ["24/11/2026", "", "Montceau-les-Mines", "12", "Scop; reprise « Dupont »", "'=1+1"]
    assert b"\r\n" in raw and '"Scop; reprise' in raw.decode("utf-8-sig")  # the ; inside is quoted


def test_export_to_an_impossible_place_says_so_and_leaves_nothing(store, tmp_path):
    store.seances.add("2026-11-24", "Montceau", 3)
    with pytest.raises(StorageError, match=r"Impossible d.écrire le fichier journal\.csv"):
        export_seances_csv(store.seances.all(), tmp_path / "absent" / "journal.csv")
    assert not (tmp_path / "absent").exists()


def test_read_only_store_refuses_to_write(store):
    store.db.read_only = True
    with pytest.raises(ReadOnlyError):
        store.seances.add("2026-11-24", "Montceau", 3)


def test_a_version_5_log_keeps_its_seances_and_they_get_no_name_nor_groups(store, data_dir):
    kept = store.seances.add("2026-11-24", "Montceau", 8, "Scop")
    store.close()
    with sqlite3.connect(data_dir / DATABASE_NAME) as conn:  # as version 5 left it
        undo_step_7(conn)
        conn.execute("DROP TABLE session_groups")
        conn.execute("ALTER TABLE sessions DROP COLUMN name")
        conn.execute("ALTER TABLE sessions DROP COLUMN preset")
        conn.execute("PRAGMA user_version = 5")
    reopened = open_store(data_dir)
    try:
        [seance] = reopened.seances.all()
        assert (seance.id, seance.place, seance.attendees, seance.name, seance.preset) == (
            kept.id,
            "Montceau",
            8,
            "",
            "",
        )
        assert reopened.seances.groups.of_seance(seance.id) == [] and reopened.seances.prepared() == []
    finally:
        reopened.close()
