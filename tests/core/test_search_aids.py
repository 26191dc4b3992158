"""Synonyms and answer cards are content: read from content/recherche-*.yaml, carried by the content
cache, and checked by check-content with each problem at its file and line."""

from __future__ import annotations

import pytest

from coopguide.core.content import cache as content_cache
from coopguide.core.content.validate import check_content
from tests.conftest import SHIPPED_CONTENT

SYNONYMS = """\
synonymes:
  boulot: [groupe]
questions:
  combien: [forme]
"""
CARDS = """\
reponses:
  - id: essai
    question: Combien faut-il ?
    quand: [combien faut, montant]
    points:
      - section: guide:beta#details
        texte: Il faut 30 € au moins, 2 personnes.
"""


@pytest.fixture
def aided(content_root):
    """The small test content with a synonyms file and a cards file, and a figure in beta#details."""
    guide = content_root / "guides" / "beta.md"
    guide.write_text(
        guide.read_text(encoding="utf-8").replace("## Détails {#details}\n", "## Détails {#details}\n\n30 € et 2.\n"),
        encoding="utf-8",
    )
    (content_root / "recherche-synonymes.yaml").write_text(SYNONYMS, encoding="utf-8")
    (content_root / "recherche-reponses.yaml").write_text(CARDS, encoding="utf-8")
    return content_root


def problems(root) -> list[str]:
    return [str(p) for p in check_content(root).problems]


def test_the_shipped_search_aids_are_valid_and_loaded():
    report = check_content(SHIPPED_CONTENT)
    assert report.ok, report.problems
    aids = report.content.search_aids
    assert len(aids.synonyms) >= 40 and len(aids.cards) >= 5
    assert {c.id for c in aids.cards} >= {"cout-creation", "delais-reprise", "aides", "qui-appeler"}


def test_aids_are_read_with_their_lines_and_kept_by_the_content_cache(aided, tmp_path):
    report = check_content(aided)
    assert report.ok, report.problems
    synonyms = {s.words: s for s in report.content.search_aids.synonyms}
    assert synonyms["boulot"].means == ("groupe",) and not synonyms["boulot"].replaces
    assert synonyms["combien"].replaces and synonyms["combien"].line == 4
    (card,) = report.content.search_aids.cards
    assert card.points[0].target == "guide:beta#details" and card.line == 2
    content_cache.load(aided, tmp_path / "cache")
    cached = content_cache.load(aided, tmp_path / "cache")
    assert cached.from_cache and cached.content.search_aids == report.content.search_aids


def test_editing_an_aids_file_changes_the_content_fingerprint(aided):
    before = content_cache.fingerprint(aided)
    (aided / "recherche-synonymes.yaml").write_text(SYNONYMS + "  boîte: [groupe]\n", encoding="utf-8")
    assert content_cache.fingerprint(aided) != before


@pytest.mark.parametrize(
    ("file", "text", "expected"),
    [
        (
            "recherche-synonymes.yaml",
            "synonymes:\n  boulot: [grouppe]\n",
            "recherche-synonymes.yaml:2: boulot : « grouppe » n'est pas un mot des guides",
        ),
        (
            "recherche-synonymes.yaml",
            "synonymes:\n  boulot: [groupe]\n  boulots: [forme]\n",
            "recherche-synonymes.yaml:3: boulots : même mot que boulot (ligne 2)",
        ),
        (
            "recherche-synonymes.yaml",
            "synonymes:\n  le: [groupe]\n",
            "recherche-synonymes.yaml:2: « le » n'a que des mots vides",
        ),
        (
            "recherche-synonymes.yaml",
            "synonymes:\n  boulot: groupe: x\n",
            "recherche-synonymes.yaml:2: fichier YAML illisible",
        ),
        (
            "recherche-synonymes.yaml",
            "mots:\n  boulot: [groupe]\n",
            "recherche-synonymes.yaml:1: « synonymes: » est attendu",
        ),
        (
            "recherche-reponses.yaml",
            CARDS.replace("30 €", "40 €"),
            "recherche-reponses.yaml:6: le nombre 40 n'est pas écrit dans la section guide:beta#details",
        ),
        (
            "recherche-reponses.yaml",
            CARDS.replace("beta#details", "beta#detail"),
            "recherche-reponses.yaml:6: ancre inconnue dans le guide beta : #detail",
        ),
        (
            "recherche-reponses.yaml",
            CARDS.replace("guide:beta", "guide:gamma"),
            "recherche-reponses.yaml:6: section inconnue : guide:gamma#details",
        ),
        (
            "recherche-reponses.yaml",
            CARDS.replace("    question: Combien faut-il ?\n", ""),
            "recherche-reponses.yaml:2: champ obligatoire manquant : question",
        ),
        (
            "recherche-reponses.yaml",
            CARDS.replace("id: essai", "id: Essai !"),
            "recherche-reponses.yaml:2: id : minuscules",
        ),
        (
            "recherche-reponses.yaml",
            CARDS + CARDS.removeprefix("reponses:\n"),
            "recherche-reponses.yaml:8: réponse en double : essai (déjà ligne 2)",
        ),
        (
            "recherche-reponses.yaml",
            CARDS.replace("[combien faut, montant]", "[le, montant]"),
            "recherche-reponses.yaml:2: quand : « le » n'a que des mots vides",
        ),
        (
            "recherche-reponses.yaml",
            CARDS.replace("au moins, 2 personnes.", "x" * 200),
            "recherche-reponses.yaml:6: texte trop long",
        ),
    ],
)
def test_aids_problems_name_their_file_and_line(aided, file, text, expected):
    (aided / file).write_text(text, encoding="utf-8")
    found = problems(aided)
    assert any(p.split("/", 1)[1].startswith(expected) for p in found), found
