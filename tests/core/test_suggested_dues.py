"""Dating a dossier's items from its key dates in one go (core/suggested_dues.py, ItemRows.give_due_rules):
only items the user has not dated nor finished, in followed check-lists, whose key date is entered."""

from __future__ import annotations

import pytest

from coopguide.core.content.cache import build
from coopguide.core.content.model import KeyDates
from coopguide.core.store.progress import DONE, resolve
from coopguide.core.suggested_dues import datable_items

RULES = (
    ("alpha.groupe", "jugement-ouverture+2", 1),
    ("alpha.loi", "jugement-ouverture+7", 2),
    ("alpha.depot", "audience-offres-7", 3),  # its key date is not entered
    ("beta.un", "jugement-ouverture+10", 4),
    ("beta.deux", "jugement-ouverture+10", 5),
)


@pytest.fixture
def content(content_root):
    loaded = build(content_root).content
    return loaded.replace(key_dates=KeyDates(item_rules=RULES))


def test_only_undated_unfinished_followed_items_whose_key_date_is_entered_are_dated(store, content):
    dossier = store.dossiers.create("Reprise", scope=["alpha.premiere", "alpha.seconde"])
    store.key_dates.set(dossier.id, "jugement-ouverture", "2026-11-20")
    store.items.change(dossier.id, "alpha.loi", {"due": "2026-12-24"}, content_edition="t")  # chosen by hand
    rows = lambda: resolve(store.items.rows(dossier.id), content)  # noqa: E731
    wanted = datable_items(content, rows(), dossier, store.key_dates.list(dossier.id))
    assert wanted == {"alpha.groupe": "jugement-ouverture+2"}  # beta.* not followed, alpha.depot undated
    store.items.change(dossier.id, "alpha.groupe", {"state": DONE}, content_edition="t")  # done meanwhile
    before, after = store.items.give_due_rules(
        dossier.id, wanted, content_edition="t", item_texts={"alpha.groupe": "Réunir le groupe"}
    )
    assert (before, after) == ([], [])  # what changed meanwhile is left as it is
    store.items.change(dossier.id, "alpha.groupe", {"state": ""}, content_edition="t")
    before, after = store.items.give_due_rules(dossier.id, wanted, content_edition="t", item_texts={})
    assert [(r.item_id, r.due, r.due_rule) for r in after] == [("alpha.groupe", "2026-11-22", "jugement-ouverture+2")]
    assert store.items.row(dossier.id, "alpha.loi").due == "2026-12-24" and not datable_items(
        content, rows(), dossier, store.key_dates.list(dossier.id)
    )
