"""« Par où commencer ? » and « Comparer les formes »: from a user's answers to what to do.

Pure functions over the orientation content (:mod:`coopguide.core.content.orientation_data`): the
rules are data there, this module only applies them, so the window and a test ask the same thing.

- :func:`start_plan`: the situation's answers → the guides to read first (in order, each with why),
  the check-lists a new dossier follows (its scope), the kinds of key dates worth entering and a
  name for the dossier. The first *parcours* whose conditions hold gives the base; every
  *complément* that holds adds to it, nothing twice.
- :func:`compare_forms`: the questionnaire's answers → each form with its verdict (the worst of the
  rules that apply; a rule « à savoir » is said without weighing) and the rules behind it, each with
  its reference, so the user sees *why*, the way mon-entreprise's status assistant does.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from coopguide.core.content.model import Content
from coopguide.core.content.orientation_data import (
    TO_KNOW,
    VERDICTS,
    Form,
    Forms,
    Question,
    Reading,
    Rule,
    Situations,
    matches,
)
from coopguide.core.shared.dates import long_date

VERDICT_LABELS = {
    "convient": "Convient",
    "sous-conditions": "Possible, sous conditions",
    "ne-convient-pas": "Ne convient pas",
    TO_KNOW: "À savoir",
}


@dataclass(frozen=True)
class GuideToRead:
    guide_id: str
    anchor: str
    title: str  # the guide's title, and the section's when there is one
    why: str

    @property
    def target(self) -> str:
        """The link the window follows: ``guide:ID`` or ``guide:ID#anchor``."""
        return f"guide:{self.guide_id}#{self.anchor}" if self.anchor else f"guide:{self.guide_id}"


@dataclass(frozen=True)
class StartPlan:
    parcours_id: str
    title: str
    name: str  # proposed for the new dossier
    guides: tuple[GuideToRead, ...]
    checklists: tuple[str, ...]  # the new dossier's scope, in reading order
    key_dates: tuple[str, ...]  # kinds of key dates (content/dates-cles.yaml)


@dataclass(frozen=True)
class FormVerdict:
    form: Form
    verdict: str  # one of VERDICTS
    reasons: tuple[Rule, ...]  # the rules that apply: the verdict's first (worst first), « à savoir » last

    @property
    def label(self) -> str:
        return VERDICT_LABELS[self.verdict]


def unanswered(questions: tuple[Question, ...], answers: Mapping[str, str]) -> list[Question]:
    """The questions without one of their own answers in ``answers``."""
    return [q for q in questions if q.answer(answers.get(q.id, "")) is None]


def start_plan(situations: Situations, answers: Mapping[str, str], content: Content) -> StartPlan | None:
    """What the answers lead to; None when no parcours fits them (check-content makes sure every
    complete set of answers has one). Guides, sections and check-lists unknown to ``content`` (an
    older edition beside newer orientation files) are left out rather than shown broken."""
    base = next((p for p in situations.parcours if matches(p.when, answers)), None)
    if base is None:
        return None
    added = [c for c in situations.complements if matches(c.when, answers)]
    known = content.checklists()
    guides: list[GuideToRead] = []
    checklists: list[str] = []
    key_dates: list[str] = []
    for part in (base, *added):
        for reading in part.readings:
            guide = _guide_to_read(reading, content)
            if guide and guide.target not in {g.target for g in guides}:
                guides.append(guide)
        checklists += [c for c in part.checklists if c in known and c not in checklists]
        key_dates += [k for k in part.key_dates if k not in key_dates]
    return StartPlan(base.id, base.title, base.name, tuple(guides), tuple(checklists), tuple(key_dates))


def _guide_to_read(reading: Reading, content: Content) -> GuideToRead | None:
    guide = content.guides.get(reading.guide_id)
    if guide is None or (reading.anchor and reading.anchor not in guide.anchors):
        return None
    title = guide.title
    if reading.anchor:
        heading = section_heading(guide.body, reading.anchor)
        title = f"{guide.title} › {heading}" if heading else title
    return GuideToRead(guide.id, reading.anchor, title, reading.why)


def section_heading(body: str, anchor: str) -> str:
    """The words of the heading marked ``{#anchor}`` in a guide's Markdown (its number kept)."""
    marker = f"{{#{anchor}}}"
    for line in body.splitlines():
        if line.startswith("#") and marker in line:
            return line.lstrip("#").replace(marker, "").strip()
    return ""


