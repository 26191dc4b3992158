"""``.coopguide`` files: export → import round trip, merges, and bad files that change nothing."""

from __future__ import annotations

import base64
import json
import sqlite3

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from coopguide.core.content.cache import build
from coopguide.core.shared.errors import KnownError
from coopguide.core.shared.paths import DATABASE_NAME
from coopguide.core.store.exchange import (
    ExchangeFileError,
    apply_merge,
    describe_change,
    export_dossier,
    export_payload,
    import_as_new,
    parse_exchange,
    plan_merge,
    read_exchange_file,
)
from coopguide.core.store.exchange_file import FORMAT_VERSION
from coopguide.core.store.progress import DONE, NOT_APPLICABLE, TODO, ItemProgress


def filled_dossier(store):
    dossier = store.dossiers.create("Reprise Dupont", "Imprimerie « Dupont & fils »", ["Aline", "Bruno", "Chloé"])
    store.items.set_state(
        dossier.id, "alpha.groupe", DONE, content_edition="test-1", done_by="Aline", item_text="Réunir"
    )
    store.items.set_state(dossier.id, "alpha.loi", NOT_APPLICABLE, content_edition="test-1")
    store.items.save_one(
        dossier.id,
        ItemProgress("beta.un", note="Œuvre commune : 12 € par part\nligne 2", due="2026-12-31", assignee="Chloé"),
    )
    return dossier


def dump(data_dir) -> list:
    """Every row of every user table, read by an independent connection."""
    conn = sqlite3.connect(data_dir / DATABASE_NAME)
    return [
        conn.execute(f"SELECT * FROM {table} ORDER BY 1, 2").fetchall()
        for table in ("dossiers", "item_progress", "settings", "dossier_updates")
    ]


def test_export_then_import_is_identical(store, tmp_path):
    dossier = filled_dossier(store)
    path = export_dossier(store, dossier.id, tmp_path / "dupont", "test-1")
    assert path.name == "dupont.coopguide"
    imported = import_as_new(store, read_exchange_file(path))
    assert imported.name == "Reprise Dupont (2)"
    assert (imported.description, imported.members, imported.created_at) == (
        dossier.description,
        dossier.members,
        dossier.created_at,
    )
    assert store.items.rows(imported.id) == store.items.rows(dossier.id)
    again = export_payload(store, imported.id, "test-1")
    first = json.loads(path.read_text(encoding="utf-8"))
    assert again["items"] == first["items"]
    assert {k: v for k, v in again["dossier"].items() if k != "name"} == {
        k: v for k, v in first["dossier"].items() if k != "name"
    }


def test_merge_keeps_the_most_recent_change_and_says_what_changed(store, tmp_path, content_root):
    content = build(content_root).content
    mine = filled_dossier(store)
    theirs = store.dossiers.duplicate(mine.id, "Copie du groupe", with_progress=True)
    # Later on the other laptop: Bruno ticks beta.un, unticks alpha.groupe, a new member joins.
    later = "2030-01-01T00:00:00+00:00"
    store.items.save(
        theirs.id,
        [
            store.items.row(theirs.id, "beta.un").with_changes(state=DONE, done_by="Bruno", done_at=later),
            store.items.row(theirs.id, "alpha.groupe").with_changes(state=TODO, done_by="", done_at=""),
        ],
        stamp=later,
    )
    store.dossiers.update(theirs.id, members=["Aline", "Bruno", "Chloé", "Dina"])
    path = export_dossier(store, theirs.id, tmp_path / "autre.coopguide", "test-1")
    # Even later here: a note on alpha.loi, which must survive the merge (local is newer).
    store.items.save(
        mine.id,
        [store.items.row(mine.id, "alpha.loi").with_changes(note="vu le 2 décembre")],
        stamp="2099-01-01T00:00:00+00:00",
    )
    plan = plan_merge(store, mine.id, read_exchange_file(path), content)
    assert sorted(c.item_id for c in plan.changes) == ["alpha.groupe", "beta.un"]
    assert plan.new_members == ("Dina",) and plan.removed_members == ()
    texts = {c.item_id: describe_change(c) for c in plan.changes}
    assert texts["beta.un"] == "à faire → fait"
    assert texts["alpha.groupe"].startswith("fait → à faire")
    apply_merge(store, plan)
    rows = {r.item_id: r for r in store.items.rows(mine.id)}
    assert rows["beta.un"].state == DONE and rows["beta.un"].note.startswith("Œuvre commune")
    assert rows["alpha.groupe"].state == TODO
    assert rows["alpha.loi"].note == "vu le 2 décembre"
    assert store.dossiers.get(mine.id).members == ("Aline", "Bruno", "Chloé", "Dina")
    assert plan_merge(store, mine.id, read_exchange_file(path), content).is_empty  # idempotent


def test_merge_maps_former_ids_of_an_older_file(store, tmp_path, content_root):
    content = build(content_root).content
    dossier = store.dossiers.ensure_default()
    payload = export_payload(store, dossier.id, "ancienne")
    del payload["document"]  # an older Coopguide's file (format 1)
    payload["items"] = [{"item_id": "alpha.statut", "state": "fait", "updated_at": "2026-01-01T10:00:00+01:00"}]
    path = tmp_path / "ancien.coopguide"
    path.write_text(json.dumps(payload), encoding="utf-8")
    plan = plan_merge(store, dossier.id, read_exchange_file(path), content)
    assert [c.item_id for c in plan.changes] == ["alpha.forme"]


