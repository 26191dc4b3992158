"""Key dates of a dossier and due dates counted from them (issue 21): real SQLite files, real
``.coopguide`` files between two « laptops » (data folders)."""

from __future__ import annotations

import json

import pytest

from coopguide.core.merge_preview import key_date_lines
from coopguide.core.shared.errors import InvalidInputError
from coopguide.core.store import open_store
from coopguide.core.store.exchange import (
    apply_merge,
    export_dossier,
    import_as_new,
    plan_merge,
    read_exchange_file,
)
from coopguide.core.store.key_dates import custom_kind, missing_key_date

EDITION = "test"


def set_rule(store, dossier_id: int, item_id: str, rule: str):
    return store.items.change(dossier_id, item_id, {"due_rule": rule}, content_edition=EDITION)[1]


def dues(store, dossier_id: int) -> dict[str, tuple[str, str]]:
    return {r.item_id: (r.due, r.due_rule) for r in store.items.rows(dossier_id) if r.due or r.due_rule}


def test_a_rule_counts_from_the_key_date_and_follows_it_when_it_moves(store):
    dossier = store.dossiers.ensure_default().id
    store.key_dates.set(dossier, "jugement-ouverture", "2026-02-25")
    row = set_rule(store, dossier, "alpha.groupe", "jugement-ouverture+10")
    assert (row.due, row.due_rule) == ("2026-03-07", "jugement-ouverture+10")
    set_rule(store, dossier, "alpha.loi", "jugement-ouverture-1")
    store.items.change(dossier, "beta.un", {"due": "2026-04-01"}, content_edition=EDITION)  # a date by hand

    moved = store.key_dates.set(dossier, "jugement-ouverture", "2026-03-02")

    assert sorted(r.item_id for r in moved) == ["alpha.groupe", "alpha.loi"]
    assert dues(store, dossier) == {
        "alpha.groupe": ("2026-03-12", "jugement-ouverture+10"),
        "alpha.loi": ("2026-03-01", "jugement-ouverture-1"),
        "beta.un": ("2026-04-01", ""),
    }
    # the document says the same as the rows (what an export carries)
    document = store.documents.snapshot(store.db.conn, dossier)
    assert document.row("alpha.groupe").due == "2026-03-12"
    assert document.key_dates()["jugement-ouverture"]["date"] == "2026-03-02"


def test_a_removed_key_date_keeps_the_last_due_date_flagged_until_it_comes_back(store):
    dossier = store.dossiers.ensure_default().id
    store.key_dates.set(dossier, "audience-offres", "2026-05-12")
    set_rule(store, dossier, "alpha.groupe", "audience-offres-7")

    assert store.key_dates.remove(dossier, "audience-offres") == []

    row = store.items.row(dossier, "alpha.groupe")
    assert (row.due, row.due_rule) == ("2026-05-05", "audience-offres-7")
    assert store.key_dates.list(dossier) == []
    assert missing_key_date(row, store.key_dates.list(dossier)) == "audience-offres"
    store.key_dates.set(dossier, "audience-offres", "2026-05-19")
    row = store.items.row(dossier, "alpha.groupe")
    assert row.due == "2026-05-12" and missing_key_date(row, store.key_dates.list(dossier)) == ""


def test_a_rule_without_its_key_date_gives_no_date_until_the_date_is_entered(store):
    dossier = store.dossiers.ensure_default().id
    row = set_rule(store, dossier, "alpha.groupe", "jugement-ouverture+2")
    assert (row.due, row.due_rule) == ("", "jugement-ouverture+2") and not row.is_empty
    store.key_dates.set(dossier, "jugement-ouverture", "2026-01-30")
    assert store.items.row(dossier, "alpha.groupe").due == "2026-02-01"
    # a date given by hand replaces the rule
    store.items.change(dossier, "alpha.groupe", {"due": "2026-02-10", "due_rule": ""}, content_edition=EDITION)
    store.key_dates.set(dossier, "jugement-ouverture", "2026-01-01")
    assert dues(store, dossier) == {"alpha.groupe": ("2026-02-10", "")}


def test_the_dialog_saves_every_key_date_in_one_transaction(store):
    dossier = store.dossiers.ensure_default().id
    store.key_dates.set(dossier, "ag-constitutive", "2026-06-01")
    set_rule(store, dossier, "alpha.groupe", "jugement-ouverture+10")
    updates = store.documents.count(store.db.conn, dossier)
    kind = custom_kind("Visite à la banque", [])
    assert kind == "autre-visite-a-la-banque"
    moved = store.key_dates.save(
        dossier, {"jugement-ouverture": ("2026-02-25", ""), kind: ("2026-03-03", "Visite à la banque")}
    )
    assert [r.item_id for r in moved] == ["alpha.groupe"]
    assert [(d.kind, d.date, d.label) for d in store.key_dates.list(dossier)] == [
        ("jugement-ouverture", "2026-02-25", ""),
        (kind, "2026-03-03", "Visite à la banque"),
    ]
    assert store.documents.count(store.db.conn, dossier) == updates + 1  # one change of the document
    assert custom_kind("Visite à la banque", [kind]) == kind + "-2"


