"""Jargon linked on first use: the first time a guide uses a glossary term, the word is a
``glossaire:`` link, so a reader who does not know it can hover it. In the glossary itself, each
definition is checked on its own: a definition that leans on another term links it.

:func:`check_glossary_use` (run by ``coopguide check-content``) finds, in each guide but the
glossary, the first use of every glossary term in the running text, and reports it at its line when
the term was not linked at or before that line. What counts:

- **the forms of a term**: its title (« Associé salarié »), the abbreviation in parentheses when
  there is one (« Registre du commerce et des sociétés (RCS) » → also « RCS »; « (Belgique) » is
  not a form), and the few other names the guides use (:data:`OTHER_NAMES`: « plan d'affaires »
  for the business plan). Each word may take a plural ``s`` or ``x``; case is ignored except for
  abbreviations written in capitals (« ARE » is not « are »);
- **running text**: paragraphs and list items. Headings, tables, checklist items, notes and code
  are left out: a heading or a table cell is a poor place for a link, and a word there is usually
  explained in the text around it. Words inside another link (« [La Scop en bref](guide:…) ») are
  not a use either: a link cannot hold a link;
- **everyday words** (:data:`EVERYDAY`) are not checked: « coopérative », « associé » or
  « statuts » have the meaning a reader already gives them, and requiring a link on each would
  be noise, not help.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from coopguide.core.content.body_scan import NOTE_DEF_RE, TASK_RE
from coopguide.core.content.markdown_lines import ATTR_RE, FENCE_RE, HEADING_RE
from coopguide.core.content.model import Content, GlossaryTerm, Guide, Problem

# Terms whose everyday meaning is enough for a first reading; the glossary still explains them.
EVERYDAY = frozenset(
    {
        "apport",
        "associe",
        "cooperative",
        "repreneur",
        "statuts",
        "transmission",
        "societe-cooperative-belge",  # « société coopérative » is also how French texts begin « … de production »
    }
)
# Phrases where a term's words mean something else: not a use of the term.
NOT_A_USE: dict[str, tuple[str, ...]] = {
    "reviseur": ("réviseur d'entreprises",),  # the Belgian company auditor
    "participation": ("prendre des participations", "prises de participation"),  # equity stakes
    "assemblee-generale": ("assemblée générale du CNC",),  # a council, not a company's associates
    "conseil-d-administration": ("conseil d'administration de l'AGS",),  # the AGS is an association
}
# Other names under which the guides write a term.
OTHER_NAMES: dict[str, tuple[str, ...]] = {
    "business-plan": ("plan d'affaires",),
    "urscop": ("union régionale des Scop et des Scic",),
    "cg-scop": ("Confédération générale des Scop et des Scic",),
}
TITLE_RE = re.compile(r"^(.*?)\s*\(([^)]*)\)\s*$")
LINK_RE = re.compile(r"(!?)\[([^\]]*)\]\(\s*([^)\s]*)[^)]*\)")
TABLE_RE = re.compile(r"^\s*\|")
MARK = "\x00"  # around a glossary link's term id in the scanned text
MARKED_RE = re.compile(MARK + "([a-z0-9-]+)" + MARK)


def forms(term: GlossaryTerm) -> list[str]:
    """The names under which a term may appear in a guide."""
    match = TITLE_RE.match(term.term)
    names = [match.group(1), match.group(2)] if match else [term.term]
    names += list(OTHER_NAMES.get(term.id, ()))
    return [name for name in names if name and name != "Belgique"]


def form_pattern(name: str) -> re.Pattern[str]:
    """« Associé salarié » → a pattern that also finds « associés salariés », not « associées »."""
    words = [re.escape(word) + "(?:s|x)?" for word in name.split()]
    flags = 0 if name.isupper() else re.IGNORECASE
    return re.compile(r"(?<![\w-])" + r"\s+".join(words) + r"(?![\w-])", flags)


@dataclass
class Paragraph:
    """A block of running text: its first line, its text (links to other places blanked out, each
    glossary link's words replaced by a marker naming its term), and whether its words count as
    uses (a table's words do not, its links do)."""

    line: int
    text: str
    counts: bool = True
    section: str = ""  # anchor of the heading above (in the glossary: the term it defines)

    def line_of(self, position: int) -> int:
        return self.line + self.text.count("\n", 0, position)


def running_paragraphs(guide: Guide) -> list[Paragraph]:
    paragraphs: list[Paragraph] = []
    lines: list[str] = []
    first = 0
    kind = None  # "text" or "table" for the block being read
    section = ""
    in_fence = in_note = False

    def close() -> None:
        nonlocal lines
        if lines:
            text = LINK_RE.sub(_blank_link, "\n".join(lines))
            paragraphs.append(Paragraph(first, text, kind == "text", section))
        lines = []

    for offset, line in enumerate(guide.body.splitlines()):
        if FENCE_RE.match(line):
            in_fence = not in_fence
            close()
            continue
        in_note = bool(NOTE_DEF_RE.match(line)) or (in_note and bool(line.strip()))
        line_kind = "table" if TABLE_RE.match(line) else "text"
        heading = None if in_fence else HEADING_RE.match(line)
        if heading:
            anchor = ATTR_RE.search(heading.group(2))
            section = anchor.group(1) if anchor else ""
        if not line.strip() or in_fence or in_note or HEADING_RE.match(line) or TASK_RE.match(line):
            close()
            continue
        if lines and line_kind != kind:
            close()
        if not lines:
            first, kind = guide.body_first_line + offset, line_kind
        lines.append(line)
    close()
    return paragraphs


def _blank_link(match: re.Match[str]) -> str:
    target = match.group(3)
    if target.startswith("glossaire:"):
        return f" {MARK}{target[len('glossaire:') :]}{MARK} "
    return " " * len(match.group(0).split("\n")[0]) + "\n" * match.group(0).count("\n")


def check_glossary_use(content: Content) -> list[Problem]:
    glossary = content.glossary()
    names = {term_id: forms(term) for term_id, term in glossary.items()}
    patterns = {
        term_id: [form_pattern(name) for name in names[term_id]] for term_id in names if term_id not in EVERYDAY
    }
    # « Scop » in « union régionale des Scop et des Scic » or « Scop d'amorçage » is a word of
    # another term's name, not a use of the term: those longer names are blanked out first, and so
    # are the phrases of NOT_A_USE.
    hidden = {
        term_id: [
            form_pattern(other)
            for other_id, others in names.items()
            if other_id != term_id
            for other in others
            if any(pattern.search(other) for pattern in term_patterns)
        ]
        + [form_pattern(phrase) for phrase in NOT_A_USE.get(term_id, ())]
        for term_id, term_patterns in patterns.items()
    }
    problems = []
    for guide in content.guides.values():
        paragraphs = running_paragraphs(guide)
        if guide.kind == "glossaire":  # each definition on its own: a tooltip is read alone
            sections: dict[str, list[Paragraph]] = {}
            for paragraph in paragraphs:
                sections.setdefault(paragraph.section, []).append(paragraph)
            uses = [
                use
                for term_id, part in sections.items()
                if term_id in glossary  # not the introduction
                for use in _first_uses(part, patterns, hidden, {term_id})
            ]
        else:
            uses = _first_uses(paragraphs, patterns, hidden, set())
        problems += [
            Problem(
                guide.path,
                line,
                f"« {names[term_id][0]} » : première occurrence sans lien vers le glossaire "
                f"(faites-en un lien [mot](glossaire:{term_id}) ici ou plus haut)",
            )
            for line, term_id in uses
        ]
    return problems


def _first_uses(
    paragraphs: list[Paragraph],
    patterns: dict[str, list[re.Pattern[str]]],
    hidden: dict[str, list[re.Pattern[str]]],
    linked: set[str],
) -> list[tuple[int, str]]:
    """(line, term id) of each term used in ``paragraphs`` before any link to it."""
    uses = []
    for paragraph in paragraphs:
        linked |= set(MARKED_RE.findall(paragraph.text))  # a link in the same paragraph is near enough
        if not paragraph.counts:
            continue
        words = MARKED_RE.sub(" ", paragraph.text)
        for term_id, term_patterns in patterns.items():
            if term_id in linked:
                continue
            own = words
            for pattern in hidden[term_id]:
                own = pattern.sub(lambda m: " " * len(m.group(0)), own)
            found = [match.start() for pattern in term_patterns if (match := pattern.search(own))]
            if found:
                linked.add(term_id)  # reported once, at its first use
                uses.append((paragraph.line_of(min(found)), term_id))
    return uses
