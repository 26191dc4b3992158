"""What a printed page says, as plain values: the print document model, independent of Qt.

A :class:`PrintDocument` is a list of :class:`PrintSection` (one guide or one checklist), each made of
blocks: :class:`FlowBlock` (rich text that may break between lines, e.g. a guide's body) and
:class:`ChecklistBlock` (item rows, each kept whole on one page). The Qt renderer
(:mod:`coopguide.printing`) decides where the pages break and draws them; everything that depends on
the content or on a dossier's progress is decided here, where it can be tested without a display.

A guide's reference notes, listed at the end of each section on screen, are printed as footnotes:
each :class:`FlowBlock` carries the notes its text calls (:func:`footnotes_of`), and the renderer puts
them at the foot of the page where the marker lands.

A *blank* checklist has empty boxes and room to write; a *filled* one shows ☑ / ☐ / N.A., who and
when, the note, the assignee and the due date. Both use the same rows, so a sheet filled by hand at a
permanence and one printed from the app look alike.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from dataclasses import dataclass, field

from coopguide.core.content.item_boxes import PLACEHOLDER_RE, plain_text
from coopguide.core.content.model import Checklist, Content, Guide
from coopguide.core.shared.dates import long_date, short_date
from coopguide.core.shared.file_names import safe_file_name
from coopguide.core.store.progress import DONE, NOT_APPLICABLE, ItemProgress, ResolvedProgress

PAPER_SIZES = ("A4", "Letter")
MARK_TODO, MARK_DONE, MARK_NA = "☐", "☑", "N.A."
NOTE_INLINE_MAX_CHARS = 280  # longer notes go after the table, so one row never outgrows a page
NOTE_INLINE_MAX_LINES = 6


@dataclass(frozen=True)
class ItemRow:
    """One checklist item as printed. Empty strings leave the cell blank (room to write)."""

    number: int
    item_id: str
    text: str  # plain text (Markdown emphasis and links reduced to their words)
    mark: str = MARK_TODO  # ☐, ☑ or N.A.
    done_on: str = ""  # dd/mm/yyyy
    done_by: str = ""
    note: str = ""  # short note shown in the row
    note_moved: bool = False  # the note is too long for the row: printed after the table
    assignee: str = ""
    due: str = ""  # dd/mm/yyyy
    overdue: bool = False


@dataclass(frozen=True)
class ChecklistBlock:
    checklist_id: str
    title: str  # "" when the heading is already printed by the surrounding guide text
    rows: tuple[ItemRow, ...]
    blank: bool
    summary: str = ""  # "Avancement : …" for a filled checklist


@dataclass(frozen=True)
class FootNote:
    """A reference note printed at the foot of the page where its marker is. The marker in the
    text is ``<a name="appel-KEY">`` (an anchor name, not a link, so paper_links leaves it alone),
    which the renderer finds in the laid-out text."""

    key: str  # the note's id in the guide, "fn-LABEL"
    number: str  # as printed, the same as on screen
    html: str  # the note's text, links written for paper


@dataclass(frozen=True)
class FlowBlock:
    """Rich text (the Qt rich-text HTML subset), already escaped; pages may break between its lines.
    ``notes``: the footnotes whose markers are in this text."""

    html: str
    notes: tuple[FootNote, ...] = ()


Block = ChecklistBlock | FlowBlock


@dataclass(frozen=True)
class PrintSection:
    """A guide or a checklist: starts on a new page in a pack, names the pages in the header."""

    kind: str  # "guide" or "checklist"
    ref: str  # the guide or checklist id
    title: str
    updated: str  # ISO "à jour au" date of the guide it comes from
    blocks: tuple[Block, ...]
    origin: str = ""  # for a checklist: the guide it belongs to, shown under its line in the contents


@dataclass(frozen=True)
class Cover:
    title: str
    subtitle: str = ""
    details: tuple[tuple[str, str], ...] = ()  # (label, value) lines: public, durée…
    group: str = ""  # a pack printed for one group of a séance says whose it is, in large type


@dataclass(frozen=True)
class PrintDocument:
    title: str
    dossier: str  # dossier name, "" when none was chosen (blank sheets)
    blank: bool
    printed_on: str  # ISO date
    edition: str  # content edition
    updated: str  # ISO "à jour au" date of the content edition
    sections: tuple[PrintSection, ...]
    disclaimer: str = ""
    cover: Cover | None = None
    contents: bool = False  # a table of contents after the cover
    file_stem: str = field(default="coopguide", compare=False)  # suggested PDF file name
    landscape: bool = False  # the séance summary: groups side by side need the width
    header_note: str = ""  # said in the header instead of the dossier (« Séance du … »)


# -- texts shared by the header, the footer, the cover and the CLI --------------------------------


def header_right(document: PrintDocument) -> str:
    if document.header_note:
        return f"{document.header_note} · imprimé le {long_date(document.printed_on)}"
    who = f"Dossier : {document.dossier}" if document.dossier else "Fiche vierge"
    return f"{who} · imprimé le {long_date(document.printed_on)}"


def footer_left(document: PrintDocument, section: PrintSection | None) -> str:
    updated = section.updated if section and section.updated else document.updated
    return f"Coopguide · contenu {document.edition} · à jour au {long_date(updated)}"


def page_label(number: int, total: int) -> str:
    return f"page {number} / {total}"


def contents_title(section: PrintSection) -> str:
    """A section's line in the contents: the kind is printed beside it, so "Check-list :" goes."""
    title = section.title
    if section.kind == "checklist" and title.lower().startswith("check-list"):
        rest = title[len("check-list") :].lstrip(" :–-")
        title = rest[:1].upper() + rest[1:] if rest else title
    return title


