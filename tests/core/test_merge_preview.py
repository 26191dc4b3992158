"""The merge preview: changes in check-list order with who and when, removed items last, and a plain
warning when the file's dates are ahead of this computer's clock. No Qt."""

from __future__ import annotations

import datetime as dt

import pytest

from coopguide.core.content.cache import build
from coopguide.core.merge_preview import (
    REMOVED_TITLE,
    build_preview,
    future_warning,
    preview_text,
    when_text,
)
from coopguide.core.store.exchange import ExchangeFile, import_as_new, plan_merge
from coopguide.core.store.progress import DONE, NOT_APPLICABLE, ItemProgress

PARIS = dt.timezone(dt.timedelta(hours=1))
STAMP = "2030-01-02T10:02:00.000+01:00"
NOW = dt.datetime(2030, 1, 2, 12, 0, tzinfo=PARIS)


def exchange(*rows: ItemProgress, exported_at: str = STAMP, members=("Aline", "Bruno")) -> ExchangeFile:
    return ExchangeFile("Groupe 1", "", tuple(members), "2026-09-01T09:00:00+01:00", "test-1", exported_at, rows)


@pytest.fixture
def content(content_root):
    return build(content_root).content


def done(item_id: str, who: str = "", **fields: str) -> ItemProgress:
    return ItemProgress(item_id, state=DONE, done_at=STAMP, done_by=who, updated_at=STAMP, **fields)


def test_changes_come_in_checklist_order_with_removed_items_last(store, content):
    local = import_as_new(store, exchange(members=("Aline",)))
    incoming = exchange(
        done("beta.un", "Bruno"),
        done("ancien.retire", item_text="Ancienne **étape**"),
        ItemProgress("alpha.depot", note="Appeler le greffe", updated_at=STAMP),
        done("alpha.statut", "Aline"),  # a former id of alpha.forme
        done("alpha.groupe", "Aline"),
    )
    preview = build_preview(plan_merge(store, local.id, incoming, content), incoming, content, NOW)
    assert [group.title for group in preview.groups] == [
        "Alpha : le guide de test › Première liste",
        "Alpha : le guide de test › Seconde liste",
        "Beta › À faire",
        REMOVED_TITLE,
    ]
    assert [[line.item_id for line in group.lines] for group in preview.groups] == [
        ["alpha.groupe", "alpha.forme"],
        ["alpha.depot"],
        ["beta.un"],
        ["ancien.retire"],
    ]
    first = preview.groups[0].lines[0]
    assert first.text == "Réunir le groupe"  # the content's text, without its Markdown
    assert first.change == "à faire → fait"  # who and when: the line below
    assert first.when == "fait le 2 janvier 2030 par Aline · modifié le 02/01/2030 à 10 h 02"
    assert preview.groups[1].lines[0].change == "note ajoutée"
    assert preview.groups[-1].removed and preview.groups[-1].lines[0].text == "Ancienne étape"
    assert preview.change_count == 5 and preview.new_members == ("Bruno",)
    assert preview.future_warning == ""  # two hours ahead is no clock problem


def test_when_says_what_was_recorded_and_nothing_more():
    assert when_text(ItemProgress("x")) == "date non indiquée"
    assert when_text(ItemProgress("x", state=NOT_APPLICABLE, done_by="Chloé")) == "marqué non applicable par Chloé"
    unticked = ItemProgress("x", updated_at="2026-03-03T09:05:00+01:00")
    assert when_text(unticked) == "modifié le 03/03/2026 à 9 h 05"


def test_dates_more_than_a_day_ahead_of_this_computer_are_pointed_out():
    now = dt.datetime(2026, 12, 2, 15, 0, tzinfo=PARIS)
    assert future_warning(exchange(exported_at="2026-12-03T09:00:00+01:00"), now) == ""
    warning = future_warning(exchange(exported_at="2031-03-03T08:00:00+01:00"), now)
    assert warning == (
        "Ce fichier porte des dates dans le futur (jusqu'au 3 mars 2031, alors que cet ordinateur indique le "
        "2 décembre 2026) : l'horloge d'un des ordinateurs est peut-être déréglée. La fusion ne se fie pas aux "
        "horloges, mais vérifiez les dates affichées."
    )
    yesterday = "2026-12-01T10:00:00+01:00"
    one_item = exchange(
        ItemProgress("alpha.groupe", state=DONE, done_at=yesterday, updated_at=yesterday),
        ItemProgress("beta.un", updated_at="2027-05-01T00:00:00+00:00"),
        exported_at="2026-12-02T14:00:00+01:00",
    )
    assert "jusqu'au 1er mai 2027" in future_warning(one_item, now)


def test_the_command_line_text_is_the_same_preview_indented(store, content):
    local = import_as_new(store, exchange())
    incoming = exchange(done("beta.un", "Bruno"), members=("Aline", "Bruno", "Zoé"))
    lines = preview_text(build_preview(plan_merge(store, local.id, incoming, content), incoming, content, NOW))
    assert lines == [
        "  Beta › À faire",
        "    • Étape un : à faire → fait",
        "      fait le 2 janvier 2030 par Bruno · modifié le 02/01/2030 à 10 h 02",
        "  • nouveau membre : Zoé",
    ]
