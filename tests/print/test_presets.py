"""Seance presets (content/seances/*.yaml): loading, and problems reported at their file and line."""

from __future__ import annotations

import shutil
import subprocess
import sys

import pytest

from coopguide.core.content import cache as content_cache
from coopguide.core.content.presets import load_presets
from coopguide.core.content.validate import check_content
from coopguide.core.shared import paths
from tests.conftest import SHIPPED_CONTENT

GOOD = """\
id: essai
titre: Séance d'essai
public: Tout le monde
duree: 1 heure
guides: [alpha]
check-lists:
  - beta.liste
"""


def test_the_three_shipped_presets_load_and_name_real_guides_and_checklists():
    presets, problems = load_presets(SHIPPED_CONTENT)
    assert problems == []
    assert [p.id for p in presets] == [
        "decouvrir-la-cae",
        "monter-un-telecentre",
        "reprendre-en-scop-premiere-rencontre",
    ]
    first = presets[-1]
    assert first.title == "Reprendre sa boîte en Scop — première rencontre"
    assert first.guides[0] == "scop-en-bref" and "contacts.premier-rendez-vous" in first.checklists
    assert check_content(SHIPPED_CONTENT).problems == []


def write(content_root, name: str, text: str):
    folder = content_root / paths.PRESETS_DIR
    folder.mkdir(exist_ok=True)
    (folder / name).write_text(text, encoding="utf-8")


def test_a_valid_preset_of_the_fixture_content(content_root):
    write(content_root, "essai.yaml", GOOD)
    presets, problems = load_presets(content_root)
    assert problems == [] and presets[0].targets == ("alpha", "beta.liste")
    assert check_content(content_root).problems == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (GOOD.replace("[alpha]", "[alpha, gamma]"), "content/seances/essai.yaml:5: guide inconnu : gamma"),
        (
            GOOD.replace("  - beta.liste", "  - alpha.premiere\n  - beta.rien"),
            "content/seances/essai.yaml:8: check-list inconnue : beta.rien",
        ),
        (
            GOOD.replace("[alpha]", "[alpha.premiere]"),
            "content/seances/essai.yaml:5: guide inconnu : alpha.premiere (c'est une check-list : mettez-la sous "
            "check-lists)",
        ),
        (
            GOOD.replace("public: Tout le monde\n", ""),
            "content/seances/essai.yaml:1: champ obligatoire manquant : public",
        ),
        (GOOD.replace("duree: 1 heure", "duree:"), "content/seances/essai.yaml:4: duree doit être un texte"),
        (
            GOOD.replace("id: essai", "id: autre"),
            "content/seances/essai.yaml:1: l'identifiant 'autre' doit être le nom du fichier ('essai')",
        ),
        (GOOD + "couleur: rouge\n", "content/seances/essai.yaml:8: champ inconnu : couleur"),
        (GOOD.replace("guides: [alpha]", "guides: alpha"), "content/seances/essai.yaml:5: guides doit être une liste"),
        (GOOD.replace("titre: Séance d'essai", "titre: [oups"), "content/seances/essai.yaml:3: fichier YAML illisible"),
        ("- une liste\n", "content/seances/essai.yaml:1: la séance doit être une liste de champs"),
    ],
)
def test_bad_presets_are_reported_with_file_and_line(content_root, text, expected):
    write(content_root, "essai.yaml", text)
    problems = [str(p) for p in check_content(content_root).problems]
    assert any(p.startswith(expected) for p in problems), problems


def test_check_content_command_reports_a_bad_preset(tmp_path):
    broken = tmp_path / "content"
    shutil.copytree(SHIPPED_CONTENT, broken)
    path = broken / "seances" / "decouvrir-la-cae.yaml"
    lines = path.read_text("utf-8").splitlines()
    number = lines.index("  - cae-et-cape") + 1
    lines[number - 1] = "  - cae-et-capee"
    path.write_text("\n".join(lines) + "\n", "utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "coopguide", "check-content", "--content-dir", str(broken)],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 1
    assert f"content/seances/decouvrir-la-cae.yaml:{number}: guide inconnu : cae-et-capee" in result.stdout


def test_a_changed_preset_rebuilds_the_content_cache(content_root, data_dir):
    """Presets' problems are part of the cached report: editing a preset must invalidate the cache."""
    write(content_root, "essai.yaml", GOOD)
    assert content_cache.load(content_root, data_dir / "cache").problems == []
    assert content_cache.load(content_root, data_dir / "cache").from_cache
    write(content_root, "essai.yaml", GOOD.replace("[alpha]", "[alpha, gamma]"))
    reloaded = content_cache.load(content_root, data_dir / "cache")
    assert not reloaded.from_cache
    assert any("guide inconnu : gamma" in p for p in reloaded.problems)
