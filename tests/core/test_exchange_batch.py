"""Several exchange files at once, without Qt: a folder read as a USB key holds it, one bad file never
stopping the others, each file merged or imported as chosen, and several dossiers written to one
folder under safe names that never replace a file."""

from __future__ import annotations

import pytest

from coopguide.core import exchange_batch
from coopguide.core.content.cache import build
from coopguide.core.exchange_batch import (
    NoExchangeFiles,
    ReadFile,
    export_to_folder,
    files_in_folder,
    import_files,
    read_files,
    same_name_dossier,
)
from coopguide.core.shared.errors import KnownError
from coopguide.core.store.exchange import ExchangeFile, export_dossier, import_as_new, read_exchange_file
from coopguide.core.store.progress import DONE, ItemProgress

STAMP = "2026-11-24T10:00:00.000+01:00"


@pytest.fixture
def content(content_root):
    return build(content_root).content


def exchange(name: str, *item_ids: str, who: str = "Aline") -> ExchangeFile:
    rows = tuple(ItemProgress(i, state=DONE, done_at=STAMP, done_by=who, updated_at=STAMP) for i in item_ids)
    return ExchangeFile(name, "", (who,), STAMP, "test-1", STAMP, rows)


@pytest.fixture
def laptop(tmp_path):
    """Another computer's data folder, where the files are made."""
    from coopguide.core.store import open_store

    opened = open_store(tmp_path / "portable")
    yield opened
    opened.close()


def write_file(laptop, folder, name: str, *item_ids: str):
    """A real exchange file: a dossier made on the other laptop, exported to ``folder``."""
    dossier = import_as_new(laptop, exchange(name, *item_ids))
    return export_dossier(laptop, dossier.id, folder / name, "test-1")


def erase(store, dossier_id: int) -> None:
    store.dossiers.delete(dossier_id)
    store.dossiers.purge(dossier_id)


@pytest.fixture
def key(tmp_path):
    """A folder standing for a USB key (the data folder is elsewhere in tmp_path)."""
    folder = tmp_path / "cle"
    folder.mkdir()
    return folder


def test_a_folder_gives_its_own_coopguide_files_only(key):
    for name in ("b.coopguide", "A.COOPGUIDE", "._b.coopguide", "notes.txt", "b.coopguide.partiel"):
        (key / name).write_text("{}", encoding="utf-8")
    (key / "rangement.coopguide").mkdir()
    (key / "anciens").mkdir()
    (key / "anciens" / "c.coopguide").write_text("{}", encoding="utf-8")
    assert [p.name for p in files_in_folder(key)] == ["A.COOPGUIDE", "b.coopguide"]


def test_an_empty_or_missing_folder_is_a_french_message(key):
    (key / "anciens").mkdir()
    (key / "anciens" / "c.coopguide").write_text("{}", encoding="utf-8")
    with pytest.raises(NoExchangeFiles, match=r"Aucun fichier \.coopguide .*sous-répertoires ne sont pas lus"):
        files_in_folder(key)
    with pytest.raises(KnownError, match="Impossible de lire le contenu du répertoire absent"):
        files_in_folder(key / "absent")


def test_each_file_is_read_alone_and_a_bad_one_gets_its_reason(laptop, key):
    good = write_file(laptop, key, "Groupe 1", "alpha.groupe")
    bad = key / "abime.coopguide"
    bad.write_bytes(b"\x00\x01binaire")
    read = read_files([bad, good, key / "." / good.name])  # the same file twice is read once
    assert [r.path.name for r in read] == ["abime.coopguide", "Groupe 1.coopguide"]
    assert read[0].exchange is None and "n'est pas un dossier Coopguide" in read[0].refused
    assert read[1].exchange is not None and read[1].exchange.name == "Groupe 1" and not read[1].refused


def test_a_batch_reads_a_bounded_number_of_files_and_bytes(laptop, key, monkeypatch):
    paths = [write_file(laptop, key, f"Groupe {n}", "alpha.groupe") for n in (1, 2, 3)]
    monkeypatch.setattr(exchange_batch, "MAX_FILES", 2)
    read = read_files(paths)
    assert [bool(r.exchange) for r in read] == [True, True, False]
    assert read[2].refused == "Pas lu : un import lit au plus 2 fichiers à la fois."
    monkeypatch.setattr(exchange_batch, "MAX_FILES", 200)
    monkeypatch.setattr(exchange_batch, "MAX_TOTAL_BYTES", paths[0].stat().st_size + 10)
    read = read_files(paths)
    assert [bool(r.exchange) for r in read] == [True, False, False]
    assert "importez celui-ci à part" in read[1].refused


