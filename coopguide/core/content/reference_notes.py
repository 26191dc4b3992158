"""Legal references as notes: a small number in the sentence, the reference on hover, the list of a
section's references at the end of that section.

A guide writes ``… 65 % des voix[^voix].`` and, anywhere in the guide (by convention right after
the paragraph), ``[^voix]: Loi n° 78-763, art. 5 (vérifié le 6 décembre 2026).`` The syntax and the
parsing are Python-Markdown's own ``footnotes`` extension, configured here: ids ``fn-LABEL`` /
``fnref-LABEL`` that fit the page's anchors, French back-link titles.

That extension puts every note in one list at the end of the document (or at one ``PLACE_MARKER``),
and even with ``USE_DEFINITION_ORDER=False`` it numbers notes in the order its inline processor
visits the tree, which puts markers in lists and tables after those of top-level paragraphs. A reader
of a 3 000-word guide should find a section's references under that section, numbered as she meets
them, so :class:`SectionNotes`, a tree processor run after the extension's own, numbers the markers
again in document order, takes the list apart and puts each note after the last block of the
section (``##`` or ``###``) that first calls it, as ``<p class="notes-titre">`` + ``<ol
class="notes" start="N">`` (one list per run of consecutive numbers, so the numbers shown always
match the markers). It also gives each marker a ``title``: the note as plain text, which the guide
view shows as a tooltip.

The print document (:mod:`coopguide.core.printout.layout`) finds these lists by their class and
turns them into footnotes at the bottom of the printed page.
"""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as etree

from markdown import Markdown
from markdown.extensions import Extension
from markdown.extensions.footnotes import FootnoteExtension
from markdown.treeprocessors import Treeprocessor

NOTE_ID_PREFIX = "fn-"  # the id of a note in the page; a marker links to "#fn-LABEL"
MARKER_CLASS = "footnote-ref"
NOTES_CLASS = "notes"
NOTES_TITLE_CLASS = "notes-titre"
NOTES_TITLE = "Références"
BACKLINK_CLASS = "footnote-backref"
SECTION_TAGS = ("h2", "h3")
BACKLINK_TITLE = "Revenir au texte, à l'appel de note {}"
FOOTNOTES_CONFIG: dict[str, object] = {
    "USE_DEFINITION_ORDER": True,  # numbers are given again by SectionNotes, in reading order
    "SEPARATOR": "-",
    "BACKLINK_TEXT": "↩",
    "BACKLINK_TITLE": BACKLINK_TITLE,
}
# Markdown's placeholders, still in the tree when this runs: an escaped character
# (``\*`` → STX 42 ETX) or an entry of the HTML stash (an entity such as ``&amp;``).
ESCAPED_RE = re.compile("\x02([0-9]+)\x03")
STASHED_RE = re.compile("\x02wzxhzdk:([0-9]+)\x03")
PLACEHOLDER_RE = re.compile("\x02[^\x03]*\x03")
SPACES_RE = re.compile(r"\s+")


def extensions() -> list[Extension]:
    """The footnotes extension as guides use it, then the placement of notes by section."""
    return [FootnoteExtension(**FOOTNOTES_CONFIG), SectionNotesExtension()]


class SectionNotesExtension(Extension):
    def extendMarkdown(self, md: Markdown) -> None:
        # After the footnotes extension built its list (50), ran the inline patterns (20) and added
        # the back-links of repeated markers (15); before prettify (10) indents the tree.
        md.treeprocessors.register(SectionNotes(md), "section-notes", 12)


class SectionNotes(Treeprocessor):
    def run(self, root: etree.Element) -> None:
        notes_div = next(
            (child for child in root if child.tag == "div" and child.get("class") == "footnote"),
            None,
        )
        if notes_div is None:
            return
        root.remove(notes_div)
        items = {item.get("id", ""): item for item in notes_div.iter("li")}
        numbers: dict[str, int] = {}  # note id → its number, in the order a reader meets the markers
        for marker in root.iter("a"):  # document order (the extension counts in processing order)
            note_id = marker.get("href", "")[1:]
            if marker.get("class") == MARKER_CLASS and note_id in items:
                marker.text = str(numbers.setdefault(note_id, len(numbers) + 1))
                marker.set("title", self.unstash(note_text(items[note_id])))
        notes = {note_id: (number, items[note_id]) for note_id, number in numbers.items()}
        for number, item in notes.values():
            for link in item.iter("a"):
                if link.get("class") == BACKLINK_CLASS:
                    link.set("title", BACKLINK_TITLE.format(number))
        placed: set[str] = set()
        pending: list[str] = []
        for child in [*root, None]:  # None: the end of the guide closes its last section
            if child is None or child.tag in SECTION_TAGS:
                if pending:
                    where = list(root).index(child) if child is not None else len(root)
                    for offset, block in enumerate(notes_blocks(pending, notes)):
                        root.insert(where + offset, block)
                    pending = []
                continue
            for marker in child.iter("a"):
                note_id = marker.get("href", "")[1:]
                if marker.get("class") == MARKER_CLASS and note_id in notes and note_id not in placed:
                    placed.add(note_id)
                    pending.append(note_id)

    def unstash(self, text: str) -> str:
        """Placeholders back to the characters they stand for (an unknown one to a space)."""
        stash = self.md.htmlStash.rawHtmlBlocks

        def stashed(match: re.Match[str]) -> str:
            index = int(match.group(1))
            block = stash[index] if index < len(stash) else ""
            return html.unescape(block) if isinstance(block, str) else " "

        text = ESCAPED_RE.sub(lambda m: chr(int(m.group(1))), STASHED_RE.sub(stashed, text))
        return SPACES_RE.sub(" ", PLACEHOLDER_RE.sub(" ", text)).strip()


def notes_blocks(note_ids: list[str], notes: dict[str, tuple[int, etree.Element]]) -> list[etree.Element]:
    """The title line, then one ``<ol start>`` per run of consecutive note numbers."""
    title = etree.Element("p", {"class": NOTES_TITLE_CLASS})
    title.text = NOTES_TITLE
    blocks = [title]
    previous = None
    for note_id in sorted(note_ids, key=lambda i: notes[i][0]):
        number, item = notes[note_id]
        if previous is None or number != previous + 1:
            blocks.append(etree.Element("ol", {"class": NOTES_CLASS, "start": str(number)}))
        blocks[-1].append(_unwrapped(item))
        previous = number
    return blocks


def _unwrapped(item: etree.Element) -> etree.Element:
    """A one-paragraph note without its ``<p>``: in Qt's rich text a paragraph inside a list item
    adds its margins, and a list of short references should read as a list."""
    if len(item) == 1 and item[0].tag == "p" and not (item.text or "").strip():
        paragraph = item[0]
        item.remove(paragraph)
        item.text = paragraph.text
        item.extend(list(paragraph))
    return item


def note_text(item: etree.Element) -> str:
    """A note as plain text (its back-links left out), for the marker's tooltip."""
    parts: list[str] = []

    def walk(element: etree.Element) -> None:
        if element.get("class") == BACKLINK_CLASS:
            if element.tail:
                parts.append(element.tail)
            return
        if element.text:
            parts.append(element.text)
        for child in element:
            walk(child)
        if element is not item and element.tail:
            parts.append(element.tail)

    walk(item)
    return SPACES_RE.sub(" ", "".join(parts)).strip()
