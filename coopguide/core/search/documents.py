"""What the search finds: a guide cut at its headings, each checklist item, each glossary term.

A section is what a user can jump to: its heading carries an anchor (``{#…}``, written into the
HTML as ``id`` by attr_list), so ``guide:GUIDE#ANCHOR`` scrolls to it. A heading without anchor
would have no ``id`` in the page (no ``toc`` extension): such a section jumps to the nearest anchored
heading above it, or to the top of the guide. Checklist lines are left out of their section's text,
as each item is found on its own; the glossary guide's terms are found as terms, not as sections.
A reference note's text belongs to the section where it is written (its marker is left out), so a
search for « L. 642-13 » finds the section that cites it.

A section's text is the words a reader sees, never Markdown: lines are joined into their paragraph
(or list item, or table row) *before* links and emphasis are stripped, since a link often runs over
two lines (« l'[aide à la reprise ou à la\ncréation d'entreprise](glossaire:arce) ») and a line
alone would keep its brackets.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from coopguide.core.content.body_scan import TASK_RE
from coopguide.core.content.item_boxes import plain_text
from coopguide.core.content.markdown_lines import ATTR_RE, FENCE_RE, HEADING_RE
from coopguide.core.content.model import Content, Guide

SECTION, ITEM, GLOSSARY = "section", "item", "glossary"
KIND_LABELS = {SECTION: "Guide", ITEM: "Check-list", GLOSSARY: "Glossaire"}

TABLE_RULE_RE = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$")
LINE_MARK_RE = re.compile(r"^\s*(?:>\s*)*(?:[-*+]\s+|\d+[.)]\s+|:\s+)?")
BLOCK_START_RE = re.compile(r"^\s*(?:>|[-*+]\s|\d+[.)]\s|:\s|\|)")  # a list item, a table row, a quote…
IMAGE_RE = re.compile(r"!\[([^\]]*)\]\([^)]*\)")
NOTE_RE = re.compile(r"\[\^[^\]]*\]:?")  # a reference note's marker, or the label of its definition
SPACES_RE = re.compile(r"\s+")


@dataclass(frozen=True)
class Document:
    kind: str
    guide_id: str
    guide_title: str
    section_title: str  # heading of the section, checklist title of an item, the term itself
    title: str  # what the result shows first: heading, item text or term
    body: str  # plain text
    context: str  # words about the whole guide (title, tags): they help rank its sections first
    target: str  # link for MainWindow.follow_link


def markdown_line_text(line: str) -> str:
    """Markdown (a line, or the lines of one paragraph joined) as the words a reader sees: links
    keep their text, marks, images and note markers go."""
    line = LINE_MARK_RE.sub("", line, count=1)
    line = NOTE_RE.sub("", IMAGE_RE.sub(r"\1", line)).replace("|", " ")
    return plain_text(line).replace("`", "")


CODE = "\x00"  # marks a line of a fenced code block: kept as written


def markdown_text(lines: list[str]) -> list[str]:
    """Markdown lines as plain text, one entry per paragraph, list item, table row or code line."""
    blocks: list[list[str]] = []
    for line in lines:
        if line.startswith(CODE):
            blocks += [[line], []]
        elif not line.strip():
            blocks.append([])
        elif BLOCK_START_RE.match(line) or not blocks:
            blocks.append([line])
        else:
            blocks[-1].append(line.strip())
    return [
        block[0][1:] if block[0].startswith(CODE) else markdown_line_text(" ".join(block)) for block in blocks if block
    ]


def _join(lines: list[str]) -> str:
    return SPACES_RE.sub(" ", " ".join(lines)).strip()


def guide_sections(guide: Guide, glossary_ids: set[str]) -> Iterator[Document]:
    context = " ".join((guide.title, *guide.tags))
    title, section, anchor, last_anchor, lines = guide.title, "", None, None, [guide.summary, ""]
    in_fence = skip = False

    def flush() -> Iterator[Document]:
        if skip or not (title or lines):
            return
        target = f"guide:{guide.id}#{anchor or last_anchor}" if (anchor or last_anchor) else f"guide:{guide.id}"
        yield Document(SECTION, guide.id, guide.title, section, title, _join(markdown_text(lines)), context, target)

    for line in guide.body.splitlines():
        if FENCE_RE.match(line):
            in_fence = not in_fence
            continue
        heading = None if in_fence else HEADING_RE.match(line)
        if heading:
            yield from flush()
            attr = ATTR_RE.search(heading.group(2))
            text = heading.group(2)[: attr.start()] if attr else heading.group(2)
            last_anchor = anchor or last_anchor
            anchor = attr.group(1) if attr else None
            title = section = plain_text(text.strip())
            lines = []
            skip = guide.kind == "glossaire" and anchor in glossary_ids
        elif in_fence:
            lines.append(CODE + line)
        elif TASK_RE.match(line) or TABLE_RULE_RE.match(line):
            lines.append("")  # an item is found on its own; the rule under a table's head is no text
        else:
            lines.append(line)
    yield from flush()


def documents(content: Content) -> Iterator[Document]:
    """Every searchable document of the content, in a stable order."""
    glossary_ids = set(content.glossary())
    for guide in content.guides.values():
        yield from guide_sections(guide, glossary_ids)
        context = " ".join((guide.title, *guide.tags))
        for checklist in guide.checklists:
            for item in checklist.items:
                yield Document(
                    ITEM,
                    guide.id,
                    guide.title,
                    checklist.title,
                    plain_text(item.text),
                    "",
                    f"{context} {checklist.title}",
                    f"item:{item.id}",
                )
        for term in guide.glossary:
            # The term's own heading in the glossary guide: the definition in context, where
            # follow_link can scroll (a bare glossaire: link would only flash a tooltip).
            yield Document(
                GLOSSARY,
                guide.id,
                guide.title,
                term.term,
                term.term,
                plain_text(f"{term.definition} {term.references}".strip()),
                guide.title,
                f"guide:{guide.id}#{term.id}",
            )