def compare_forms(forms: Forms, answers: Mapping[str, str]) -> list[FormVerdict]:
    """Every form with its verdict and reasons; forms that fit first, then the others, each group
    in the file's order. A form no rule judges for these answers (questions left unanswered) is
    left out: nothing would explain its place."""
    results = []
    for form in forms.forms:
        applying = [r for r in forms.rules if r.form == form.id and matches(r.when, answers)]
        weighing = [r for r in applying if r.verdict != TO_KNOW]
        if not weighing:
            continue
        verdict = max((r.verdict for r in weighing), key=VERDICTS.index)
        ordered = sorted(weighing, key=lambda r: -VERDICTS.index(r.verdict))
        reasons = (*ordered, *(r for r in applying if r.verdict == TO_KNOW))
        results.append(FormVerdict(form, verdict, tuple(reasons)))
    return sorted(results, key=lambda result: VERDICTS.index(result.verdict))


def key_date_label(content: Content, kind_id: str) -> str:
    """The name ``content/dates-cles.yaml`` gives a kind of key date (``Content.key_dates``, when the
    content has them), else its id in words."""
    key_dates = getattr(content, "key_dates", None)
    kind = key_dates.kind(kind_id) if key_dates is not None else None
    return str(kind.label) if kind is not None else kind_id.replace("-", " ").capitalize()


def form_guide_title(form: Form, content: Content) -> str:
    """The title of the guide (or section) a form's « pour aller plus loin » points at, or ""."""
    if not form.guide:
        return ""
    reading = _guide_to_read(Reading(form.guide, ""), content)
    return reading.title if reading else ""


# -- the comparison as a page -----------------------------------------------------------------------
VERDICT_MARKS = {"convient": "✔", "sous-conditions": "◐", "ne-convient-pas": "✘", TO_KNOW: "ℹ"}
VERDICT_COLOURS = {
    "convient": "#1b6e3a",
    "sous-conditions": "#8a5a00",
    "ne-convient-pas": "#a12020",
    TO_KNOW: "#33527a",
}


def comparison_html(
    results: list[FormVerdict], questions: tuple[Question, ...], answers: Mapping[str, str], content: Content
) -> str:
    """The comparison as one HTML page (a QTextBrowser shows it): the answers given, then each form
    with its verdict in words and a mark (never by colour alone), its rules, each with its reference,
    its source and the date it was checked, and a link to the guide's section that explains it."""
    from html import escape

    parts = ["<h2>Vos réponses</h2><ul>"]
    for question in questions:
        answer = question.answer(answers.get(question.id, ""))
        parts.append(f"<li>{escape(question.text)} <b>{escape(answer.text if answer else 'sans réponse')}</b></li>")
    parts.append("</ul>")
    for result in results:
        colour = VERDICT_COLOURS[result.verdict]
        parts.append(
            f"<h2>{escape(result.form.name)} : <span style='color:{colour}'>"
            f"{VERDICT_MARKS[result.verdict]} {escape(result.label)}</span></h2>"
            f"<p><i>{escape(result.form.plain)}</i></p><ul>"
        )
        for rule in result.reasons:
            mark = f"<span style='color:{VERDICT_COLOURS[rule.verdict]}'>{VERDICT_MARKS[rule.verdict]}</span>"
            parts.append(
                f"<li>{mark} {escape(rule.text)}<br><small>Référence : {escape(rule.reference)} — "
                f"<a href='{escape(rule.section)}'>en savoir plus</a> — source : {escape(rule.source.title)} "
                f"({escape(rule.source.url)}), à jour au {escape(long_date(rule.updated))}</small></li>"
            )
        further = form_guide_title(result.form, content)
        more = f" — pour aller plus loin : <a href='guide:{escape(result.form.guide)}'>{escape(further)}</a>"
        parts.append(
            f"</ul><p><a href='{escape(result.form.section)}'>Lire « {escape(result.form.name)} » dans le "
            f"guide S'orienter</a>{more if further else ''}</p>"
        )
    parts.append(
        "<p><small>Ce comparatif applique des règles générales à vos réponses. Il ne remplace pas un "
        "rendez-vous avec votre union régionale des Scop et des Scic (URSCOP).</small></p>"
    )
    return "".join(parts)
