"""Date a dossier's items from its key dates in one go: the content suggests, for items of a
check-list such as « Les 30 premiers jours », a due date counted from a key date (« J+2 après le
jugement d'ouverture », ``content/dates-cles.yaml``, *echeances*). Once the group has entered the
jugement, one action gives every such item its échéance, which then moves with the date.

Only items the user has not dated nor finished, in check-lists the dossier follows, whose key date
is entered: an échéance someone chose is never replaced. Computed without Qt; the store writes the
rules in one transaction (:meth:`ItemRows.give_due_rules`).
"""

from __future__ import annotations

from collections.abc import Iterable

from coopguide.core.content.model import Content
from coopguide.core.shared.relative_dates import parse_rule
from coopguide.core.store.dossiers import Dossier
from coopguide.core.store.key_dates import KeyDate
from coopguide.core.store.progress import ResolvedProgress
from coopguide.core.store.scope import followed_checklists


def datable_items(
    content: Content, resolved: ResolvedProgress, dossier: Dossier, key_dates: Iterable[KeyDate]
) -> dict[str, str]:
    """Item id → the content's rule, for every item that would get an échéance now (content order)."""
    entered = {d.kind for d in key_dates}
    rules = {item_id: rule for item_id, rule, _line in content.key_dates.item_rules}
    found: dict[str, str] = {}
    for checklist in followed_checklists(content, dossier):
        for item in checklist.items:
            rule = parse_rule(rules.get(item.id, ""))
            progress = resolved.get(item.id)
            if rule is None or rule.kind not in entered:
                continue
            if progress.is_complete or progress.due or progress.due_rule:
                continue
            found[item.id] = str(rule)
    return found
