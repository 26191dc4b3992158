"""« Mes prochaines actions » without Qt, on the test content and a real store: what is listed, in
which order, within the dossier's scope, and how due dates are said."""

from __future__ import annotations

import datetime as dt
import html

import pytest

from coopguide.core.content.cache import build
from coopguide.core.next_actions import (
    DATED,
    NEXT,
    NOBODY,
    OVERDUE,
    START,
    TAKEN,
    build_next_actions,
    by_person,
    due_text,
    next_actions_html,
    when,
)
from coopguide.core.store.progress import DONE, NOT_APPLICABLE, resolve

TODAY = dt.date(2026, 12, 8)


@pytest.fixture
def content(content_root):
    return build(content_root).content


def board_of(store, content, dossier_id, today=TODAY):
    dossier = store.dossiers.get(dossier_id)
    return build_next_actions(content, resolve(store.items.rows(dossier_id), content), dossier, today)


def change(store, dossier, item_id, **fields):
    store.items.change(dossier.id, item_id, fields, content_edition="test-1")


def test_a_new_dossier_is_told_where_to_start_in_each_check_list(store, content):
    dossier = store.dossiers.create("Reprise Dupont")
    board = board_of(store, content, dossier.id)
    assert [(a.item_id, a.number, a.tier) for a in board.actions] == [
        ("alpha.groupe", 1, START),
        ("alpha.depot", 1, START),
        ("beta.un", 1, START),
    ]
    assert board.open_items == 6 and board.overdue == 0
    first = board.actions[0]
    assert first.text == "Réunir le groupe"  # Markdown emphasis gone
    assert (first.checklist_title, first.guide_title) == ("Première liste", "Alpha : le guide de test")
    assert "par où commencer" in next_actions_html(board)


def test_late_first_then_soonest_then_taken_then_where_started_lists_go_on(store, content):
    dossier = store.dossiers.create("Reprise Dupont", members=("Aïcha", "Karim"))
    change(store, dossier, "beta.deux", due="2026-12-10", assignee="Karim")  # in 2 days
    change(store, dossier, "alpha.depot", due="2026-12-01")  # 7 days late
    change(store, dossier, "alpha.forme", due="2026-12-05", assignee="Aïcha", note="Scop ou Scic ?\nà revoir")
    change(store, dossier, "alpha.loi", assignee="Karim")
    change(store, dossier, "alpha.groupe", state=DONE)
    change(store, dossier, "beta.un", state=NOT_APPLICABLE, due="2026-11-01")  # N.A.: never late, never listed
    board = board_of(store, content, dossier.id)
    assert [(a.item_id, a.tier) for a in board.actions] == [
        ("alpha.depot", OVERDUE),  # the oldest date first
        ("alpha.forme", OVERDUE),
        ("beta.deux", DATED),
        ("alpha.loi", TAKEN),
    ]
    assert board.overdue == 2 and board.open_items == 4
    forme = board.actions[1]
    assert (forme.number, forme.assignee, forme.note) == (3, "Aïcha", "Scop ou Scic ?")
    assert board.actions[0].who == NOBODY
    # the first open item of a started list, when it has neither date nor name, comes last
    change(store, dossier, "alpha.loi", assignee="")
    board = board_of(store, content, dossier.id)
    assert [(a.item_id, a.tier) for a in board.actions][-1] == ("alpha.loi", NEXT)


def test_only_the_check_lists_the_dossier_follows_count(store, content):
    dossier = store.dossiers.create("Scop d'amorçage", scope=("beta.liste",))
    change(store, dossier, "alpha.depot", due="2026-11-01", assignee="Karim")  # late, but not followed
    board = board_of(store, content, dossier.id)
    assert [a.item_id for a in board.actions] == ["beta.un"]
    assert board.open_items == 2 and board.overdue == 0
    store.dossiers.set_scope(dossier.id, None)  # every check-list again
    assert board_of(store, content, dossier.id).actions[0].item_id == "alpha.depot"


def test_the_list_is_capped_and_says_how_many_are_left(store, content):
    dossier = store.dossiers.create("Atelier")
    for day, item_id in enumerate(["alpha.groupe", "alpha.loi", "alpha.forme", "alpha.depot", "beta.un"], start=10):
        change(store, dossier, item_id, due=f"2026-12-{day}")
    board = board_of(store, content, dossier.id)
    assert len(board.first(3)) == 3 and board.more(3) == 2 and board.more(10) == 0
    page = next_actions_html(board, shown=3)
    assert "… et 2 autres actions à venir." in page
    assert page.count('href="item:') == 3


def test_due_dates_are_said_in_days_from_today():
    assert when("2026-12-05", TODAY) == "en retard de 3 jours"
    assert when("2026-12-07", TODAY) == "en retard d’un jour"
    assert when("2026-12-08", TODAY) == "aujourd'hui"
    assert when("2026-12-09", TODAY) == "demain"
    assert when("2026-12-13", TODAY) == "dans 5 jours"
    assert when("", TODAY) == when("pas une date", TODAY) == ""


def test_the_page_links_each_item_ticks_only_when_it_may_and_groups_by_person(store, content):
    dossier = store.dossiers.create("Atelier")
    change(store, dossier, "alpha.depot", due="2026-12-05", assignee="Karim")
    change(store, dossier, "beta.deux", due="2026-12-20", assignee="Aïcha")
    change(store, dossier, "alpha.loi", assignee="Karim")
    change(store, dossier, "alpha.forme", due="2026-12-15")
    board = board_of(store, content, dossier.id)
    page = next_actions_html(board)
    assert 'href="item:alpha.depot"' in page and 'href="cocher:alpha.depot"' in page
    assert "en retard de 3 jours" in html.unescape(page).replace("\xa0", " ") and "1 en retard" in page
    assert "cocher:" not in next_actions_html(board, tick=False)  # a read-only store
    assert due_text(board.actions[0], TODAY) == "5 décembre 2026 · en retard de 3 jours"
    groups = by_person(board.actions)
    assert [(name, [a.item_id for a in actions]) for name, actions in groups] == [
        ("Karim", ["alpha.depot", "alpha.loi"]),
        ("Aïcha", ["beta.deux"]),
        (NOBODY, ["alpha.forme", "alpha.groupe", "beta.un"]),  # then where the lists not started begin
    ]
    grouped = next_actions_html(board, grouped=True)
    assert grouped.index("<h2>Karim (2)") < grouped.index("<h2>Aïcha (1)") < grouped.index(f"<h2>{NOBODY} (3)")


def test_a_dossier_with_everything_done_is_told_so(store, content):
    dossier = store.dossiers.create("Fini", scope=("beta.liste",))
    change(store, dossier, "beta.un", state=DONE)
    change(store, dossier, "beta.deux", state=NOT_APPLICABLE)
    board = board_of(store, content, dossier.id)
    assert board.actions == () and board.open_items == 0
    assert "tout est fait ou non applicable" in next_actions_html(board)


def test_the_check_lists_followed_are_counted_as_the_content_has_them(store, content):
    """A scope keeps ids a later content edition removed (core/store/scope.py): they are never
    counted, so the screen says what the dashboard says, « 1 check-list suivie », not 3."""
    dossier = store.dossiers.create("Reprise", scope=("beta.liste", "ancienne.liste", "autre.retiree"))
    page = next_actions_html(board_of(store, content, dossier.id))
    assert "1 check-list suivie" in page and "3 check-lists suivies" not in page
