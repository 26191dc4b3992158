"""The orientation content: « Par où commencer ? » and the questionnaire that compares the forms.

Two YAML files written by content authors in ``content/orientation/`` (their comments say how):

- ``situations.yaml``: a few plain questions (our firm is in difficulty, the owner is leaving…),
  then *parcours*: for the answers given, the guides to read first (each with why), the check-lists
  a new dossier follows and the kinds of key dates worth entering; *compléments* add to it;
- ``formes.yaml``: the questionnaire, the six forms and the *règles*: for given answers, a verdict
  on one form, with the rule in plain words, its legal reference, its source and the date it was
  checked on it.

Why data and not code: a rule changes with the law, and whoever checks the law edits the file;
``check-content`` then tells them, at the file's line, what no longer holds (an unknown guide,
section or check-list, an answer no question offers, a rule without its reference, a figure the
guide's section no longer says, a form left without a verdict for some answers). The files are
read with PyYAML's node API, as the séance presets are, so that each problem has its line. They
are read when the assistant opens or ``check-content`` runs, never at start.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from coopguide.core.content.model import Content, Problem
from coopguide.core.content.search_aids import NUMBER_RE, section_text

if TYPE_CHECKING:
    import yaml

ORIENTATION_DIR = "orientation"
SITUATIONS_FILE = "situations.yaml"
FORMS_FILE = "formes.yaml"
ID_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
CHECKLIST_ID_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*\.[a-z0-9]+(?:-[a-z0-9]+)*$")
# worst last: a form's verdict is the worst of its rules' verdicts
VERDICTS = ("convient", "sous-conditions", "ne-convient-pas")
TO_KNOW = "a-savoir"  # a rule worth knowing that does not weigh on the verdict
MAX_REPORTED_GAPS = 3  # answer sets left without a parcours or a verdict: the first few are enough

When = tuple[tuple[str, tuple[str, ...]], ...]  # (question id, the answers that match), all must hold


@dataclass(frozen=True)
class Answer:
    id: str
    text: str
    help: str = ""


@dataclass(frozen=True)
class Question:
    id: str
    text: str
    answers: tuple[Answer, ...]
    help: str = ""
    line: int = 0

    def answer(self, answer_id: str) -> Answer | None:
        return next((a for a in self.answers if a.id == answer_id), None)


@dataclass(frozen=True)
class Reading:
    """A guide (or one of its sections) to read first, and why."""

    target: str  # ID or ID#anchor
    why: str
    line: int = 0

    @property
    def guide_id(self) -> str:
        return self.target.partition("#")[0]

    @property
    def anchor(self) -> str:
        return self.target.partition("#")[2]


@dataclass(frozen=True)
class Parcours:
    """What a situation leads to. A complement has no title or name: it only adds to a parcours."""

    id: str
    when: When
    readings: tuple[Reading, ...]
    checklists: tuple[str, ...]
    key_dates: tuple[str, ...]
    title: str = ""
    name: str = ""
    line: int = 0
    lines: dict[str, int] = field(default_factory=dict, compare=False, hash=False)  # "check-lists:ID" → line


@dataclass(frozen=True)
class Situations:
    questions: tuple[Question, ...]
    parcours: tuple[Parcours, ...]
    complements: tuple[Parcours, ...]
    path: str = ""


@dataclass(frozen=True)
class Form:
    id: str
    name: str
    plain: str  # the form in one plain sentence
    section: str  # guide:s-orienter#… that describes it
    guide: str = ""  # ID or ID#anchor: to go further
    line: int = 0


@dataclass(frozen=True)
class RuleSource:
    title: str
    url: str


@dataclass(frozen=True)
class Rule:
    form: str
    when: When
    verdict: str
    text: str
    reference: str
    source: RuleSource
    updated: str  # ISO date the rule was checked on its source
    section: str  # guide:ID#anchor that explains it
    line: int = 0


@dataclass(frozen=True)
class Forms:
    questions: tuple[Question, ...]
    forms: tuple[Form, ...]
    rules: tuple[Rule, ...]
    path: str = ""


def matches(when: When, answers: Mapping[str, str]) -> bool:
    """Every question named is answered with one of the answers listed."""
    return all(answers.get(question) in allowed for question, allowed in when)


def all_answer_sets(questions: tuple[Question, ...]) -> Iterator[dict[str, str]]:
    """Every way to answer every question (a few hundred at most: checked by check-content)."""
    for chosen in itertools.product(*(q.answers for q in questions)):
        yield {q.id: a.id for q, a in zip(questions, chosen, strict=True)}


# -- reading the files -----------------------------------------------------------------------------
class _File:
    """One YAML file being read: its shown name and the problems found, each at its line."""

    def __init__(self, root: Path, name: str, problems: list[Problem]) -> None:
        self.path = root / ORIENTATION_DIR / name
        self.shown = f"{root.name}/{ORIENTATION_DIR}/{name}"
        self.problems = problems

    def report(self, node: yaml.Node | int, message: str) -> None:
        line = node if isinstance(node, int) else int(node.start_mark.line) + 1
        self.problems.append(Problem(self.shown, line, message))

    def compose(self) -> yaml.Node | None:
        import yaml  # only when the assistant opens or check-content runs

        from coopguide.core.content import yaml_loader

        try:
            return yaml_loader.compose(self.path.read_text(encoding="utf-8"))
        except UnicodeDecodeError as error:
            self.report(1, f"le fichier n'est pas en UTF-8 ({error.reason})")
        except yaml.YAMLError as error:
            mark = getattr(error, "problem_mark", None)
            reason = getattr(error, "problem", None) or str(error)
            self.report(mark.line + 1 if mark else 1, f"fichier YAML illisible : {reason}")
        return None

    def fields(
        self, node: yaml.Node, what: str, required: tuple[str, ...], optional: tuple[str, ...] = ()
    ) -> dict[str, yaml.Node] | None:
        """The fields of a mapping node; unknown and missing ones reported. None: not a mapping."""
        import yaml

        if not isinstance(node, yaml.MappingNode):
            self.report(node, f"{what} : une liste de champs « clé: valeur » est attendue")
            return None
        found: dict[str, yaml.Node] = {}
        for key_node, value in node.value:
            key = str(key_node.value)
            if key not in required and key not in optional:
                self.report(
                    key_node, f"{what} : champ inconnu : {key} (champs permis : {', '.join(required + optional)})"
                )
            else:
                found[key] = value
        missing = [key for key in required if key not in found]
        if missing:
            self.report(node, f"{what} : champ obligatoire manquant : {', '.join(missing)}")
        return found

    def text(self, node: yaml.Node | None, what: str, required: bool = True) -> str:
        import yaml

        if node is None:
            return ""
        if isinstance(node, yaml.ScalarNode) and node.tag != "tag:yaml.org,2002:null" and str(node.value).strip():
            return " ".join(str(node.value).split())
        if required or not (isinstance(node, yaml.ScalarNode) and node.tag == "tag:yaml.org,2002:null"):
            self.report(node, f"{what} : un texte est attendu")
        return ""

    def identifier(self, node: yaml.Node | None, what: str, pattern: re.Pattern[str] = ID_RE) -> str:
        value = self.text(node, what)
        if value and not pattern.match(value):
            self.report(node or 1, f"{what} : identifiant mal formé : {value!r} (minuscules, chiffres et tirets)")
            return ""
        return value

    def sequence(self, node: yaml.Node | None, what: str) -> list[yaml.Node]:
        import yaml

        if node is None:
            return []
        if isinstance(node, yaml.SequenceNode):
            return list(node.value)
        self.report(node, f"{what} : une liste est attendue")
        return []

    def ids(
        self, node: yaml.Node | None, what: str, lines: dict[str, int], pattern: re.Pattern[str]
    ) -> tuple[str, ...]:
        found = []
        for entry in self.sequence(node, what):
            value = self.identifier(entry, what, pattern)
            if value:
                found.append(value)
                lines[f"{what}:{value}"] = int(entry.start_mark.line) + 1
        return tuple(found)

    # -- the parts both files share -----------------------------------------------------------------
    def questions(self, node: yaml.Node | None) -> tuple[Question, ...]:
        questions: list[Question] = []
        seen: set[str] = set()
        for entry in self.sequence(node, "questions"):
            fields = self.fields(entry, "question", ("id", "texte", "reponses"), ("aide",))
            if fields is None:
                continue
            question_id = self.identifier(fields.get("id"), "question : id")
            if question_id in seen:
                self.report(entry, f"question en double : {question_id}")
                continue
            seen.add(question_id)
            answers: list[Answer] = []
            for answer_node in self.sequence(fields.get("reponses"), "reponses"):
                answer_fields = self.fields(answer_node, "réponse", ("id", "texte"), ("aide",))
                if answer_fields is None:
                    continue
                answer_id = self.identifier(answer_fields.get("id"), "réponse : id")
                if answer_id in {a.id for a in answers}:
                    self.report(answer_node, f"réponse en double : {answer_id}")
                elif answer_id:
                    answers.append(
                        Answer(
                            answer_id,
                            self.text(answer_fields.get("texte"), "réponse : texte"),
                            self.text(answer_fields.get("aide"), "réponse : aide", required=False),
                        )
                    )
            if "reponses" in fields and len(answers) < 2:
                self.report(fields["reponses"], "reponses : au moins deux réponses sont attendues")
            if question_id:
                questions.append(
                    Question(
                        question_id,
                        self.text(fields.get("texte"), "question : texte"),
                        tuple(answers),
                        self.text(fields.get("aide"), "question : aide", required=False),
                        int(entry.start_mark.line) + 1,
                    )
                )
        if not questions:
            self.report(node or 1, "questions : au moins une question est attendue")
        return tuple(questions)

    def when(self, node: yaml.Node | None, questions: tuple[Question, ...], required: bool = True) -> When | None:
        """The conditions of a parcours or a rule, each answer checked against its question. None: unusable."""
        import yaml

        if node is None:
            return () if not required else None
        if not isinstance(node, yaml.MappingNode) or not node.value:
            self.report(node, "quand : « question: réponse » ou « question: [réponse, …] » est attendu")
            return None
        by_id = {q.id: q for q in questions}
        conditions: list[tuple[str, tuple[str, ...]]] = []
        usable = True
        for key_node, value in node.value:
            question = by_id.get(str(key_node.value))
            if question is None:
                self.report(key_node, f"quand : question inconnue : {key_node.value} ({', '.join(by_id)})")
                usable = False
                continue
            entries = value.value if isinstance(value, yaml.SequenceNode) else [value]
            allowed = []
            for entry in entries:
                answer = self.text(entry, f"quand : {question.id}")
                if answer and question.answer(answer) is None:
                    offered = ", ".join(a.id for a in question.answers)
                    self.report(entry, f"quand : la question {question.id} n'offre pas la réponse {answer} ({offered})")
                    usable = False
                elif answer:
                    allowed.append(answer)
            if not allowed:
                usable = False
            conditions.append((question.id, tuple(allowed)))
        return tuple(conditions) if usable else None


def load_situations(root: Path, problems: list[Problem]) -> Situations | None:
    """``content/orientation/situations.yaml``, or None when it is absent or unusable."""
    file = _File(root, SITUATIONS_FILE, problems)
    if not file.path.exists():
        return None
    node = file.compose()
    if node is None:
        return None
    top = file.fields(node, "situations", ("questions", "parcours"), ("complements",))
    if top is None:
        return None
    questions = file.questions(top.get("questions"))
    parcours = _parcours_list(file, top.get("parcours"), questions, complement=False)
    complements = _parcours_list(file, top.get("complements"), questions, complement=True)
    if not parcours:
        file.report(top.get("parcours") or node, "parcours : au moins un parcours est attendu")
        return None
    return Situations(questions, parcours, complements, file.shown)


def _parcours_list(
    file: _File, node: yaml.Node | None, questions: tuple[Question, ...], complement: bool
) -> tuple[Parcours, ...]:
    what = "complément" if complement else "parcours"
    required = ("id", "quand") if complement else ("id", "quand", "titre", "nom", "a_lire", "check-lists")
    optional = ("a_lire", "check-lists", "dates-cles") if complement else ("dates-cles",)
    found: list[Parcours] = []
    seen: set[str] = set()
    for entry in file.sequence(node, what):
        fields = file.fields(entry, what, required, optional)
        if fields is None:
            continue
        parcours_id = file.identifier(fields.get("id"), f"{what} : id")
        if parcours_id in seen:
            file.report(entry, f"{what} en double : {parcours_id}")
        seen.add(parcours_id)
        when = file.when(fields.get("quand"), questions)
        lines: dict[str, int] = {}
        readings = []
        for reading_node in file.sequence(fields.get("a_lire"), "a_lire"):
            reading_fields = file.fields(reading_node, "a_lire", ("guide", "pourquoi"))
            if reading_fields is None:
                continue
            target = file.text(reading_fields.get("guide"), "a_lire : guide")
            why = file.text(reading_fields.get("pourquoi"), "a_lire : pourquoi")
            if target and why:
                readings.append(Reading(target.removeprefix("guide:"), why, int(reading_node.start_mark.line) + 1))
        checklists = file.ids(fields.get("check-lists"), "check-lists", lines, CHECKLIST_ID_RE)
        key_dates = file.ids(fields.get("dates-cles"), "dates-cles", lines, ID_RE)
        if not complement and not readings:
            file.report(entry, f"{what} {parcours_id} : au moins un guide à lire est attendu (a_lire)")
        if complement and not (readings or checklists or key_dates):
            file.report(entry, f"{what} {parcours_id} : n'ajoute rien (a_lire, check-lists ou dates-cles)")
        if parcours_id and when is not None:
            found.append(
                Parcours(
                    parcours_id,
                    when,
                    tuple(readings),
                    checklists,
                    key_dates,
                    file.text(fields.get("titre"), f"{what} : titre", required=not complement),
                    file.text(fields.get("nom"), f"{what} : nom", required=not complement),
                    int(entry.start_mark.line) + 1,
                    lines,
                )
            )
    return tuple(found)


def load_forms(root: Path, problems: list[Problem]) -> Forms | None:
    """``content/orientation/formes.yaml``, or None when it is absent or unusable."""
    file = _File(root, FORMS_FILE, problems)
    if not file.path.exists():
        return None
    node = file.compose()
    if node is None:
        return None
    # « sources » holds YAML anchors (&nom) the rules point at (*nom): read through the rules only
    top = file.fields(node, "formes", ("questions", "formes", "regles"), ("sources",))
    if top is None:
        return None
    questions = file.questions(top.get("questions"))
    forms: list[Form] = []
    for entry in file.sequence(top.get("formes"), "formes"):
        fields = file.fields(entry, "forme", ("id", "nom", "en_clair", "section"), ("guide",))
        if fields is None:
            continue
        form_id = file.identifier(fields.get("id"), "forme : id")
        if form_id in {f.id for f in forms}:
            file.report(entry, f"forme en double : {form_id}")
        elif form_id:
            forms.append(
                Form(
                    form_id,
                    file.text(fields.get("nom"), "forme : nom"),
                    file.text(fields.get("en_clair"), "forme : en_clair"),
                    file.text(fields.get("section"), "forme : section"),
                    file.text(fields.get("guide"), "forme : guide", required=False).removeprefix("guide:"),
                    int(entry.start_mark.line) + 1,
                )
            )
    rules = [
        rule for entry in file.sequence(top.get("regles"), "regles") if (rule := _rule(file, entry, questions, forms))
    ]
    if not forms or not rules:
        file.report(node, "formes : au moins une forme et une règle sont attendues")
        return None
    return Forms(questions, tuple(forms), tuple(rules), file.shown)


RULE_FIELDS = ("forme", "verdict", "texte", "reference", "source", "a_jour_au", "section")


def _rule(file: _File, entry: yaml.Node, questions: tuple[Question, ...], forms: list[Form]) -> Rule | None:
    fields = file.fields(entry, "règle", RULE_FIELDS, ("quand",))
    if fields is None:
        return None
    usable = not [key for key in RULE_FIELDS if key not in fields]
    form = file.text(fields.get("forme"), "règle : forme")
    if form and form not in {f.id for f in forms}:
        file.report(fields["forme"], f"règle : forme inconnue : {form} ({', '.join(f.id for f in forms)})")
        usable = False
    verdict = file.text(fields.get("verdict"), "règle : verdict")
    if verdict and verdict not in (*VERDICTS, TO_KNOW):
        file.report(fields["verdict"], f"règle : verdict inconnu : {verdict} ({', '.join((*VERDICTS, TO_KNOW))})")
        usable = False
    when = file.when(fields.get("quand"), questions, required=False)
    source = _source(file, fields.get("source"))
    updated = file.text(fields.get("a_jour_au"), "règle : a_jour_au")
    try:
        updated = dt.date.fromisoformat(updated).isoformat() if updated else ""
    except ValueError:
        file.report(fields["a_jour_au"], f"règle : a_jour_au : date AAAA-MM-JJ attendue, pas {updated!r}")
        updated = ""
    texts = [file.text(fields.get(key), f"règle : {key}") for key in ("texte", "reference", "section")]
    if not usable or when is None or source is None or not updated or not all(texts) or not verdict:
        return None
    text, reference, section = texts
    return Rule(form, when, verdict, text, reference, source, updated, section, int(entry.start_mark.line) + 1)


def _source(file: _File, node: yaml.Node | None) -> RuleSource | None:
    if node is None:
        return None
    fields = file.fields(node, "règle : source", ("titre", "url"))
    if fields is None:
        return None
    title, url = file.text(fields.get("titre"), "source : titre"), file.text(fields.get("url"), "source : url")
    if url and not url.startswith(("https://", "http://")):
        file.report(fields["url"], f"source : adresse https:// ou http:// attendue, pas {url!r}")
        return None
    return RuleSource(title, url) if title and url else None


# -- checks against the guides ---------------------------------------------------------------------
def check_orientation(root: Path, content: Content) -> list[Problem]:
    """Every problem of ``content/orientation/``: used by ``coopguide check-content``."""
    problems: list[Problem] = []
    situations = load_situations(root, problems)
    forms = load_forms(root, problems)
    if situations is not None:
        problems += _check_situations(situations, content)
    if forms is not None:
        problems += _check_forms(forms, content)
    return problems


def _target_problem(target: str, content: Content) -> str | None:
    guide_id, _, anchor = target.removeprefix("guide:").partition("#")
    guide = content.guides.get(guide_id)
    if guide is None:
        return f"guide inconnu : {guide_id}"
    if anchor and anchor not in guide.anchors:
        return f"section inconnue dans le guide {guide_id} : #{anchor}"
    return None


def _check_situations(situations: Situations, content: Content) -> list[Problem]:
    shown = situations.path
    problems = []
    checklists = content.checklists()
    for parcours in (*situations.parcours, *situations.complements):
        for reading in parcours.readings:
            problem = _target_problem(reading.target, content)
            if problem:
                problems.append(Problem(shown, reading.line, f"a_lire : {problem}"))
        for checklist_id in parcours.checklists:
            if checklist_id not in checklists:
                line = parcours.lines.get(f"check-lists:{checklist_id}", parcours.line)
                problems.append(Problem(shown, line, f"check-list inconnue : {checklist_id}"))
    kinds = {k.id for k in getattr(getattr(content, "key_dates", None), "kinds", ())}  # content/dates-cles.yaml
    for parcours in (*situations.parcours, *situations.complements):
        for kind in parcours.key_dates:
            if kinds and kind not in kinds:
                line = parcours.lines.get(f"dates-cles:{kind}", parcours.line)
                problems.append(Problem(shown, line, f"date clé inconnue : {kind} (voir dates-cles.yaml)"))
    gaps = [
        answers
        for answers in all_answer_sets(situations.questions)
        if not any(matches(p.when, answers) for p in situations.parcours)
    ]
    for answers in gaps[:MAX_REPORTED_GAPS]:
        said = ", ".join(f"{q}={a}" for q, a in answers.items())
        problems.append(Problem(shown, situations.questions[0].line, f"aucun parcours pour les réponses : {said}"))
    return problems


def _check_forms(forms: Forms, content: Content) -> list[Problem]:
    shown = forms.path
    problems = []
    for form in forms.forms:
        for target, what in ((form.section, "section"), (form.guide, "guide")):
            problem = _target_problem(target, content) if target else None
            if target and what == "section" and not target.startswith("guide:"):
                problem = f"guide:ID#ancre attendu, pas {target!r}"
            if problem:
                problems.append(Problem(shown, form.line, f"forme {form.id} : {what} : {problem}"))
    for rule in forms.rules:
        problem = _target_problem(rule.section, content)
        if not rule.section.startswith("guide:"):
            problem = f"guide:ID#ancre attendu, pas {rule.section!r}"
        if problem:
            problems.append(Problem(shown, rule.line, f"règle : section : {problem}"))
            continue
        guide_id, _, anchor = rule.section.removeprefix("guide:").partition("#")
        guide = content.guides[guide_id]
        written = set(_numbers(section_text(guide.body, anchor, guide.summary)))
        for number in _numbers(rule.text):
            if number not in written:
                problems.append(
                    Problem(shown, rule.line, f"le nombre {number} n'est pas écrit dans la section {rule.section}")
                )
    for form in forms.forms:
        weighing = [r for r in forms.rules if r.form == form.id and r.verdict != TO_KNOW]
        gaps = [a for a in all_answer_sets(forms.questions) if not any(matches(r.when, a) for r in weighing)]
        for answers in gaps[:MAX_REPORTED_GAPS]:
            said = ", ".join(f"{q}={a}" for q, a in answers.items())
            problems.append(
                Problem(shown, form.line, f"forme {form.id} : aucune règle ne donne de verdict pour {said}")
            )
    return problems


def _numbers(text: str) -> list[str]:
    return [re.sub(r"[ \u00a0\u202f]", "", n) for n in NUMBER_RE.findall(text)]
