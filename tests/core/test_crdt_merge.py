"""Dossiers on several laptops (issue 18): merges go through the Yjs document and never trust clocks.

Each "laptop" is its own data folder with a real SQLite file; dossiers travel as real
``.coopguide`` files. Clocks are skewed by patching the stamp function the store uses.
"""

from __future__ import annotations

import base64
import json
import random
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from coopguide.core.content.cache import build
from coopguide.core.shared.paths import DATABASE_NAME
from coopguide.core.store import items as items_module
from coopguide.core.store import migrations, open_store
from coopguide.core.store.exchange import (
    ExchangeFileError,
    apply_merge,
    export_dossier,
    export_payload,
    import_as_new,
    parse_exchange,
    plan_merge,
    read_exchange_file,
)
from coopguide.core.store.progress import DONE, NOT_APPLICABLE, TODO, ItemProgress
from tests.helpers import back_to_version_4

ITEMS = ("alpha.groupe", "alpha.loi", "beta.un")
YEAR = 365 * 24 * 3600


def stamp_at(offset_s: float) -> str:
    import datetime as dt

    moment = dt.datetime.now(dt.UTC) + dt.timedelta(seconds=offset_s)
    return moment.isoformat(timespec="milliseconds")


def merge_file(store, dossier_id: int, path: Path) -> None:
    apply_merge(store, plan_merge(store, dossier_id, read_exchange_file(path)))


def values(store, dossier_id: int) -> dict[str, tuple[str, ...]]:
    return {
        row.item_id: (row.state, row.done_by, row.note, row.due, row.assignee)
        for row in store.items.rows(dossier_id)
        if not row.is_empty
    }


# -- three laptops, random edits and exchanges, clocks off by up to five years ---------------------
@dataclass
class Edit:
    number: int
    item_id: str
    field: str
    value: str
    seen: frozenset[int]  # edits the laptop had when it made this one


@dataclass
class Laptop:
    store: object
    dossier_id: int
    skew_s: float
    seen: set[int] = field(default_factory=set)


def _edit(laptop: Laptop, rng: random.Random, number: int, monkeypatch) -> Edit:
    monkeypatch.setattr(items_module, "now_iso", lambda: stamp_at(laptop.skew_s))
    item_id = rng.choice(ITEMS)
    kind = rng.choice(["state", "due", "assignee", "note"])
    current = laptop.store.items.row(laptop.dossier_id, item_id)
    if kind == "state":
        value = rng.choice([TODO, DONE, NOT_APPLICABLE])
    elif kind == "due":
        value = f"2027-0{rng.randint(1, 9)}-1{rng.randint(0, 9)}"
    elif kind == "assignee":
        value = rng.choice(["Aline", "Bruno", "Chloé", ""])
    else:
        value = f"{current.note} [m{number}]"  # every note edit adds a token that must survive
    laptop.store.items.change(
        laptop.dossier_id, item_id, {kind: value}, content_edition="t", done_by="Aline", note_base=current.note
    )
    edit = Edit(number, item_id, kind, value, frozenset(laptop.seen))
    laptop.seen.add(number)
    return edit


def _send(source: Laptop, target: Laptop, folder: Path, number: int) -> None:
    path = export_dossier(source.store, source.dossier_id, folder / f"envoi-{number}.coopguide", "t")
    merge_file(target.store, target.dossier_id, path)
    target.seen |= source.seen


