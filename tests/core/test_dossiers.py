"""Dossiers and item progress on real SQLite files: every operation, migration from version 1,
content updates with aliases and removed items."""

from __future__ import annotations

import datetime as dt
import sqlite3

import pytest

from coopguide.core.content.cache import build
from coopguide.core.dashboard import build_dashboard, dashboard_html
from coopguide.core.shared.errors import InvalidInputError
from coopguide.core.shared.paths import DATABASE_NAME
from coopguide.core.store import migrations, open_store
from coopguide.core.store.progress import DONE, NOT_APPLICABLE, TODO, ItemProgress, resolve
from tests.helpers import done_items, set_done


def test_create_edit_and_list_dossiers(store):
    created = store.dossiers.create("Reprise Dupont", "Imprimerie, 12 salariés", ["Aline", " aline ", "Bruno", ""])
    assert created.members == ("Aline", "Bruno")
    assert created.created_at[:4].isdigit()
    renamed = store.dossiers.update(created.id, name="Scop Dupont", members=["Aline", "Chloé"])
    assert (renamed.name, renamed.description, renamed.members) == (
        "Scop Dupont",
        "Imprimerie, 12 salariés",
        ("Aline", "Chloé"),
    )
    with pytest.raises(InvalidInputError, match="s'appelle déjà"):
        store.dossiers.update(created.id, name="mon projet")
    assert store.dossiers.get(created.id).name == "Scop Dupont"


STORED_LISTS = {  # what a members or scope column may hold → (members read, scope read)
    '["Aline", "Bob", "Chloé"]': (("Aline", "Bob", "Chloé"), ("Aline", "Bob", "Chloé")),
    "[]": ((), ()),
    '["z", "a", "m"]': (("z", "a", "m"), ("z", "a", "m")),  # their order kept
    '"Aline"': ((), None),  # JSON, but not a list
    '{"a": 1}': ((), None),
    "[pas du json": ((), None),
    "": ((), None),
    None: ((), None),
    "[" * 3000 + "]" * 3000: ((), None),
    '["a\\u001fb"]': (("a", "b"), ("a", "b")),  # the unit separator: never in a cleaned name or id
    '["a\x1fb"]': ((), None),  # a raw control character: not JSON (json.loads said so too)
}


@pytest.mark.parametrize("stored", list(STORED_LISTS), ids=range(len(STORED_LISTS)))
def test_members_and_scope_are_read_from_their_json_lists_by_sqlite(store, stored):
    """The store reads the two JSON columns in SQL (no Python json at start): lists as lists, in
    their order; anything else as no members and every check-list, never an error."""
    dossier = store.dossiers.create("Lu par SQLite")
    members = "[]" if stored is None else stored  # the column is NOT NULL
    store.db.conn.execute("UPDATE dossiers SET members = ?, scope = ? WHERE id = ?", (members, stored, dossier.id))
    read = store.dossiers.require(dossier.id)
    assert (read.members, read.scope) == STORED_LISTS[stored]


def test_members_and_scope_written_are_read_back(store):
    dossier = store.dossiers.create("Écrit", members=["Aline", "Zoé « la trésorière »"])
    store.dossiers.set_scope(dossier.id, ("beta.liste", "alpha.premiere"))
    read = store.dossiers.require(dossier.id)
    assert read.members == ("Aline", "Zoé « la trésorière »")
    assert read.scope == ("beta.liste", "alpha.premiere")


def test_duplicate_with_and_without_progress(store):
    source = store.dossiers.create("Groupe A", members=["Aline"])
    store.items.set_state(source.id, "alpha.groupe", DONE, content_edition="e", done_by="Aline")
    store.items.save_one(source.id, ItemProgress("alpha.loi", note="voir l'avocat", due="2026-12-01"))
    full = store.dossiers.duplicate(source.id, "Groupe A bis", with_progress=True)
    blank = store.dossiers.duplicate(source.id, "Groupe B", with_progress=False)
    assert store.items.rows(full.id) == store.items.rows(source.id)
    assert store.items.rows(blank.id) == [] and blank.members == ("Aline",)


def test_archive_hides_and_trash_restores_with_progress(store):
    dossier = store.dossiers.create("Ancien projet")
    set_done(store, dossier.id, "alpha.groupe", True, "e")
    store.dossiers.set_archived(dossier.id, True)
    assert dossier.id not in [d.id for d in store.dossiers.in_use()]
    assert [d.id for d in store.dossiers.archived()] == [dossier.id]
    store.dossiers.set_archived(dossier.id, False)
    store.dossiers.delete(dossier.id)
    assert dossier.id not in [d.id for d in store.dossiers.all()]
    assert [d.id for d in store.dossiers.trash()] == [dossier.id]
    with pytest.raises(InvalidInputError, match="corbeille"):
        store.dossiers.create("ancien projet")
    store.dossiers.restore(dossier.id)
    assert done_items(store, dossier.id) == {"alpha.groupe"}


