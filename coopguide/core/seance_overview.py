"""A séance's groups side by side: for each group, its progress on the séance's check-lists, its
overdue items, its next actions and its notes, in one column each.

The trainer of a séance with three groups used to see one dossier at a time (the tableau de bord
shows the current dossier only). Each column is cut from that group's own dashboard
(:func:`coopguide.core.dashboard.build_dashboard`), so the figures can never disagree with what
the group sees on its laptop; only the séance's check-lists are kept (those of its preset and of
its preset's guides), because 14 check-lists × 3 groups is no overview. A group whose dossier does
not follow one of them (its scope, :mod:`coopguide.core.store.scope`) shows « non suivie » there,
and its totals count only what it follows, as its dashboard does.

Computed without Qt; :func:`overview_html` is the view's page and the first page of the printed
summary (:mod:`coopguide.core.seance_summary`), links left out on paper.
"""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Iterable
from dataclasses import dataclass

from coopguide.core.content.item_boxes import plain_text
from coopguide.core.content.model import Content
from coopguide.core.content.presets import Preset
from coopguide.core.dashboard import ChecklistLine, ItemLine, bar_html, build_dashboard
from coopguide.core.shared.dates import long_date, short_date
from coopguide.core.store import Store
from coopguide.core.store.dossiers import Dossier
from coopguide.core.store.progress import ResolvedProgress, resolve
from coopguide.core.store.seances import Seance

NEXT_ACTIONS = 3  # what a group leaves with: « trois actions pour les deux semaines suivantes »
SHOWN_OVERDUE = 3
SHOWN_NOTES = 3
NOTE_CHARS = 140  # a note in a column, cut; the group's own page prints it whole


@dataclass(frozen=True)
class NoteLine:
    item_id: str
    item_text: str
    note: str
    updated_at: str


@dataclass(frozen=True)
class GroupColumn:
    position: int
    name: str
    dossier: Dossier | None  # None: its dossier was purged; trashed dossiers count as gone too
    checklists: tuple[ChecklistLine, ...]  # the séance's check-lists it follows, lines of its dashboard
    overdue: tuple[ItemLine, ...]  # all of the dossier's overdue items, as its dashboard lists them
    next_actions: tuple[ItemLine, ...]
    notes: tuple[NoteLine, ...]  # the dossier's item notes, the latest first

    @property
    def totals(self) -> tuple[int, int]:
        return sum(c.done for c in self.checklists), sum(c.total for c in self.checklists)


@dataclass(frozen=True)
class SeanceOverview:
    seance: Seance
    preset_title: str
    today: dt.date
    columns: tuple[GroupColumn, ...]
    checklist_titles: tuple[tuple[str, str], ...] = ()  # (id, title) of the rows, in the séance's order


def seance_checklists(preset: Preset | None, content: Content) -> tuple[str, ...]:
    """The preset's check-lists, then those of its guides not named already; without a preset
    (deleted from the content, or a séance typed in the journal) every check-list."""
    known = content.checklists()
    if preset is None:
        return tuple(known)
    ids = [c for c in preset.checklists if c in known]
    for guide_id in preset.guides:
        guide = content.guides.get(guide_id)
        ids += [c.id for c in guide.checklists if c.id not in ids] if guide else []
    return tuple(ids)


def group_column(
    position: int,
    name: str,
    dossier: Dossier | None,
    resolved: ResolvedProgress,
    content: Content,
    checklist_ids: Iterable[str],
    today: dt.date,
) -> GroupColumn:
    if dossier is None:
        return GroupColumn(position, name, None, (), (), (), ())
    board = build_dashboard(content, resolved, dossier, today)
    lines = {line.checklist_id: line for line in board.checklists}
    wanted = [lines[c] for c in checklist_ids if c in lines]
    return GroupColumn(
        position,
        name,
        dossier,
        tuple(wanted),
        board.overdue,
        _next_actions(board.next_steps, wanted, resolved, content, {line.item_id for line in board.overdue}),
        _notes(resolved, content),
    )


def _next_actions(
    planned: Iterable[ItemLine],
    checklists: list[ChecklistLine],
    resolved: ResolvedProgress,
    content: Content,
    overdue: set[str],
) -> tuple[ItemLine, ...]:
    """The dashboard's next steps (dated ones first); a group that has planned fewer gets the first
    open item of each of the séance's check-lists (where to start), overdue ones being listed apart."""
    actions = list(planned)[:NEXT_ACTIONS]
    known = {a.item_id for a in actions} | overdue
    all_checklists = content.checklists()
    for line in checklists:
        if len(actions) >= NEXT_ACTIONS:
            break
        for item in all_checklists[line.checklist_id].items:
            progress = resolved.get(item.id)
            if not progress.is_complete:
                if item.id not in known:
                    actions.append(
                        ItemLine(item.id, plain_text(item.text), line.title, progress.due, progress.assignee)
                    )
                break
    return tuple(actions)


def _notes(resolved: ResolvedProgress, content: Content) -> tuple[NoteLine, ...]:
    items = content.items()
    notes = [
        NoteLine(item_id, plain_text(items[item_id].text), progress.note.strip(), progress.updated_at)
        for item_id, progress in resolved.by_item.items()
        if progress.note.strip() and item_id in items
    ]
    return tuple(sorted(notes, key=lambda n: n.updated_at, reverse=True))