def pdf_file_name(document: PrintDocument) -> str:
    """The PDF's proposed name: what was printed, for which dossier, on which day, so this week's
    print does not replace last week's: « Check-list - créer la Scop — Reprise Dupont — 2026-12-06.pdf ».
    Title and dossier are each made valid on every system (:func:`safe_file_name`) and cut short
    first, so the date always stays."""
    parts = (
        safe_file_name(document.title[:TITLE_CHARS], fallback=""),
        safe_file_name(document.dossier[:DOSSIER_CHARS], fallback=""),
        document.printed_on,
    )
    return " — ".join(part for part in parts if part) + ".pdf"


TITLE_CHARS, DOSSIER_CHARS = 60, 40  # a name a file dialog shows whole


# -- checklists ----------------------------------------------------------------------------------


def item_rows(checklist: Checklist, progress: ResolvedProgress | None, today: dt.date) -> tuple[ItemRow, ...]:
    """Rows for a checklist; ``progress`` None gives the blank sheet."""
    rows = []
    for number, item in enumerate(checklist.items, start=1):
        text = plain_text(item.text)
        if progress is None:
            rows.append(ItemRow(number, item.id, text))
            continue
        rows.append(_filled_row(number, item.id, text, progress.get(item.id), today))
    return tuple(rows)


def _filled_row(number: int, item_id: str, text: str, state: ItemProgress, today: dt.date) -> ItemRow:
    mark = {DONE: MARK_DONE, NOT_APPLICABLE: MARK_NA}.get(state.state, MARK_TODO)
    note = state.note.strip()
    moved = len(note) > NOTE_INLINE_MAX_CHARS or note.count("\n") >= NOTE_INLINE_MAX_LINES
    return ItemRow(
        number,
        item_id,
        text,
        mark,
        done_on=short_date(state.done_at) if state.is_complete else "",
        done_by=state.done_by if state.is_complete else "",
        note=note,
        note_moved=moved,
        assignee=state.assignee,
        due=short_date(state.due),
        overdue=state.is_overdue(today),
    )


def progress_summary(rows: tuple[ItemRow, ...]) -> str:
    done = sum(r.mark == MARK_DONE for r in rows)
    na = sum(r.mark == MARK_NA for r in rows)
    parts = [f"{done} fait{'s' if done > 1 else ''}"]
    if na:
        parts.append(f"{na} non applicable{'s' if na > 1 else ''}")
    parts.append(f"{len(rows) - done - na} à faire")
    return f"Avancement : {done + na} / {len(rows)} ({', '.join(parts)})"


def long_notes_block(rows: tuple[ItemRow, ...]) -> FlowBlock | None:
    """The notes too long for their row, after the table, each under its item's number."""
    moved = [r for r in rows if r.note_moved]
    if not moved:
        return None
    parts = ['<h3 class="notes">Notes détaillées</h3>']
    for row in moved:
        note = "<br/>".join(html.escape(line) for line in row.note.splitlines())
        parts.append(
            f'<p class="note-titre"><b>{row.number}.</b> {html.escape(row.text)}</p><p class="note">{note}</p>'
        )
    return FlowBlock("\n".join(parts))


