"""The printed séance summary: one A4 landscape page with every group side by side, then one page
per group (its check-lists, everything overdue, its next actions, its notes in full).

A trainer leaves the séance with it, or hands each group its own page; it is the side-by-side view
(:mod:`coopguide.core.seance_overview`) on paper, built as a :class:`PrintDocument` so the one
painter (``printing/``) breaks and draws it like any other print.
"""

from __future__ import annotations

import html

from coopguide.core.content.model import Content
from coopguide.core.dashboard import bar_html
from coopguide.core.printout.layout import FlowBlock, PrintDocument, PrintSection, new_document
from coopguide.core.seance_overview import (
    NEXT_ACTIONS,
    GroupColumn,
    SeanceOverview,
    items_html,
    overview_html,
)
from coopguide.core.shared.dates import long_date, short_date

ALL = 1_000  # on a group's own page nothing is cut


def group_page_html(column: GroupColumn, overview: SeanceOverview) -> str:
    parts = [f"<h1>{html.escape(column.name)}</h1>"]
    if column.dossier is None:
        parts.append("<p>Le dossier de ce groupe a été supprimé : rien à imprimer.</p>")
        return "\n".join(parts)
    done, total = column.totals
    parts.append(f'<p class="meta">Dossier « {html.escape(column.dossier.name)} » · {done} / {total} faits</p>')
    rows = ["<tr><th>Check-list</th><th>Avancement</th><th></th></tr>"]
    for line in column.checklists:
        na = f" dont {line.not_applicable} N.A." if line.not_applicable else ""
        rows.append(
            f'<tr><td>{html.escape(line.title)}</td><td width="35%">{bar_html(line.percent)}</td>'
            f'<td width="18%">{line.done} / {line.total}{na}</td></tr>'
        )
    parts.append(f'<table width="100%">{"".join(rows)}</table>')
    parts.append(f"<h2>En retard ({len(column.overdue)})</h2>")
    parts.append(items_html(column.overdue, overview.today, ALL, "Aucun élément en retard."))
    parts.append(f"<h2>Prochaines actions ({min(len(column.next_actions), NEXT_ACTIONS)})</h2>")
    parts.append(items_html(column.next_actions, overview.today, ALL))
    parts.append(f"<h2>Notes ({len(column.notes)})</h2>")
    if column.notes:
        notes = "".join(
            f"<li><b>{html.escape(n.item_text)}</b> ({short_date(n.updated_at)}) : "
            + "<br/>".join(html.escape(line) for line in n.note.splitlines())
            + "</li>"
            for n in column.notes
        )
        parts.append(f"<ul>{notes}</ul>")
    else:
        parts.append('<p class="petit">Aucune note.</p>')
    return "\n".join(parts)


def seance_summary_document(overview: SeanceOverview, content: Content) -> PrintDocument:
    seance = overview.seance
    title = f"Résumé — {seance.title}"
    sections = [
        PrintSection(
            "seance", f"seance-{seance.id}", title, content.updated, (FlowBlock(overview_html(overview, links=False)),)
        )
    ]
    for column in overview.columns:
        sections.append(
            PrintSection(
                "groupe",
                f"groupe-{column.position}",
                f"{column.name} — {seance.title}",
                content.updated,
                (FlowBlock(group_page_html(column, overview)),),
            )
        )
    return new_document(
        title,
        tuple(sections),
        content,
        "",
        False,
        overview.today,
        f"resume-seance-{seance.id}",
        landscape=True,
        header_note=" · ".join(part for part in (long_date(seance.date), seance.place) if part),
    )
