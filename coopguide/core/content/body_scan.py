"""One pass over a guide's Markdown body: headings, checklists and their items, links, raw HTML,
reference notes (``[^label]`` markers and their ``[^label]: …`` definitions).

A line scanner rather than a full Markdown parse, because it must report line numbers, and because
checklist items are a line-level syntax of our own (``- [ ] Texte {#id}``) that standard Markdown
would render as plain text. Fenced code blocks are skipped.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field

from coopguide.core.content.markdown_lines import ATTR_RE, FENCE_RE, HEADING_RE
from coopguide.core.content.model import Checklist, ChecklistItem, GlossaryTerm, Link, Problem

ITEM_ID_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*\.[a-z0-9]+(?:-[a-z0-9]+)*$")
ANCHOR_RE = re.compile(r"^[a-z0-9]+(?:[-.][a-z0-9]+)*$")

TASK_RE = re.compile(r"^\s*[-*+]\s+\[([^\]]?)\]\s*(.*)$")
LINK_RE = re.compile(r"(!?)\[[^\]]*\]\(\s*<?([^)\s>]*)>?(?:\s+\"[^\"]*\")?\s*\)")
AUTOLINK_RE = re.compile(r"<((?:https?|mailto):[^>\s]+)>")
HTML_RE = re.compile(r"<!--|</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>")
CODE_SPAN_RE = re.compile(r"`+[^`]*`+")
# Wider than LINK_RE: any ``](…)`` target, whitespace included (``java<TAB>script:`` is split by it).
ANY_TARGET_RE = re.compile(r"\]\(([^)]*)\)")
REF_DEF_RE = re.compile(r"^\s{0,3}\[(?!\^)([^\]]+)\]:\s*<?([^\s>]*)>?")
# Reference notes, as Python-Markdown's footnotes extension reads them (see reference_notes.py).
NOTE_DEF_RE = re.compile(r"^ {0,3}\[\^([^\]]*)\]:")
NOTE_CALL_RE = re.compile(r"\[\^([^\]]*)\]")
NOTE_LABEL_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
IMAGE_REF_RE = re.compile(r"!\[([^\]]*)\](?:\[([^\]]*)\])?(?![(\[])")
# attr_list: ``{: src=… }``, ``{ style=… }``, ``{#id href=…}``, ``onclick=…``: never in a guide.
BAD_ATTR_RE = re.compile(r"\{[^}]*?(?<![\w-])(src|href|style|on[a-z]+)\s*=", re.IGNORECASE)
BAD_SCHEMES = ("javascript:", "vbscript:", "data:", "file:")
INVISIBLE_RE = re.compile(r"[\s\x00-\x1f\x7f\u200b-\u200d\u2060\ufeff]+")


def bad_scheme(target: str) -> str | None:
    """The forbidden scheme a link target starts with, once entities are decoded and whitespace
    and control characters removed (``java&#9;script:`` and ``java<TAB>script:`` are caught)."""
    squeezed = INVISIBLE_RE.sub("", html.unescape(target)).lower()
    return next((scheme for scheme in BAD_SCHEMES if squeezed.startswith(scheme)), None)


@dataclass
class BodyScan:
    checklists: list[Checklist] = field(default_factory=list)
    anchors: list[str] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    glossary: list[GlossaryTerm] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def _split_attr(text: str) -> tuple[str, str | None, str]:
    """``"Titre {#id ancien=a,b}"`` → ``("Titre", "id", "ancien=a,b")``."""
    match = ATTR_RE.search(text)
    if not match:
        return text.strip(), None, ""
    return text[: match.start()].strip(), match.group(1), match.group(2).strip()


def scan(body: str, first_line: int, path: str, guide_id: str, is_glossary: bool) -> BodyScan:
    result = BodyScan()
    problems = result.problems
    in_fence = False
    heading_title, heading_id, heading_line = None, None, 0
    reported_headings: set[int] = set()
    open_items: dict[str, list[ChecklistItem]] = {}
    checklist_meta: dict[str, tuple[str, int]] = {}
    glossary_term: tuple[str, str] | None = None
    definition: list[str] = []
    term_notes: list[list[str]] = []  # the reference notes written under the current term
    references: dict[str, tuple[int, str]] = {}  # [ref]: target, by folded label
    notes = NoteScan()
    image_refs: list[tuple[int, str]] = []  # ![x][ref], ![ref][] and ![ref]

    def close_glossary_term() -> None:
        if glossary_term:
            text = NOTE_CALL_RE.sub("", " ".join(definition))
            references = " ; ".join(" ".join(filter(None, note)).rstrip(" .") for note in term_notes)
            result.glossary.append(GlossaryTerm(glossary_term[0], glossary_term[1], text, references))

    for offset, line in enumerate(body.splitlines()):
        number = first_line + offset
        if FENCE_RE.match(line):
            in_fence = not in_fence
            continue
        if in_fence:
            continue

        # links, raw HTML and attributes are checked on every line, headings included
        visible = CODE_SPAN_RE.sub("", line)
        for match in LINK_RE.finditer(visible):
            result.links.append(Link(number, match.group(2), is_image=match.group(1) == "!"))
        for match in AUTOLINK_RE.finditer(visible):
            result.links.append(Link(number, match.group(1)))
        if HTML_RE.search(AUTOLINK_RE.sub("", visible)):
            problems.append(Problem(path, number, "HTML brut interdit : écrivez en Markdown"))
        _scan_unsafe(visible, number, path, problems, references, image_refs)
        notes.read(visible, number, path, problems, in_item=bool(TASK_RE.match(line)))

        heading = HEADING_RE.match(line)
        if heading:
            title, anchor, extra = _split_attr(heading.group(2))
            heading_title, heading_id, heading_line = title, anchor, number
            if anchor is not None:
                if not ANCHOR_RE.match(anchor) or extra:
                    problems.append(Problem(path, number, f"ancre mal formée : {{#{anchor}{extra}}}"))
                elif anchor in result.anchors:
                    problems.append(Problem(path, number, f"ancre en double dans ce guide : #{anchor}"))
                else:
                    result.anchors.append(anchor)
            if is_glossary:
                close_glossary_term()
                glossary_term, definition, term_notes = None, [], []
                if len(heading.group(1)) == 2:
                    if anchor is None:
                        problems.append(Problem(path, number, f"terme du glossaire sans identifiant : {title}"))
                    else:
                        glossary_term = (anchor, title)
            continue

        task = TASK_RE.match(line)
        if task:
            _scan_item(
                task,
                number,
                path,
                guide_id,
                heading_title,
                heading_id,
                heading_line,
                reported_headings,
                open_items,
                checklist_meta,
                problems,
            )
        elif is_glossary and glossary_term:
            _glossary_line(line, definition, term_notes)

    for number, label in image_refs:
        if label in references:  # the image is loaded from the reference's target: checked as an image
            result.links.append(Link(number, references[label][1], is_image=True))
    used_by_images = {label for _, label in image_refs}
    for label, (number, target) in references.items():
        if label not in used_by_images:
            result.links.append(Link(number, target))

    notes.check(path, problems)
    if is_glossary:
        close_glossary_term()
    result.checklists = [
        Checklist(cid, checklist_meta[cid][0], guide_id, checklist_meta[cid][1], tuple(items))
        for cid, items in open_items.items()
    ]
    return result


def _glossary_line(line: str, definition: list[str], notes: list[list[str]]) -> None:
    """A line under a glossary term: its definition, or one of its reference notes (a note runs
    from its ``[^label]:`` line to the next blank line), kept apart so that a tooltip shows the
    definition alone and the glossary page the references under it."""
    if not line.strip():
        if notes:
            notes[-1].append("")  # a blank line ends the note
        return
    note = NOTE_DEF_RE.match(line)
    if note:
        notes.append([line[note.end() :].strip()])
    elif notes and notes[-1][-1] != "":
        notes[-1].append(line.strip())
    else:
        definition.append(line.strip())


@dataclass
class NoteScan:
    """Reference notes of one guide: every marker must have its definition and every definition a
    marker (the Markdown extension would print an unknown marker as ``[^x]`` and list an unused
    definition nowhere); labels are simple, as they become the page's ``fn-LABEL`` anchors."""

    defined: dict[str, int] = field(default_factory=dict)  # label → line of its definition
    called: dict[str, int] = field(default_factory=dict)  # label → line of its first marker

    def read(self, visible: str, number: int, path: str, problems: list[Problem], in_item: bool) -> None:
        definition = NOTE_DEF_RE.match(visible)
        if definition:
            label = definition.group(1)
            if label in self.defined:
                problems.append(
                    Problem(path, number, f"note définie deux fois : [^{label}] (déjà ligne {self.defined[label]})")
                )
            elif not NOTE_LABEL_RE.match(label):
                problems.append(
                    Problem(path, number, f"nom de note mal formé : [^{label}] (lettres minuscules, chiffres et -)")
                )
            self.defined.setdefault(label, number)
        for match in NOTE_CALL_RE.finditer(visible, definition.end() if definition else 0):
            if in_item:
                problems.append(
                    Problem(
                        path,
                        number,
                        f"appel de note [^{match.group(1)}] dans un élément de check-list : "
                        "mettez la référence dans le texte du guide",
                    )
                )
            self.called.setdefault(match.group(1), number)

    def check(self, path: str, problems: list[Problem]) -> None:
        for label, number in self.called.items():
            if label not in self.defined:
                problems.append(
                    Problem(
                        path, number, f"appel de note sans définition : [^{label}] (ajoutez « [^{label}]: référence »)"
                    )
                )
        for label, number in self.defined.items():
            if label not in self.called:
                problems.append(
                    Problem(path, number, f"note jamais appelée : [^{label}] (ajoutez [^{label}] dans le texte)")
                )


def _scan_unsafe(
    visible: str,
    number: int,
    path: str,
    problems: list[Problem],
    references: dict[str, tuple[int, str]],
    image_refs: list[tuple[int, str]],
) -> None:
    """Attributes and link targets that could load or run something, and reference-style links."""
    attr = BAD_ATTR_RE.search(visible)
    if attr:
        problems.append(
            Problem(
                path, number, f"attribut interdit : {attr.group(1)}= (un guide ne fixe ni source, ni lien, ni style)"
            )
        )
    for match in ANY_TARGET_RE.finditer(visible):
        scheme = bad_scheme(match.group(1))
        if scheme:
            problems.append(Problem(path, number, f"lien ou image « {scheme} » interdit"))
    definition = REF_DEF_RE.match(visible)
    if definition:
        label, target = definition.group(1).strip().casefold(), definition.group(2)
        references.setdefault(label, (number, target))
        scheme = bad_scheme(visible[definition.end(1) + 2 :])
        if scheme:
            problems.append(Problem(path, number, f"lien ou image « {scheme} » interdit"))
        return
    for match in IMAGE_REF_RE.finditer(visible):
        label = (match.group(2) or match.group(1)).strip().casefold()
        image_refs.append((number, label))


def _scan_item(
    task: re.Match[str],
    number: int,
    path: str,
    guide_id: str,
    heading_title: str | None,
    heading_id: str | None,
    heading_line: int,
    reported_headings: set[int],
    open_items: dict[str, list[ChecklistItem]],
    checklist_meta: dict[str, tuple[str, int]],
    problems: list[Problem],
) -> None:
    box, rest = task.group(1), task.group(2)
    if box != " ":
        problems.append(Problem(path, number, f"case « [{box}] » : dans le contenu, une case est toujours « [ ] »"))
    text, item_id, extra = _split_attr(rest)
    if heading_id is None:
        if heading_line not in reported_headings:
            reported_headings.add(heading_line)
            where = f"au titre de la ligne {heading_line}" if heading_line else "un titre avant la liste"
            problems.append(Problem(path, number, f"check-list sans identifiant : ajoutez {{#{guide_id}.nom}} {where}"))
        return
    if not ITEM_ID_RE.match(heading_id):
        if heading_line not in reported_headings:
            reported_headings.add(heading_line)
            problems.append(
                Problem(path, heading_line, f"identifiant de check-list mal formé : {heading_id} (forme guide.nom)")
            )
        return
    if item_id is None:
        problems.append(
            Problem(path, number, f"élément sans identifiant : ajoutez {{#{guide_id}.nom}} en fin de ligne")
        )
        return
    if not ITEM_ID_RE.match(item_id):
        problems.append(Problem(path, number, f"identifiant d'élément mal formé : {item_id} (forme guide.nom)"))
        return
    aliases: tuple[str, ...] = ()
    if extra:
        if not extra.startswith("ancien="):
            problems.append(Problem(path, number, f"attribut inconnu : {extra} (seul « ancien=… » est permis)"))
            return
        aliases = tuple(a for a in extra[len("ancien=") :].split(",") if a)
        for alias in aliases:
            if not ITEM_ID_RE.match(alias):
                problems.append(Problem(path, number, f"ancien identifiant mal formé : {alias}"))
    if not text:
        problems.append(Problem(path, number, "élément de check-list sans texte"))
        return
    checklist_meta.setdefault(heading_id, (heading_title or "", heading_line))
    open_items.setdefault(heading_id, []).append(ChecklistItem(item_id, text, number, guide_id, heading_id, aliases))