def checklist_blocks(
    checklist: Checklist, progress: ResolvedProgress | None, today: dt.date, with_title: bool = True
) -> tuple[Block, ...]:
    rows = item_rows(checklist, progress, today)
    block = ChecklistBlock(
        checklist.id,
        checklist.title if with_title else "",
        rows,
        progress is None,
        "" if progress is None else progress_summary(rows),
    )
    notes = long_notes_block(rows)
    return (block, notes) if notes else (block,)


def checklist_section(
    checklist: Checklist, content: Content, progress: ResolvedProgress | None, today: dt.date
) -> PrintSection:
    guide = content.guides.get(checklist.guide_id)
    intro = (
        FlowBlock(
            f'<p class="meta">Extrait du guide « {html.escape(guide.title)} » · '
            f"version {guide.version} · à jour au {long_date(guide.updated)}</p>"
        )
        if guide
        else None
    )
    blocks = checklist_blocks(checklist, progress, today)
    return PrintSection(
        "checklist",
        checklist.id,
        checklist.title,
        guide.updated if guide else content.updated,
        ((intro,) if intro else ()) + blocks,
        f"extrait du guide « {guide.title} »" if guide else "",
    )


# -- guides --------------------------------------------------------------------------------------

CHECKLIST_LIST_RE = re.compile(r'<ul class="checklist">.*?</ul>', re.S)
HEADING_BEFORE_RE = re.compile(r'<h([1-6]) id="([^"]+)">((?:(?!</?h[1-6]).)*?)</h\1>\s*$', re.S)
SOURCES_RE = re.compile(r'<ol class="sources">.*?</ol>', re.S)
LINK_RE = re.compile(r'<a\b[^>]*?\bhref="([^"]*)"[^>]*>(.*?)</a>', re.S)
EXTERNAL = ("https://", "http://", "mailto:")


def paper_links(fragment: str, in_sources: bool = False) -> str:
    """Links as paper shows them: an address is written out (in brackets, or on its own line in the
    sources), an in-app link (guide, item, glossary, anchor) keeps its words only."""

    def replace(match: re.Match[str]) -> str:
        target, words = html.unescape(match.group(1)), match.group(2)
        if not target.startswith(EXTERNAL):
            return f'<span class="lien">{words}</span>'
        shown = html.escape(target.removeprefix("mailto:"))
        if html.unescape(words).strip() in (target, shown):
            return f'<span class="url">{shown}</span>'
        if in_sources:  # the address on its own line under the source's title
            return f'{words}<br/><span class="url">{shown}</span>'
        return f'{words} <span class="url">({shown})</span>'

    return LINK_RE.sub(replace, fragment)


ANCHOR_ID_RE = re.compile(r'(<h[1-6]) id="[^"]*"')
NOTE_MARKER_PREFIX = "appel-"
# What reference_notes.py writes: markers in the text, a « Références » list at each section's end.
NOTE_MARKER_RE = re.compile(r'<sup id="[^"]*"><a class="footnote-ref" href="#([^"]+)"[^>]*>([^<]*)</a></sup>')
NOTES_LIST_RE = re.compile(r'<p class="notes-titre">[^<]*</p>\s*((?:<ol class="notes" start="\d+">.*?</ol>\s*)+)', re.S)
NOTES_OL_RE = re.compile(r'<ol class="notes" start="(\d+)">(.*?)</ol>', re.S)
NOTE_ITEM_RE = re.compile(r'<li id="([^"]+)">\s*(.*?)\s*</li>', re.S)
BACKLINK_RE = re.compile(r'(?:&#160;|\xa0)?(?:<a class="footnote-backref"[^>]*>[^<]*</a>)+')
PARAGRAPH_RE = re.compile(r"</?p>")


def footnotes_of(template: str) -> tuple[str, dict[str, FootNote]]:
    """The guide's HTML without its section-end reference lists (on paper they are footnotes), and
    its notes by key, numbered as on screen."""
    notes: dict[str, FootNote] = {}

    def take(match: re.Match[str]) -> str:
        for ol in NOTES_OL_RE.finditer(match.group(1)):
            for number, item in enumerate(NOTE_ITEM_RE.finditer(ol.group(2)), start=int(ol.group(1))):
                text = PARAGRAPH_RE.sub(" ", BACKLINK_RE.sub("", item.group(2))).strip()
                notes[item.group(1)] = FootNote(item.group(1), str(number), paper_links(text))
        return ""

    without = NOTES_LIST_RE.sub(take, template)
    marked = NOTE_MARKER_RE.sub(
        lambda m: f'<sup><a class="appel" name="{NOTE_MARKER_PREFIX}{m.group(1)}">{m.group(2)}</a></sup>', without
    )
    return marked, notes


