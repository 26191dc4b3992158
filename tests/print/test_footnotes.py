"""Reference notes on paper: footnotes at the foot of the page where their marker lands, numbered as
on screen, instead of the section-end lists of the screen."""

from __future__ import annotations

import datetime as dt

import pytest

from coopguide.core.content import cache as content_cache
from coopguide.core.printout.layout import FlowBlock, footnotes_of, guide_document
from coopguide.printing.output import pdf_bytes
from coopguide.printing.units import Page, Unit, paginate
from tests.core.test_content_loader import write_guide
from tests.print.conftest import pdf_pages

TODAY = dt.date(2026, 11, 30)
FILLER = "Une phrase de remplissage pour que le texte occupe plusieurs pages imprimées. " * 6


def long_guide_with_notes(count: int) -> str:
    """``count`` sections, each a paragraph calling its own note, between two filler paragraphs."""
    parts = []
    for n in range(1, count + 1):
        parts.append(
            f"## Partie {n} {{#partie-{n}}}\n\n{FILLER}\n\nParagraphe {n:02d} avec sa référence[^n{n}].\n\n"
            f"[^n{n}]: Référence numéro {n:02d}, loi n° {n} (vérifié le 1er novembre 2026).\n\n{FILLER}\n"
        )
    return "".join(parts)


@pytest.fixture
def printed(qapp, content_root):
    write_guide(content_root, "gamma", long_guide_with_notes(12))
    loaded = content_cache.build(content_root)
    assert not loaded.problems, loaded.problems
    guide = loaded.content.guides["gamma"]
    return loaded, guide_document(guide, loaded.html["gamma"], loaded.content, today=TODAY)


def test_the_model_moves_section_lists_into_the_blocks_that_call_them(printed):
    _, document = printed
    blocks = [b for b in document.sections[0].blocks if isinstance(b, FlowBlock)]
    notes = [note for block in blocks for note in block.notes]
    assert [(n.key, n.number) for n in notes] == [(f"fn-n{n}", str(n)) for n in range(1, 13)]
    assert notes[0].html == "Référence numéro 01, loi n° 1 (vérifié le 1er novembre 2026)."  # no back-link
    html = "".join(b.html for b in blocks)
    assert "notes-titre" not in html and "Références" not in html and "↩" not in html
    assert '<sup><a class="appel" name="appel-fn-n3">3</a></sup>' in html
    assert 'href="#fn-' not in html


def test_each_note_is_printed_at_the_foot_of_the_page_of_its_marker(printed):
    _, document = printed
    data, result = pdf_bytes(document)
    pages = pdf_pages(data)
    assert result.page_count >= 3
    seen = set()
    for text in pages:
        for n in range(1, 13):
            paragraph, note = f"Paragraphe {n:02d} avec sa référence", f"Référence numéro {n:02d}, loi n° {n}"
            if paragraph in text:
                assert note in text, (n, text[-400:])  # on the same page as its marker
                assert text.index(note) > text.index(paragraph)  # below the text
                assert text.index(note) > text.rindex("Une phrase de remplissage")  # at the foot
                seen.add(n)
            else:
                assert note not in text, n
    assert seen == set(range(1, 13))
    assert "Références" not in " ".join(pages)


def test_notes_are_measured_with_the_page_that_calls_them():
    """A unit whose note would not fit under it moves to the next page, with its note; a note
    called twice on one page is printed once."""
    note = Unit(30.0, lambda *_: None)
    units = [Unit(50.0, lambda *_: None), Unit(20.0, lambda *_: None, notes=(note,))]
    pages = paginate(units, 90.0, note_gap=5.0)  # 50 + 20 + 5 + 30 > 90
    assert [len(p.placements) for p in pages] == [1, 1] and pages[1].notes == [note]
    twice = [Unit(10.0, lambda *_: None, notes=(note,)), Unit(10.0, lambda *_: None, notes=(note,))]
    (page,) = paginate(twice, 90.0, note_gap=5.0)
    assert page.notes == [note] and page.notes_height(5.0) == 35.0
    assert Page(0).notes_height(5.0) == 0.0


def test_a_guide_without_notes_is_unchanged():
    html = '<h2 id="a">A</h2>\n<p>Texte.</p>\n'
    assert footnotes_of(html) == (html, {})
