"""Readability of the guides: sentence length and legal references in running text, one row per guide.

    python scripts/readability.py                 # the guides of this checkout (content/guides/*.md)
    python scripts/readability.py --ref main      # the guides as they are on a git branch or commit
    python scripts/readability.py --markdown      # a Markdown table, to paste in a report

What is measured, in the body of each guide (front matter left out):

- **running text**: paragraphs and list items. Left out: headings, tables, checklist items, fenced
  code, reference notes (``[^label]: …`` definitions; their ``[^label]`` markers are removed from
  the sentence), and lines or paragraphs that only give references or sources (« Sources : … »,
  « Références : … », « Source : … »);
- **words per sentence**: words of running text divided by sentences. Legal references in
  parentheses are removed first, so they do not lengthen a sentence. A sentence ends at « . », « ! »,
  « ? » or « … » (not in « art. », « C. com. », « L. 642-3 »…) and at the end of a paragraph or
  list. A list that follows a paragraph ending with a colon continues that sentence, and an item
  ending with « ; » or « , » does not end it: the measure is the grammatical sentence;
- **references in running text**: citations of a text (law, decree, code article, ordinance,
  circular, convention, decision…) written in the running text, in parentheses or not, counted
  once per citation (« loi n° 78-763, art. 33 ; décret n° 2015-800 » counts two). References kept
  in a note, a « Références : » line, a table or the front matter's sources are not counted: that
  is where they should go; the last column counts them (« réf. à part »), so that moving a citation
  out of a sentence shows as moved, not lost. Also given per 1 000 words of running text, with the
  number of note markers (« appels ») a reader meets.

The goal set for the guides: at most 20 words per sentence, and fewer references inside sentences.
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GUIDES = ROOT / "content" / "guides"
GOAL_WORDS_PER_SENTENCE = 20

FENCE_RE = re.compile(r"^\s*(```|~~~)")
HEADING_RE = re.compile(r"^\s*#{1,6}\s")
TABLE_RE = re.compile(r"^\s*\|")
TASK_RE = re.compile(r"^\s*[-*+]\s+\[[ xX]?\]")
LIST_RE = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+")
REFERENCE_LINE_RE = re.compile(
    r"^\s*(?:(?:\*\*)?(?:Sources?|Références?)(?: de ce tableau)?\s*:|\[\^[^\]]*\]:)", re.IGNORECASE
)
NOTE_MARKER_RE = re.compile(r"\[\^[^\]]*\](?!:)")
ATTR_RE = re.compile(r"\s*\{[#.][^}]*\}\s*$")
LINK_RE = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
EMPHASIS_RE = re.compile(r"[*_`]+")

# A citation names a text with its number or date, or an article with its number. « La loi de 1978 »
# is a mention, not a citation. Anchors that follow each other (« loi n° 78-763, art. 33 ») are one.
CITATION_RE = re.compile(
    r"(?:\b(?:loi|décret|ordonnance|circulaire|arrêté|directive|décision|convention d'assurance chômage)"
    r"(?:\s+(?:[A-Z][\w-]*|royal|Unédic))?\s+(?:n°\s*[\w-]+|du\s+\d{1,2}(?:er)?\s+\w+\s+\d{4}))"
    r"|(?:\b(?:art\.|arts\.|articles?)\s+(?:[LRD]\.\s?)?\d[\w:-]*)"
    r"|(?:\bAR du \d)",
    re.IGNORECASE,
)
JOINER_RE = re.compile(r"^[\s,]*(?:(?:de la|du|de l'|de|et)\s+)?[\s,]*$")
PAREN_RE = re.compile(r"\(([^()]*)\)")
ABBREVIATIONS = ("art.", "arts.", "C. com.", "C. trav.", "n°", "etc.", "cf.", "p.", "M.", "av.", "J.-C.", "ex.")
SENTENCE_END_RE = re.compile(r"(?<=[.!?…])[»\"”)]*\s+(?=[«\"“(]?\s?[A-ZÀ-ÖØ-Þ0-9])")
WORD_RE = re.compile(r"[0-9A-Za-zÀ-ÖØ-öø-ÿŒœ€%]+(?:[’'\-.,][0-9A-Za-zÀ-ÖØ-öø-ÿŒœ]+)*")


@dataclass
class Row:
    guide: str
    words: int
    sentences: int
    references: int
    longest: int
    set_apart: int = 0  # citations in notes, « Références : » lines and tables, out of the sentences
    markers: int = 0  # note markers [^label] in the body

    @property
    def per_sentence(self) -> float:
        return self.words / self.sentences if self.sentences else 0.0

    @property
    def per_thousand(self) -> float:
        return 1000 * self.references / self.words if self.words else 0.0


def body_of(text: str) -> str:
    lines = text.splitlines()
    if lines and lines[0].strip() == "---":
        for index in range(1, len(lines)):
            if lines[index].strip() == "---":
                return "\n".join(lines[index + 1 :])
    return text


def running_units(body: str) -> list[str]:
    """Blocks of running text (Markdown marks removed): a paragraph, or a paragraph that ends with a
    colon together with the list it introduces, since « Trois choses : - a ; - b ; - c. » is one
    sentence for the grammar and the reader alike."""
    blocks: list[list[str]] = []
    current: list[str] = []
    in_fence = False
    skipping = False  # inside a paragraph that only gives references or sources
    starts_list = False

    def flush() -> None:
        nonlocal current
        if current:
            text = " ".join(current)
            if starts_list and blocks and blocks[-1] and blocks[-1][-1].rstrip().endswith(":"):
                blocks[-1].append(text)
            else:
                blocks.append([text])
        current = []

    for raw in body.splitlines():
        if FENCE_RE.match(raw):
            in_fence = not in_fence
            flush()
            continue
        if in_fence:
            continue
        if not raw.strip() or HEADING_RE.match(raw) or TABLE_RE.match(raw) or TASK_RE.match(raw):
            flush()
            skipping = False
            if HEADING_RE.match(raw) or TABLE_RE.match(raw):
                blocks.append([])  # nothing joins across a heading or a table
            continue
        if REFERENCE_LINE_RE.match(raw) or (skipping and not LIST_RE.match(raw)):
            flush()
            skipping = True
            continue
        skipping = False
        if not current:
            starts_list = bool(LIST_RE.match(raw))
        current.append(LIST_RE.sub("", raw).strip())
    flush()
    return [text for block in blocks if (text := clean(" ".join(block)))]


def clean(unit: str) -> str:
    unit = NOTE_MARKER_RE.sub("", ATTR_RE.sub("", unit))
    unit = LINK_RE.sub(r"\1", unit)
    return EMPHASIS_RE.sub("", unit).strip()


def citations(text: str) -> int:
    """Citations of legal texts in ``text``, in parentheses or not; anchors joined only by a comma or
    « de la » (« l'article 26 de la loi n° 2012-387 ») count once."""
    count, previous_end = 0, None
    for match in CITATION_RE.finditer(text):
        if previous_end is None or not JOINER_RE.match(text[previous_end : match.start()]):
            count += 1
        previous_end = match.end()
    return count


def is_citation(part: str) -> bool:
    return bool(CITATION_RE.search(part))


def without_references(text: str) -> str:
    """The sentence as a reader meets it once parenthesised references are moved out."""

    def drop(match: re.Match[str]) -> str:
        inner = match.group(1)
        parts = [part for part in inner.split(";") if part.strip()]
        refs = [part for part in parts if is_citation(part) or re.search(r"à jour au|vérifié le", part)]
        if len(refs) == len(parts):
            return ""
        return "(" + ";".join(part for part in parts if part not in refs) + ")"

    return re.sub(r"\s+([.,;:])", r"\1", PAREN_RE.sub(drop, text))


def sentences_of(unit: str) -> list[str]:
    protected = unit
    for abbreviation in ABBREVIATIONS:
        protected = protected.replace(abbreviation, abbreviation.replace(".", "\u2024"))
    protected = re.sub(r"\b([A-Z])\.(?=\s?[A-Z0-9-])", "\\1\u2024", protected)  # « L. 642-3 », « D. 3253-5 »
    pieces = [piece.strip() for piece in SENTENCE_END_RE.split(protected)]
    return [piece.replace("\u2024", ".") for piece in pieces if WORD_RE.search(piece)]


def set_apart_citations(body: str) -> int:
    """Citations written out of the running text: « Références : » / « Sources : » paragraphs, tables."""
    count, skipping = 0, False
    for raw in body.splitlines():
        if not raw.strip() or HEADING_RE.match(raw):
            skipping = False
            continue
        if REFERENCE_LINE_RE.match(raw) or TABLE_RE.match(raw):
            skipping = not TABLE_RE.match(raw)
            count += citations(raw)
        elif skipping and not LIST_RE.match(raw):
            count += citations(raw)
    return count


def measure(guide: str, text: str) -> Row:
    words = sentences = references = longest = 0
    body = body_of(text)
    for unit in running_units(body):
        references += citations(unit)
        for sentence in sentences_of(without_references(unit)):
            count = len(WORD_RE.findall(sentence))
            words += count
            sentences += 1
            longest = max(longest, count)
    markers = len(NOTE_MARKER_RE.findall(body))  # a definition « [^x]: » is not a marker
    return Row(guide, words, sentences, references, longest, set_apart_citations(body), markers)


def guide_texts(ref: str | None) -> dict[str, str]:
    if ref is None:
        return {path.stem: path.read_text(encoding="utf-8") for path in sorted(GUIDES.glob("*.md"))}
    names = subprocess.run(
        ["git", "ls-tree", "--name-only", f"{ref}:content/guides"], cwd=ROOT, check=True, capture_output=True, text=True
    ).stdout.split()
    return {
        Path(name).stem: subprocess.run(
            ["git", "show", f"{ref}:content/guides/{name}"], cwd=ROOT, check=True, capture_output=True, text=True
        ).stdout
        for name in sorted(names)
        if name.endswith(".md")
    }


def table(rows: list[Row], markdown: bool) -> str:
    header = (
        "guide",
        "mots",
        "phrases",
        "mots/phrase",
        "plus longue",
        "réf. dans le texte",
        "réf./1000 mots",
        "réf. à part",
        "appels",
    )
    body = [
        (
            row.guide,
            str(row.words),
            str(row.sentences),
            f"{row.per_sentence:.1f}" + (" *" if row.per_sentence > GOAL_WORDS_PER_SENTENCE else ""),
            str(row.longest),
            str(row.references),
            f"{row.per_thousand:.1f}",
            str(row.set_apart),
            str(row.markers),
        )
        for row in rows
    ]
    total = Row("ensemble", *(sum(getattr(r, f) for r in rows) for f in ("words", "sentences", "references")), 0)
    total.longest = max((r.longest for r in rows), default=0)
    total.set_apart = sum(r.set_apart for r in rows)
    total.markers = sum(r.markers for r in rows)
    body.append(
        (
            "**ensemble**" if markdown else "ensemble",
            str(total.words),
            str(total.sentences),
            f"{total.per_sentence:.1f}",
            str(total.longest),
            str(total.references),
            f"{total.per_thousand:.1f}",
            str(total.set_apart),
            str(total.markers),
        )
    )
    if markdown:
        lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
        lines += ["| " + " | ".join(cells) + " |" for cells in body]
        return "\n".join(lines)
    widths = [max(len(cells[i]) for cells in (header, *body)) for i in range(len(header))]
    fmt = "  ".join(f"{{:<{w}}}" if i == 0 else f"{{:>{w}}}" for i, w in enumerate(widths))
    return "\n".join(fmt.format(*cells) for cells in (header, *body))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ref", help="read the guides from this git branch or commit instead of the work tree")
    parser.add_argument("--markdown", action="store_true", help="print a Markdown table")
    parser.add_argument("guides", nargs="*", help="guide ids to measure (default: all but the glossary)")
    args = parser.parse_args(argv)
    texts = guide_texts(args.ref)
    wanted = args.guides or [g for g in texts if g != "glossaire"]
    rows = [measure(guide, texts[guide]) for guide in wanted if guide in texts]
    print(table(rows, args.markdown))
    goal = GOAL_WORDS_PER_SENTENCE
    print(f"\n* : plus de {goal} mots par phrase en moyenne (objectif : {goal} au plus).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
