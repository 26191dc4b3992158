"""Search aids written by content authors: everyday words for the guides' words, and answer cards.

Two optional files beside the guides, read with PyYAML's node API (as the séance presets are) so
that ``check-content`` reports each problem at its own line.

``recherche-synonymes.yaml``: what people type → the words the guides use::

    synonymes:
      boîte: [entreprise]
    questions:
      combien de temps: [délai, durée, calendrier]

A key may be several words, matched in that order in a question (stop words aside); the longest
key wins. Under ``synonymes`` the word typed is searched too; under ``questions`` (question words:
« combien », « combien de temps ») only what it stands for is: the guides' own « combien » (« combien
d'heures… ») has nothing to do with the question. Every word a key stands for must be a word of the
guides: a synonym that leads nowhere is a mistake (a typo, a word the guides no longer use),
reported at its line.

``recherche-reponses.yaml``: short answers to the questions people ask most (cost, delays, aides,
who to call), shown above the search results::

    reponses:
      - id: cout-creation
        question: Combien coûte la création d'une Scop ?
        quand: [combien coûte, coût, prix]
        points:
          - section: guide:scop-en-bref#formes
            texte: Capital minimum de 30 € en SARL ou en SAS, 18 500 € en SA.

A card is shown when all the words of one of its ``quand`` entries are in the query. Each point
names the section that says it, and every number in its text must be written in that section: when
a guide changes a figure, check-content points at the card to update, so a card never says what its
guide no longer says. These files are data, not code: the search reads them through the content
cache (:class:`SearchAids` in the model), and the YAML is parsed only when the cache is rebuilt.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from coopguide.core.content.item_boxes import plain_text
from coopguide.core.content.markdown_lines import ATTR_RE, HEADING_RE
from coopguide.core.content.model import AnswerCard, CardPoint, Content, Problem, SearchAids, Synonym
from coopguide.core.shared import french_text
from coopguide.core.shared.paths import SEARCH_AIDS_FILES

if TYPE_CHECKING:
    import yaml

SYNONYMS_FILE, CARDS_FILE = SEARCH_AIDS_FILES
CARD_ID_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
CARD_FIELDS = ("id", "question", "quand", "points")
POINT_FIELDS = ("section", "texte")
MAX_POINTS, MAX_TEXT = 4, 200  # a card is read at a glance, above the results
NUMBER_RE = re.compile(r"\d+(?:[ \u00a0\u202f]\d{3})*(?:,\d+)?")
_Node = TypeVar("_Node", bound="yaml.Node")


def load_search_aids(root: Path, problems: list[Problem]) -> SearchAids:
    """The synonyms and answer cards of ``root`` (none when their files are absent)."""
    return SearchAids(_load_synonyms(root, problems), _load_cards(root, problems))


def _compose(root: Path, name: str, problems: list[Problem]) -> yaml.Node | None:
    import yaml  # only when the content cache is rebuilt, never at start

    path = root / name
    if not path.exists():
        return None
    shown = f"{root.name}/{name}"
    try:
        return yaml.compose(path.read_text(encoding="utf-8"), Loader=yaml.SafeLoader)
    except UnicodeDecodeError as error:
        problems.append(Problem(shown, 1, f"le fichier n'est pas en UTF-8 ({error.reason})"))
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        reason = getattr(error, "problem", None) or str(error)
        problems.append(Problem(shown, mark.line + 1 if mark else 1, f"fichier YAML illisible : {reason}"))
    return None


def _line(node: yaml.Node) -> int:
    return int(node.start_mark.line) + 1


def _text(node: yaml.Node) -> str | None:
    import yaml

    if isinstance(node, yaml.ScalarNode) and node.tag == "tag:yaml.org,2002:str" and str(node.value).strip():
        return str(node.value).strip()
    return None


def _section(
    root_node: yaml.Node | None, key: str, kind: type[_Node], shown: str, problems: list[Problem], required: bool = True
) -> _Node | None:
    """The value under ``key`` of the file's top mapping, of the expected node ``kind``."""
    import yaml

    if root_node is None:
        return None
    if isinstance(root_node, yaml.MappingNode):
        for key_node, value in root_node.value:
            if key_node.value == key:
                if isinstance(value, kind):
                    return value
                problems.append(Problem(shown, _line(key_node), f"{key} n'a pas la forme attendue"))
                return None
    if required:
        problems.append(Problem(shown, _line(root_node), f"« {key}: » est attendu en tête de ligne"))
    return None