@settings(max_examples=12, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)
@given(seed=st.integers(0, 2**32 - 1))
def test_three_laptops_with_wrong_clocks_converge_and_keep_every_latest_edit(
    tmp_path_factory, seed, monkeypatch_module
):
    rng = random.Random(seed)
    root = tmp_path_factory.mktemp("salle")
    laptops = []
    first = open_store(root / "portable-0")
    dossier = first.dossiers.create("Groupe 1", members=["Aline", "Bruno"])
    laptops.append(Laptop(first, dossier.id, rng.uniform(-5, 5) * YEAR))
    start = export_dossier(first, dossier.id, root / "depart.coopguide", "t")
    for n in (1, 2):
        store = open_store(root / f"portable-{n}")
        laptops.append(Laptop(store, import_as_new(store, read_exchange_file(start)).id, rng.uniform(-5, 5) * YEAR))
    edits: list[Edit] = []
    for number in range(40):
        if rng.random() < 0.7:
            edits.append(_edit(rng.choice(laptops), rng, number, monkeypatch_module))
        else:
            source, target = rng.sample(laptops, 2)
            _send(source, target, root, number)
    for round_number in range(2):  # everyone gives everything to everyone
        for source in laptops:
            for target in laptops:
                if source is not target:
                    _send(source, target, root, 1000 + round_number)
    final = [values(laptop.store, laptop.dossier_id) for laptop in laptops]
    assert final[0] == final[1] == final[2]
    rows = {row.item_id: row for row in laptops[0].store.items.rows(laptops[0].dossier_id)}
    for item_id in ITEMS:
        row = rows.get(item_id, ItemProgress(item_id))
        for kind in ("state", "due", "assignee"):
            on_field = [e for e in edits if e.item_id == item_id and e.field == kind]
            latest = [e for e in on_field if not any(e.number in other.seen for other in on_field)]
            if len(latest) == 1:  # made after seeing every other edit of this field: it must win
                assert getattr(row, kind) == latest[0].value, (item_id, kind, latest[0])
            elif latest:  # concurrent: one of them, the same everywhere (checked above)
                assert getattr(row, kind) in {e.value for e in latest}
        for edit in (e for e in edits if e.item_id == item_id and e.field == "note"):
            assert f"[m{edit.number}]" in row.note, (item_id, edit.number, row.note)
    for laptop in laptops:
        laptop.store.close()


@pytest.fixture(scope="module")
def monkeypatch_module():
    with pytest.MonkeyPatch.context() as patch:
        yield patch


# -- the cases the review found ------------------------------------------------------------------
@pytest.fixture
def two_laptops(tmp_path):
    here = open_store(tmp_path / "ici")
    dossier = here.dossiers.create("Reprise Dupont", members=["Aline"])
    here.items.change(dossier.id, "alpha.groupe", {"note": "appeler l'URSCOP"}, content_edition="t")
    path = export_dossier(here, dossier.id, tmp_path / "depart.coopguide", "t")
    there = open_store(tmp_path / "la-bas")
    copy = import_as_new(there, read_exchange_file(path))
    yield here, dossier.id, there, copy.id
    here.close()
    there.close()


def test_a_laptop_with_a_fast_clock_does_not_revert_the_others_newer_edit(two_laptops, tmp_path, monkeypatch):
    here, mine, there, theirs = two_laptops
    monkeypatch.setattr(items_module, "now_iso", lambda: stamp_at(5 * YEAR))  # dead CMOS battery
    there.items.change(theirs, "alpha.groupe", {"state": DONE}, content_edition="t", done_by="Bruno")
    merge_file(here, mine, export_dossier(there, theirs, tmp_path / "a.coopguide", "t"))
    monkeypatch.setattr(items_module, "now_iso", lambda: stamp_at(0))
    here.items.change(mine, "alpha.groupe", {"state": TODO}, content_edition="t")  # after seeing it
    merge_file(there, theirs, export_dossier(here, mine, tmp_path / "b.coopguide", "t"))
    assert there.items.row(theirs, "alpha.groupe").state == TODO  # the 2031 tick does not come back
    merge_file(here, mine, export_dossier(there, theirs, tmp_path / "c.coopguide", "t"))
    assert here.items.row(mine, "alpha.groupe").state == TODO


def test_a_laptop_with_a_slow_clock_keeps_its_newest_change(two_laptops, tmp_path, monkeypatch):
    here, mine, there, theirs = two_laptops
    here.items.change(mine, "alpha.loi", {"due": "2027-03-01"}, content_edition="t")
    merge_file(there, theirs, export_dossier(here, mine, tmp_path / "a.coopguide", "t"))
    monkeypatch.setattr(items_module, "now_iso", lambda: stamp_at(-5 * YEAR))  # clock in 2021
    there.items.change(theirs, "alpha.loi", {"due": "2027-04-15"}, content_edition="t")
    merge_file(here, mine, export_dossier(there, theirs, tmp_path / "b.coopguide", "t"))
    assert here.items.row(mine, "alpha.loi").due == "2027-04-15"


