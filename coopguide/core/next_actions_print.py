"""« Nos prochaines actions » on paper: one A4 portrait page to pin on the wall or hand round at a
meeting: the dossier, the day it was printed, and a table of who does what by when, with a box to
tick by hand and room to write.

One page, always: the rows are capped (:data:`PRINTED`) and long texts cut, so that the longest
items of the shipped content still fit on A4 and Letter (a test prints the worst case and reads the
PDF back). What is left out is counted under the table. Rows left blank under the last action take
what the group adds by hand.

Built as a :class:`PrintDocument` of one flowing block, so the one painter (``printing/``) draws it
with the usual header and footer.
"""

from __future__ import annotations

import datetime as dt
import html

from coopguide.core.content.model import Content
from coopguide.core.next_actions import OVERDUE, NextAction, NextActions, key_dates_line, more_text, when
from coopguide.core.printout.layout import FlowBlock, PrintDocument, PrintSection, new_document
from coopguide.core.shared.dates import long_date, short_date

TITLE = "Nos prochaines actions"
PRINTED = 10  # rows of actions on the page: ten of the longest items still fit one page
BLANK_ROWS = 3  # empty rows for what the group adds by hand, while the page has room
TEXT_CHARS = 130  # an item's text on paper, cut beyond (the longest shipped one has about 100)
NOTE_CHARS = 60


def _cut(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _row(action: NextAction, today: dt.date) -> str:
    due = "&nbsp;"
    if action.due:
        phrase = html.escape(when(action.due, today)).replace(" jour", "&nbsp;jour")  # « 3 jours » kept whole
        phrase = f"<b>{phrase}</b>" if action.tier == OVERDUE else phrase
        due = f"{short_date(action.due)}<br>{phrase}"
    note = f'<span class="petit">{html.escape(_cut(action.note, NOTE_CHARS))}</span>' if action.note else "&nbsp;"
    return (
        f'<tr><td align="center">{action.number}</td>'
        f"<td>☐ {html.escape(_cut(action.text, TEXT_CHARS))}<br>"
        f'<span class="petit">{html.escape(action.checklist_title)}</span></td>'
        f"<td>{html.escape(action.assignee) or '&nbsp;'}</td><td>{due}</td><td>{note}</td></tr>"
    )


def _blank_row() -> str:
    return "<tr><td>&nbsp;</td><td>☐<br>&nbsp;</td><td>&nbsp;</td><td>&nbsp;</td><td>&nbsp;</td></tr>"


def next_actions_page_html(board: NextActions, printed: int = PRINTED) -> str:
    actions = board.first(printed)
    name, day = html.escape(board.dossier.name), long_date(board.today.isoformat())
    parts = [f"<h1>{TITLE}</h1>", f'<p class="resume">Dossier « {name} » · le {day}</p>']
    facts = []
    if board.overdue:
        facts.append(f"<b>{board.overdue} en retard</b>")
    facts.append(f"{board.open_items} élément{'s' if board.open_items > 1 else ''} encore à faire en tout")
    if board.dossier.members:
        facts.append("membres : " + ", ".join(html.escape(m) for m in board.dossier.members))
    parts.append(f'<p class="meta">{" · ".join(facts)}</p>')
    parts.append(key_dates_line(board))
    head = (
        '<tr><th width="5%">N°</th><th width="45%">À faire</th><th width="13%">Qui</th>'
        '<th width="17%">Pour quand</th><th width="20%">Note</th></tr>'
    )
    rows = [_row(action, board.today) for action in actions]
    rows += [_blank_row()] * min(BLANK_ROWS, printed - len(actions))
    parts.append(f'<table class="actions" width="100%">{head}{"".join(rows)}</table>')
    more = board.more(printed)
    if more:
        parts.append(f"<p>{more_text(more)} Elles sont dans « Mes prochaines actions », menu Dossier.</p>")
    parts.append(
        "<p class=\"petit\">N° : la place de l'élément dans sa check-list, comme dans l'application. "
        "Cochez à la main ce qui est fait, puis dans Coopguide.</p>"
    )
    return "\n".join(parts)


def next_actions_document(board: NextActions, content: Content) -> PrintDocument:
    section = PrintSection(
        "actions", f"actions-{board.dossier.id}", TITLE, content.updated, (FlowBlock(next_actions_page_html(board)),)
    )
    return new_document(
        TITLE, (section,), content, board.dossier.name, False, board.today, f"prochaines-actions-{board.dossier.id}"
    )
