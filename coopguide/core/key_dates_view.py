"""A dossier's key dates as a timeline with a countdown (« dans 12 jours »), and the dates Coopguide
suggests from the legal durations of the content, each with the rule it comes from.

Computed from the content (``content.key_dates``, see ``content/dates-cles.yaml``), the dossier's key
dates and ``today`` (no I/O, no clock read here): the dashboard, the key dates dialog and the item
editor show what this module returns. A suggestion is never written by itself: it says « au plus
tard le … » beside the date the user copies from the court's letters, which is the one that counts.
"""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from coopguide.core.content.model import KeyDates, KeyDateSuggestion
from coopguide.core.shared.dates import long_date
from coopguide.core.shared.relative_dates import countdown, parse_rule, shift
from coopguide.core.store.key_dates import KeyDate, missing_key_date
from coopguide.core.store.progress import ItemProgress

DIALOG_LINK = "coopguide:dates-cles"  # the dashboard's link to the key dates dialog (ui/main_window.py)
SOON_DAYS = 14  # the countdown of a date this close is marked


@dataclass(frozen=True)
class TimelineEntry:
    kind: str
    label: str
    date: str
    countdown: str  # « dans 12 jours », « aujourd'hui », « il y a 3 jours »
    days: int  # from today; negative: past

    @property
    def past(self) -> bool:
        return self.days < 0


@dataclass(frozen=True)
class Suggestion:
    """What Coopguide proposes for the key date ``target``: ``date`` ("" when it cannot compute one)
    and the sentence that says it with its rule."""

    target: str
    target_label: str
    date: str
    text: str  # « au plus tard le 25 août 2026 : 6 mois après : jugement d'ouverture »
    rule: str  # « la période d'observation dure… (C. com., art. L. 621-3 et L. 631-7, à jour au 29 janvier 2026) »
    source_url: str


@dataclass(frozen=True)
class Timeline:
    today: dt.date
    entries: tuple[TimelineEntry, ...]  # soonest first
    suggestions: tuple[Suggestion, ...]  # for kinds not entered yet, computed from dates entered
    orphans: tuple[str, ...] = ()  # key dates (named) due dates count from, no longer in the dossier

    @property
    def next(self) -> TimelineEntry | None:
        """The next date to come (today included), else None."""
        return next((e for e in self.entries if not e.past), None)


def kind_label(key_dates: KeyDates, kind: str, label: str = "") -> str:
    """The name shown for a kind: the user's for ``autre-…``, the content's, else the id itself."""
    if label:
        return label
    known = key_dates.kind(kind)
    return known.label if known else kind


def rule_label(key_dates: KeyDates, rule_text: str) -> str:
    """« J+10 après : jugement d'ouverture » for ``jugement-ouverture+10`` ("" when unreadable)."""
    rule = parse_rule(rule_text)
    return rule.label(kind_label(key_dates, rule.kind)) if rule else ""


def duration(count: int, unit: str) -> str:
    """« 1 jour », « 1 jour ouvré », « 6 mois », « 45 jours »: the content writes units in the plural."""
    if count == 1:
        unit = unit.replace("jours", "jour").replace("ouvrés", "ouvré")
    return f"{count} {unit}"


def suggestion(key_dates: KeyDates, rule: KeyDateSuggestion, dates: Mapping[str, str]) -> Suggestion:
    """One suggestion of the content, computed from the dossier's dates (kind → ISO date)."""
    reference = f"{rule.reference}, à jour au {long_date(rule.updated)}"
    target = kind_label(key_dates, rule.target)
    explained = f"{rule.text[:1].upper()}{rule.text[1:]} ({reference})."
    if not rule.start:
        return Suggestion(rule.target, target, "", "pas de date calculée", explained, rule.source_url)
    start_label = kind_label(key_dates, rule.start)
    start = dates.get(rule.start, "")
    amount = f"{duration(abs(rule.amount), rule.unit)} {'après' if rule.amount >= 0 else 'avant'} : "
    amount += start_label[:1].lower()
    amount += start_label[1:]
    if not start:
        return Suggestion(rule.target, target, "", f"{amount}, à calculer quand cette date sera saisie", explained, "")
    date = shift(dt.date.fromisoformat(start), rule.amount, rule.unit).isoformat()
    holidays = " (jours fériés non comptés : vérifiez)" if rule.unit == "jours ouvrés" else ""
    return Suggestion(
        rule.target, target, date, f"au plus tard le {long_date(date)}{holidays} : {amount}", explained, ""
    )


