"""A dossier's progress on the content's checklist items, as plain values.

The store keeps one row per (dossier, item id ever touched); :class:`ItemProgress` is that row. An
unticked item keeps its row (state ``""``) with the time it was unticked, so a merge can tell a
recent untick from an old tick. Rows are never deleted when the content changes: see
:func:`resolve` for how former ids (aliases) and removed items are handled.
"""

# No `from __future__ import annotations`: NamedTuple fields as strings cost a compile each (core/content/model.py).
import datetime as dt
from collections.abc import Iterable
from typing import NamedTuple

from coopguide.core.content.model import Checklist, Content

TODO = ""
DONE = "fait"
NOT_APPLICABLE = "na"
STATES = (TODO, DONE, NOT_APPLICABLE)
STATE_LABELS = {TODO: "à faire", DONE: "fait", NOT_APPLICABLE: "non applicable"}


class ItemProgress(NamedTuple):
    """What a dossier recorded about one checklist item. Empty strings mean "nothing recorded"."""

    item_id: str
    state: str = TODO  # TODO, DONE or NOT_APPLICABLE
    done_at: str = ""  # ISO 8601 with offset, when it was ticked or marked N.A.
    done_by: str = ""  # a member's name, free text
    note: str = ""  # multi-line
    due: str = ""  # ISO date YYYY-MM-DD
    assignee: str = ""  # a member's name
    updated_at: str = ""  # ISO 8601, last change of any field: used by merges
    item_text: str = ""  # the item's text when last changed: names it if it leaves the content
    content_edition: str = ""
    # « jugement-ouverture+10 »: ``due`` counted from a key date of the dossier, recomputed when that
    # date moves (core/store/key_dates.py); kept with its last ``due`` when the key date is removed
    due_rule: str = ""

    @property
    def is_complete(self) -> bool:
        """Done or not applicable: both count as done in progress figures."""
        return self.state in (DONE, NOT_APPLICABLE)

    @property
    def is_empty(self) -> bool:
        return not (self.state or self.note or self.due or self.assignee or self.due_rule)

    def is_overdue(self, today: dt.date) -> bool:
        return bool(self.due) and not self.is_complete and self.due < today.isoformat()

    def with_changes(self, **changes: str) -> "ItemProgress":
        return self._replace(**changes)

    def with_state(self, state: str, done_by: str, stamp: str) -> "ItemProgress":
        """Ticked, N.A. or unticked: who/when are set when the state changes, cleared on untick and
        kept as they were when the state stays the same; note, due date and assignee are kept."""
        if state == TODO:
            return self._replace(state=state, done_at="", done_by="")
        if state != self.state:
            return self._replace(state=state, done_at=stamp, done_by=done_by)
        return self


class ResolvedProgress:
    """Progress keyed by the *current* content's item ids, plus what no longer matches any item.
    A plain class: not a NamedTuple (its count() would hide tuple.count), not a dataclass (none is
    defined on the start path, see core/content/model.py). Never changed once made."""

    __slots__ = ("by_item", "removed")

    def __init__(self, by_item: dict[str, ItemProgress], removed: tuple[ItemProgress, ...]) -> None:
        self.by_item = by_item
        self.removed = removed  # rows whose item left the content (listed, never dropped)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, ResolvedProgress) and (self.by_item, self.removed) == (other.by_item, other.removed)

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"ResolvedProgress(by_item={self.by_item!r}, removed={self.removed!r})"

    def get(self, item_id: str) -> ItemProgress:
        return self.by_item.get(item_id) or ItemProgress(item_id)

    def complete_ids(self) -> set[str]:
        return {item_id for item_id, p in self.by_item.items() if p.is_complete}

    def count(self, checklist: Checklist) -> tuple[int, int]:
        """(done or N.A., total) for one checklist."""
        return sum(self.get(i.id).is_complete for i in checklist.items), len(checklist.items)


def alias_map(content: Content) -> dict[str, str]:
    """Former item id → current id, from the ``ancien=`` lists in the Markdown."""
    return {old: item.id for item in content.items().values() for old in item.aliases}


def resolve(rows: Iterable[ItemProgress], content: Content) -> ResolvedProgress:
    """Attribute stored rows to the current items.

    A row stored under a former id counts for the item that now carries that id as an alias, unless
    the item also has a row under its current id: that one was written by a version that knew the
    current id, so it wins whatever the clocks say (the other stays in the database untouched).
    Rows matching no item are returned in ``removed``.
    """
    items = content.items()
    aliases = alias_map(content)
    by_item: dict[str, ItemProgress] = {}
    removed: list[ItemProgress] = []
    for row in rows:
        current = row.item_id if row.item_id in items else aliases.get(row.item_id)
        if current is None:
            if not row.is_empty:
                removed.append(row)
            continue
        known = by_item.get(current)
        # the current id's row always; a former id's only against another former id's, the newer
        if (
            row.item_id == current
            or known is None
            or (known.item_id != current and is_newer(row.updated_at, known.updated_at))
        ):
            by_item[current] = row
    by_item = {key: row if row.item_id == key else row._replace(item_id=key) for key, row in by_item.items()}
    return ResolvedProgress(by_item, tuple(sorted(removed, key=lambda r: r.item_id)))


def is_newer(stamp: str, other: str) -> bool:
    """True when ISO timestamp ``stamp`` is strictly later than ``other`` (offsets taken into
    account; an unreadable or empty stamp counts as oldest)."""
    return instant(stamp) > instant(other)


def instant(stamp: str) -> float:
    """Seconds since the epoch; -inf for anything unreadable. Never raises: rows stored before
    stamps were checked at import (naive, year 1 or 9999, out of range) must not crash a merge."""
    try:
        moment = dt.datetime.fromisoformat(stamp)
    except (TypeError, ValueError):
        return float("-inf")
    if moment.tzinfo is None:
        try:
            moment = moment.astimezone()
        except (ValueError, OverflowError, OSError):
            moment = moment.replace(tzinfo=dt.UTC)
    try:
        return moment.timestamp()
    except (ValueError, OverflowError, OSError):
        return float("-inf")