@pytest.mark.parametrize(
    ("kind", "date", "label", "message"),
    [
        ("jugement-ouverture", "25/02/2026", "", "Date illisible"),
        ("jugement-ouverture", "2026-02-30", "", "Date illisible"),
        ("Jugement !", "2026-02-25", "", "Sorte de date clé inconnue"),
        ("autre-rdv", "2026-02-25", "  ", "Donnez un nom"),
        ("autre-rdv", "2026-02-25", "x" * 121, "trop long"),
    ],
)
def test_bad_key_dates_are_refused_in_french_and_nothing_is_written(store, kind, date, label, message):
    dossier = store.dossiers.ensure_default().id
    with pytest.raises(InvalidInputError, match=message):
        store.key_dates.set(dossier, kind, date, label)
    assert store.key_dates.list(dossier) == []


def test_a_bad_rule_is_refused(store):
    dossier = store.dossiers.ensure_default().id
    with pytest.raises(InvalidInputError, match="Échéance relative illisible"):
        set_rule(store, dossier, "alpha.groupe", "jugement+dix")


def test_duplicate_copies_the_key_dates_and_purge_erases_them(store):
    dossier = store.dossiers.ensure_default().id
    store.key_dates.set(dossier, "jugement-ouverture", "2026-02-25")
    set_rule(store, dossier, "alpha.groupe", "jugement-ouverture+10")
    copy = store.dossiers.duplicate(dossier, "Copie", with_progress=True)
    blank = store.dossiers.duplicate(dossier, "Vierge", with_progress=False)
    assert [d.date for d in store.key_dates.list(copy.id)] == ["2026-02-25"]
    assert store.key_dates.list(blank.id) == []
    store.key_dates.set(copy.id, "jugement-ouverture", "2026-02-26")
    assert store.items.row(copy.id, "alpha.groupe").due == "2026-03-08"
    assert store.items.row(dossier, "alpha.groupe").due == "2026-03-07"
    store.dossiers.delete(copy.id)
    store.dossiers.purge(copy.id)  # the foreign key would refuse it with dates left
    assert store.db.conn.execute("SELECT COUNT(*) FROM dossier_dates WHERE dossier_id = ?", (copy.id,)).fetchone() == (
        0,
    )


def test_key_dates_and_rules_travel_and_merge_between_two_laptops(tmp_path, shipped):
    laptop_a, laptop_b = open_store(tmp_path / "a"), open_store(tmp_path / "b")
    try:
        a = laptop_a.dossiers.create("Reprise").id
        laptop_a.key_dates.set(a, "jugement-ouverture", "2026-02-25")
        laptop_a.key_dates.set(a, "audience-offres", "2026-05-12")
        set_rule(laptop_a, a, "alpha.groupe", "jugement-ouverture+10")
        file_a = export_dossier(laptop_a, a, tmp_path / "a.coopguide", EDITION)
        summary = json.loads(file_a.read_text(encoding="utf-8"))
        assert {i["item_id"]: i["due_rule"] for i in summary["items"]} == {"alpha.groupe": "jugement-ouverture+10"}

        b = import_as_new(laptop_b, read_exchange_file(file_a)).id
        assert [(d.kind, d.date) for d in laptop_b.key_dates.list(b)] == [
            ("jugement-ouverture", "2026-02-25"),
            ("audience-offres", "2026-05-12"),
        ]
        assert dues(laptop_b, b) == {"alpha.groupe": ("2026-03-07", "jugement-ouverture+10")}

        # meanwhile: B moves the jugement and removes the audience; A sets a rule on another item
        laptop_b.key_dates.set(b, "jugement-ouverture", "2026-03-02")
        laptop_b.key_dates.remove(b, "audience-offres")
        set_rule(laptop_a, a, "alpha.loi", "jugement-ouverture+3")
        file_b = export_dossier(laptop_b, b, tmp_path / "b.coopguide", EDITION)

        plan = plan_merge(laptop_a, a, read_exchange_file(file_b))
        assert [(c.kind, c.before, c.after) for c in plan.key_dates] == [
            ("jugement-ouverture", "2026-02-25", "2026-03-02"),
            ("audience-offres", "2026-05-12", ""),
        ]
        assert key_date_lines(plan, shipped.content) == (
            "Jugement d'ouverture : 25/02/2026 → 02/03/2026",
            "Audience d'examen des offres : retirée (était le 12/05/2026)",
        )
        assert {c.item_id: c.after.due for c in plan.changes} == {
            "alpha.groupe": "2026-03-12",
            "alpha.loi": "2026-03-05",
        }
        apply_merge(laptop_a, plan)
        file_a = export_dossier(laptop_a, a, tmp_path / "a2.coopguide", EDITION)
        merge_back = plan_merge(laptop_b, b, read_exchange_file(file_a))
        apply_merge(laptop_b, merge_back)

        expected = {
            "alpha.groupe": ("2026-03-12", "jugement-ouverture+10"),
            "alpha.loi": ("2026-03-05", "jugement-ouverture+3"),
        }
        assert dues(laptop_a, a) == dues(laptop_b, b) == expected
        assert [(d.kind, d.date) for d in laptop_a.key_dates.list(a)] == [("jugement-ouverture", "2026-03-02")]
        assert laptop_a.key_dates.list(a) == laptop_b.key_dates.list(b)
        again = plan_merge(laptop_b, b, read_exchange_file(file_a))
        assert again.is_empty  # merging twice changes nothing
    finally:
        laptop_a.close()
        laptop_b.close()