BAD_FILES = {
    "vide": b"",
    "binaire": bytes(range(256)) * 4,
    "texte": b"Bonjour, ceci est une lettre.",
    "json étranger": b'{"name": "autre logiciel", "items": []}',
    "tronqué": b'{"format": "coopguide-dossier", "version": 1, "dossier": {"name": "X"}, "items": [{"item_',
    "plus récent": json.dumps(
        {"format": "coopguide-dossier", "version": FORMAT_VERSION + 1, "dossier": {}, "items": []}
    ).encode(),
    "liste": b"[1, 2, 3]",
    "nom vide": b'{"format": "coopguide-dossier", "version": 1, "dossier": {"name": " "}, "items": []}',
    "état inconnu": b'{"format": "coopguide-dossier", "version": 1, "dossier": {"name": "X"}, '
    b'"items": [{"item_id": "a.b", "state": "peut-etre"}]}',
    "doublon": b'{"format": "coopguide-dossier", "version": 1, "dossier": {"name": "X"}, '
    b'"items": [{"item_id": "a.b"}, {"item_id": "a.b"}]}',
    "profond": b"[" * 100_000,
}


@pytest.mark.parametrize("label", list(BAD_FILES))
def test_bad_files_get_a_french_message_and_change_nothing(store, data_dir, tmp_path, label):
    filled_dossier(store)
    before = dump(data_dir)
    path = tmp_path / "mauvais.coopguide"
    path.write_bytes(BAD_FILES[label])
    with pytest.raises(ExchangeFileError) as caught:
        read_exchange_file(path)
    assert "mauvais.coopguide" in str(caught.value) or "version plus récente" in str(caught.value)
    assert dump(data_dir) == before


def test_a_huge_file_is_refused_before_being_read(store, tmp_path, monkeypatch):
    monkeypatch.setattr("coopguide.core.store.exchange_file.MAX_FILE_BYTES", 1000)
    path = tmp_path / "gros.coopguide"
    path.write_bytes(b" " * 2000)
    with pytest.raises(ExchangeFileError, match="trop gros"):
        read_exchange_file(path)


# -- property-based: 1 000+ random or mutated files never crash and never change existing data ----
_VALID: list[bytes] = []


def _valid_file(store) -> bytes:
    """The same bytes for every example (hypothesis replays draws on them): the first export is
    kept, since a document's client ids are random and change its length."""
    dossier = filled_dossier(store)
    if not _VALID:
        _VALID.append(json.dumps(export_payload(store, dossier.id, "test-1"), ensure_ascii=False).encode())
    return _VALID[0]


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | st.text(max_size=30),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=10), children, max_size=4),
    max_leaves=12,
)


@st.composite
def mutated_files(draw, valid: bytes):
    kind = draw(st.sampled_from(["bytes", "truncate", "flip", "json-field", "random-json", "document"]))
    if kind == "bytes":
        return draw(st.binary(max_size=400))
    if kind == "truncate":
        return valid[: draw(st.integers(0, len(valid)))]
    if kind == "flip":
        data = bytearray(valid)
        for _ in range(draw(st.integers(1, 8))):
            data[draw(st.integers(0, len(data) - 1))] = draw(st.integers(0, 255))
        return bytes(data)
    if kind == "json-field":
        payload = json.loads(valid)
        target = draw(st.sampled_from(["root", "dossier", "item"]))
        where = payload if target == "root" else payload["dossier"] if target == "dossier" else payload["items"][0]
        where[draw(st.sampled_from([*where.keys(), "autre"]))] = draw(json_values)
        return json.dumps(payload).encode()
    if kind == "document":  # format 2: the Yjs document itself damaged, cut or replaced
        payload = json.loads(valid)
        update = bytearray(base64.b64decode(payload["document"]["data"]))
        how = draw(st.sampled_from(["flip", "truncate", "random"]))
        if how == "flip":
            for _ in range(draw(st.integers(1, 6))):
                update[draw(st.integers(0, len(update) - 1))] = draw(st.integers(0, 255))
        elif how == "truncate":
            update = update[: draw(st.integers(0, len(update)))]
        else:
            update = bytearray(draw(st.binary(max_size=300)))
        payload["document"]["data"] = base64.b64encode(bytes(update)).decode()
        return json.dumps(payload).encode()
    return json.dumps(draw(json_values)).encode()


@settings(max_examples=1100, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)
@given(data=st.data())
def test_random_and_mutated_files_never_crash_and_never_change_existing_data(tmp_path_factory, data):
    from coopguide.core.store import open_store

    folder = tmp_path_factory.mktemp("h")
    store = open_store(folder)
    valid = _valid_file(store)
    before = dump(folder)
    raw = data.draw(mutated_files(valid))
    try:
        exchange = parse_exchange(raw, "essai.coopguide")
    except KnownError as error:
        assert str(error)  # a message for the user
        assert dump(folder) == before
    else:
        imported = import_as_new(store, exchange)
        after = dump(folder)
        existing_ids = {row[0] for row in before[0]}
        assert [r for r in after[0] if r[0] in existing_ids] == before[0]
        assert [r for r in after[1] if r[0] in existing_ids] == before[1]
        assert imported.id not in existing_ids
    store.close()
