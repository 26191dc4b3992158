"""The fact register: every legal or numeric claim of the guides, where it was checked, and when.

``content/registre-des-faits.yaml`` lists, for each claim, the guide, a short exact quote of the
claim as the guide writes it, the legal reference, the source (title and address), the date of the
check and the verdict. :func:`check_fact_register` (run by ``coopguide check-content``) reports:

- an entry that is malformed or names an unknown guide (at the entry's line in the register);
- a quote that the guide no longer contains (at the entry's line: the text changed, so the entry
  must be checked again and its quote updated);
- a guide dated later than the last check of its facts: its ``a_jour_au`` (at that field's line),
  or a « à jour au … » / « vérifié le … » written in its text (at that line), may not be later than
  the most recent ``verifie_le`` of its entries; and a guide with no entry at all, whose date then
  rests on nothing.

Quotes are compared with runs of spaces and line breaks folded into one space, so re-wrapping a
paragraph does not break them, with reference-note markers (``[^label]``) left out and links
reduced to their words, so adding a marker after a claim or a glossary link in it does not either.
Without a register file there is nothing to check.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from coopguide.core.content import frontmatter, yaml_loader
from coopguide.core.content.model import Content, Problem
from coopguide.core.shared.dates import MONTHS
from coopguide.core.shared.paths import GUIDES_DIR

REGISTER_FILE = "registre-des-faits.yaml"
VERDICTS = ("exact", "corrigé", "à vérifier")
REQUIRED = ("guide", "citation", "reference", "source", "verifie_le", "verdict")
WRITTEN_DATE_RE = re.compile(
    r"(?:à jour au|vérifié(?:e|s|es)? le)\s+(\d{1,2})(?:er)?\s+(" + "|".join(MONTHS) + r")\s+(\d{4})",
    re.IGNORECASE,
)
SPACES_RE = re.compile(r"\s+")
NOTE_MARKER_RE = re.compile(r"\[\^[^\]\s]*\](?!:)")  # a marker, not the label of a definition
LINK_RE = re.compile(r"(?<!!)\[([^\]^][^\]]*)\]\([^)\s]*\)")  # [words](target), not an image


@dataclass(frozen=True)
class Fact:
    """One entry of the register, with the line it starts at."""

    line: int
    guide: str
    quote: str
    checked: dt.date


def check_fact_register(root: Path, content: Content) -> list[Problem]:
    path = root / REGISTER_FILE
    if not path.exists():
        return []
    shown = f"{root.name}/{REGISTER_FILE}"
    facts, problems = read_register(path, shown, content)
    if facts is None:  # unreadable: say so once, rather than « no fact » for every guide
        return problems
    texts = {
        guide_id: (root / GUIDES_DIR / f"{guide_id}.md").read_text(encoding="utf-8") for guide_id in content.guides
    }
    folded = {guide_id: fold(text) for guide_id, text in texts.items()}
    for fact in facts:
        if fold(fact.quote) not in folded[fact.guide]:
            problems.append(
                Problem(
                    shown,
                    fact.line,
                    f"citation introuvable dans le guide {fact.guide} : « {fact.quote} » "
                    "(le texte a changé : revérifiez le fait et mettez la citation à jour)",
                )
            )
    latest: dict[str, dt.date] = {}
    for fact in facts:
        latest[fact.guide] = max(latest.get(fact.guide, fact.checked), fact.checked)
    for guide in content.guides.values():
        problems += _check_dates(guide.path, guide.updated, texts[guide.id], latest.get(guide.id))
    return problems


def read_register(path: Path, shown: str, content: Content) -> tuple[list[Fact] | None, list[Problem]]:
    """The well-formed entries (None when the file cannot be read as a register), and a problem for
    each entry that is not well formed."""
    text = path.read_text(encoding="utf-8")
    try:
        root = yaml_loader.compose(text)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        return None, [Problem(shown, mark.line + 1 if mark else 1, f"registre illisible : {error}")]
    entries = _entries_node(root)
    if entries is None:
        return None, [Problem(shown, 1, "le registre doit contenir une liste « faits: » d'entrées")]
    facts: list[Fact] = []
    problems: list[Problem] = []
    for node in entries.value:
        line = node.start_mark.line + 1
        if not isinstance(node, yaml.MappingNode):
            problems.append(Problem(shown, line, "entrée mal formée : il faut des champs « clé: valeur »"))
            continue
        fields = {key.value: (value, key.start_mark.line + 1) for key, value in node.value}
        entry_problems = _check_entry(fields, content, shown, line)
        problems += entry_problems
        checked = _date(fields["verifie_le"][0].value) if not entry_problems else None
        if checked is not None:  # a well-formed entry always has its date
            facts.append(Fact(line, fields["guide"][0].value, fields["citation"][0].value, checked))
    return facts, problems


def _entries_node(root: yaml.Node | None) -> yaml.SequenceNode | None:
    if not isinstance(root, yaml.MappingNode):
        return None
    for key, value in root.value:
        if key.value == "faits" and isinstance(value, yaml.SequenceNode):
            return value
    return None


def _check_entry(fields: dict[str, tuple[yaml.Node, int]], content: Content, shown: str, line: int) -> list[Problem]:
    missing = [key for key in REQUIRED if key not in fields]
    if missing:
        return [Problem(shown, line, f"champ obligatoire manquant : {', '.join(missing)}")]
    problems = []

    def scalar(key: str) -> str | None:
        node = fields[key][0]
        return node.value.strip() if isinstance(node, yaml.ScalarNode) and node.value.strip() else None

    for key in ("guide", "citation", "reference", "verifie_le", "verdict"):
        if scalar(key) is None:
            problems.append(Problem(shown, fields[key][1], f"{key} doit être un texte non vide"))
    if problems:
        return problems
    if scalar("guide") not in content.guides:
        problems.append(Problem(shown, fields["guide"][1], f"guide inconnu : {scalar('guide')}"))
    checked = _date(scalar("verifie_le"))
    if checked is None:
        problems.append(Problem(shown, fields["verifie_le"][1], "verifie_le doit être une date AAAA-MM-JJ"))
    elif checked > dt.date.today():
        problems.append(Problem(shown, fields["verifie_le"][1], "verifie_le est dans le futur"))
    if scalar("verdict") not in VERDICTS:
        problems.append(
            Problem(shown, fields["verdict"][1], f"verdict inconnu : {scalar('verdict')} ({', '.join(VERDICTS)})")
        )
    source = fields["source"][0]
    source_fields = {key.value: value for key, value in source.value} if isinstance(source, yaml.MappingNode) else {}
    titled = isinstance(source_fields.get("titre"), yaml.ScalarNode) and source_fields["titre"].value.strip()
    if not titled or not ("url" in source_fields or "reference" in source_fields):
        problems.append(
            Problem(shown, fields["source"][1], "source : il faut un « titre » et une « url » (ou une « reference »)")
        )
    return problems


def _written_date(match: re.Match[str]) -> dt.date | None:
    """« 6 décembre 2026 » → a date (None for an impossible one, « 31 février »)."""
    try:
        return dt.date(int(match.group(3)), MONTHS.index(match.group(2).lower()) + 1, int(match.group(1)))
    except ValueError:
        return None


def _date(value: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value or "")
    except (TypeError, ValueError):
        return None


def fold(text: str) -> str:
    """Spaces and line breaks folded, so that a re-wrapped paragraph still contains its quotes;
    note markers dropped, so that « 7 en SA[^nombre]. » still contains « 7 en SA. »; links reduced
    to their words, so that linking « associés extérieurs » to the glossary keeps its quote."""
    text = LINK_RE.sub(r"\1", NOTE_MARKER_RE.sub("", text))
    return SPACES_RE.sub(" ", text.replace("\u00a0", " ").replace("\u202f", " "))


def locate(text: str, quote: str) -> int | None:
    """1-based line of ``text`` where ``quote`` starts (both folded the same way), or None."""
    position = fold(text).find(fold(quote).strip())
    if position < 0:
        return None
    lines = text.splitlines(keepends=True)
    for number in range(1, len(lines) + 1):
        if len(fold("".join(lines[:number]))) > position:
            return number
    return None


def _check_dates(path: str, updated: str, text: str, latest: dt.date | None) -> list[Problem]:
    field_line = frontmatter.field_line(text, "a_jour_au")
    if latest is None:
        return [
            Problem(
                path,
                field_line,
                f"aucun fait de ce guide dans le registre ({REGISTER_FILE}) : "
                "sa date a_jour_au ne repose sur aucune vérification",
            )
        ]
    problems = []
    day = _date(updated)
    if day is not None and day > latest:
        problems.append(
            Problem(
                path,
                field_line,
                f"a_jour_au ({day.isoformat()}) est postérieure à la dernière vérification "
                f"de ses faits dans le registre ({latest.isoformat()})",
            )
        )
    for number, line in enumerate(text.splitlines(), start=1):
        for match in WRITTEN_DATE_RE.finditer(line):
            written = _written_date(match)
            if written is not None and written > latest:
                problems.append(
                    Problem(
                        path,
                        number,
                        f"« {match.group(0)} » est postérieur à la dernière vérification "
                        f"de ses faits dans le registre ({latest.isoformat()})",
                    )
                )
    return problems
