"""A dossier's scope travels between laptops in its Yjs document (map ``dossier``, key ``perimetre``):
exported, imported, merged, shown in the merge preview; files from before scopes still import."""

from __future__ import annotations

import base64
import json

import pytest
from pycrdt import Map

from coopguide.core.content.cache import build
from coopguide.core.merge_preview import build_preview, preview_text
from coopguide.core.store import open_store
from coopguide.core.store.document import DossierDocument
from coopguide.core.store.document_check import check_update
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
from coopguide.core.store.progress import DONE


@pytest.fixture
def laptops(tmp_path):
    here, there = open_store(tmp_path / "ici"), open_store(tmp_path / "la-bas")
    yield here, there
    here.close()
    there.close()


def test_a_scope_exported_from_one_laptop_is_the_scope_imported_on_the_other(laptops, tmp_path):
    here, there = laptops
    dossier = here.dossiers.create("Reprise", scope=["beta.liste", "alpha.premiere"])
    here.items.set_state(dossier.id, "beta.un", DONE, content_edition="e")
    path = export_dossier(here, dossier.id, tmp_path / "reprise", "e")
    update = base64.b64decode(json.loads(path.read_text(encoding="utf-8"))["document"]["data"])
    check_update(update)  # the hand-written checker accepts the new key as it is
    exchange = read_exchange_file(path)
    assert exchange.scope == ("beta.liste", "alpha.premiere")
    imported = import_as_new(there, exchange)
    assert imported.scope == ("beta.liste", "alpha.premiere")
    # every check-list again, on the other laptop: the key goes, and coming back says so
    there.dossiers.set_scope(imported.id, None)
    back = read_exchange_file(export_dossier(there, imported.id, tmp_path / "retour", "e"))
    assert back.scope is None
    plan = plan_merge(here, dossier.id, back)
    assert plan.scope_changed and plan.scope is None
    apply_merge(here, plan)
    assert here.dossiers.require(dossier.id).scope is None
    assert plan_merge(here, dossier.id, back).is_empty  # merging twice changes nothing


def test_both_laptops_change_the_scope_and_converge_and_the_preview_says_it(laptops, tmp_path, content_root):
    content = build(content_root).content
    here, there = laptops
    dossier = here.dossiers.create("Reprise", scope=["alpha.premiere"])
    copy = import_as_new(there, read_exchange_file(export_dossier(here, dossier.id, tmp_path / "a", "e")))
    here.dossiers.set_scope(dossier.id, ["alpha.premiere", "alpha.seconde"])
    there.dossiers.set_scope(copy.id, ["beta.liste", "alpha.premiere"])
    from_here = read_exchange_file(export_dossier(here, dossier.id, tmp_path / "ici", "e"))
    from_there = read_exchange_file(export_dossier(there, copy.id, tmp_path / "la-bas", "e"))
    plan = plan_merge(here, dossier.id, from_there, content)
    preview = build_preview(plan, from_there, content)
    apply_merge(here, plan)
    apply_merge(there, plan_merge(there, copy.id, from_here, content))
    merged = here.dossiers.require(dossier.id).scope
    assert merged == there.dossiers.require(copy.id).scope  # one value wins, the same on both laptops
    assert merged in (("alpha.premiere", "alpha.seconde"), ("beta.liste", "alpha.premiere"))
    if merged == ("beta.liste", "alpha.premiere"):  # the preview on this laptop announced the change
        assert preview.scope == "Check-lists suivies : 2 → 2 ; ajoutée : « À faire » ; retirée : « Seconde liste »"
        assert f"  • {preview.scope}" in preview_text(preview)
    else:
        assert preview.scope is None


def test_the_preview_names_every_checklist_when_all_become_followed(laptops, tmp_path, content_root):
    content = build(content_root).content
    here, there = laptops
    dossier = here.dossiers.create("Reprise", scope=["alpha.premiere"])
    copy = import_as_new(there, read_exchange_file(export_dossier(here, dossier.id, tmp_path / "a", "e")))
    there.dossiers.set_scope(copy.id, None)
    incoming = read_exchange_file(export_dossier(there, copy.id, tmp_path / "b", "e"))
    preview = build_preview(plan_merge(here, dossier.id, incoming, content), incoming, content)
    assert preview.scope == "Check-lists suivies : 1 → toutes (3) ; ajoutées : « Seconde liste », « À faire »"
    assert not preview.is_empty and preview.change_count == 0


def test_a_file_from_before_scopes_imports_with_every_checklist_followed(store):
    dossier = store.dossiers.create("Ancien")
    store.items.set_state(dossier.id, "alpha.groupe", DONE, content_edition="e")
    payload = export_payload(store, dossier.id, "e")
    document = DossierDocument(base64.b64decode(payload["document"]["data"]))
    assert "perimetre" not in document.doc.get("dossier", type=Map)  # as an older Coopguide wrote it
    exchange = parse_exchange(json.dumps(payload).encode())
    assert exchange.scope is None and import_as_new(store, exchange).scope is None
    del payload["document"]  # format 1
    assert import_as_new(store, parse_exchange(json.dumps(payload).encode())).scope is None


@pytest.mark.parametrize(
    "stored", ['{"a": 1}', "pas du json", '["a", 2]', '["a\\u0007b"]', '["a", "a"]', json.dumps(["x" * 5000])]
)
def test_a_forged_scope_is_refused_in_french(store, stored):
    dossier = store.dossiers.create("Reprise", scope=["alpha.premiere"])
    payload = export_payload(store, dossier.id, "e")
    document = DossierDocument(base64.b64decode(payload["document"]["data"]))
    document.doc.get("dossier", type=Map)["perimetre"] = stored
    payload["document"]["data"] = base64.b64encode(document.update()).decode()
    with pytest.raises(ExchangeFileError, match=r"abîmé|valeur refusée"):
        parse_exchange(json.dumps(payload).encode())
