"""Slides without Qt: one numbering per check-list on the page, the slides and the printed sheet;
lead-ins kept with what they introduce; item numbers typed digit by digit."""

from __future__ import annotations

import datetime as dt
import itertools
import re

import pytest

from coopguide.core.content.item_boxes import NUMBER_RE, PLACEHOLDER_RE
from coopguide.core.content.slides import (
    SlideSection,
    keeps_with_next,
    paginate,
    split_blocks,
    split_sections,
    typed_number,
)
from coopguide.core.printout.layout import item_rows

NUMBERED_BOX_RE = re.compile(NUMBER_RE.pattern + PLACEHOLDER_RE.pattern)


def test_every_item_has_the_same_number_on_the_page_the_slides_and_paper(shipped):
    content, templates = shipped.content, shipped.html
    checked = 0
    for guide in content.guides.values():
        template = templates[guide.id]
        on_page = {m.group(2): int(m.group(1)) for m in NUMBERED_BOX_RE.finditer(template)}
        slides = paginate(split_sections(template, guide.title), lambda title, html: html.count("<li") < 5)
        on_slides = {item_id: number for slide in slides for number, item_id in slide.numbers.items()}
        for checklist in guide.checklists:
            on_paper = {row.item_id: row.number for row in item_rows(checklist, None, dt.date(2026, 12, 1))}
            assert on_paper == {item.id: on_page[item.id] for item in checklist.items}, checklist.id
            assert on_paper == {item.id: on_slides[item.id] for item in checklist.items}, checklist.id
            checked += len(on_paper)
    assert checked == len(content.items())  # every item of the shipped content, 27 in a row included
    trente = content.checklists()["reprendre-entreprise-en-difficulte.trente-jours"]
    assert len(trente.items) > 20


def test_a_long_check_list_continues_on_the_next_slide_with_its_own_numbers(shipped):
    guide = shipped.content.guides["reprendre-entreprise-en-difficulte"]
    sections = split_sections(shipped.html[guide.id], guide.title)
    slides = [
        s
        for s in paginate(sections, lambda title, html: html.count("<li") <= 8)
        if s.anchor == "reprendre-entreprise-en-difficulte.trente-jours"
    ]
    assert len(slides) > 2 and min(slides[1].numbers) > 8  # not 1 again on the second slide


@pytest.mark.parametrize(
    ("typed", "numbers", "expected"),
    [
        ("3", range(1, 9), (3, False)),  # nothing longer starts with 3: at once
        ("1", range(9, 17), (None, True)),  # 10 to 16 start with 1: wait
        ("15", range(9, 17), (15, False)),
        ("1", range(1, 13), (None, True)),  # 1 itself, or 10, 11, 12: Enter or a pause decides
        ("2", range(9, 17), (None, False)),  # not on this slide: nothing
        ("0", range(1, 9), (None, False)),
    ],
)
def test_typed_numbers(typed, numbers, expected):
    assert typed_number(typed, numbers) == expected


def lines(count: int, word: str = "ligne") -> str:
    return "\n".join(f"<p>{word} {n}</p>" for n in range(count))


def test_a_lead_in_goes_to_the_next_slide_with_what_it_introduces():
    """« Trois choses à retenir : » was left alone at the foot of a slide, its list on the next one."""
    body = (
        lines(3)
        + "\n<p>Trois choses à retenir dès maintenant :</p>\n<ul>\n<li>un</li>\n<li>deux</li>\n<li>trois</li>\n</ul>"
    )
    blocks = split_blocks(body)
    assert keeps_with_next(blocks[3]) and not keeps_with_next(blocks[2])
    section = SlideSection("Ouverture", "", tuple(blocks))

    def fits(title: str, html: str) -> bool:
        return html.count("<p>") + html.count("<li>") <= 5

    slides = paginate([section], fits)
    for slide in slides:
        assert not slide.html.rstrip().endswith("retenir dès maintenant :</p>")
    with_lead = next(s for s in slides if "retenir" in s.html)
    assert "<li>un</li>" in with_lead.html and with_lead.html.count("<ul>") == 1  # the items one list again
    assert "".join(s.html for s in slides).count("<li>") == 3


def test_a_sub_heading_is_not_left_at_the_foot_of_a_slide():
    blocks = split_blocks(lines(4) + "\n<h3>Ensuite</h3>\n" + lines(2, "suite"))
    slides = paginate(
        [SlideSection("S", "s", tuple(blocks))], lambda title, html: html.count("<p>") + html.count("<h3") <= 5
    )
    assert all(not s.html.rstrip().endswith("</h3>") for s in slides)
    assert any(s.html.startswith("<h3>Ensuite</h3>") for s in slides)


def test_no_shipped_slide_ends_on_a_lead_in_when_more_follows(shipped):
    for guide in shipped.content.guides.values():
        sections = split_sections(shipped.html[guide.id], guide.title)
        slides = paginate(sections, lambda title, html: len(html) < 1800)
        for slide, following in itertools.pairwise(slides):
            if following.section == slide.section:
                last = split_blocks(slide.html)[-1]
                assert not keeps_with_next(last), (guide.id, slide.title, last[:80])