def suggestions_for(key_dates: KeyDates, dates: Mapping[str, str], target: str) -> list[Suggestion]:
    """Every suggestion of the content for the kind ``target`` (the dialog shows them under it)."""
    return [suggestion(key_dates, rule, dates) for rule in key_dates.suggestions if rule.target == target]


def build_timeline(
    key_dates: KeyDates, dates: Iterable[KeyDate], today: dt.date, rows: Iterable[ItemProgress] = ()
) -> Timeline:
    dates = sorted(dates, key=lambda d: (d.date, d.kind))
    entries = []
    for entry in dates:
        try:
            days = (dt.date.fromisoformat(entry.date) - today).days
        except ValueError:
            continue
        label = kind_label(key_dates, entry.kind, entry.label)
        entries.append(TimelineEntry(entry.kind, label, entry.date, countdown(entry.date, today), days))
    entered = {d.kind: d.date for d in dates}
    computed = tuple(
        found
        for rule in key_dates.suggestions
        if rule.target not in entered and rule.start in entered
        for found in [suggestion(key_dates, rule, entered)]
    )
    orphans = sorted({kind for row in rows if (kind := missing_key_date(row, dates))})
    return Timeline(today, tuple(entries), computed, tuple(kind_label(key_dates, kind) for kind in orphans))


# -- HTML (the dashboard) ------------------------------------------------------------------------------
def _escape(text: str) -> str:
    return html.escape(text, quote=False)  # text between tags: « l'audience » stays readable


def timeline_html(timeline: Timeline) -> str:
    parts = ["<h2>Dates clés</h2>"]
    if not timeline.entries:
        parts.append(
            "<p>Aucune date clé pour ce dossier. "
            f'<a href="{DIALOG_LINK}">Ajouter les dates clés</a> (jugement, date limite des offres, audience, '
            "assemblée constitutive…) : le tableau de bord comptera les jours qui restent, et les échéances "
            "des éléments pourront se compter à partir d'elles.</p>"
        )
        return "\n".join(parts + _orphans_html(timeline))
    upcoming = timeline.next
    if upcoming is not None:
        when = upcoming.countdown[:1].upper() + upcoming.countdown[1:]
        mark = '<span class="retard">' if upcoming.days <= SOON_DAYS else "<span>"
        parts.append(
            f'<p class="compte"><b>{_escape(upcoming.label)}</b> : '
            f"{mark}{when}</span> — le {long_date(upcoming.date)}</p>"
        )
    rows = ["<tr><th>Date</th><th>Date clé</th><th>Compte</th></tr>"]
    for entry in timeline.entries:
        style = ' class="petit"' if entry.past else ""
        rows.append(
            f"<tr><td>{long_date(entry.date)}</td><td>{_escape(entry.label)}</td>"
            f"<td><span{style}>{entry.countdown}</span></td></tr>"
        )
    parts.append(f'<table class="liste" width="100%">{"".join(rows)}</table>')
    for found in timeline.suggestions:
        target = _escape(found.target_label)
        parts.append(f'<p class="meta">Suggestion — {target} : {_escape(found.text)}. {_escape(found.rule)}</p>')
    parts += _orphans_html(timeline)
    parts.append(f'<p><a href="{DIALOG_LINK}">Modifier les dates clés…</a></p>')
    return "\n".join(parts)


def _orphans_html(timeline: Timeline) -> list[str]:
    if not timeline.orphans:
        return []
    names = ", ".join(_escape(name) for name in timeline.orphans)
    return [
        f'<p class="meta">Des échéances se comptent à partir d\'une date clé retirée ({names}) : '
        "elles gardent leur dernière date jusqu'à ce que la date clé soit saisie à nouveau.</p>"
    ]
