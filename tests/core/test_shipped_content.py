"""The content we ship: complete, sourced, dated, linked, and with ids that never vanish."""

from __future__ import annotations

import html as html_module
import re
import shutil

import pytest

from coopguide.core.content.guide_html import render_all
from coopguide.core.content.validate import PUBLISHED_IDS_FILE, check_content, published_ids
from tests.conftest import SHIPPED_CONTENT


@pytest.fixture(scope="module")
def report():
    return check_content(SHIPPED_CONTENT)


def test_shipped_content_has_no_problem(report):
    assert report.problems == []


def test_first_edition_totals(report):
    counts = report.counts()
    assert counts["guides"] >= 15
    assert counts["éléments"] >= 200
    assert counts["termes du glossaire"] >= 60


def test_every_guide_is_dated_sourced_and_described(report):
    for guide in report.content.guides.values():
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", guide.updated), guide.id
        assert len(guide.sources) >= 2, guide.id
        assert all(s.url or s.reference for s in guide.sources), guide.id
        assert guide.title and guide.summary and guide.theme, guide.id


def test_every_rendered_guide_ends_with_sources_and_the_disclaimer(report):
    disclaimer = report.content.disclaimer
    for word in ("URSCOP", "CG Scop", "CAE", "avocat", "pas un conseil juridique"):
        assert word in disclaimer
    for guide_id, html in render_all(report.content).items():
        tail = html[html.index('<h2 id="sources">') :]
        assert html_module.escape(disclaimer) in tail, guide_id
        assert tail.count("<li>") >= 2, guide_id


def test_every_published_id_is_still_there_and_every_id_is_published(report):
    published = {identifier for _, identifier in published_ids(SHIPPED_CONTENT)}
    current = set(report.content.items()) | set(report.content.checklists())
    assert current - published == set(), f"add the new ids to content/{PUBLISHED_IDS_FILE}"


def test_removing_a_published_id_without_alias_fails_and_an_alias_fixes_it(tmp_path, report):
    root = tmp_path / "content"
    shutil.copytree(SHIPPED_CONTENT, root)
    item = sorted(report.content.items().values(), key=lambda i: i.id)[0]
    guide = root / "guides" / f"{item.guide_id}.md"
    text = guide.read_text("utf-8")
    guide.write_text(text.replace(f"{{#{item.id}}}", f"{{#{item.id}-v2}}"), "utf-8")
    problems = [str(p) for p in check_content(root).problems]
    assert any(f"identifiant publié disparu : {item.id}" in p for p in problems), problems
    guide.write_text(text.replace(f"{{#{item.id}}}", f"{{#{item.id}-v2 ancien={item.id}}}"), "utf-8")
    assert check_content(root).ok


def test_glossary_terms_are_defined(report):
    for term in report.content.glossary().values():
        assert len(term.definition) >= 20, term.id


def test_montceau_permanence_page_asks_to_check_the_details(report):
    contacts = report.content.guides["contacts"].body
    assert "10 rue d'Autun" in contacts and "mardi" in contacts
    assert "Vérifiez les coordonnées" in contacts
    assert not re.search(r"\b0\d([ .]?\d{2}){4}\b", contacts), "no phone number of a person"


WITHOUT_SEE_ALSO = {"glossaire"}  # reached from every guide through its terms; a list there would be arbitrary


def test_every_guide_but_the_glossary_points_to_related_guides_that_exist(report):
    for guide in report.content.guides.values():
        if guide.id in WITHOUT_SEE_ALSO:
            assert guide.see_also == (), guide.id
            continue
        assert 2 <= len(guide.see_also) <= 4, guide.id
        assert guide.id not in guide.see_also, guide.id
        assert all(target in report.content.guides for target in guide.see_also), guide.id
    pointed_at = {target for guide in report.content.guides.values() for target in guide.see_also}
    assert pointed_at >= set(report.content.guides) - WITHOUT_SEE_ALSO - {"guide-animateur"}


def test_every_rendered_see_also_block_comes_before_the_sources(report):
    for guide_id, html in render_all(report.content).items():
        guide = report.content.guides[guide_id]
        if not guide.see_also:
            assert 'id="voir-aussi"' not in html, guide_id
            continue
        block = html[html.index('<h2 id="voir-aussi">') : html.index('<h2 id="sources">')]
        assert block.count('<li><a href="guide:') == len(guide.see_also), guide_id


REFERENCE_LINE_RE = re.compile(r"^\s*(?:\*\*)?(?:Références?|Sources?)\s*:", re.M)
INLINE_CITATION_RE = re.compile(r"\((?:[^()]*;\s*)?(?:loi|décret|code|CSA|arrêté|circulaire) [^()]*\)", re.I)


def test_guides_cite_in_notes_not_in_sentences(report):
    """References are notes ([^label]: …): no « Références : » line is left, and no parenthesised
    citation of a legal text interrupts a sentence (tables and checklists aside)."""
    for guide in report.content.guides.values():
        assert not REFERENCE_LINE_RE.search(guide.body), guide.id
        for line in guide.body.splitlines():
            if line.lstrip().startswith(("|", "[^", "- [ ]")):
                continue
            assert not INLINE_CITATION_RE.search(line), (guide.id, line)
