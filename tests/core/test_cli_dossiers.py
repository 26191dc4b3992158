"""``coopguide dossiers / export / import`` as a trainer runs them, on real data folders."""

from __future__ import annotations

import json

from coopguide.core.store import open_store
from coopguide.core.store.progress import DONE
from tests.core.test_cli_and_paths import run_cli


def test_list_export_import_and_merge_from_the_command_line(data_dir, content_root, tmp_path):
    store = open_store(data_dir)
    dossier = store.dossiers.create("Reprise Dupont", members=["Aline", "Bruno"])
    store.items.set_state(dossier.id, "alpha.groupe", DONE, content_edition="test-1", done_by="Aline")
    store.close()

    listing = run_cli("dossiers")
    assert listing.returncode == 0, listing.stderr
    assert "Reprise Dupont" in listing.stdout and "1 / 6 (17 %)" in listing.stdout and "Aline, Bruno" in listing.stdout

    exported = run_cli("export", "reprise dupont", str(tmp_path / "dupont"))
    assert exported.returncode == 0, exported.stderr
    payload = json.loads((tmp_path / "dupont.coopguide").read_text(encoding="utf-8"))
    assert payload["dossier"]["name"] == "Reprise Dupont" and payload["items"][0]["done_by"] == "Aline"

    imported = run_cli("import", str(tmp_path / "dupont.coopguide"))
    assert imported.returncode == 0 and "« Reprise Dupont (2) »" in imported.stdout

    del payload["document"]  # as an older Coopguide writes it (format 1): merged by date
    payload["items"][0].update(state="", done_by="", updated_at="2099-01-01T00:00:00+00:00")
    (tmp_path / "plus-tard.coopguide").write_text(json.dumps(payload), encoding="utf-8")
    merged = run_cli("import", str(tmp_path / "plus-tard.coopguide"), "--into", "Reprise Dupont")
    assert merged.returncode == 0, merged.stderr
    assert "1 changement(s)" in merged.stdout and "Réunir le groupe : fait → à faire" in merged.stdout


def test_command_line_refusals_are_one_french_line_and_change_nothing(data_dir, content_root, tmp_path):
    open_store(data_dir).close()
    before = (data_dir / "coopguide.sqlite3").read_bytes()
    missing = run_cli("export", "Inconnu", str(tmp_path / "x"))
    assert missing.returncode == 1 and "Aucun dossier ne s'appelle « Inconnu »" in missing.stderr
    (tmp_path / "faux.coopguide").write_bytes(b"\x00\x01binaire")
    bad = run_cli("import", str(tmp_path / "faux.coopguide"))
    assert bad.returncode == 1 and "n'est pas un dossier Coopguide" in bad.stderr
    assert "Traceback" not in bad.stderr + missing.stderr
    assert (data_dir / "coopguide.sqlite3").read_bytes() == before


def test_a_bug_in_a_command_is_one_french_line_a_journal_entry_and_exit_code_2(data_dir, monkeypatch, capsys):
    """Not a KnownError: the user gets one French line saying where the details are, not a traceback."""
    from coopguide.__main__ import main
    from coopguide.core.shared import crash_report
    from coopguide.core.store.dossiers import Dossiers

    open_store(data_dir).close()

    def broken(self):
        raise ZeroDivisionError("division by zero")

    monkeypatch.setattr(Dossiers, "all", broken)
    monkeypatch.setattr(Dossiers, "in_use", broken)
    try:
        assert main(["--data-dir", str(data_dir), "dossiers"]) == crash_report.BUG_EXIT_CODE
    finally:
        crash_report.stop_logging()
    err = capsys.readouterr().err
    assert err.startswith("Coopguide a rencontré une erreur inattendue (ZeroDivisionError).")
    assert "Traceback" not in err and len(err.strip().splitlines()) == 1
    assert "ZeroDivisionError: division by zero" in (data_dir / "journal.log").read_text(encoding="utf-8")


def test_a_usb_key_of_files_is_exported_then_imported_one_line_per_file(data_dir, content_root, tmp_path):
    """The trainer's round trip: every dossier of a laptop to a key, then the whole key into this
    computer, merged by name; a bad file on the key is refused in its own line and sets exit code 1."""
    laptop = tmp_path / "portable"
    store = open_store(laptop)
    store.dossiers.update(store.dossiers.ensure_default().id, name="Groupe 1")
    store.items.set_state(store.dossiers.by_name("Groupe 1").id, "alpha.groupe", DONE, content_edition="test-1")
    store.dossiers.create("Séance 02/12 — Groupe 2", members=["Zoé"])
    store.close()
    key = tmp_path / "cle"
    key.mkdir()
    exported = run_cli("--data-dir", str(laptop), "export", "--all", str(key))
    assert exported.returncode == 0, exported.stderr
    assert sorted(p.name for p in key.iterdir()) == ["Groupe 1.coopguide", "Séance 02-12 — Groupe 2.coopguide"]
    again = run_cli("--data-dir", str(laptop), "export", "Groupe 1", str(key))
    assert again.returncode == 0 and "Groupe 1 (2).coopguide (« Groupe 1.coopguide » existait déjà)" in again.stdout
    (key / "Groupe 1 (2).coopguide").unlink()
    (key / "abime.coopguide").write_bytes(b"\x00\x01binaire")

    local = open_store(data_dir)
    local.dossiers.update(local.dossiers.ensure_default().id, name="groupe 1")
    local.close()
    imported = run_cli("import", str(key), "--by-name")
    assert imported.returncode == 1
    assert imported.stdout.splitlines() == [
        "« Groupe 1.coopguide » : fusionné dans « groupe 1 » : 1 changement(s).",
        "  Alpha : le guide de test › Première liste",
        "    • Réunir le groupe : à faire → fait",
        imported.stdout.splitlines()[3],  # when: today, as the laptop recorded it
        "« Séance 02-12 — Groupe 2.coopguide » : nouveau dossier « Séance 02/12 — Groupe 2 » "
        "(0 élément(s) renseigné(s)).",
    ]
    assert imported.stdout.splitlines()[3].strip().startswith("fait le ")
    assert imported.stderr.strip() == "« abime.coopguide » refusé : « abime.coopguide » n'est pas un dossier Coopguide."
    store = open_store(data_dir)
    assert [d.name for d in store.dossiers.all()] == ["groupe 1", "Séance 02/12 — Groupe 2"]
    store.close()


def test_several_dossiers_need_a_folder_and_unknown_names_export_nothing(data_dir, content_root, tmp_path):
    store = open_store(data_dir)
    store.dossiers.create("Groupe 2")
    store.close()
    not_a_folder = run_cli("export", "Mon projet", "Groupe 2", str(tmp_path / "x.coopguide"))
    assert not_a_folder.returncode == 1 and "n'est pas un répertoire existant" in not_a_folder.stderr
    unknown = run_cli("export", "Mon projet", "Inconnu", str(tmp_path))
    assert unknown.returncode == 1 and "Aucun dossier ne s'appelle « Inconnu »" in unknown.stderr
    assert not list(tmp_path.glob("*.coopguide"))
    empty = tmp_path / "vide"
    empty.mkdir()
    nothing = run_cli("import", str(empty))
    assert nothing.returncode == 1 and "Aucun fichier .coopguide dans" in nothing.stderr