def test_a_forged_key_date_in_a_file_is_refused(tmp_path, store):
    from coopguide.core.store.document import DossierDocument
    from coopguide.core.store.exchange_file import ExchangeFileError

    dossier = store.dossiers.ensure_default().id
    store.key_dates.set(dossier, "jugement-ouverture", "2026-02-25")
    path = export_dossier(store, dossier, tmp_path / "x.coopguide", EDITION)
    data = json.loads(path.read_text(encoding="utf-8"))
    import base64

    document = DossierDocument(base64.b64decode(data["document"]["data"]))
    document.write_key_date("jugement-ouverture", "25 février", "", "2026-01-01T00:00:00+00:00")
    data["document"]["data"] = base64.b64encode(document.update()).decode("ascii")
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(ExchangeFileError, match="valeur refusée : Date illisible"):
        read_exchange_file(path)


def test_undo_after_the_key_date_moved_is_not_refused_as_changed_elsewhere(store):
    """« Dater les éléments », then the jugement moved in the key dates dialog, then Ctrl+Z: the
    échéance moved with its rule, which is what the step made; nobody changed the item elsewhere."""
    dossier = store.dossiers.ensure_default().id
    store.key_dates.set(dossier, "jugement-ouverture", "2026-02-25")
    before, after = store.items.give_due_rules(
        dossier, {"alpha.groupe": "jugement-ouverture+10"}, content_edition=EDITION, item_texts={}
    )
    store.key_dates.set(dossier, "jugement-ouverture", "2026-03-01")

    undone = store.items.write_back(dossier, before, after, "annuler")  # as ui/dossiers/undo.py does
    assert dues(store, dossier) == {}
    redone = store.items.write_back(dossier, after, undone, "rétablir")  # the rule counts from the date as it is
    assert (redone[0].due, redone[0].due_rule) == ("2026-03-11", "jugement-ouverture+10")


def test_undo_is_still_refused_when_the_item_really_changed_elsewhere(store):
    from coopguide.core.shared.errors import ChangedElsewhereError

    dossier = store.dossiers.ensure_default().id
    store.key_dates.set(dossier, "jugement-ouverture", "2026-02-25")
    before, after = store.items.give_due_rules(
        dossier, {"alpha.groupe": "jugement-ouverture+10"}, content_edition=EDITION, item_texts={}
    )
    store.key_dates.set(dossier, "jugement-ouverture", "2026-03-01")
    store.items.change(dossier, "alpha.groupe", {"note": "écrite ailleurs"}, content_edition=EDITION)
    with pytest.raises(ChangedElsewhereError):
        store.items.write_back(dossier, before, after, "annuler")


@pytest.mark.parametrize("stamp", ["x" * 5000, "hier", "2026-01-01T00:00:00"])
def test_a_forged_key_date_stamp_is_refused_and_nothing_is_written(tmp_path, store, stamp):
    """The key date's ``at`` is copied into the rows and into every échéance counted from it: a file
    must not bring a stamp this computer would refuse on an item (unreadable, 5 000 characters)."""
    import base64

    from coopguide.core.store.document import DossierDocument
    from coopguide.core.store.exchange_file import ExchangeFileError, parse_exchange

    dossier = store.dossiers.ensure_default().id
    store.key_dates.set(dossier, "jugement-ouverture", "2026-02-25")
    path = export_dossier(store, dossier, tmp_path / "x.coopguide", EDITION)
    data = json.loads(path.read_text(encoding="utf-8"))
    document = DossierDocument(base64.b64decode(data["document"]["data"]))
    document.write_key_date("jugement-ouverture", "2026-02-26", "", stamp)
    data["document"]["data"] = base64.b64encode(document.update()).decode("ascii")
    with pytest.raises(ExchangeFileError, match="valeur refusée"):
        parse_exchange(json.dumps(data).encode())
    assert [(d.date, d.updated_at[:4]) for d in store.key_dates.list(dossier)] == [("2026-02-25", "2026")]
