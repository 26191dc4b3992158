"""« Mes prochaines actions » : what a dossier has to do next, on one screen and one printed page.

The dashboard answers « where are we? » over every check-list; a group that meets on Monday
morning needs « who does what this week? »: the few open items that matter now, the late ones on
top. Only the check-lists the dossier follows count (:meth:`Dossier.follows`, its scope), so a
worker whose firm is in redressement judiciaire is not told to look for a CAE.

Order: overdue items (the oldest date first), then dated ones (the soonest first), then items
someone took on without a date, then the first open item of each followed check-list already
started, then that of each followed check-list not started yet: a new dossier always has somewhere
to start, and a scoped one is reminded of the lists it has not opened. Within a tier, the
content's order.

Computed without Qt from the content and the resolved progress; :func:`next_actions_html` is the
screen's page (the print is :mod:`coopguide.core.next_actions_print`).
"""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Iterable
from dataclasses import dataclass

from coopguide.core import key_dates_view
from coopguide.core.content.item_boxes import plain_text
from coopguide.core.content.model import Checklist, ChecklistItem, Content, Guide
from coopguide.core.shared.dates import long_date
from coopguide.core.store.dossiers import Dossier
from coopguide.core.store.key_dates import KeyDate
from coopguide.core.store.progress import ItemProgress, ResolvedProgress
from coopguide.core.store.scope import followed_checklists, guides_in_order

SHOWN_ON_SCREEN = 10
KEY_DATES_SHOWN = 3  # the next key dates, above the list: the weeks' deadlines come from them
NOBODY = "— personne —"
NOTE_CHARS = 120  # a note's first line, cut: the item's details hold it whole

OVERDUE, DATED, TAKEN, NEXT, START = "retard", "date", "responsable", "suite", "depart"
TIERS = (OVERDUE, DATED, TAKEN, NEXT, START)


@dataclass(frozen=True)
class NextAction:
    item_id: str
    number: int  # its place in its check-list, as the panel, the slides and paper number it
    text: str  # plain text
    checklist_id: str
    checklist_title: str  # without « Check-list : »
    guide_id: str
    guide_title: str
    due: str  # ISO date, "" when none
    assignee: str  # "" when nobody took it
    note: str  # the note's first line, cut
    tier: str  # OVERDUE, DATED, TAKEN, NEXT or START: why it is in the list

    @property
    def who(self) -> str:
        return self.assignee or NOBODY


@dataclass(frozen=True)
class NextActions:
    dossier: Dossier
    today: dt.date
    actions: tuple[NextAction, ...]  # every candidate, in order: callers show the first ones
    open_items: int  # open items in the followed check-lists, listed or not
    key_dates: tuple[key_dates_view.TimelineEntry, ...] = ()  # the next ones to come, soonest first
    followed: int | None = None  # check-lists of the content the dossier follows; None: every one

    def first(self, count: int) -> tuple[NextAction, ...]:
        return self.actions[:count]

    def more(self, count: int) -> int:
        """How many candidates are left out when ``count`` are shown."""
        return max(0, len(self.actions) - count)

    @property
    def overdue(self) -> int:
        return sum(action.tier == OVERDUE for action in self.actions)


def checklist_title(checklist: Checklist) -> str:
    title = checklist.title.removeprefix("Check-list : ").removeprefix("Check-list :").strip()
    return title[:1].upper() + title[1:]


def first_line(note: str, limit: int = NOTE_CHARS) -> str:
    line = next((part.strip() for part in note.splitlines() if part.strip()), "")
    return line if len(line) <= limit else line[: limit - 1].rstrip() + "…"


def build_next_actions(
    content: Content, resolved: ResolvedProgress, dossier: Dossier, today: dt.date, key_dates: Iterable[KeyDate] = ()
) -> NextActions:
    """``key_dates``: the dossier's (``store.key_dates.list``); the next few are shown above the list."""
    tiers: dict[str, list[NextAction]] = {tier: [] for tier in TIERS}
    open_items = 0
    for guide in guides_in_order(content):  # the order of the guide tree, as the dashboard
        for checklist in guide.checklists:
            if not dossier.follows(checklist.id):
                continue
            title = checklist_title(checklist)
            started = any(resolved.get(item.id).is_complete for item in checklist.items)
            first_open = True  # the check-list's first open item: where it goes on
            for number, item in enumerate(checklist.items, start=1):
                progress = resolved.get(item.id)
                if progress.is_complete:
                    continue
                open_items += 1
                if progress.is_overdue(today):
                    tier = OVERDUE
                elif progress.due:
                    tier = DATED
                elif progress.assignee.strip():
                    tier = TAKEN
                elif first_open:
                    tier = NEXT if started else START
                else:
                    continue
                first_open = False
                tiers[tier].append(_action(item, number, checklist, title, guide, progress, tier))
    tiers[OVERDUE].sort(key=lambda action: action.due)  # stable: the content's order on the same day
    tiers[DATED].sort(key=lambda action: action.due)
    ordered = tiers[OVERDUE] + tiers[DATED] + tiers[TAKEN] + tiers[NEXT] + tiers[START]
    timeline = key_dates_view.build_timeline(content.key_dates, key_dates, today)
    upcoming = tuple(entry for entry in timeline.entries if not entry.past)[:KEY_DATES_SHOWN]
    # the content's check-lists, not the scope's ids: an id a later edition removed is never counted
    followed = None if dossier.scope is None else len(followed_checklists(content, dossier))
    return NextActions(dossier, today, tuple(ordered), open_items, upcoming, followed)