def test_purge_only_from_the_trash_and_erases_progress(store, data_dir):
    dossier = store.dossiers.create("À effacer")
    set_done(store, dossier.id, "alpha.groupe", True, "e")
    with pytest.raises(InvalidInputError):
        store.dossiers.purge(dossier.id)
    store.dossiers.delete(dossier.id)
    store.dossiers.purge(dossier.id)
    conn = sqlite3.connect(data_dir / DATABASE_NAME)
    assert conn.execute("SELECT COUNT(*) FROM item_progress WHERE dossier_id = ?", (dossier.id,)).fetchone() == (0,)
    assert store.dossiers.get(dossier.id) is None


def test_item_state_note_due_and_assignee(store):
    dossier = store.dossiers.ensure_default()
    store.items.save_one(
        dossier.id, ItemProgress("alpha.groupe", note="Appeler l'URSCOP\nmardi", due="2026-12-15", assignee="Aline")
    )
    ticked = store.items.set_state(dossier.id, "alpha.groupe", DONE, content_edition="e", done_by="Bruno")
    assert (ticked.state, ticked.done_by, ticked.note, ticked.due, ticked.assignee) == (
        DONE,
        "Bruno",
        "Appeler l'URSCOP\nmardi",
        "2026-12-15",
        "Aline",
    )
    assert ticked.done_at
    na = store.items.set_state(dossier.id, "alpha.loi", NOT_APPLICABLE, content_edition="e")
    assert na.is_complete
    assert done_items(store, dossier.id) == {"alpha.groupe", "alpha.loi"}
    untick = store.items.set_state(dossier.id, "alpha.groupe", TODO, content_edition="e")
    assert (untick.state, untick.done_by, untick.done_at, untick.note) == (TODO, "", "", "Appeler l'URSCOP\nmardi")


@pytest.mark.parametrize(
    ("row", "message"),
    [
        (ItemProgress("alpha.groupe", state="peut-être"), "État inconnu"),
        (ItemProgress("alpha.groupe", due="15/12/2026"), "Date d'échéance illisible"),
        (ItemProgress("alpha.groupe", note="x" * 20_001), "trop longue"),
    ],
)
def test_bad_item_values_are_refused_and_change_nothing(store, row, message):
    dossier = store.dossiers.ensure_default()
    with pytest.raises(InvalidInputError, match=message):
        store.items.save_one(dossier.id, row)
    assert store.items.rows(dossier.id) == []


def test_reset_unticks_keeps_notes_on_request_and_returns_what_was_there(store):
    dossier = store.dossiers.ensure_default()
    store.items.save_one(dossier.id, ItemProgress("alpha.groupe", state=DONE, note="gardée", assignee="Aline"))
    store.items.set_state(dossier.id, "alpha.loi", DONE, content_edition="e")
    before = store.items.reset(dossier.id, ["alpha.groupe", "alpha.loi", "alpha.forme"], keep_notes=True)
    assert [b.state for b in before] == [DONE, DONE, TODO]
    rows = {r.item_id: r for r in store.items.rows(dossier.id)}
    assert rows["alpha.groupe"].state == TODO and rows["alpha.groupe"].note == "gardée"
    assert rows["alpha.groupe"].assignee == ""
    store.items.reset(dossier.id, ["alpha.groupe"], keep_notes=False)
    assert store.items.row(dossier.id, "alpha.groupe").note == ""
    store.items.save(dossier.id, before)  # what undo does
    assert done_items(store, dossier.id) == {"alpha.groupe", "alpha.loi"}


def test_a_version_1_database_is_migrated_with_its_ticks_and_notes(data_dir):
    data_dir.mkdir(parents=True)
    conn = sqlite3.connect(data_dir / DATABASE_NAME, isolation_level=None)
    import sqlite_utils

    migrations._v1_initial(sqlite_utils.Database(conn))
    conn.execute("PRAGMA user_version = 1")
    conn.execute("INSERT INTO dossiers (name, description, created_at) VALUES ('Ancien', '', '2026-01-02T10:00:00')")
    conn.execute("INSERT INTO checks VALUES (1, 'alpha.groupe', 'fait', '2026-01-03T10:00:00+01:00', 'old-1')")
    conn.execute("INSERT INTO notes VALUES (1, 'alpha.loi', 'une note', '2026-01-04T10:00:00+01:00')")
    conn.close()
    store = open_store(data_dir)
    assert store.db.conn.execute("PRAGMA user_version").fetchone()[0] == migrations.LATEST_VERSION
    rows = {r.item_id: r for r in store.items.rows(1)}
    assert rows["alpha.groupe"].state == DONE and rows["alpha.groupe"].done_at == "2026-01-03T10:00:00+01:00"
    assert rows["alpha.loi"].note == "une note"
    assert store.dossiers.get(1).updated_at == "2026-01-02T10:00:00"
    assert list((data_dir / "sauvegardes").glob("*v1*"))  # backup made before migrating
    store.close()


