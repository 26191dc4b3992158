"""Reference notes: ``[^label]`` markers and their definitions, rendered as numbered superscripts
with the reference as tooltip, listed at the end of each section; checked by the validator; left
out of the register's quotes, of search texts and of the readability measure."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

from coopguide.core.content.fact_register import fold
from coopguide.core.content.guide_html import render_guide
from coopguide.core.content.validate import check_content
from coopguide.core.search.documents import documents
from tests.core.test_content_loader import messages, write_guide

NOTES_BODY = """Un paragraphe d'ouverture[^ouverture].

[^ouverture]: Loi n° 1 (vérifié le 1er novembre 2026).

## Première partie {#premiere}

- Un point dans une liste[^liste].
- Un autre point.

| Forme | Règle |
|---|---|
| Scop | 51 % du capital[^tableau] |

Un paragraphe après le tableau[^paragraphe], et encore l'ouverture[^ouverture].

[^liste]: Code du travail, art. L. 1 ; [Scop](glossaire:scop) (source consultée en janvier 2026).
[^tableau]: Loi n° 78-763, art. 5, avec un \\*astérisque\\* &amp; une esperluette.

[^paragraphe]: Décret n° 2.

### Une sous-partie {#sous-partie}

Texte de la sous-partie[^sous].

[^sous]: Arrêté du 3 mars 2026.

## Seconde partie {#seconde}

Sans référence.
"""


@pytest.fixture
def notes_guide(content_root):
    write_guide(content_root, "gamma", NOTES_BODY)
    report = check_content(content_root)
    assert report.ok, report.problems
    content = report.content
    return render_guide(content.guides["gamma"], content), content


def markers(html: str) -> list[tuple[str, str]]:
    """(note id, number shown) of each marker, in page order."""
    return re.findall(r'<a class="footnote-ref" href="#fn-([a-z0-9-]+)"[^>]*>(\d+)</a>', html)


def test_markers_are_numbered_in_reading_order_lists_and_tables_included(notes_guide):
    html, _ = notes_guide
    assert markers(html) == [
        ("ouverture", "1"),
        ("liste", "2"),
        ("tableau", "3"),
        ("paragraphe", "4"),
        ("ouverture", "1"),  # called again: the same note, the same number
        ("sous", "5"),
    ]
    assert "[^" not in html


def test_each_section_ends_with_the_notes_it_calls_first(notes_guide):
    html, _ = notes_guide
    opening = html[: html.index('<h2 id="premiere"')]
    first = html[html.index('<h2 id="premiere"') : html.index('<h3 id="sous-partie"')]
    sub = html[html.index('<h3 id="sous-partie"') : html.index('<h2 id="seconde"')]
    second = html[html.index('<h2 id="seconde"') : html.index('<h2 id="sources"')]
    assert re.findall(r'<li id="fn-([a-z-]+)"', opening) == ["ouverture"]
    assert re.findall(r'<li id="fn-([a-z-]+)"', first) == ["liste", "tableau", "paragraphe"]
    assert re.findall(r'<li id="fn-([a-z-]+)"', sub) == ["sous"]
    assert "notes" not in second  # no reference, no list
    assert first.rstrip().endswith("</ol>")  # the list closes the section, after the last paragraph
    assert '<p class="notes-titre">Références</p>\n<ol class="notes" start="2">' in first
    assert '<ol class="notes" start="5">' in sub


def test_a_marker_carries_its_reference_as_tooltip_and_the_note_links_back(notes_guide):
    html, _ = notes_guide
    assert 'href="#fn-liste" title="Code du travail, art. L. 1 ; Scop (source consultée en janvier 2026).">2<' in html
    assert 'title="Loi n° 78-763, art. 5, avec un *astérisque* &amp; une esperluette.">3<' in html
    note = re.search(r'<li id="fn-liste">(.*?)</li>', html, re.S).group(1)
    assert not note.startswith("<p>")  # one paragraph: unwrapped, so the list reads as a list
    assert 'class="terme" href="glossaire:scop"' in note  # links work in the list as in the text
    assert 'class="footnote-backref" href="#fnref-liste" title="Revenir au texte, à l\'appel de note 2"' in note


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("Texte[^absente].\n", ":15: appel de note sans définition : [^absente]"),
        ("Texte.\n\n[^seule]: Loi n° 1.\n", ":17: note jamais appelée : [^seule]"),
        ("Texte[^a].\n\n[^a]: Un.\n[^a]: Deux.\n", ":18: note définie deux fois : [^a] (déjà ligne 17)"),
        ("Texte[^Mal_Nom].\n\n[^Mal_Nom]: Un.\n", ":17: nom de note mal formé : [^Mal_Nom]"),
        (
            "## Liste {#gamma.l}\n\n- [ ] Faire[^n] {#gamma.a}\n\n[^n]: Loi.\n",
            ":17: appel de note [^n] dans un élément de check-list",
        ),
    ],
)
def test_note_problems_name_file_and_line(content_root, body, expected):
    write_guide(content_root, "gamma", body)
    found = [m for m in messages(content_root) if m.startswith("content/guides/gamma.md")]
    assert any(expected in m for m in found), found


def test_a_note_definition_is_not_taken_for_a_link_target(content_root):
    write_guide(content_root, "gamma", "Texte[^n].\n\n[^n]: code du travail, art. L. 1.\n")
    assert not [m for m in messages(content_root) if "gamma" in m]


def test_register_quotes_ignore_markers_but_not_definitions():
    assert fold("au moins 7 en SA[^nombre].") == fold("au moins 7 en SA.")
    assert fold("[^nombre]: Loi n° 78-763, art. 3.").startswith("[^nombre]:")


def test_search_text_keeps_the_reference_without_its_marks(notes_guide):
    _, content = notes_guide
    sections = {d.section_title: d.body for d in documents(content) if d.guide_id == "gamma"}
    assert "Un point dans une liste." in sections["Première partie"]
    assert "Loi n° 78-763, art. 5" in sections["Première partie"]
    assert "[^" not in " ".join(sections.values())


def test_readability_counts_notes_apart_from_the_sentences():
    sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "scripts"))
    try:
        import readability
    finally:
        sys.path.pop(0)
    inline = readability.measure("x", "Les salariés ont 51 % du capital (loi n° 78-763, art. 5).\n")
    noted = readability.measure("x", "Les salariés ont 51 % du capital[^a].\n\n[^a]: Loi n° 78-763, art. 5.\n")
    assert (inline.words, inline.sentences) == (noted.words, noted.sentences) == (7, 1)
    assert (inline.references, inline.set_apart, inline.markers) == (1, 0, 0)
    assert (noted.references, noted.set_apart, noted.markers) == (0, 1, 1)