def test_concurrent_edits_of_one_note_keep_both_texts(two_laptops, tmp_path):
    here, mine, there, theirs = two_laptops
    here.items.change(mine, "alpha.groupe", {"note": "appeler l'URSCOP lundi"}, content_edition="t")
    there.items.change(theirs, "alpha.groupe", {"note": "Bruno : appeler l'URSCOP"}, content_edition="t")
    here_file = export_dossier(here, mine, tmp_path / "a.coopguide", "t")
    there_file = export_dossier(there, theirs, tmp_path / "b.coopguide", "t")
    merge_file(here, mine, there_file)
    merge_file(there, theirs, here_file)
    note = here.items.row(mine, "alpha.groupe").note
    assert note == there.items.row(theirs, "alpha.groupe").note == "Bruno : appeler l'URSCOP lundi"


def test_merging_both_ways_gives_the_same_dossier_and_a_second_import_changes_nothing(two_laptops, tmp_path):
    here, mine, there, theirs = two_laptops
    here.items.change(mine, "beta.un", {"state": DONE, "assignee": "Aline"}, content_edition="t", done_by="Aline")
    there.items.change(theirs, "beta.un", {"due": "2027-01-31"}, content_edition="t")
    there.dossiers.update(theirs, members=["Aline", "Bruno"], description="Imprimerie")
    here_file = export_dossier(here, mine, tmp_path / "a.coopguide", "t")
    there_file = export_dossier(there, theirs, tmp_path / "b.coopguide", "t")
    plan = plan_merge(here, mine, read_exchange_file(there_file))
    assert plan.new_members == ("Bruno",) and plan.description == "Imprimerie"
    apply_merge(here, plan)
    merge_file(there, theirs, here_file)
    assert values(here, mine) == values(there, theirs)
    assert here.items.row(mine, "beta.un").due == "2027-01-31" and here.items.row(mine, "beta.un").state == DONE
    assert here.dossiers.get(mine).members == there.dossiers.get(theirs).members == ("Aline", "Bruno")
    updates = here.documents.count(here.db.conn, mine)
    rows = here.items.rows(mine)
    again = plan_merge(here, mine, read_exchange_file(there_file))
    assert again.is_empty
    apply_merge(here, again)
    assert here.items.rows(mine) == rows and here.documents.count(here.db.conn, mine) == updates


def test_an_item_under_its_current_id_wins_over_its_former_id_whatever_the_dates(store, tmp_path, content_root):
    content = build(content_root).content  # alpha.forme was alpha.statut (ancien=)
    dossier = store.dossiers.ensure_default()
    store.items.save(dossier.id, [ItemProgress("alpha.statut", state=DONE)], stamp="2099-01-01T00:00:00+00:00")
    store.items.save(dossier.id, [ItemProgress("alpha.forme", state=TODO, note="revu")])
    from coopguide.core.store.progress import resolve

    resolved = resolve(store.items.rows(dossier.id), content)
    assert resolved.get("alpha.forme").state == TODO and resolved.get("alpha.forme").note == "revu"
    # The same in a format 1 file carrying both ids: the current id's row is the one merged.
    target = store.dossiers.create("Autre")
    payload = export_payload(store, dossier.id, "t")
    del payload["document"]
    path = tmp_path / "v1.coopguide"
    path.write_text(json.dumps(payload), encoding="utf-8")
    plan = plan_merge(store, target.id, read_exchange_file(path), content)
    assert [(c.item_id, c.after.note, c.after.state) for c in plan.changes] == [("alpha.forme", "revu", TODO)]


