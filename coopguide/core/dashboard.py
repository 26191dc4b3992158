"""A dossier's overview: each checklist's progress, overdue items, next steps, items removed from the
content. Computed from the content and the resolved progress (no I/O), rendered as simple HTML
that Qt's rich-text view shows and prints as it is.

Only the check-lists the dossier follows count (:func:`coopguide.core.store.scope.followed_checklists`):
their lines, the totals, the overdue items and the next steps. The page says how many it follows,
with a link (:data:`SCOPE_LINK`) the window turns into the « Check-lists suivies… » dialog.
"""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Iterable
from dataclasses import dataclass

from coopguide.core import key_dates_view
from coopguide.core.content.item_boxes import plain_text
from coopguide.core.content.model import ChecklistItem, Content
from coopguide.core.shared.dates import long_date
from coopguide.core.store.dossiers import Dossier
from coopguide.core.store.key_dates import KeyDate
from coopguide.core.store.progress import NOT_APPLICABLE, ItemProgress, ResolvedProgress
from coopguide.core.store.scope import all_checklists, followed_checklists, scope_line
from coopguide.core.suggested_dues import datable_items

MAX_NEXT_STEPS = 12
DATE_ITEMS_LINK = "coopguide:dater"  # ui/main_window.py: gives the suggested échéances (suggested_dues.py)
MAX_REMOVED_ROWS = 50  # the table of removed items shows these; all of them stay in the file/export
SCOPE_LINK = "coopguide:perimetre"  # the dashboard's link to the « Check-lists suivies… » dialog


@dataclass(frozen=True)
class ChecklistLine:
    checklist_id: str
    title: str
    guide_id: str
    guide_title: str
    done: int
    not_applicable: int
    total: int

    @property
    def percent(self) -> int:
        return round(100 * self.done / self.total) if self.total else 0


@dataclass(frozen=True)
class ItemLine:
    item_id: str
    text: str
    checklist_title: str
    due: str
    assignee: str


@dataclass(frozen=True)
class Dashboard:
    dossier: Dossier
    today: dt.date
    checklists: tuple[ChecklistLine, ...]
    overdue: tuple[ItemLine, ...]
    next_steps: tuple[ItemLine, ...]
    removed: tuple[ItemProgress, ...]  # rows of items that left the content
    scope_line: str = ""  # « Ce dossier suit 3 check-lists sur 14. »
    checklist_count: int = 0  # of the content, followed or not
    key_dates: key_dates_view.Timeline | None = None  # jugement, audience…: shown with a countdown
    datable: int = 0  # items the content would date from the key dates entered (suggested_dues.py)

    @property
    def totals(self) -> tuple[int, int]:
        return sum(c.done for c in self.checklists), sum(c.total for c in self.checklists)


def build_dashboard(
    content: Content,
    resolved: ResolvedProgress,
    dossier: Dossier,
    today: dt.date,
    key_dates: Iterable[KeyDate] | None = None,
) -> Dashboard:
    """``key_dates``: the dossier's (``store.key_dates.list``); None leaves the timeline out."""
    lines, overdue, candidates = [], [], []
    guides = content.guides
    for checklist in followed_checklists(content, dossier):
        guide = guides[checklist.guide_id]
        done, total = resolved.count(checklist)
        na = sum(resolved.get(i.id).state == NOT_APPLICABLE for i in checklist.items)
        title = checklist.title.removeprefix("Check-list : ").removeprefix("Check-list :")
        lines.append(ChecklistLine(checklist.id, title[:1].upper() + title[1:], guide.id, guide.title, done, na, total))
        first_open = True
        for item in checklist.items:
            progress = resolved.get(item.id)
            if progress.is_complete:
                continue
            line = _line(item, checklist.title, progress)
            if progress.is_overdue(today):
                overdue.append(line)
            elif (first_open and done > 0) or progress.due or progress.assignee:
                candidates.append(line)
            first_open = False
    # Next steps: dated items first (soonest first), then the next open item of each started checklist.
    candidates.sort(key=lambda line: (line.due == "", line.due))
    overdue.sort(key=lambda line: line.due)
    timeline, datable = None, 0
    if key_dates is not None:
        key_dates = list(key_dates)
        timeline = key_dates_view.build_timeline(content.key_dates, key_dates, today, resolved.by_item.values())
        datable = len(datable_items(content, resolved, dossier, key_dates))
    return Dashboard(
        dossier,
        today,
        tuple(lines),
        tuple(overdue),
        tuple(candidates[:MAX_NEXT_STEPS]),
        resolved.removed,
        scope_line(content, dossier),
        len(all_checklists(content)),
        timeline,
        datable,
    )


def _line(item: ChecklistItem, checklist_title: str, progress: ItemProgress) -> ItemLine:
    return ItemLine(item.id, plain_text(item.text), checklist_title, progress.due, progress.assignee)


# -- HTML ---------------------------------------------------------------------------------------
def bar_html(percent: int) -> str:
    """A bar as a two-cell table: the rich-text engine has no <progress>; readable in grey too."""
    if percent <= 0:
        return '<table class="barre" width="100%"><tr><td class="reste" width="100%">&nbsp;</td></tr></table>'
    if percent >= 100:
        return '<table class="barre" width="100%"><tr><td class="plein" width="100%">&nbsp;</td></tr></table>'
    return (
        f'<table class="barre" width="100%"><tr><td class="plein" width="{percent}%">&nbsp;</td>'
        f'<td class="reste" width="{100 - percent}%">&nbsp;</td></tr></table>'
    )


