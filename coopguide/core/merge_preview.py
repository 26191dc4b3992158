"""What a merge will change, shown before the user confirms it: item by item, in the order of the
check-lists, with who did it and when, as the incoming file recorded it.

The order is the one people know from the panel and the printed sheets (themes, guides, check-lists,
items), not the order of ids in the file: a trainer reading the preview beside the group's sheet
finds each line where they expect it. Rows of items that left the content (no current item, not
even under a former id) come last, in their own group, named by the text they had.

The file's dates are compared with this computer's clock: two laptops in a training room rarely
agree to the minute, but a laptop whose clock is years ahead (a flat BIOS battery, a wrong time
zone typed as a date) shows dates that make no sense. The merge does not depend on them; the
preview says so plainly rather than leave the user puzzled by « fait le 3 mars 2031 ».

Qt-free and without I/O: the dialog and the command line only display what this module returns.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass

from coopguide.core.content.item_boxes import plain_text
from coopguide.core.content.model import Checklist, Content, Guide
from coopguide.core.shared.dates import clock_time, long_date, short_date
from coopguide.core.store.exchange import ExchangeFile, MergeChange, MergePlan, describe_change
from coopguide.core.store.progress import DONE, NOT_APPLICABLE, ItemProgress, alias_map
from coopguide.core.store.scope import all_checklists, guides_in_order

FUTURE_MARGIN = dt.timedelta(days=1)  # time zones and clocks a few hours apart are not a problem
REMOVED_TITLE = "Éléments retirés du contenu"


@dataclass(frozen=True)
class PreviewLine:
    item_id: str
    text: str  # the item's text in the current content, else the text recorded with the row
    change: str  # « à faire → fait (par Bruno) ; note ajoutée »
    when: str  # « fait le 3 mars 2026 par Bruno · modifié le 03/03/2026 à 10 h 02 »


@dataclass(frozen=True)
class PreviewGroup:
    title: str  # « Créer une Scop › Les étapes », or REMOVED_TITLE
    lines: tuple[PreviewLine, ...]
    removed: bool = False


@dataclass(frozen=True)
class MergePreview:
    groups: tuple[PreviewGroup, ...]
    new_members: tuple[str, ...]
    future_warning: str  # "" when no date of the file is ahead of this computer's clock
    removed_members: tuple[str, ...] = ()  # removed on the other laptop (format 2 files)
    description: str | None = None  # the new description, when the merge changes it
    scope: str | None = None  # « Check-lists suivies : 3 → 4 (ajoutée : …) », when the merge changes them
    key_dates: tuple[str, ...] = ()  # « Audience d'examen des offres : 12/03/2026 → 19/03/2026 »

    @property
    def change_count(self) -> int:
        return sum(len(group.lines) for group in self.groups)

    @property
    def is_empty(self) -> bool:
        return not (
            self.groups
            or self.new_members
            or self.removed_members
            or self.description is not None
            or self.scope is not None
            or self.key_dates
        )


def checklist_title(guide: Guide, checklist: Checklist) -> str:
    title = checklist.title
    for prefix in ("Check-list : ", "Check-list :", "Check-list "):
        title = title.removeprefix(prefix)
    return f"{guide.title} › {title[:1].upper()}{title[1:]}"


def when_text(row: ItemProgress) -> str:
    """Who and when, as recorded in the row (dates as written by the computer that made them)."""
    parts = []
    if row.state in (DONE, NOT_APPLICABLE):
        verb = "fait" if row.state == DONE else "marqué non applicable"
        day = f" le {long_date(row.done_at)}" if row.done_at else ""
        who = f" par {row.done_by}" if row.done_by else ""
        if day or who:
            parts.append(f"{verb}{day}{who}")
    if row.updated_at:
        hour = clock_time(row.updated_at)
        parts.append(f"modifié le {short_date(row.updated_at)}" + (f" à {hour}" if hour else ""))
    return " · ".join(parts) or "date non indiquée"


def _line(change: MergeChange, text: str) -> PreviewLine:
    return PreviewLine(change.item_id, text, describe_change(change), when_text(change.after))


def preview_groups(changes: tuple[MergeChange, ...], content: Content) -> tuple[PreviewGroup, ...]:
    """The changes grouped by check-list, in content order; those of removed items last."""
    aliases = alias_map(content)
    by_item: dict[str, MergeChange] = {}
    for change in changes:
        by_item[aliases.get(change.item_id, change.item_id)] = change
    groups = []
    for guide in guides_in_order(content):
        for checklist in guide.checklists:
            lines = tuple(
                _line(by_item.pop(item.id), plain_text(item.text)) for item in checklist.items if item.id in by_item
            )
            if lines:
                groups.append(PreviewGroup(checklist_title(guide, checklist), lines))
    if by_item:  # what is left matches no current item
        removed = sorted(by_item.values(), key=lambda c: c.item_id)
        lines = tuple(_line(c, plain_text(c.after.item_text or c.before.item_text) or c.item_id) for c in removed)
        groups.append(PreviewGroup(REMOVED_TITLE, lines, removed=True))
    return tuple(groups)


def _moment(stamp: str) -> dt.datetime | None:
    try:
        moment = dt.datetime.fromisoformat(stamp)
    except (TypeError, ValueError):
        return None
    try:
        return moment if moment.tzinfo else moment.astimezone()
    except (ValueError, OverflowError, OSError):
        return None


def file_stamps(exchange: ExchangeFile) -> Iterator[str]:
    yield from (exchange.exported_at, exchange.created_at)
    for row in exchange.items:
        yield from (row.done_at, row.updated_at)


def latest_future_stamp(exchange: ExchangeFile, now: dt.datetime) -> str:
    """The latest date of the file more than :data:`FUTURE_MARGIN` ahead of ``now``, or ""."""
    limit = now + FUTURE_MARGIN
    ahead = [(moment, stamp) for stamp in file_stamps(exchange) if (moment := _moment(stamp)) and moment > limit]
    return max(ahead)[1] if ahead else ""


def future_warning(exchange: ExchangeFile, now: dt.datetime | None = None) -> str:
    now = now or dt.datetime.now().astimezone()
    latest = latest_future_stamp(exchange, now)
    if not latest:
        return ""
    return (
        f"Ce fichier porte des dates dans le futur (jusqu'au {long_date(latest)}, alors que cet ordinateur "
        f"indique le {long_date(now.date().isoformat())}) : l'horloge d'un des ordinateurs est peut-être "
        "déréglée. La fusion ne se fie pas aux horloges, mais vérifiez les dates affichées."
    )


def scope_text(before: tuple[str, ...] | None, after: tuple[str, ...] | None, content: Content) -> str:
    """« Check-lists suivies : toutes (14) → 3 ; retirées : … » — named by title, in content order."""
    every = all_checklists(content)
    was = [c for c in every if before is None or c.id in before]
    now = [c for c in every if after is None or c.id in after]

    def count(followed: list[Checklist]) -> str:
        return f"toutes ({len(every)})" if len(followed) == len(every) else str(len(followed))

    text = f"Check-lists suivies : {count(was)} → {count(now)}"
    added = [c for c in now if c not in was]
    removed = [c for c in was if c not in now]
    for label, changed in (("ajoutée", added), ("retirée", removed)):
        if changed:
            titles = ", ".join(f"« {_short_title(c.title)} »" for c in changed)
            text += f" ; {label}{'s' if len(changed) > 1 else ''} : {titles}"
    return text


def _short_title(title: str) -> str:
    return title.removeprefix("Check-list : ").removeprefix("Check-list :")


def build_preview(
    plan: MergePlan, exchange: ExchangeFile, content: Content, now: dt.datetime | None = None
) -> MergePreview:
    return MergePreview(
        preview_groups(plan.changes, content),
        plan.new_members,
        future_warning(exchange, now),
        plan.removed_members,
        plan.description,
        scope_text(plan.scope_before, plan.scope, content) if plan.scope_changed else None,
        key_date_lines(plan, content),
    )


def key_date_lines(plan: MergePlan, content: Content) -> tuple[str, ...]:
    """The key dates the merge adds, moves or removes, named as the dossier's dialog names them."""
    lines = []
    for change in plan.key_dates:
        kind = content.key_dates.kind(change.kind)
        name = change.label or (kind.label if kind else change.kind)
        if not change.before:
            lines.append(f"{name} : {short_date(change.after)} (ajoutée)")
        elif not change.after:
            lines.append(f"{name} : retirée (était le {short_date(change.before)})")
        else:
            lines.append(f"{name} : {short_date(change.before)} → {short_date(change.after)}")
    return tuple(lines)


def preview_text(preview: MergePreview) -> list[str]:
    """The preview as indented lines, for the command line."""
    lines = []
    for group in preview.groups:
        lines.append(f"  {group.title}")
        for line in group.lines:
            lines.append(f"    • {line.text} : {line.change}")
            lines.append(f"      {line.when}")
    lines += [f"  • nouveau membre : {member}" for member in preview.new_members]
    lines += [f"  • membre retiré : {member}" for member in preview.removed_members]
    if preview.description is not None:
        lines.append(f"  • nouvelle description : {preview.description[:200]}")
    if preview.scope is not None:
        lines.append(f"  • {preview.scope}")
    lines += [f"  • date clé : {line}" for line in preview.key_dates]
    return lines