def _load_synonyms(root: Path, problems: list[Problem]) -> tuple[Synonym, ...]:
    import yaml

    shown = f"{root.name}/{SYNONYMS_FILE}"
    node = _compose(root, SYNONYMS_FILE, problems)
    if node is None:
        return ()
    found: list[Synonym] = []
    seen: dict[str, int] = {}
    for section, replaces in (("synonymes", False), ("questions", True)):
        mapping = _section(node, section, yaml.MappingNode, shown, problems, required=not replaces)
        if mapping is not None:
            found += _synonyms(mapping, replaces, shown, seen, problems)
    return tuple(found)


def _synonyms(
    mapping: yaml.MappingNode, replaces: bool, shown: str, seen: dict[str, int], problems: list[Problem]
) -> list[Synonym]:
    import yaml

    found: list[Synonym] = []
    for key_node, value in mapping.value:
        line, words = _line(key_node), _text(key_node)
        if words is None:
            problems.append(Problem(shown, line, "synonyme : des mots sont attendus avant « : »"))
            continue
        folded = " ".join(french_text.fold(w) for w in french_text.WORD_RE.findall(words))
        if folded in seen:
            problems.append(Problem(shown, line, f"synonyme en double : {words} (déjà ligne {seen[folded]})"))
            continue
        seen[folded] = line
        entries = value.value if isinstance(value, yaml.SequenceNode) else [value]
        means = [_text(entry) for entry in entries]
        if not means or any(m is None for m in means):
            problems.append(Problem(shown, line, f"{words} : une liste de mots des guides est attendue"))
            continue
        found.append(Synonym(words, tuple(m for m in means if m), line, replaces))
    return found


def _load_cards(root: Path, problems: list[Problem]) -> tuple[AnswerCard, ...]:
    import yaml

    shown = f"{root.name}/{CARDS_FILE}"
    sequence = _section(_compose(root, CARDS_FILE, problems), "reponses", yaml.SequenceNode, shown, problems)
    if sequence is None:
        return ()
    cards: list[AnswerCard] = []
    for node in sequence.value:
        if not isinstance(node, yaml.MappingNode):
            problems.append(Problem(shown, _line(node), "réponse : une liste de champs « clé: valeur » est attendue"))
            continue
        fields = {str(k.value): (k, v) for k, v in node.value}
        for key in fields.keys() - set(CARD_FIELDS):
            problems.append(Problem(shown, _line(fields[key][0]), f"champ inconnu : {key} ({', '.join(CARD_FIELDS)})"))
        missing = [key for key in CARD_FIELDS if key not in fields]
        if missing:
            problems.append(Problem(shown, _line(node), f"champ obligatoire manquant : {', '.join(missing)}"))
            continue
        card_id, question = _text(fields["id"][1]), _text(fields["question"][1])
        when_node, points_node = fields["quand"][1], fields["points"][1]
        when = [_text(n) for n in when_node.value] if isinstance(when_node, yaml.SequenceNode) else [None]
        if card_id is None or not CARD_ID_RE.match(card_id):
            problems.append(Problem(shown, _line(fields["id"][1]), "id : minuscules, chiffres et tirets"))
        if question is None:
            problems.append(Problem(shown, _line(fields["question"][1]), "question : un texte est attendu"))
        if not when or None in when:
            problems.append(Problem(shown, _line(when_node), "quand : une liste de mots ou d'expressions est attendue"))
        points = _points(points_node, shown, problems)
        if card_id and question and when and None not in when and points:
            cards.append(AnswerCard(card_id, question, tuple(w for w in when if w), points, _line(node)))
    return tuple(cards)


def _points(node: yaml.Node, shown: str, problems: list[Problem]) -> tuple[CardPoint, ...]:
    import yaml

    if not isinstance(node, yaml.SequenceNode) or not 1 <= len(node.value) <= MAX_POINTS:
        problems.append(Problem(shown, _line(node), f"points : une liste de 1 à {MAX_POINTS} points est attendue"))
        return ()
    points = []
    for entry in node.value:
        fields = {str(k.value): v for k, v in entry.value} if isinstance(entry, yaml.MappingNode) else {}
        target, text = (_text(fields[f]) if f in fields else None for f in POINT_FIELDS)
        if set(fields) != set(POINT_FIELDS) or target is None or text is None:
            problems.append(Problem(shown, _line(entry), "point : « section: guide:… » et « texte: … » sont attendus"))
        elif len(text) > MAX_TEXT:
            problems.append(
                Problem(shown, _line(entry), f"texte trop long ({len(text)} caractères, {MAX_TEXT} au plus)")
            )
        else:
            points.append(CardPoint(target, text, _line(entry)))
    return tuple(points) if len(points) == len(node.value) else ()