def test_an_editor_note_typed_on_a_stale_copy_keeps_the_note_merged_meanwhile(two_laptops, tmp_path):
    here, mine, there, theirs = two_laptops
    shown = here.items.row(mine, "alpha.groupe").note  # what the editor loaded
    there.items.change(theirs, "alpha.groupe", {"note": "appeler l'URSCOP (fait : RDV le 3)"}, content_edition="t")
    merge_file(here, mine, export_dossier(there, theirs, tmp_path / "a.coopguide", "t"))
    here.items.change(mine, "alpha.groupe", {"note": "Aline : appeler l'URSCOP"}, content_edition="t", note_base=shown)
    assert here.items.row(mine, "alpha.groupe").note == "Aline : appeler l'URSCOP (fait : RDV le 3)"


# -- files: format 1 still works, format 2 is checked ----------------------------------------------
def test_a_format_1_file_imports_and_merges_by_date_as_before(store, tmp_path):
    dossier = store.dossiers.create("Groupe")
    payload = export_payload(store, dossier.id, "t")
    del payload["document"]
    payload["items"] = [
        {"item_id": "alpha.groupe", "state": "fait", "done_by": "Zoé", "updated_at": "2026-01-01T10:00:00+01:00"}
    ]
    path = tmp_path / "ancien.coopguide"
    path.write_text(json.dumps(payload), encoding="utf-8")
    imported = import_as_new(store, read_exchange_file(path))
    assert store.items.row(imported.id, "alpha.groupe").done_by == "Zoé"
    merge_file(store, dossier.id, path)
    assert store.items.row(dossier.id, "alpha.groupe").state == DONE
    merge_file(store, dossier.id, path)  # twice: nothing more
    assert plan_merge(store, dossier.id, read_exchange_file(path)).is_empty
    # and the dossier imported from it now has a document that exports as format 2
    exported = json.loads(export_dossier(store, imported.id, tmp_path / "v2", "t").read_text(encoding="utf-8"))
    assert exported["document"]["version"] == 2 and exported["version"] == 1


def test_a_document_with_hidden_characters_or_a_wrong_shape_is_refused(store, tmp_path):
    from pycrdt import Doc, Map

    doc = Doc()
    doc.get("elements", type=Map)["alpha.groupe|etat"] = {"state": "fait", "done_by": "Zo\x1b[2Jé", "at": ""}
    bad_shape = Doc()
    bad_shape.get("elements", type=Map)["alpha.groupe|etat"] = {"state": 3}
    dossier = store.dossiers.create("Groupe")
    payload = export_payload(store, dossier.id, "t")
    for update, reason in ((doc.get_update(), "caractères cachés"), (bad_shape.get_update(), "illisible")):
        payload["document"]["data"] = base64.b64encode(update).decode()
        with pytest.raises(ExchangeFileError, match=reason):
            parse_exchange(json.dumps(payload).encode(), "x.coopguide")
    payload["document"]["version"] = 3
    with pytest.raises(ExchangeFileError, match="plus récente"):
        parse_exchange(json.dumps(payload).encode(), "x.coopguide")


# -- the schema step: existing rows become documents, once, after a backup --------------------------
def _version_4_database(folder: Path, note: str) -> None:
    store = open_store(folder)
    dossier = store.dossiers.ensure_default()
    store.items.save(
        dossier.id,
        [ItemProgress("alpha.groupe", state=DONE, done_by="Aline", done_at="2026-11-02T10:00:00+01:00", note=note)],
        stamp="2026-11-02T10:00:00+01:00",
    )
    store.close()
    back_to_version_4(folder / DATABASE_NAME)


def test_migration_turns_rows_into_documents_and_two_migrated_laptops_do_not_double_notes(tmp_path):
    for name in ("a", "b"):
        _version_4_database(tmp_path / name, "même note des deux côtés")
    a, b = open_store(tmp_path / "a"), open_store(tmp_path / "b")
    try:
        assert a.db.conn.execute("PRAGMA user_version").fetchone()[0] == migrations.LATEST_VERSION
        assert list((tmp_path / "a" / "sauvegardes").glob("*")), "a backup before the schema step"
        dossier_a, dossier_b = a.dossiers.ensure_default(), b.dossiers.ensure_default()
        assert a.documents.count(a.db.conn, dossier_a.id) == 1
        assert a.documents.snapshot(a.db.conn, dossier_a.id).rows() == a.items.rows(dossier_a.id)
        b.items.change(dossier_b.id, "alpha.groupe", {"note": "même note des deux côtés, vue"}, content_edition="t")
        merge_file(a, dossier_a.id, export_dossier(b, dossier_b.id, tmp_path / "b.coopguide", "t"))
        row = a.items.row(dossier_a.id, "alpha.groupe")
        assert row.note == "même note des deux côtés, vue" and row.state == DONE and row.done_by == "Aline"
    finally:
        a.close()
        b.close()


