"""Jargon linked to the glossary at its first use, and glossary references kept out of tooltips."""

from __future__ import annotations

import pytest

from coopguide.core.content.glossary_page import glossary_page_html
from coopguide.core.content.validate import check_content
from tests.core.test_content_loader import messages, write_guide

GLOSSARY_HEADER = """---
id: glossaire
titre: Glossaire
resume: Les mots.
theme: bases
ordre: 9
version: 1
a_jour_au: 2026-11-01
type: glossaire
sources:
  - titre: A
    url: https://a.example/
  - titre: B
    url: https://b.example/
---
"""
GLOSSARY = """
## Scop {#scop}

Société coopérative de production[^scop-loi].

[^scop-loi]: Loi n° 78-763 du 19 juillet 1978.

## SCIC {#scic}

Société coopérative d'intérêt collectif.

## Union régionale (URSCOP) {#urscop}

L'association régionale du mouvement, qui accompagne les projets.

## Associé salarié {#associe-salarie}

Salarié qui détient des parts de sa [Scop](glossaire:scop)[^salarie-1] ; il vote[^salarie-2].

[^salarie-1]: Loi n° 78-763, art. 5
sur deux lignes.

[^salarie-2]: Loi n° 47-1775, art. 1er.

## Statuts {#statuts}

Le règlement de la société.
"""


@pytest.fixture
def root(content_root):
    write_guide(content_root, "glossaire", GLOSSARY, header=GLOSSARY_HEADER)
    return content_root


def unlinked(root) -> list[str]:
    return [m for m in messages(root) if "sans lien vers le glossaire" in m]


def test_the_first_use_of_a_term_must_be_a_link(root):
    write_guide(root, "gamma", "Texte.\n\nDeux associés salariés suffisent.\n\nUne Scop.\n")
    found = unlinked(root)
    assert any(m.startswith("content/guides/gamma.md:17: « Associé salarié »") for m in found), found
    assert any(m.startswith("content/guides/gamma.md:19: « Scop »") for m in found), found
    assert all("statuts" not in m.lower() for m in found)  # an everyday word is not checked


@pytest.mark.parametrize(
    "body",
    [
        "Une [Scop](glossaire:scop). Plus loin, une Scop.\n",
        "Une Scop, c'est-à-dire une\n[société coopérative de production](glossaire:scop).\n",  # same paragraph
        "| Forme |\n|---|\n| [Scop](glossaire:scop) |\n\nUne Scop.\n",  # linked in a table above
        "| Forme |\n|---|\n| Scop |\n",  # a table's words are not a use
        "## La Scop\n\n- [ ] Créer la Scop {#gamma.creer}\n",  # neither are headings and items
        "Lisez [La Scop en bref](guide:alpha).\n",  # nor another link's words
        "Texte[^n].\n\n[^n]: Guide de la Scop, 2020.\n",  # nor a note
        "Votre [union régionale des Scop et des Scic](glossaire:urscop).\n",  # a word of another name
    ],
)
def test_what_is_not_an_unlinked_first_use(root, body):
    write_guide(root, "gamma", body)
    assert [m for m in unlinked(root) if "gamma.md" in m] == []


def test_a_definition_links_the_other_terms_it_uses(root):
    path = root / "guides" / "glossaire.md"
    text = path.read_text("utf-8").replace("Le règlement de la société.", "Le règlement de la Scop, voté en SCIC.")
    path.write_text(text.replace("Société coopérative de production[^scop-loi].", "La Scop[^scop-loi]."), "utf-8")
    found = unlinked(root)
    assert len(found) == 2 and all(m.startswith("content/guides/glossaire.md:") for m in found), found
    assert "« Scop »" in found[0] and "« SCIC »" in found[1]  # the Scop's own definition may name it


def test_glossary_notes_stay_out_of_the_definition_and_show_on_the_page(root):
    report = check_content(root)
    assert report.ok, report.problems
    terms = report.content.glossary()
    definition = "Salarié qui détient des parts de sa [Scop](glossaire:scop) ; il vote."
    assert terms["associe-salarie"].definition == definition
    assert terms["associe-salarie"].references == "Loi n° 78-763, art. 5 sur deux lignes ; Loi n° 47-1775, art. 1er"
    assert terms["scop"].references == "Loi n° 78-763 du 19 juillet 1978"
    assert terms["statuts"].references == ""
    page = glossary_page_html(report.content)
    assert '<p class="meta">Référence : Loi n° 78-763 du 19 juillet 1978.</p>' in page
    assert "[^" not in page
