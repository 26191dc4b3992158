"""Front matter of a guide: split it from the body and check its fields, with line numbers.

Written by hand rather than with python-frontmatter: that library drops line numbers, and every
message of ``check-content`` must name the file and line an author has to fix. The split itself is
ten lines; YAML parsing stays with PyYAML.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

import yaml

from coopguide.core.content import yaml_loader
from coopguide.core.content.model import Problem, Source

GUIDE_ID_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
REQUIRED_FIELDS = ("id", "titre", "resume", "theme", "ordre", "version", "a_jour_au", "sources")
KNOWN_FIELDS = (*REQUIRED_FIELDS, "etiquettes", "type", "voir_aussi")
GUIDE_KINDS = ("guide", "glossaire")
MIN_SOURCES = 2


@dataclass
class FrontMatter:
    fields: dict[str, Any]
    body: str
    body_first_line: int  # 1-based line number of the body's first line in the file


def split(text: str, path: str) -> tuple[FrontMatter | None, list[Problem]]:
    lines = text.splitlines()
    if not lines or lines[0].strip() != "---":
        return None, [Problem(path, 1, "en-tête YAML manquant : le fichier doit commencer par une ligne ---")]
    for index in range(1, len(lines)):
        if lines[index].strip() == "---":
            break
    else:
        return None, [Problem(path, 1, "en-tête YAML non fermé : ajoutez une ligne --- après l'en-tête")]
    header = "\n".join(lines[1:index])
    try:
        fields = yaml_loader.safe_load(header) or {}
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 2 if mark is not None else 1
        reason = getattr(error, "problem", None) or str(error)
        return None, [Problem(path, line, f"en-tête YAML illisible : {reason}")]
    if not isinstance(fields, dict):
        return None, [Problem(path, 2, "l'en-tête YAML doit être une liste de champs « clé: valeur »")]
    body = "\n".join(lines[index + 1 :])
    return FrontMatter(fields, body, index + 2), []


def field_line(text: str, key: str) -> int:
    """Line of ``key:`` in the header, or 1 when the key is absent."""
    pattern = re.compile(rf"^{re.escape(key)}\s*:")
    for number, line in enumerate(text.splitlines(), start=1):
        if pattern.match(line):
            return number
        if number > 1 and line.strip() == "---":
            break
    return 1


def entry_lines(text: str, key: str) -> list[tuple[int, str]]:
    """``(line, text)`` of each entry of the list ``key:`` in the header (the ``- x`` lines, or the
    key's own line for ``[x, y]``; text "" for a non-scalar entry); empty when the header does not
    parse or ``key`` is not a list."""
    lines = text.splitlines()
    end = next((n for n in range(1, len(lines)) if lines[n].strip() == "---"), len(lines))
    try:
        root = yaml_loader.compose("\n".join(lines[1:end]))
    except yaml.YAMLError:
        return []
    for key_node, value_node in root.value if isinstance(root, yaml.MappingNode) else []:
        if key_node.value == key and isinstance(value_node, yaml.SequenceNode):
            return [
                (
                    node.start_mark.line + 2,  # the header starts at line 2
                    node.value if isinstance(node, yaml.ScalarNode) else "",
                )
                for node in value_node.value
            ]
    return []


def parse_date(value: object) -> str | None:
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value).isoformat()
        except ValueError:
            return None
    return None


def check_fields(fields: dict[str, Any], text: str, path: str, expected_id: str) -> list[Problem]:
    """Every problem with the header's fields (missing, wrong type, unknown)."""
    problems: list[Problem] = []

    def report(key: str, message: str) -> None:
        problems.append(Problem(path, field_line(text, key), message))

    for key in REQUIRED_FIELDS:
        if fields.get(key) in (None, "", []):
            report(key, f"champ obligatoire manquant : {key}")
    for key in fields:
        if key not in KNOWN_FIELDS:
            report(str(key), f"champ inconnu : {key} (champs permis : {', '.join(KNOWN_FIELDS)})")

    guide_id = fields.get("id")
    if guide_id not in (None, ""):
        if not isinstance(guide_id, str) or not GUIDE_ID_RE.match(guide_id):
            report("id", f"identifiant de guide mal formé : {guide_id!r} (minuscules, chiffres et -)")
        elif guide_id != expected_id:
            report("id", f"l'identifiant {guide_id!r} doit être le nom du fichier ({expected_id!r})")
    for key in ("titre", "resume", "theme"):
        if fields.get(key) not in (None, "") and not isinstance(fields[key], str):
            report(key, f"{key} doit être un texte")
    for key, minimum in (("ordre", 0), ("version", 1)):
        value = fields.get(key)
        if value is not None and (isinstance(value, bool) or not isinstance(value, int) or value < minimum):
            report(key, f"{key} doit être un nombre entier ≥ {minimum}")
    if fields.get("a_jour_au") is not None and parse_date(fields["a_jour_au"]) is None:
        report("a_jour_au", "a_jour_au doit être une date AAAA-MM-JJ")
    if fields.get("type", "guide") not in GUIDE_KINDS:
        report("type", f"type inconnu : {fields['type']!r} (permis : {', '.join(GUIDE_KINDS)})")
    tags = fields.get("etiquettes", [])
    if not isinstance(tags, list) or not all(isinstance(t, str) for t in tags):
        report("etiquettes", "etiquettes doit être une liste de mots")

    problems += _check_see_also(fields.get("voir_aussi", []), text, path, expected_id)

    sources = fields.get("sources")
    if sources not in (None, "", []):
        if not isinstance(sources, list):
            report("sources", "sources doit être une liste")
        else:
            if len(sources) < MIN_SOURCES:
                report("sources", f"au moins {MIN_SOURCES} sources sont demandées ({len(sources)} données)")
            for number, source in enumerate(sources, start=1):
                if not isinstance(source, dict) or not isinstance(source.get("titre"), str):
                    report("sources", f"source n° {number} : il faut au moins un « titre »")
                elif not (source.get("url") or source.get("reference")):
                    report("sources", f"source n° {number} : donnez une « url » ou une « reference »")
                elif source.get("url") and not str(source["url"]).startswith(("https://", "http://")):
                    report("sources", f"source n° {number} : l'url doit commencer par https://")
    return problems


def _check_see_also(value: object, text: str, path: str, guide_id: str) -> list[Problem]:
    """``voir_aussi``: a list of guide ids, each once, never the guide itself; unknown ids are a
    cross-file check (:func:`coopguide.core.content.validate.cross_check`)."""
    if value is None:
        value = []
    if not isinstance(value, list):
        message = "voir_aussi doit être une liste d'identifiants de guides"
        return [Problem(path, field_line(text, "voir_aussi"), message)]
    lines = entry_lines(text, "voir_aussi")
    problems, seen = [], set()
    for index, target in enumerate(value):
        line = lines[index][0] if index < len(lines) else field_line(text, "voir_aussi")
        if not isinstance(target, str) or not GUIDE_ID_RE.match(target):
            message = (
                f"voir_aussi : identifiant de guide mal formé : {target!r} "
                "(le nom du fichier du guide, sans .md ni #ancre)"
            )
        elif target == guide_id:
            message = f"voir_aussi : le guide se cite lui-même : {target}"
        elif target in seen:
            message = f"voir_aussi : guide cité deux fois : {target}"
        else:
            seen.add(target)
            continue
        problems.append(Problem(path, line, message))
    return problems


def see_also_of(fields: dict[str, Any]) -> tuple[str, ...]:
    """The related guides' ids as written, each once (problems are reported by check_fields)."""
    value = fields.get("voir_aussi")
    if not isinstance(value, list):
        return ()
    return tuple(dict.fromkeys(t for t in value if isinstance(t, str) and GUIDE_ID_RE.match(t)))


def sources_of(fields: dict[str, Any]) -> tuple[Source, ...]:
    result = []
    for source in fields.get("sources") or []:
        if isinstance(source, dict) and isinstance(source.get("titre"), str):
            url = source.get("url")
            reference = source.get("reference")
            result.append(Source(source["titre"], str(url) if url else None, str(reference) if reference else None))
    return tuple(result)