def build_overview(
    store: Store, content: Content, seance: Seance, presets: Iterable[Preset], today: dt.date
) -> SeanceOverview:
    preset = next((p for p in presets if p.id == seance.preset), None)
    checklist_ids = seance_checklists(preset, content)
    columns = []
    for group in store.seances.groups.of_seance(seance.id):
        dossier = store.dossiers.get(group.dossier_id) if group.dossier_id is not None else None
        if dossier is not None and dossier.deleted:
            dossier = None
        resolved = resolve(store.items.rows(dossier.id), content) if dossier else ResolvedProgress({}, ())
        columns.append(group_column(group.position, group.name, dossier, resolved, content, checklist_ids, today))
    checklists = content.checklists()
    titles = tuple((c, _title(checklists[c].title)) for c in checklist_ids)
    return SeanceOverview(seance, preset.title if preset else seance.topics, today, tuple(columns), titles)


def _title(title: str) -> str:
    """As the dashboard's lines write it: without « Check-list : », a capital first."""
    title = title.removeprefix("Check-list : ").removeprefix("Check-list :")
    return title[:1].upper() + title[1:]


# -- HTML ---------------------------------------------------------------------------------------
def seance_line(overview: SeanceOverview) -> str:
    """« Reprendre sa boîte en Scop · mardi 24 novembre 2026 · Montceau »."""
    seance = overview.seance
    parts = [overview.preset_title, long_date(seance.date), seance.place]
    return " · ".join(part for part in parts if part)


def progress_html(line: ChecklistLine) -> str:
    """The bar with « 4 / 11 » beside it, on one line: a column of check-lists stays short."""
    return (
        f'<table class="ligne" width="100%"><tr><td width="72%">{bar_html(line.percent)}</td>'
        f'<td align="right">{line.done}&nbsp;/&nbsp;{line.total}</td></tr></table>'
    )


def items_html(lines: Iterable[ItemLine], today: dt.date, shown: int, empty: str = "—") -> str:
    lines = list(lines)
    rows = []
    for line in lines[:shown]:
        text = html.escape(line.text)
        extra = []
        if line.due:
            late = " (en retard)" if line.due < today.isoformat() else ""
            extra.append(f"avant le {short_date(line.due)}{late}")
        if line.assignee:
            extra.append(html.escape(line.assignee))
        rows.append(f"<li>{text}" + (f' <span class="petit">— {", ".join(extra)}</span>' if extra else "") + "</li>")
    more = len(lines) - shown
    if more > 0:
        rows.append(f'<li class="petit">… et {more} autre{"s" if more > 1 else ""}</li>')
    return f"<ul>{''.join(rows)}</ul>" if rows else f'<p class="petit">{html.escape(empty)}</p>'


def _notes_html(notes: Iterable[NoteLine], shown: int) -> str:
    notes = list(notes)
    rows = []
    for note in notes[:shown]:
        text = note.note if len(note.note) <= NOTE_CHARS else note.note[: NOTE_CHARS - 1].rstrip() + "…"
        rows.append(f"<li><i>{html.escape(note.item_text)}</i> : {html.escape(' '.join(text.split()))}</li>")
    more = len(notes) - shown
    if more > 0:
        rows.append(f'<li class="petit">… et {more} autre{"s" if more > 1 else ""}</li>')
    return f"<ul>{''.join(rows)}</ul>" if rows else '<p class="petit">Aucune note.</p>'


def overview_html(overview: SeanceOverview, links: bool = True) -> str:
    """One column per group; ``links`` (on screen): a group's name opens its dossier. On paper the
    same table without links."""
    seance = overview.seance
    parts = [f"<h1>{html.escape(seance.title)}</h1>", f'<p class="meta">{html.escape(seance_line(overview))}</p>']
    columns = overview.columns
    if not columns:
        parts.append("<p>Cette séance n'a pas de groupe.</p>")
        return "\n".join(parts)
    width = f"{round(84 / len(columns))}%"
    head = ['<tr><th width="16%"></th>']
    for column in columns:
        name = html.escape(column.name)
        if links and column.dossier is not None:
            name = f'<a href="dossier:{column.dossier.id}">{name}</a>'
        gone = '<br><span class="petit">dossier supprimé</span>' if column.dossier is None else ""
        head.append(f'<th width="{width}">{name}{gone}</th>')
    rows = ["".join(head) + "</tr>"]

    def row(label: str, cells: Iterable[str]) -> None:
        rows.append(f'<tr><th align="left">{label}</th>{"".join(f"<td>{cell}</td>" for cell in cells)}</tr>')

    def totals(column: GroupColumn) -> str:
        done, total = column.totals
        return f"<b>{done} / {total}</b>" if column.dossier else "—"

    row("Avancement", (totals(c) for c in columns))
    lines = [{line.checklist_id: line for line in column.checklists} for column in columns]
    for checklist_id, title in overview.checklist_titles:
        cells = []
        for column, by_id in zip(columns, lines, strict=True):
            line = by_id.get(checklist_id)
            if column.dossier is None:
                cells.append("—")
            elif line is None:
                cells.append('<span class="petit">non suivie</span>')
            else:
                cells.append(progress_html(line))
        row(html.escape(title), cells)
    row("En retard", (items_html(c.overdue, overview.today, SHOWN_OVERDUE) if c.overdue else "aucun" for c in columns))
    row("Prochaines actions", (items_html(c.next_actions, overview.today, NEXT_ACTIONS) for c in columns))
    row("Notes", (_notes_html(c.notes, SHOWN_NOTES) for c in columns))
    parts.append(f'<table class="cote-a-cote" width="100%">{"".join(rows)}</table>')
    return "\n".join(parts)
