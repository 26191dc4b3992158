"""Checklist boxes in a rendered guide: placeholders at render time, ☐/☑ links at display time.

Kept apart from :mod:`render` so that showing a guide at start-up needs neither Markdown nor the
content scanner: only this module and the cached HTML.
"""

from __future__ import annotations

import re

BOX_EMPTY, BOX_DONE, BOX_NOT_APPLICABLE = "☐", "☑", "☒"
PLACEHOLDER_START = "@@cgitem:"
PLACEHOLDER_RE = re.compile(r"@@cgitem:([a-z0-9.-]+)@@")
# An item's number in its check-list, written before its box at render time. The page, the slides
# and the printed sheet all number an item by its place in its check-list (1, 2, … 27), so « cochez
# le 15 » points the whole room to the same line.
NUMBER_RE = re.compile(r'<span class="numero">(\d+)\.</span>\s*')


def number_html(number: int) -> str:
    return f'<span class="numero">{number}.</span> '


def placeholder(item_id: str) -> str:
    return f"{PLACEHOLDER_START}{item_id}@@"


def fill_items(template: str, done: set[str], not_applicable: frozenset[str] | set[str] = frozenset()) -> str:
    """Put each item's box in place of its placeholder: ☑ done, ☒ not applicable (followed by
    « N.A. » so it does not read as done), ☐ to do. The box is a link the view turns into a toggle."""

    def box(match: re.Match[str]) -> str:
        item_id = match.group(1)
        state = "na" if item_id in not_applicable else "fait" if item_id in done else ""
        return box_html(item_id, state)

    return PLACEHOLDER_RE.sub(box, template)


def box_html(item_id: str, state: str) -> str:
    """One item's box as :func:`fill_items` writes it, for a progress state (``"fait"``, ``"na"``,
    anything else is to do). The window swaps one box in a page shown with it after a tick, so both
    must come from here (``ui/page_boxes.py``)."""
    if state == "na":
        return (
            f'<a class="case na" href="cocher:{item_id}" title="non applicable — cliquer pour changer">'
            f'{BOX_NOT_APPLICABLE}</a> <span class="na">N.A.</span>'
        )
    glyph, label, css = (BOX_DONE, "fait", "case fait") if state == "fait" else (BOX_EMPTY, "à faire", "case")
    return f'<a class="{css}" href="cocher:{item_id}" title="{label} — cliquer pour changer">{glyph}</a>'


INLINE_LINK_RE = re.compile(r"\[([^\]]*)\]\([^)]*\)")
EMPHASIS_RE = re.compile(r"(\*\*|__|\*|_|`)(.+?)\1")


def plain_text(markdown_inline: str) -> str:
    """An item's Markdown text as plain text for lists and tooltips (links keep their words)."""
    return EMPHASIS_RE.sub(r"\2", INLINE_LINK_RE.sub(r"\1", markdown_inline))
