"""A guide's table of contents: its headings (level 2 and 3) with the anchors the page carries,
then « Voir aussi » when the guide names related guides."""

# No `from __future__ import annotations`: NamedTuple fields as strings cost a compile each (core/content/model.py).
from typing import NamedTuple

from coopguide.core.content.item_boxes import plain_text
from coopguide.core.content.markdown_lines import ATTR_RE, FENCE_RE, HEADING_RE, SEE_ALSO_ANCHOR
from coopguide.core.content.model import Guide


class Heading(NamedTuple):
    level: int
    title: str
    anchor: str


def table_of_contents(guide: Guide) -> list[Heading]:
    headings, in_fence = [], False
    for line in guide.body.splitlines():
        if FENCE_RE.match(line):
            in_fence = not in_fence
            continue
        match = None if in_fence else HEADING_RE.match(line)
        if match and len(match.group(1)) in (2, 3):
            attr = ATTR_RE.search(match.group(2))
            if attr and attr.group(1):
                title = plain_text(match.group(2)[: attr.start()].strip())
                headings.append(Heading(len(match.group(1)), title, attr.group(1)))
    if any(other != guide.id for other in guide.see_also):  # the block render.see_also_block appends
        headings.append(Heading(2, "Voir aussi", SEE_ALSO_ANCHOR))
    return headings