def _flow_block(fragment: str, notes: dict[str, FootNote]) -> FlowBlock:
    called = dict.fromkeys(re.findall(f'name="{NOTE_MARKER_PREFIX}([^"]+)"', fragment))
    return FlowBlock(_paper_html(fragment), tuple(notes[key] for key in called if key in notes))


def _paper_html(fragment: str) -> str:
    """Links written for paper, and heading anchors dropped: Qt would draw the first letter of an
    anchored heading as a separate run of text, which PDF text extraction reads as "L e"."""
    fragment = ANCHOR_ID_RE.sub(r"\1", fragment)
    pieces, last = [], 0
    for match in SOURCES_RE.finditer(fragment):
        pieces.append(paper_links(fragment[last : match.start()]))
        pieces.append(paper_links(match.group(0), in_sources=True))
        last = match.end()
    pieces.append(paper_links(fragment[last:]))
    return "".join(pieces)


def guide_blocks(
    guide: Guide, template: str, content: Content, progress: ResolvedProgress | None, today: dt.date
) -> tuple[Block, ...]:
    """The guide's rendered HTML cut around its checklists, which become checklist blocks (with
    their heading, so a heading never ends a page without its first items). Its reference notes
    leave the ends of sections and go with the text blocks that call them, as footnotes."""
    items = content.items()
    checklists = {c.id: c for c in guide.checklists}
    template, notes = footnotes_of(template)
    blocks: list[Block] = []
    last = 0
    for match in CHECKLIST_LIST_RE.finditer(template):
        first = PLACEHOLDER_RE.search(match.group(0))
        item = items.get(first.group(1)) if first else None
        checklist = checklists.get(item.checklist_id) if item else None
        if checklist is None:
            continue  # not one of ours: leave it in the text
        before = template[last : match.start()]
        heading = HEADING_BEFORE_RE.search(before)
        with_title = bool(heading and heading.group(2) == checklist.id)
        if heading and with_title:
            before = before[: heading.start()]
        if before.strip():
            blocks.append(_flow_block(before, notes))
        blocks.extend(checklist_blocks(checklist, progress, today, with_title))
        last = match.end()
    rest = PLACEHOLDER_RE.sub("☐", template[last:])
    if rest.strip():
        blocks.append(_flow_block(rest, notes))
    return tuple(blocks)


def guide_section(
    guide: Guide, template: str, content: Content, progress: ResolvedProgress | None, today: dt.date
) -> PrintSection:
    return PrintSection(
        "guide", guide.id, guide.title, guide.updated, guide_blocks(guide, template, content, progress, today)
    )


# -- whole documents -----------------------------------------------------------------------------


def new_document(
    title: str,
    sections: tuple[PrintSection, ...],
    content: Content,
    dossier: str,
    blank: bool,
    today: dt.date,
    file_stem: str,
    cover: Cover | None = None,
    contents: bool = False,
    landscape: bool = False,
    header_note: str = "",
) -> PrintDocument:
    return PrintDocument(
        title=title,
        dossier=dossier,
        blank=blank,
        printed_on=today.isoformat(),
        edition=content.edition,
        updated=content.updated,
        sections=sections,
        disclaimer=content.disclaimer,
        file_stem=file_stem,
        cover=cover,
        contents=contents,
        landscape=landscape,
        header_note=header_note,
    )


def checklist_document(
    checklist: Checklist,
    content: Content,
    progress: ResolvedProgress | None = None,
    dossier: str = "",
    today: dt.date | None = None,
) -> PrintDocument:
    """A checklist alone: blank when ``progress`` is None (``dossier`` may still name the group)."""
    today = today or dt.date.today()
    section = checklist_section(checklist, content, progress, today)
    suffix = "vierge" if progress is None else "remplie"
    return new_document(
        checklist.title, (section,), content, dossier, progress is None, today, f"check-list-{checklist.id}-{suffix}"
    )


def guide_document(
    guide: Guide,
    template: str,
    content: Content,
    progress: ResolvedProgress | None = None,
    dossier: str = "",
    today: dt.date | None = None,
) -> PrintDocument:
    today = today or dt.date.today()
    section = guide_section(guide, template, content, progress, today)
    return new_document(guide.title, (section,), content, dossier, progress is None, today, f"guide-{guide.id}")
