"""The printed séance summary read back with pypdf: one A4 landscape page with the groups side by
side, then one page per group."""

from __future__ import annotations

import io

import pytest

from coopguide.core.content.cache import build
from coopguide.core.seance_overview import build_overview
from coopguide.core.seance_summary import seance_summary_document
from coopguide.printing.output import pdf_bytes
from tests.helpers import SEANCE_DAY, SEANCE_PRESET, prepared_seance
from tests.print.conftest import normalise


@pytest.fixture
def content(content_root):
    return build(content_root).content


def test_the_printed_summary_is_one_landscape_page_then_one_page_per_group(qapp, store, content):
    from pypdf import PdfReader

    seance = prepared_seance(store, content)
    overview = build_overview(store, content, seance, [SEANCE_PRESET], SEANCE_DAY)
    data, result = pdf_bytes(seance_summary_document(overview, content))
    reader = PdfReader(io.BytesIO(data))
    assert result.page_count == len(reader.pages) == 4
    box = reader.pages[0].mediabox
    assert float(box.width) > float(box.height)  # A4 landscape: 842 × 595 points
    pages = [normalise(page.extract_text()) for page in reader.pages]
    first = pages[0]
    for name in ("Séance 24/11", "Montceau", "Les Ébénistes", "Atelier 2", "Table du fond", "Prochaines actions"):
        assert name in first
    assert "page 1 / 4" in first
    for page, column in zip(pages[1:], overview.columns, strict=True):
        assert page.count(column.name) >= 1 and column.dossier.name in page
    assert "Appeler l'URSCOP lundi" in pages[1] and "En retard (1)" in pages[1]
    assert "Scop ou Scic ? à revoir" in pages[2]
