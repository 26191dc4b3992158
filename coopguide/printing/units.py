"""Page breaking: unbreakable units placed on pages, first fit, with three rules.

- a unit never straddles two pages (a checklist row, a slice of text between two allowed breaks);
- ``keep_with_next`` chains stay on one page with the unit that follows (a checklist's title, its
  column headers and its first row);
- a unit that starts a page after a break inside its table gets its ``repeat`` unit above it (the
  column headers, "(suite)");
- a unit that calls footnotes goes on a page only if those notes fit at its foot too: the notes are
  units of their own (``Unit.notes``), stacked at the bottom of the page under a short rule, each
  printed once per page however many of its markers the page holds.

Units are measured before any page is painted, so the total number of pages and the page where each
section starts are known when headers, footers ("page x / y") and the contents page are drawn.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from PySide6.QtGui import QPagedPaintDevice, QPainter

Painter = Callable[[QPainter, float, float], None]  # (painter, x, y of the unit's top-left)


@dataclass
class Unit:
    height: float
    paint: Painter
    keep_with_next: bool = False
    repeat: Unit | None = None
    gap_before: float = 0.0  # space above it, dropped at the top of a page
    new_page: bool = False  # always start a page (sections of a pack)
    section: int = -1  # index of the section it belongs to (-1: cover and contents)
    notes: tuple[Unit, ...] = ()  # footnotes called from this unit, printed at the foot of its page


@dataclass
class Placement:
    unit: Unit
    y: float


@dataclass
class Page:
    section: int
    placements: list[Placement] = field(default_factory=list)
    notes: list[Unit] = field(default_factory=list)  # footnotes, top to bottom, at the foot of the page

    def notes_height(self, gap: float, more: list[Unit] | None = None) -> float:
        """Height of the footnote area (the rule's ``gap`` included), with ``more`` notes added."""
        notes = self.notes + (more or [])
        return gap + sum(note.height for note in notes) if notes else 0.0

    def new_notes(self, unit: Unit) -> list[Unit]:
        """The notes ``unit`` calls that this page does not print yet (units compare by identity)."""
        fresh: list[Unit] = []
        for note in unit.notes:
            if all(note is not other for other in (*self.notes, *fresh)):
                fresh.append(note)
        return fresh


class Metrics:
    """Lengths in device units for the paint device (its resolution) and its printable area."""

    def __init__(self, device: QPagedPaintDevice):
        self.dpi = device.logicalDpiY()
        self.width = float(device.width())
        self.height = float(device.height())
        self.header = self.mm(11)
        self.footer = self.mm(10)
        self.body_top = self.header
        self.body_height = self.height - self.header - self.footer

    def mm(self, value: float) -> float:
        return value * self.dpi / 25.4

    def pt(self, value: float) -> float:
        return value * self.dpi / 72


def paginate(units: list[Unit], body_height: float, note_gap: float = 0.0) -> list[Page]:
    """Place ``units`` on pages of ``body_height``; ``note_gap`` is the room above the footnotes
    (their rule), taken once on a page that has any."""
    pages: list[Page] = []
    y = 0.0

    def open_page(section: int) -> None:
        nonlocal y
        pages.append(Page(section))
        y = 0.0

    for index, unit in enumerate(units):
        if not pages or (unit.new_page and pages[-1].placements):
            open_page(unit.section)
        gap = unit.gap_before if y > 0 else 0.0
        needed = _chain_height(units, index, body_height)
        page = pages[-1]
        if y > 0 and y + gap + needed + page.notes_height(note_gap, page.new_notes(unit)) > body_height:
            open_page(unit.section)
            page = pages[-1]
            gap = 0.0
            if unit.repeat is not None:
                page.placements.append(Placement(unit.repeat, 0.0))
                y = unit.repeat.height
        page.notes += page.new_notes(unit)
        page.placements.append(Placement(unit, y + gap))
        y += gap + unit.height
    return pages


def _chain_height(units: list[Unit], index: int, limit: float) -> float:
    """Height of the unit plus those it must stay with; a chain taller than a page is not kept."""
    own = total = units[index].height
    while units[index].keep_with_next and index + 1 < len(units) and not units[index + 1].new_page:
        index += 1
        total += units[index].gap_before + units[index].height
    return total if total <= limit else own


def section_first_pages(pages: list[Page]) -> dict[int, int]:
    """Section index → 1-based number of the page where it starts."""
    first: dict[int, int] = {}
    for number, page in enumerate(pages, start=1):
        for placement in page.placements:
            first.setdefault(placement.unit.section, number)
    return first