def _item_row(line: ItemLine, today: dt.date) -> str:
    due = ""
    if line.due:
        late = line.due < today.isoformat()
        late_mark = '<span class="retard">en retard</span> — ' if late else ""
        due = f"{late_mark}avant le {long_date(line.due)}"
    who = f"{html.escape(line.assignee)}" if line.assignee else "—"
    return (
        f'<tr><td><a href="item:{line.item_id}">{html.escape(line.text)}</a>'
        f'<br><span class="petit">{html.escape(line.checklist_title)}</span></td>'
        f"<td>{due or '—'}</td><td>{who}</td></tr>"
    )


def _items_table(lines: Iterable[ItemLine], today: dt.date) -> str:
    head = "<tr><th>Élément</th><th>Échéance</th><th>Responsable</th></tr>"
    return f'<table class="liste" width="100%">{head}{"".join(_item_row(x, today) for x in lines)}</table>'


def dashboard_html(board: Dashboard) -> str:
    dossier = board.dossier
    done, total = board.totals
    parts = [f"<h1>Tableau de bord — {html.escape(dossier.name)}</h1>"]
    if dossier.description:
        parts.append(f"<p>{html.escape(dossier.description)}</p>")
    facts = [f"Créé le {long_date(dossier.created_at[:10])}"]
    if dossier.members:
        facts.append("Membres : " + ", ".join(html.escape(m) for m in dossier.members))
    parts.append(f'<p class="meta">{" · ".join(facts)}</p>')
    parts.append(f"<p><b>{done} élément(s) sur {total} faits ou non applicables.</b></p>")
    if board.scope_line:
        parts.append(
            f'<p class="meta">{html.escape(board.scope_line)} '
            f'<a href="{SCOPE_LINK}">Choisir les check-lists suivies…</a></p>'
        )
    parts.append('<p><a href="actions:">Mes prochaines actions</a> : qui fait quoi, et pour quand (Ctrl+J).</p>')
    if board.key_dates is not None:
        parts.append(key_dates_view.timeline_html(board.key_dates))
    if board.datable:
        parts.append(
            f'<p><a href="{DATE_ITEMS_LINK}">Dater {board.datable} élément(s) d\'après ces dates</a> : '
            "chaque élément reçoit l'échéance que le guide propose (par exemple « J+2 après le jugement »), "
            "qui suivra la date clé si elle change. Les échéances déjà choisies ne changent pas ; Ctrl+Z annule.</p>"
        )

    parts.append(f"<h2>En retard ({len(board.overdue)})</h2>")
    parts.append(_items_table(board.overdue, board.today) if board.overdue else "<p>Aucun élément en retard.</p>")
    parts.append("<h2>Prochaines étapes</h2>")
    parts.append(
        _items_table(board.next_steps, board.today)
        if board.next_steps
        else "<p>Donnez une échéance ou un responsable à un élément, ou commencez une check-list : "
        "les prochaines étapes s'afficheront ici.</p>"
    )

    parts.append("<h2>Check-lists</h2>")
    rows = ["<tr><th>Check-list</th><th>Guide</th><th>Avancement</th><th></th></tr>"]
    for line in board.checklists:
        na = f" dont {line.not_applicable} N.A." if line.not_applicable else ""
        rows.append(
            f'<tr><td><a href="guide:{line.guide_id}#{line.checklist_id}">{html.escape(line.title)}</a></td>'
            f"<td>{html.escape(line.guide_title)}</td>"
            f'<td width="30%">{bar_html(line.percent)}</td>'
            f"<td>{line.done} / {line.total}{na}</td></tr>"
        )
    parts.append(f'<table class="liste" width="100%">{"".join(rows)}</table>')

    if board.removed:
        parts.append(f"<h2>Éléments retirés du contenu ({len(board.removed)})</h2>")
        parts.append(
            "<p>Ces éléments ne figurent plus dans les guides de cette version. Ce que vous y aviez "
            "enregistré est conservé ici ; rien n'a été effacé.</p>"
        )
        rows = ["<tr><th>Élément</th><th>État</th><th>Note</th></tr>"]
        for row in board.removed[:MAX_REMOVED_ROWS]:
            label = (row.item_text and plain_text(row.item_text)) or row.item_id
            state = {"fait": "fait", "na": "non applicable"}.get(row.state, "à faire")
            rows.append(
                f'<tr><td>{html.escape(label)}<br><span class="petit">{html.escape(row.item_id)}</span>'
                f"</td><td>{state}</td><td>{html.escape(row.note)}</td></tr>"
            )
        parts.append(f'<table class="liste" width="100%">{"".join(rows)}</table>')
        hidden = len(board.removed) - MAX_REMOVED_ROWS
        if hidden > 0:
            parts.append(
                f"<p>… et {hidden} autre{'s' if hidden > 1 else ''} élément{'s' if hidden > 1 else ''} "
                f"retiré{'s' if hidden > 1 else ''}, tous conservés (la liste complète figure dans "
                "le fichier d'échange écrit par « Exporter le dossier… »).</p>"
            )
    return "\n".join(parts)
