"""A guide as slides for presentation mode: one section (``<h2>``) at a time, long ones continued.

Slides are cut from the same cached HTML template the reader shows (item placeholders included),
so presentation needs neither Markdown nor the content files, and a tick shown on a slide is the
dossier's state filled in at display time, exactly as in the reader.

A section is cut into its top-level blocks (paragraphs, lists, tables…); :func:`paginate` packs
them into as many slides as the screen needs, measured by the caller (Qt lays the text out), so a
trainer with a clicker that only sends Page Down never meets a slide whose end is off screen.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from dataclasses import dataclass

from coopguide.core.content.item_boxes import BOX_DONE, BOX_EMPTY, BOX_NOT_APPLICABLE, PLACEHOLDER_RE

H2_RE = re.compile(r"<h2(?:\s+id=\"([^\"]*)\")?[^>]*>(.*?)</h2>", re.S)
H1_RE = re.compile(r"<h1[^>]*>.*?</h1>\s*", re.S)
TAG_RE = re.compile(r"<[^>]+>")
# Block starts and the tags whose insides must never be cut (a nested list, a table row…).
BLOCK_START_RE = re.compile(r"\n(?=<(?:p|ul|ol|table|h3|h4|h5|h6|pre|blockquote|dl|hr|div)[\s>/])")
NESTING_RE = re.compile(r"<(/?)(ul|ol|table|pre|blockquote|dl|div)[\s>]")
CHECKLIST_RE = re.compile(r"<ul class=\"checklist\">(.*?)</ul>", re.S)
ITEM_RE = re.compile(r"<li>\s*@@cgitem:([a-z0-9.-]+)@@\s*(.*?)</li>", re.S)
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
    return [part for block in blocks for part in _item_blocks(block)]


def _item_blocks(block: str) -> list[str]:
    """A checklist as one block per item, so a long list continues on the next slide like text
    (:func:`slide_body` joins the items of one slide back into one table)."""
    match = CHECKLIST_RE.fullmatch(block)
    if not match:
        return [block]
    items = ITEM_RE.findall(match.group(1))
    if not items or "<ul" in match.group(1):
        return [block]
    return [f'<ul class="checklist">\n<li>@@cgitem:{item_id}@@ {text}</li>\n</ul>' for item_id, text in items]


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
    screen; a block too big on its own gets a slide of its own (it will scroll)."""
    slides: list[Slide] = []
    for number, section in enumerate(sections):
        pages: list[list[str]] = [[]]
        for block in section.blocks:
            if pages[-1] and not fits(section.title, "\n".join([*pages[-1], block])):
                pages.append([])
            pages[-1].append(block)
        for part, blocks in enumerate(pages, start=1):
            slides.append(Slide(number, section.title, section.anchor, "\n".join(blocks), part, len(pages)))
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
        item_id, text = match.group(1), match.group(2).strip()
        if item_id in not_applicable:
            box, css, state = BOX_NOT_APPLICABLE, "na", ' <span class="na">(non applicable)</span>'
        elif item_id in done:
            box, css, state = BOX_DONE, "fait", ""
        else:
            box, css, state = BOX_EMPTY, "afaire", ""
        background = f' bgcolor="{SELECTED_BACKGROUND}"' if item_id == selected else ""
        number = (
            f'<td class="numero">{counter if counter < 10 else (0 if counter == 10 else "")}</td>'
            if with_numbers
            else ""
        )
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