def test_many_edits_are_compacted_into_one_update(store, monkeypatch):
    from coopguide.core.store import documents

    monkeypatch.setattr(documents, "COMPACT_AFTER", 20)
    dossier = store.dossiers.create("Groupe")
    for number in range(45):
        store.items.change(dossier.id, "alpha.groupe", {"note": f"version {number}"}, content_edition="t")
    assert store.documents.count(store.db.conn, dossier.id) <= 21
    store.documents.forget()
    assert store.documents.snapshot(store.db.conn, dossier.id).row("alpha.groupe").note == "version 44"


# -- crafted documents: refused in French or accepted whole, never a traceback -------------------
def _crafted(build) -> bytes:
    from pycrdt import Doc

    doc = Doc()
    build(doc)
    return doc.get_update()


def _items(doc, values: dict) -> None:
    from pycrdt import Map

    elements = doc.get("elements", type=Map)
    for key, value in values.items():
        elements[key] = value


def _root_map(doc, name: str):
    from pycrdt import Map

    return doc.get(name, type=Map)


def _note_as_map(doc) -> None:
    from pycrdt import Map

    _items(doc, {"alpha.groupe|note": {"at": ""}})
    doc.get("note:alpha.groupe", type=Map)["x"] = "y"


CRAFTED = {
    "clé sans séparateur": lambda d: _items(d, {"sans-barre": {"state": "fait"}}),
    "valeur nombre": lambda d: _items(d, {"alpha.groupe|etat": 3}),
    "état inconnu": lambda d: _items(d, {"alpha.groupe|etat": {"state": "peut-être"}}),
    "date en l'an 9999": lambda d: _items(d, {"alpha.groupe|etat": {"state": "fait", "done_at": "9999-12-31T00:00"}}),
    "échéance illisible": lambda d: _items(d, {"alpha.groupe|echeance": {"value": "demain"}}),
    "identifiant trop long": lambda d: _items(d, {"x" * 5000 + "|etat": {"state": "fait"}}),
    "note en table": _note_as_map,
    "membre nombre": lambda d: _root_map(d, "membres").update({"a": 1}),
    "nom en liste": lambda d: _root_map(d, "dossier").update({"nom": ["a"]}),
    "trop d'éléments": lambda d: _items(d, {f"e{n}|etat": {"state": "fait"} for n in range(20_001)}),
}


@pytest.mark.parametrize("case", sorted(CRAFTED))
def test_a_crafted_document_is_refused_or_accepted_cleanly_and_never_changes_data_on_refusal(store, tmp_path, case):
    dossier = store.dossiers.create("Groupe")
    store.items.change(dossier.id, "alpha.groupe", {"state": DONE, "note": "gardée"}, content_edition="t")
    payload = export_payload(store, dossier.id, "t")
    payload["document"]["data"] = base64.b64encode(_crafted(CRAFTED[case])).decode()
    path = tmp_path / "x.coopguide"
    path.write_text(json.dumps(payload), encoding="utf-8")
    before = (store.items.rows(dossier.id), store.documents.count(store.db.conn, dossier.id))
    try:
        exchange = read_exchange_file(path)
    except ExchangeFileError as error:
        assert "« x.coopguide »" in str(error)
        assert (store.items.rows(dossier.id), store.documents.count(store.db.conn, dossier.id)) == before
        return
    apply_merge(store, plan_merge(store, dossier.id, exchange))  # accepted: merges without error
    assert store.items.row(dossier.id, "alpha.groupe").note.endswith("gardée")
