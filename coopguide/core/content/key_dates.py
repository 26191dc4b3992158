"""``content/dates-cles.yaml``: the kinds of key dates a dossier holds, the dates Coopguide suggests
from the legal durations, and due dates suggested for check-list items (see the file's header).

Read with the node API of the one YAML loader (:mod:`yaml_loader`, libyaml when present), as the
séance presets and the search aids are, so that ``check-content`` reports every problem at its own
line. A legal duration is a fact: each suggestion must carry its reference, its source and the date
it was checked (« à jour au »), or it is refused. The file is optional (a content without it has no
kinds of key dates; a dossier can still hold dates the user named).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

from coopguide.core.content.model import Content, KeyDateKind, KeyDates, KeyDateSuggestion, Problem
from coopguide.core.shared.paths import KEY_DATES_FILE
from coopguide.core.shared.relative_dates import UNITS, parse_rule

if TYPE_CHECKING:
    import yaml

KIND_ID_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
CUSTOM_PREFIX = "autre"  # kinds the user names: autre-… (core/store/key_dates.py)
KIND_FIELDS = ("id", "libelle", "explication")
SUGGESTION_FIELDS = ("date", "depuis", "duree", "sens", "texte", "reference", "source", "a_jour_au")
SUGGESTION_REQUIRED = ("date", "texte", "reference", "source", "a_jour_au")
DURATION_RE = re.compile(rf"^(?P<amount>\d{{1,3}}) (?P<unit>{'|'.join(UNITS)})$")
DIRECTIONS = {"après": 1, "avant": -1}


def _line(node: yaml.Node) -> int:
    return int(node.start_mark.line) + 1


def _text(node: yaml.Node | None) -> str | None:
    import yaml

    if isinstance(node, yaml.ScalarNode) and node.tag != "tag:yaml.org,2002:null" and str(node.value).strip():
        return " ".join(str(node.value).split())
    return None


def _fields(node: yaml.MappingNode) -> dict[str, tuple[yaml.Node, yaml.Node]]:
    return {str(k.value): (k, v) for k, v in node.value}


class _Reader:
    """One reading of the file: what it found, and its problems at their lines."""

    def __init__(self, shown: str, problems: list[Problem]) -> None:
        self.shown, self.problems = shown, problems

    def problem(self, node_or_line: yaml.Node | int, message: str) -> None:
        line = node_or_line if isinstance(node_or_line, int) else _line(node_or_line)
        self.problems.append(Problem(self.shown, line, message))

    def mapping_fields(
        self, node: yaml.Node, allowed: tuple[str, ...], required: tuple[str, ...], what: str
    ) -> dict[str, tuple[yaml.Node, yaml.Node]] | None:
        import yaml

        if not isinstance(node, yaml.MappingNode):
            self.problem(node, f"{what} : une liste de champs « clé: valeur » est attendue")
            return None
        fields = _fields(node)
        for key in fields.keys() - set(allowed):
            self.problem(fields[key][0], f"champ inconnu : {key} ({', '.join(allowed)})")
        missing = [key for key in required if key not in fields]
        if missing:
            self.problem(node, f"champ obligatoire manquant : {', '.join(missing)}")
            return None
        return fields

    def kinds(self, sequence: yaml.Node) -> list[KeyDateKind]:
        import yaml

        if not isinstance(sequence, yaml.SequenceNode):
            self.problem(sequence, "dates : une liste de dates est attendue")
            return []
        found: list[KeyDateKind] = []
        seen: dict[str, int] = {}
        for node in sequence.value:
            fields = self.mapping_fields(node, KIND_FIELDS, KIND_FIELDS, "date")
            if fields is None:
                continue
            kind_id, label, explanation = (_text(fields[key][1]) for key in KIND_FIELDS)
            id_node = fields["id"][1]
            if kind_id is None or not KIND_ID_RE.match(kind_id):
                self.problem(id_node, "id : minuscules, chiffres et tirets")
                continue
            if kind_id == CUSTOM_PREFIX or kind_id.startswith(CUSTOM_PREFIX + "-"):
                self.problem(id_node, f"id : « {CUSTOM_PREFIX}-… » est réservé aux dates ajoutées par l'utilisateur")
                continue
            if kind_id in seen:
                self.problem(id_node, f"date en double : {kind_id} (déjà ligne {seen[kind_id]})")
                continue
            seen[kind_id] = _line(node)
            if label is None or explanation is None:
                self.problem(node, "libelle et explication : un texte est attendu")
                continue
            found.append(KeyDateKind(kind_id, label, explanation, _line(node)))
        return found

    def suggestions(self, sequence: yaml.Node, kinds: set[str]) -> list[KeyDateSuggestion]:
        import yaml

        if not isinstance(sequence, yaml.SequenceNode):
            self.problem(sequence, "suggestions : une liste est attendue")
            return []
        found = []
        for node in sequence.value:
            fields = self.mapping_fields(node, SUGGESTION_FIELDS, SUGGESTION_REQUIRED, "suggestion")
            if fields is not None:
                suggestion = self.suggestion(node, fields, kinds)
                if suggestion is not None:
                    found.append(suggestion)
        return found

    def suggestion(
        self, node: yaml.Node, fields: dict[str, tuple[yaml.Node, yaml.Node]], kinds: set[str]
    ) -> KeyDateSuggestion | None:
        from coopguide.core.content.frontmatter import parse_date

        def value(key: str) -> str | None:
            return _text(fields[key][1]) if key in fields else None

        ok = True
        target, start = value("date"), value("depuis")
        for key, kind in (("date", target), ("depuis", start)):
            if key in fields and kind not in kinds:
                self.problem(fields[key][1], f"{key} : date clé inconnue : {kind} (voir « dates »)")
                ok = False
        if start is not None and start == target:
            self.problem(fields["depuis"][1], "depuis : une date ne peut pas se calculer à partir d'elle-même")
            ok = False
        timed = [key for key in ("depuis", "duree", "sens") if key in fields]
        amount, unit = 0, ""
        if timed and len(timed) != 3:
            self.problem(node, "depuis, duree et sens vont ensemble (ou aucun des trois)")
            ok = False
        elif timed:
            duration = DURATION_RE.match(value("duree") or "")
            direction = DIRECTIONS.get(value("sens") or "")
            if duration is None:
                self.problem(fields["duree"][1], f"duree : « 45 jours », « 2 jours ouvrés » ou « 6 mois » ({UNITS})")
                ok = False
            if direction is None:
                self.problem(fields["sens"][1], "sens : après ou avant")
                ok = False
            if duration and direction:
                amount, unit = direction * int(duration["amount"]), duration["unit"]
        text, reference = value("texte"), value("reference")
        for key, written in (("texte", text), ("reference", reference)):
            if written is None:
                self.problem(fields[key][1], f"{key} : un texte est attendu")
                ok = False
        source = self.source(fields["source"][1])
        updated = parse_date(fields["a_jour_au"][1].value)
        if updated is None:
            self.problem(fields["a_jour_au"][1], "a_jour_au : une date AAAA-MM-JJ est attendue")
        if not (ok and source and updated and target and text and reference):
            return None
        return KeyDateSuggestion(target, text, reference, *source, updated, start or "", amount, unit, _line(node))

    def source(self, node: yaml.Node) -> tuple[str, str] | None:
        fields = self.mapping_fields(node, ("titre", "url"), ("titre", "url"), "source")
        if fields is None:
            return None
        title, url = _text(fields["titre"][1]), _text(fields["url"][1])
        if title is None or url is None or not url.startswith(("https://", "http://")):
            self.problem(node, "source : un titre et une adresse https:// sont attendus")
            return None
        return title, url

    def item_rules(self, mapping: yaml.Node, kinds: set[str]) -> list[tuple[str, str, int]]:
        import yaml

        if not isinstance(mapping, yaml.MappingNode):
            self.problem(mapping, "echeances : « id de l'élément: date+jours » est attendu")
            return []
        found: list[tuple[str, str, int]] = []
        seen: dict[str, int] = {}
        for key_node, value_node in mapping.value:
            item_id, written, line = _text(key_node), _text(value_node), _line(key_node)
            rule = parse_rule(written or "")
            if item_id is None:
                self.problem(line, "echeances : un identifiant d'élément est attendu")
            elif item_id in seen:
                self.problem(line, f"échéance en double : {item_id} (déjà ligne {seen[item_id]})")
            elif rule is None:
                self.problem(line, f"{item_id} : « {written} » n'est pas une règle (date+jours ou date-jours)")
            elif rule.kind not in kinds:
                self.problem(line, f"{item_id} : date clé inconnue : {rule.kind} (voir « dates »)")
            else:
                seen[item_id] = line
                found.append((item_id, str(rule), line))
        return found


def load_key_dates(root: Path, problems: list[Problem]) -> KeyDates:
    """The key dates of ``root`` (none when the file is absent), problems added to ``problems``."""
    import yaml

    from coopguide.core.content import yaml_loader

    path = root / KEY_DATES_FILE
    if not path.exists():
        return KeyDates()
    reader = _Reader(f"{root.name}/{KEY_DATES_FILE}", problems)
    try:
        node = yaml_loader.compose(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError as error:
        reader.problem(1, f"le fichier n'est pas en UTF-8 ({error.reason})")
        return KeyDates()
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        reader.problem(mark.line + 1 if mark else 1, f"fichier YAML illisible : {getattr(error, 'problem', error)}")
        return KeyDates()
    if not isinstance(node, yaml.MappingNode):
        reader.problem(1, "« dates: » est attendu en tête de ligne")
        return KeyDates()
    fields = _fields(node)
    for key in fields.keys() - {"dates", "suggestions", "echeances"}:
        reader.problem(fields[key][0], f"champ inconnu : {key} (dates, suggestions, echeances)")
    if "dates" not in fields:
        reader.problem(1, "« dates: » est attendu en tête de ligne")
        return KeyDates()
    kinds = reader.kinds(fields["dates"][1])
    kind_ids = {k.id for k in kinds}
    suggestions = reader.suggestions(fields["suggestions"][1], kind_ids) if "suggestions" in fields else []
    rules = reader.item_rules(fields["echeances"][1], kind_ids) if "echeances" in fields else []
    return KeyDates(tuple(kinds), tuple(suggestions), tuple(rules))


def check_key_dates(root: Path, content: Content) -> list[Problem]:
    """Suggested due dates name items of the guides (a renamed item would silently lose its rule)."""
    items = content.items()
    shown = f"{root.name}/{KEY_DATES_FILE}"
    return [
        Problem(shown, line, f"échéance pour un élément inconnu : {item_id}")
        for item_id, _rule, line in content.key_dates.item_rules
        if item_id not in items
    ]