def test_content_update_follows_aliases_and_lists_removed_items(store, content_root):
    """Old content had ``alpha.statut`` and ``alpha.ancienne``; the new one renamed the first
    (``ancien=alpha.statut``) and dropped the second."""
    content = build(content_root).content
    dossier = store.dossiers.ensure_default()
    store.items.save_one(
        dossier.id, ItemProgress("alpha.statut", state=DONE, note="fait chez le notaire", item_text="Choisir le statut")
    )
    store.items.save_one(dossier.id, ItemProgress("alpha.ancienne", state=DONE, item_text="Une étape disparue"))
    resolved = resolve(store.items.rows(dossier.id), content)
    assert resolved.get("alpha.forme").state == DONE
    assert resolved.get("alpha.forme").note == "fait chez le notaire"
    assert [r.item_id for r in resolved.removed] == ["alpha.ancienne"]
    # A later change under the new id wins over the old row; the old row stays on disk untouched.
    store.items.set_state(dossier.id, "alpha.forme", TODO, content_edition="test-1")
    resolved = resolve(store.items.rows(dossier.id), content)
    assert resolved.get("alpha.forme").state == TODO
    assert store.items.row(dossier.id, "alpha.statut").state == DONE
    html = dashboard_html(build_dashboard(content, resolved, dossier, dt.date(2026, 11, 24)))
    assert "Éléments retirés du contenu (1)" in html and "Une étape disparue" in html


def test_dashboard_progress_overdue_and_next_steps(store, content_root):
    content = build(content_root).content
    dossier = store.dossiers.update(store.dossiers.ensure_default().id, members=["Aline"])
    store.items.set_state(dossier.id, "alpha.groupe", DONE, content_edition="e")
    store.items.set_state(dossier.id, "alpha.loi", NOT_APPLICABLE, content_edition="e")
    store.items.save_one(dossier.id, ItemProgress("alpha.depot", due="2026-11-01", assignee="Aline"))
    store.items.save_one(dossier.id, ItemProgress("beta.deux", due="2026-12-20"))
    board = build_dashboard(content, resolve(store.items.rows(dossier.id), content), dossier, dt.date(2026, 11, 24))
    lines = {line.checklist_id: line for line in board.checklists}
    assert (lines["alpha.premiere"].done, lines["alpha.premiere"].total, lines["alpha.premiere"].not_applicable) == (
        2,
        3,
        1,
    )
    assert [line.item_id for line in board.overdue] == ["alpha.depot"]
    assert [line.item_id for line in board.next_steps][:2] == ["beta.deux", "alpha.forme"]
    html = dashboard_html(board)
    assert "en retard" in html and "Aline" in html and "2 / 3 dont 1 N.A." in html


def test_a_dossier_follows_every_checklist_until_given_a_scope_and_keeps_its_ticks_out_of_it(store, data_dir):
    everything = store.dossiers.create("Tout")
    assert everything.scope is None and everything.follows("n-importe-quelle.liste")
    scoped = store.dossiers.create("Reprise", scope=["rj.trente-jours", " rj.trente-jours", "contacts.rdv"])
    assert scoped.scope == ("rj.trente-jours", "contacts.rdv")
    assert scoped.follows("contacts.rdv") and not scoped.follows("belgique.pieges")
    store.items.save(scoped.id, [ItemProgress("alpha.groupe", state=DONE)], stamp="2026-12-01T10:00:00+01:00")
    narrowed = store.dossiers.set_scope(scoped.id, ["contacts.rdv"])
    assert narrowed.scope == ("contacts.rdv",)
    assert done_items(store, scoped.id) == {"alpha.groupe"}  # ticks are never dropped with a scope
    assert store.dossiers.set_scope(scoped.id, None).scope is None
    assert store.dossiers.duplicate(store.dossiers.set_scope(scoped.id, ["a.b"]).id, "Copie", False).scope == ("a.b",)
    with sqlite3.connect(data_dir / DATABASE_NAME) as conn:
        assert conn.execute("SELECT scope FROM dossiers WHERE id = ?", (scoped.id,)).fetchone() == ('["a.b"]',)
