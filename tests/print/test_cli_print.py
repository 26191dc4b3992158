"""``coopguide print`` and ``coopguide pack`` as a trainer runs them, with no display."""

from __future__ import annotations

import datetime as dt
import os
import re
import subprocess
import sys

import pytest

from coopguide.__main__ import main
from coopguide.core.store.progress import DONE, NOT_APPLICABLE
from tests.print.conftest import pdf_pages


@pytest.fixture(autouse=True)
def _cached(warm_cache):
    """Every command here finds the content already rendered in its data folder."""


def run_cli(*args: str, env_extra: dict | None = None) -> subprocess.CompletedProcess:
    """As from a terminal on a server: no DISPLAY, no WAYLAND_DISPLAY, no QT_QPA_PLATFORM."""
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    return subprocess.run(
        [sys.executable, "-m", "coopguide", *args],
        capture_output=True,
        text=True,
        env={**env, **(env_extra or {})},
        timeout=120,
    )


@pytest.fixture
def group(store):
    """A dossier of the shipped content with two items recorded (the CLI opens the same database)."""
    dossier = store.dossiers.create("Menuiserie Dupont")
    store.items.set_state(
        dossier.id, "creer-une-scop.groupe-fondateur", DONE, content_edition="2026.11-1", done_by="Aïcha"
    )
    store.items.set_state(dossier.id, "creer-une-scop.nombre-minimum", NOT_APPLICABLE, content_edition="2026.11-1")
    return dossier


def test_print_filled_checklist_without_a_display(group, data_dir, tmp_path):
    out = tmp_path / "remplie.pdf"
    result = run_cli(
        "print",
        "creer-une-scop.etapes",
        "--dossier",
        "menuiserie  dupont",
        "--out",
        str(out),
        "--data-dir",
        str(data_dir),
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(f"PDF écrit : {out} (2 pages, rempli, A4)")
    text = " ".join(pdf_pages(str(out)))
    assert "Dossier : Menuiserie Dupont" in text
    assert "☑ 1. Réunir les futurs associés" in text and "Aïcha" in text
    assert "N.A. 3. Vérifier que vous êtes au moins 2 associés" in text


def test_pack_of_a_preset(tmp_path):
    out = tmp_path / "seance.pdf"
    result = run_cli("pack", "--preset", "decouvrir-la-cae", "--out", str(out), "--paper", "Letter")
    assert result.returncode == 0, result.stderr
    total = int(re.search(r"\((\d+) pages, vierge, Letter\)", result.stdout).group(1))
    cover, contents = pdf_pages(str(out), first=2)
    assert cover.startswith("COOPGUIDE · DOSSIER DE SÉANCE Découvrir la CAE")
    assert "Sommaire" in contents and f"page 2 / {total}" in contents


def test_blank_with_a_dossier_names_the_group_but_leaves_boxes_empty(qapp, group, data_dir, tmp_path, capsys):
    out = tmp_path / "vierge.pdf"
    code = main(
        [
            "--data-dir",
            str(data_dir),
            "print",
            "creer-une-scop.etapes",
            "--dossier",
            "Menuiserie Dupont",
            "--blank",
            "--out",
            str(out),
        ]
    )
    assert code == 0, capsys.readouterr().err
    text = " ".join(pdf_pages(str(out)))
    assert "Dossier : Menuiserie Dupont" in text and "☑" not in text and "N.A." not in text


def test_pack_of_chosen_items_and_a_guide_print(qapp, tmp_path, capsys):
    out = tmp_path / "choix.pdf"
    assert main(["pack", "scic", "scic.creer", "--title", "Atelier SCIC", "--out", str(out)]) == 0
    assert pdf_pages(str(out), first=1)[0].startswith("COOPGUIDE · DOSSIER DE SÉANCE Atelier SCIC")
    assert main(["print", "scic", "--out", str(tmp_path / "guide.pdf")]) == 0
    assert "PDF écrit" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["print", "creer-une-scop.etape"], 2, "Vouliez-vous dire : creer-une-scop.etapes"),
        (["print", "creer-une-scop.etapes", "--dossier", "Inconnu"], 2, "Dossier inconnu : « Inconnu »"),
        (["pack", "--preset", "nulle-part"], 2, "Séance inconnue : « nulle-part »"),
        (["pack", "--preset", "decouvrir-la-cae", "scic"], 2, "l'un des trois"),
        (["pack"], 2, "l'un des trois"),
    ],
)
def test_errors_are_one_french_line(qapp, tmp_path, capsys, args, code, message):
    assert main([*args, "--out", str(tmp_path / "x.pdf")]) == code
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err and len(err.strip().splitlines()) == 1
    assert not (tmp_path / "x.pdf").exists()


def test_unknown_dossier_lists_the_existing_ones(qapp, store, tmp_path, capsys):
    store.dossiers.create("Coop des Lilas")
    assert main(["print", "scic.creer", "--dossier", "Lila", "--out", str(tmp_path / "x.pdf")]) == 2
    assert "Dossiers existants : « Coop des Lilas », « Mon projet »." in capsys.readouterr().err


def test_unwritable_output_exits_1(qapp, tmp_path, capsys):
    assert main(["print", "scic.creer", "--out", str(tmp_path / "absent" / "x.pdf")]) == 1
    err = capsys.readouterr().err
    assert "Impossible d'écrire le PDF : le dossier" in err and "n'existe pas" in err


def test_actions_lists_the_next_items_then_prints_their_page(qapp, group, store, data_dir, tmp_path, capsys):
    """``coopguide actions``: the dossier's next items as text, late first; with --out, one page."""
    late = (dt.date.today() - dt.timedelta(days=3)).isoformat()
    store.items.change(
        group.id, "creer-une-scop.faisabilite", {"due": late, "assignee": "Karim"}, content_edition="2026.11-1"
    )
    hearing = (dt.date.today() + dt.timedelta(days=10)).isoformat()
    store.key_dates.set(group.id, "audience-offres", hearing)
    assert main(["actions", "--dossier", "menuiserie dupont", "--data-dir", str(data_dir)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("Prochaines actions — Menuiserie Dupont (")
    assert lines[1].startswith("Date clé : ") and lines[1].endswith("(dans 10 jours)")
    assert "— Karim —" in lines[2] and lines[2].endswith("· en retard de 3 jours")
    out = tmp_path / "actions.pdf"
    assert main(["actions", "--dossier", "Menuiserie Dupont", "--out", str(out), "--data-dir", str(data_dir)]) == 0
    assert capsys.readouterr().out.startswith(f"PDF écrit : {out} (1 page, A4)")
    (text,) = pdf_pages(str(out))
    assert "Nos prochaines actions" in text and "Karim" in text and "en retard de 3 jours" in text
    assert main(["actions", "--dossier", "Inconnu", "--data-dir", str(data_dir)]) == 2
    assert "Dossier inconnu : « Inconnu »" in capsys.readouterr().err


def test_actions_says_nobody_took_an_item_without_doubled_dashes(group, data_dir, capsys):
    assert main(["actions", "--dossier", "Menuiserie Dupont", "--data-dir", str(data_dir)]) == 0
    lines = [line for line in capsys.readouterr().out.splitlines() if line.startswith("☐")]
    assert lines and all("— personne —" in line and "— —" not in line for line in lines)