# -- checks against the guides -------------------------------------------------------------------------
def check_search_aids(root: Path, content: Content) -> list[Problem]:
    """Synonyms that lead to words of the guides; cards whose sections exist and hold their figures."""
    aids = content.search_aids
    problems: list[Problem] = []
    if aids.synonyms:
        problems += _check_synonyms(f"{root.name}/{SYNONYMS_FILE}", aids.synonyms, content)
    seen: dict[str, int] = {}
    for card in aids.cards:
        shown = f"{root.name}/{CARDS_FILE}"
        if card.id in seen:
            problems.append(Problem(shown, card.line, f"réponse en double : {card.id} (déjà ligne {seen[card.id]})"))
        seen.setdefault(card.id, card.line)
        for when in card.when:
            if not any(french_text.tokens(when)):
                problems.append(Problem(shown, card.line, f"quand : « {when} » n'a que des mots vides"))
        for point in card.points:
            problems += _check_point(shown, point, content)
    return problems


def content_terms(content: Content) -> tuple[set[str], frozenset[str]]:
    """Every search term of the guides (titles, text, items, glossary), and their acronyms."""
    texts = [f"{g.title} {g.summary} {' '.join(g.tags)} {g.body}" for g in content.guides.values()]
    texts += [f"{t.term} {t.definition}" for g in content.guides.values() for t in g.glossary]
    acronyms = frozenset(french_text.acronyms_of(" ".join(texts)))
    words = {w for text in texts for w in french_text.WORD_RE.findall(french_text.normalise(text))}
    return {found for w in words if (found := french_text.term(w, acronyms))}, acronyms


def _check_synonyms(shown: str, synonyms: tuple[Synonym, ...], content: Content) -> list[Problem]:
    problems = []
    terms, acronyms = content_terms(content)
    seen: dict[tuple[str, ...], Synonym] = {}
    for synonym in synonyms:
        own = [t for *_, t in french_text.tokens(synonym.words, acronyms, in_query=True)]
        if not own:
            problems.append(Problem(shown, synonym.line, f"« {synonym.words} » n'a que des mots vides"))
        elif tuple(own) in seen:  # « boîtes » after « boîte »: the search would only see one of them
            first = seen[tuple(own)]
            problems.append(
                Problem(shown, synonym.line, f"{synonym.words} : même mot que {first.words} (ligne {first.line})")
            )
        seen.setdefault(tuple(own), synonym)
        for meant in synonym.means:
            found = [t for *_, t in french_text.tokens(meant, acronyms, in_query=True)]
            if not found or not all(t in terms for t in found):
                problems.append(
                    Problem(shown, synonym.line, f"{synonym.words} : « {meant} » n'est pas un mot des guides")
                )
            elif found == own:
                problems.append(Problem(shown, synonym.line, f"{synonym.words} : « {meant} » est le même mot"))
    return problems


def _check_point(shown: str, point: CardPoint, content: Content) -> list[Problem]:
    guide_id, _, anchor = point.target.removeprefix("guide:").partition("#")
    guide = content.guides.get(guide_id)
    if not point.target.startswith("guide:") or guide is None:
        return [Problem(shown, point.line, f"section inconnue : {point.target} (guide:ID ou guide:ID#ancre)")]
    if anchor and anchor not in guide.anchors:
        return [Problem(shown, point.line, f"ancre inconnue dans le guide {guide_id} : #{anchor}")]
    written = set(_numbers(section_text(guide.body, anchor, guide.summary)))
    return [
        Problem(shown, point.line, f"le nombre {number} n'est pas écrit dans la section {point.target}")
        for number in _numbers(point.text)
        if number not in written
    ]


def section_text(body: str, anchor: str, summary: str = "") -> str:
    """The plain text of a guide's section: from its heading to the next heading (the top of the
    guide, its summary included, when ``anchor`` is empty)."""
    lines: list[str] = [summary] if not anchor else []
    inside = not anchor
    for line in body.splitlines():
        heading = HEADING_RE.match(line)
        if heading:
            if inside:
                break
            attr = ATTR_RE.search(heading.group(2))
            inside = bool(attr and attr.group(1) == anchor)
        elif inside:
            lines.append(line)
    return plain_text(" ".join(lines))


def _numbers(text: str) -> list[str]:
    return [re.sub(r"[ \u00a0\u202f]", "", n) for n in NUMBER_RE.findall(text)]
