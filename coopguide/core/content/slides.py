"""A guide as slides for presentation mode: one section (``<h2>``) at a time, long ones continued.

Slides are cut from the same cached HTML template the reader shows (item placeholders included),
so presentation needs neither Markdown nor the content files, and a tick shown on a slide is the
dossier's state filled in at display time, exactly as in the reader.

A section is cut into its top-level blocks (paragraphs, lists, tables…); :func:`paginate` packs
them into as many slides as the screen needs, measured by the caller (Qt lays the text out), so a
trainer with a clicker that only sends Page Down never meets a slide whose end is off screen.

A list is cut into its items (joined back on a slide), so a long one continues on the next slide
like text; a lead-in (« Trois choses à retenir : ») or a sub-heading is never left alone at the foot
of a slide: it goes with what it introduces (:func:`keeps_with_next`).

Check-list items keep the number the page and the printed sheet give them (their place in their
check-list, written at render time): the number keys type that number (:func:`typed_number`).
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from coopguide.core.content.item_boxes import (
    BOX_DONE,
    BOX_EMPTY,
    BOX_NOT_APPLICABLE,
    PLACEHOLDER_RE,
    number_html,
)

H2_RE = re.compile(r"<h2(?:\s+id=\"([^\"]*)\")?[^>]*>(.*?)</h2>", re.S)
H1_RE = re.compile(r"<h1[^>]*>.*?</h1>\s*", re.S)
TAG_RE = re.compile(r"<[^>]+>")
# Block starts and the tags whose insides must never be cut (a nested list, a table row…).
BLOCK_START_RE = re.compile(r"\n(?=<(?:p|ul|ol|table|h3|h4|h5|h6|pre|blockquote|dl|hr|div)[\s>/])")
NESTING_RE = re.compile(r"<(/?)(ul|ol|table|pre|blockquote|dl|div)[\s>]")
CHECKLIST_RE = re.compile(r"<ul class=\"checklist\">(.*?)</ul>", re.S)
ITEM_RE = re.compile(r'<li>\s*(?:<span class="numero">(\d+)\.</span>\s*)?@@cgitem:([a-z0-9.-]+)@@\s*(.*?)</li>', re.S)
PLAIN_LIST_RE = re.compile(r"<(ul|ol)>\n(.*)</\1>", re.S)
LIST_ITEM_RE = re.compile(r"<li>.*?</li>", re.S)
LIST_PART = "<!--li-->"  # marks a list cut into its items; the items of one slide are joined again
JOINED_LIST_RE = re.compile(r"</(ul|ol)>\s*<\1(?: start=\"\d+\")?>" + re.escape(LIST_PART))
LEAD_IN_RE = re.compile(r"<p>(?:(?!</?p>).)*:\s*</p>", re.S)
SUBHEADING_RE = re.compile(r"<h[3-6][\s>]")
ITEMS_END = "</table><!--items-->"
ADJACENT_TABLES_RE = re.compile(r"</table><!--items-->\s*<table class=\"items\"[^>]*>")
SELECTED_BACKGROUND = "#ffe680"


@dataclass(frozen=True)
class SlideSection:
    title: str  # plain text of the heading; the guide's title for the opening section
    anchor: str  # the heading's id (for the reader to scroll back to), "" for the opening section
    blocks: tuple[str, ...]


@dataclass(frozen=True)
class Slide:
    section: int  # index in the guide's sections
    title: str
    anchor: str
    html: str  # body blocks, placeholders left in
    part: int  # 1-based part of the section
    parts: int

    @property
    def item_ids(self) -> tuple[str, ...]:
        return tuple(PLACEHOLDER_RE.findall(self.html))

    @property
    def numbers(self) -> dict[int, str]:
        """Item number (as on the page and on paper) → item id, for the items of this slide."""
        found: dict[int, str] = {}
        for position, match in enumerate(ITEM_RE.finditer(self.html), start=1):
            found.setdefault(int(match.group(1)) if match.group(1) else position, match.group(2))
        return found


def html_to_text(fragment: str) -> str:
    return html.unescape(TAG_RE.sub("", fragment)).strip()


def split_blocks(fragment: str) -> list[str]:
    """Top-level blocks of rendered Markdown; never cuts inside a list, table or code block."""
    blocks, current, depth = [], "", 0
    for piece in BLOCK_START_RE.split("\n" + fragment.strip()):
        if current.strip() and depth == 0 and piece.strip():
            blocks.append(current.strip())
            current = ""
        current += "\n" + piece
        for closing, _tag in NESTING_RE.findall(piece):
            depth += -1 if closing else 1
        depth = max(depth, 0)
    if current.strip():
        blocks.append(current.strip())
    return [part for block in blocks for part in _list_blocks(_item_blocks(block))]


def _item_blocks(block: str) -> list[str]:
    """A checklist as one block per item, so a long list continues on the next slide like text
    (:func:`slide_body` joins the items of one slide back into one table)."""
    match = CHECKLIST_RE.fullmatch(block)
    if not match:
        return [block]
    items = ITEM_RE.findall(match.group(1))
    if not items or "<ul" in match.group(1):
        return [block]
    return [
        f'<ul class="checklist">\n<li>{number_html(int(n)) if n else ""}@@cgitem:{item_id}@@ {text}</li>\n</ul>'
        for n, item_id, text in items
    ]


def _list_blocks(blocks: list[str]) -> list[str]:
    """A plain list (no list inside) as one block per item, marked so that the items one slide
    holds are joined back into one list (:func:`join_blocks`); an ordered list keeps its numbers."""
    result: list[str] = []
    for block in blocks:
        match = PLAIN_LIST_RE.fullmatch(block)
        items = LIST_ITEM_RE.findall(match.group(2)) if match else []
        if not match or len(items) < 2 or "<ul" in match.group(2) or "<ol" in match.group(2):
            result.append(block)
            continue
        tag = match.group(1)
        for number, item in enumerate(items, start=1):
            start = f' start="{number}"' if tag == "ol" else ""
            result.append(f"<{tag}{start}>{LIST_PART}\n{item}\n</{tag}>")
    return result


def join_blocks(blocks: list[str]) -> str:
    """The blocks of one slide as its HTML: the items of a list cut by :func:`split_blocks` one list again."""
    return JOINED_LIST_RE.sub("", "\n".join(blocks))


def keeps_with_next(block: str) -> bool:
    """A sub-heading, or a paragraph ending with a colon (« Trois choses à retenir : »): it
    introduces what follows, and must not end a slide without it."""
    return bool(SUBHEADING_RE.match(block)) or bool(LEAD_IN_RE.fullmatch(block.strip()))


def split_sections(template: str, guide_title: str) -> list[SlideSection]:
    """The opening (summary and introduction) then one section per ``<h2>`` of the template."""
    sections = []
    matches = list(H2_RE.finditer(template))
    opening = H1_RE.sub("", template[: matches[0].start()] if matches else template, count=1)
    if opening.strip() or not matches:
        sections.append(SlideSection(guide_title, "", tuple(split_blocks(opening))))
    for index, match in enumerate(matches):
        end = matches[index + 1].start() if index + 1 < len(matches) else len(template)
        sections.append(
            SlideSection(
                html_to_text(match.group(2)), match.group(1) or "", tuple(split_blocks(template[match.end() : end]))
            )
        )
    return sections


def paginate(sections: list[SlideSection], fits: Callable[[str, str], bool]) -> list[Slide]:
    """Slides: each section's blocks packed while ``fits(title, html)`` says the slide fits the
    screen; a block too big on its own gets a slide of its own (it will scroll). Lead-ins and
    sub-headings left at the foot of a full slide move to the next one, with what they introduce,
    and a lead-in and what it introduces share a slide even when they overflow it together."""
    slides: list[Slide] = []
    for number, section in enumerate(sections):
        pages: list[list[str]] = [[]]
        for block in section.blocks:
            page = pages[-1]
            if page and all(keeps_with_next(b) for b in page):
                page.append(block)  # with its lead-in, even if together they are too big (it will scroll)
                continue
            if page and not fits(section.title, join_blocks([*page, block])):
                carried: list[str] = []
                while len(pages[-1]) > 1 and keeps_with_next(pages[-1][-1]):
                    carried.insert(0, pages[-1].pop())
                pages.append(carried)
            pages[-1].append(block)
        for part, blocks in enumerate(pages, start=1):
            slides.append(Slide(number, section.title, section.anchor, join_blocks(blocks), part, len(pages)))
    return slides


def slide_body(
    fragment: str,
    done: set[str] | frozenset[str],
    not_applicable: set[str] | frozenset[str],
    selected: str | None = None,
    with_numbers: bool = True,
) -> str:
    """A slide's HTML with its checklists as large numbered rows (number key, box, text), the
    selected one highlighted: number keys, arrows + Enter and clicks on the box all tick."""
    counter = 0

    def row(match: re.Match[str]) -> str:
        nonlocal counter
        counter += 1
        item_id, text = match.group(2), match.group(3).strip()
        shown = match.group(1) or str(counter)  # the item's number in its check-list, as on paper
        if item_id in not_applicable:
            box, css, state = BOX_NOT_APPLICABLE, "na", ' <span class="na">(non applicable)</span>'
        elif item_id in done:
            box, css, state = BOX_DONE, "fait", ""
        else:
            box, css, state = BOX_EMPTY, "afaire", ""
        background = f' bgcolor="{SELECTED_BACKGROUND}"' if item_id == selected else ""
        number = f'<td class="numero">{shown}</td>' if with_numbers else ""
        return (
            f'<tr{background}>{number}<td class="case"><a class="case {css}" href="cocher:{item_id}">{box}</a>'
            f'</td><td class="texte {css}">{text}{state}</td></tr>'
        )

    def table(match: re.Match[str]) -> str:
        rows = ITEM_RE.sub(row, match.group(1))
        return f'<table class="items" width="100%" cellspacing="0" cellpadding="6">{rows}{ITEMS_END}'

    return ADJACENT_TABLES_RE.sub("", CHECKLIST_RE.sub(table, fragment))


def slide_page(slide: Slide, body: str, guide_title: str) -> str:
    """The whole slide: its heading (« suite » on the continuation slides), then the body."""
    heading = html.escape(slide.title)
    if slide.parts > 1 and slide.part > 1:
        heading += f' <span class="suite">(suite {slide.part}/{slide.parts})</span>'
    tag = "h1" if slide.section == 0 and not slide.anchor and slide.title == guide_title else "h2"
    return f"<{tag}>{heading}</{tag}>\n{body}"


def slide_of_anchor(slides: list[Slide], anchor: str) -> int:
    """The first slide of the section with this anchor (0 when unknown)."""
    return next((i for i, s in enumerate(slides) if anchor and s.anchor == anchor), 0)


def typed_number(typed: str, numbers: Iterable[int]) -> tuple[int | None, bool]:
    """What digits typed so far mean among the slide's item ``numbers``: (the number to tick now,
    whether to wait for another digit). « 3 » on a slide of items 1–8 ticks 3 at once; « 1 » on
    a slide of items 9–16 waits (10 to 16 start with it), « 15 » then ticks 15; a number that
    is not on the slide ticks nothing."""
    shown = {str(n) for n in numbers}
    longer = any(s != typed and s.startswith(typed) for s in shown)
    if longer:
        return None, True
    return (int(typed) if typed in shown else None), False