def key_dates_line(board: NextActions) -> str:
    """« Dates clés : Date limite de dépôt des offres le 18 décembre 2026 (dans 12 jours) · … » as
    HTML, "" when the dossier has none to come."""
    if not board.key_dates:
        return ""
    dates = " · ".join(
        f"<b>{html.escape(entry.label)}</b> le {long_date(entry.date)} ({entry.countdown})" for entry in board.key_dates
    )
    return f'<p class="dates">Dates clés : {dates}</p>'


def _action(
    item: ChecklistItem,
    number: int,
    checklist: Checklist,
    title: str,
    guide: Guide,
    progress: ItemProgress,
    tier: str,
) -> NextAction:
    return NextAction(
        item.id,
        number,
        plain_text(item.text),
        checklist.id,
        title,
        guide.id,
        guide.title,
        progress.due,
        progress.assignee.strip(),
        first_line(progress.note),
        tier,
    )


# -- words ---------------------------------------------------------------------------------------
def days_word(days: int) -> str:
    return "un jour" if days == 1 else f"{days} jours"


def when(due: str, today: dt.date) -> str:
    """« en retard de 3 jours », « aujourd'hui », « demain », « dans 5 jours »; "" without a date."""
    try:
        day = dt.date.fromisoformat(due[:10])
    except (TypeError, ValueError):
        return ""
    delta = (day - today).days
    if delta < 0:
        return f"en retard {'d’un jour' if delta == -1 else f'de {-delta} jours'}"
    if delta == 0:
        return "aujourd'hui"
    if delta == 1:
        return "demain"
    return f"dans {days_word(delta)}"


def due_text(action: NextAction, today: dt.date) -> str:
    """« 12 décembre 2026 · en retard de 3 jours », or "" without a date."""
    if not action.due:
        return ""
    return f"{long_date(action.due)} · {when(action.due, today)}"


def by_person(actions: Iterable[NextAction]) -> list[tuple[str, list[NextAction]]]:
    """The actions grouped by who took them, people in the order their first action comes (the most
    urgent first), nobody's last."""
    groups: dict[str, list[NextAction]] = {}
    for action in actions:
        groups.setdefault(action.assignee, []).append(action)
    people = [(name, items) for name, items in groups.items() if name]
    return people + ([(NOBODY, groups[""])] if "" in groups else [])


def more_text(more: int) -> str:
    return f"… et {more} autre{'s' if more > 1 else ''} action{'s' if more > 1 else ''} à venir."


# -- the screen ----------------------------------------------------------------------------------
def _row(action: NextAction, today: dt.date, tick: bool, show_who: bool) -> str:
    box = f'<a href="cocher:{action.item_id}" title="Cocher : fait">☐</a>' if tick else "☐"
    due = ""
    if action.due:
        late = ' class="retard"' if action.tier == OVERDUE else ""
        phrase, day = (
            text.replace(" ", "&nbsp;") for text in (html.escape(when(action.due, today)), long_date(action.due))
        )
        due = f"<span{late}>{phrase}</span><br>{day}"  # a date is not cut across lines
    who = f"<td>{html.escape(action.who)}</td>" if show_who else ""
    note = f'<br><span class="note">Note : {html.escape(action.note)}</span>' if action.note else ""
    return (
        f'<tr><td class="case">{box}</td>'
        f'<td><a href="item:{action.item_id}">{action.number}. {html.escape(action.text)}</a>'
        f'<br><span class="petit">{html.escape(action.checklist_title)} — {html.escape(action.guide_title)}</span>'
        f"{note}</td>"
        f"<td>{due or '—'}</td>{who}</tr>"
    )


def _table(actions: Iterable[NextAction], today: dt.date, tick: bool, show_who: bool) -> str:
    who = "<th>Qui</th>" if show_who else ""
    head = f"<tr><th></th><th>À faire</th><th>Pour quand</th>{who}</tr>"
    rows = "".join(_row(action, today, tick, show_who) for action in actions)
    return f'<table class="liste actions" width="100%">{head}{rows}</table>'


def next_actions_html(
    board: NextActions, shown: int = SHOWN_ON_SCREEN, grouped: bool = False, tick: bool = True
) -> str:
    """The screen's page: each item's text opens its guide at the item; ``tick`` (a store that can be
    written) puts a box that ticks it; ``grouped``: one table per person."""
    parts = [f"<h1>Mes prochaines actions — {html.escape(board.dossier.name)}</h1>"]
    facts = [f"Le {long_date(board.today.isoformat())}"]
    if board.overdue:
        facts.append(f'<span class="retard">{board.overdue} en retard</span>')
    facts.append(f"{board.open_items} élément{'s' if board.open_items > 1 else ''} à faire en tout")
    if board.followed is not None:
        followed = board.followed
        facts.append(f"{followed} check-list{'s' if followed > 1 else ''} suivie{'s' if followed > 1 else ''}")
    parts.append(f'<p class="meta">{" · ".join(facts)}</p>')
    parts.append(key_dates_line(board))
    shown_actions = board.first(shown)
    if not shown_actions:
        parts.append("<p>Rien à faire dans les check-lists que suit ce dossier : tout est fait ou non applicable.</p>")
        return "\n".join(parts)
    if grouped:
        for name, actions in by_person(shown_actions):
            parts.append(f"<h2>{html.escape(name)} ({len(actions)})</h2>")
            parts.append(_table(actions, board.today, tick, show_who=False))
    else:
        parts.append(_table(shown_actions, board.today, tick, show_who=True))
    more = board.more(shown)
    if more:
        parts.append(f"<p>{more_text(more)}</p>")
    if all(action.tier == START for action in shown_actions):
        parts.append(
            '<p class="petit">Rien n\'est encore daté ni confié : voici par où commencer. Donnez une échéance '
            "ou un responsable à un élément (dans ses détails) et il viendra en tête de cette liste.</p>"
        )
    return "\n".join(parts)
