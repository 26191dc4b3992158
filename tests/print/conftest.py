"""Fixtures for print tests: the shipped content (built once), a synthetic long checklist, PDF reading."""

from __future__ import annotations

import io
import re
import shutil
import unicodedata
from pathlib import Path

import pytest

from coopguide.core.content import cache as content_cache
from coopguide.core.content.model import Checklist, ChecklistItem, Content, Guide, Theme
from tests.conftest import SHIPPED_CONTENT

ACCENTS = "é à ç œ « » €"


@pytest.fixture(scope="session")
def shipped_cache(tmp_path_factory) -> Path:
    """The content cache file of the shipped content, built once (its key does not name the data folder)."""
    folder = tmp_path_factory.mktemp("cache")
    content_cache.load(SHIPPED_CONTENT, folder)
    return next(folder.glob("content-*.pickle"))


@pytest.fixture
def warm_cache(shipped_cache, data_dir) -> None:
    """Put that cache in the test's data folder, so the command does not render the content again."""
    (data_dir / "cache").mkdir(parents=True, exist_ok=True)
    shutil.copy(shipped_cache, data_dir / "cache" / shipped_cache.name)


def long_checklist_content(count: int = 60) -> tuple[Content, Checklist]:
    """A guide whose checklist has ``count`` items of varied length (some wrap over three lines)."""
    items = []
    for n in range(1, count + 1):
        words = "vérifier le contrat avec l'expert-comptable et la banque" if n % 3 == 0 else "faire"
        extra = f" ({ACCENTS}) " + " ".join(["étape"] * (n % 7) * 3) if n % 5 == 0 else ""
        items.append(
            ChecklistItem(f"essai.element-{n}", f"Élément {n:02d} : {words}{extra}", n, "essai", "essai.liste")
        )
    checklist = Checklist("essai.liste", "Check-list : soixante étapes", "essai", 10, tuple(items))
    guide = Guide(
        id="essai",
        title="Guide d'essai",
        summary="Pour les tests.",
        theme="t",
        order=1,
        version=3,
        updated="2026-11-24",
        path="content/guides/essai.md",
        body="",
        body_first_line=1,
        checklists=(checklist,),
    )
    content = Content(
        edition="essai-1",
        updated="2026-11-24",
        default_guide="essai",
        disclaimer="Information générale, pas un conseil juridique.",
        themes=(Theme("t", "Thème"),),
        guides={"essai": guide},
    )
    return content, checklist


def normalise(text: str) -> str:
    """PDF text as words: ligatures unfolded, any run of spaces, tabs and line ends as one space, and a
    word cut after its hyphen at a line end (« Bourgogne-\nFranche-Comté ») joined again."""
    text = re.sub(r"\s+", " ", unicodedata.normalize("NFKC", text)).strip()
    return re.sub(r"(\w)- (\w)", r"\1-\2", text)


def pdf_pages(data, first: int | None = None) -> list[str]:
    """Normalised text of each page (of the ``first`` pages only, when given: extraction is slow)."""
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(data) if isinstance(data, bytes) else data)
    pages = reader.pages if first is None else reader.pages[:first]
    return [normalise(page.extract_text()) for page in pages]


def embedded_fonts(data) -> dict[str, bool]:
    """Every font used in the PDF → whether its program is embedded (FontFile2/FontFile3)."""
    from pypdf import PdfReader

    fonts = {}
    for page in PdfReader(io.BytesIO(data) if isinstance(data, bytes) else data).pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descendants = font.get("/DescendantFonts")
            described = descendants[0].get_object() if descendants else font
            descriptor = described["/FontDescriptor"].get_object()
            fonts[str(font["/BaseFont"])] = any(k in descriptor for k in ("/FontFile2", "/FontFile3", "/FontFile"))
    return fonts