def test_files_are_merged_or_imported_as_chosen_and_a_refusal_stops_nothing(store, laptop, key, content):
    local = import_as_new(store, exchange("Groupe 1"))
    gone = import_as_new(store, exchange("Groupe parti"))
    files = read_files(
        [
            write_file(laptop, key, "groupe 1", "alpha.groupe", "beta.un"),
            write_file(laptop, key, "Groupe parti", "alpha.loi"),
            write_file(laptop, key, "Groupe 2", "alpha.depot"),
        ]
    )
    dossiers = store.dossiers.all()
    targets = [same_name_dossier(dossiers, f.exchange) for f in files]
    assert [t.name if t else None for t in targets] == ["Groupe 1", "Groupe parti", None]
    erase(store, gone.id)  # gone between the choice and the import
    broken = ReadFile(key / "x.coopguide", refused="« x.coopguide » n'est pas un dossier Coopguide.")
    results = import_files(
        store, [(files[0], local.id), (broken, None), (files[1], gone.id), (files[2], None)], content
    )
    merged, refused, vanished, new = results
    assert merged.merged and merged.dossier.id == local.id and len(merged.plan.changes) == 2
    assert {r.item_id for r in store.items.rows(local.id) if r.is_complete} == {"alpha.groupe", "beta.un"}
    assert refused.refused == broken.refused and refused.dossier is None
    assert vanished.refused == "Ce dossier n'existe plus." and not vanished.merged
    assert not new.merged and new.dossier.name == "Groupe 2"
    assert [r.item_id for r in store.items.rows(new.dossier.id)] == ["alpha.depot"]
    again = import_files(store, [(files[0], local.id)], content)
    assert again[0].merged and again[0].plan.is_empty  # merging the same file twice changes nothing


def test_several_dossiers_go_to_one_folder_under_safe_names_replacing_nothing(store, key):
    names = ("Séance 02/12 — Groupe 1", "Séance 02-12 — Groupe 1", "CON", "<img src=x>")
    ids = [import_as_new(store, exchange(name, "alpha.groupe")).id for name in names]
    kept = key / "CON_.coopguide"
    kept.write_text("un autre groupe", encoding="utf-8")
    results = export_to_folder(store, ids, key, "test-1")
    assert [r.path.name for r in results] == [
        "Séance 02-12 — Groupe 1.coopguide",
        "Séance 02-12 — Groupe 1 (2).coopguide",
        "CON_ (2).coopguide",
        "img src=x.coopguide",
    ]
    assert [r.wanted_name for r in results] == ["", "Séance 02-12 — Groupe 1.coopguide", "CON_.coopguide", ""]
    assert kept.read_text(encoding="utf-8") == "un autre groupe"
    assert [read_exchange_file(r.path).name for r in results] == list(names)
    assert all(r.path.parent == key for r in results)


def test_exporting_to_a_file_instead_of_a_folder_is_refused(store, key):
    dossier = import_as_new(store, exchange("Groupe 1"))
    (key / "fichier").write_text("x", encoding="utf-8")
    with pytest.raises(KnownError, match="n'est pas un répertoire"):
        export_to_folder(store, [dossier.id], key / "fichier", "test-1")
    assert [p.name for p in key.iterdir()] == ["fichier"]


def test_a_seances_groups_go_out_and_come_back_into_their_own_dossiers_by_name(store, laptop, key, content):
    """The trainer exports every group's dossier at once, each laptop ticks its own, and every file
    returned goes back into its group's dossier, without a question per file."""
    from coopguide.core.exchange_batch import into_named_dossiers
    from coopguide.core.store.exchange import import_as_new

    groups = [store.dossiers.create(name) for name in ("Séance 24/11 — Les Ébénistes", "Séance 24/11 — Atelier 2")]
    written = export_to_folder(store, [g.id for g in groups], key, "test-1")
    assert [r.path.name for r in written] == [
        "Séance 24-11 — Les Ébénistes.coopguide",
        "Séance 24-11 — Atelier 2.coopguide",
    ]
    returned = key / "rendus"
    returned.mkdir()
    for result, item_id in zip(written, ("alpha.groupe", "beta.un"), strict=True):
        on_laptop = import_as_new(laptop, read_exchange_file(result.path))  # the group's laptop
        laptop.items.change(on_laptop.id, item_id, {"state": DONE}, content_edition="test-1")
        export_dossier(laptop, on_laptop.id, returned / result.path.name, "test-1")
    stray = write_file(laptop, returned, "Mon projet", "alpha.loi")
    choices, refused = into_named_dossiers(read_files(files_in_folder(returned)), groups)
    assert sorted(target for _, target in choices) == sorted(g.id for g in groups)
    assert [r.path for r in refused] == [stray] and "aucun groupe" in refused[0].refused
    results = import_files(store, choices, content)
    assert all(r.merged and not r.refused for r in results)
    assert {r.item_id for r in store.items.rows(groups[0].id) if r.is_complete} == {"alpha.groupe"}
    assert {r.item_id for r in store.items.rows(groups[1].id) if r.is_complete} == {"beta.un"}
    assert len(store.dossiers.all()) == 3  # the default one and the two groups: no new dossier
