"""A dossier's scope (the check-lists it follows) in every count: dashboard, CLI, séance overview.

The test content has three check-lists: alpha.premiere (3 items), alpha.seconde (1), beta.liste (2)."""

from __future__ import annotations

import datetime as dt

import pytest

from coopguide.core.content.cache import build
from coopguide.core.dashboard import SCOPE_LINK, build_dashboard, dashboard_html
from coopguide.core.seance_overview import build_overview, overview_html
from coopguide.core.store.progress import DONE, ItemProgress, resolve
from coopguide.core.store.scope import (
    all_checklists,
    followed_checklists,
    is_scoped,
    scope_line,
    scoped_progress,
    unknown_ids,
)
from tests.helpers import SEANCE_DAY, SEANCE_PRESET, prepared_seance

TODAY = dt.date(2026, 11, 24)


@pytest.fixture
def content(content_root):
    return build(content_root).content


def board_of(store, content, dossier_id):
    dossier = store.dossiers.require(dossier_id)
    return build_dashboard(content, resolve(store.items.rows(dossier_id), content), dossier, TODAY)


def test_followed_checklists_are_in_content_order_and_unknown_ids_count_for_nothing(store, content):
    assert [c.id for c in all_checklists(content)] == ["alpha.premiere", "alpha.seconde", "beta.liste"]
    dossier = store.dossiers.create("Reprise", scope=["beta.liste", "retire.de-longtemps", "alpha.premiere"])
    assert [c.id for c in followed_checklists(content, dossier)] == ["alpha.premiere", "beta.liste"]
    assert unknown_ids(content, dossier) == ("retire.de-longtemps",)
    assert store.dossiers.require(dossier.id).scope == ("beta.liste", "retire.de-longtemps", "alpha.premiere")
    assert scope_line(content, dossier) == "Ce dossier suit 2 check-lists sur 3."
    assert is_scoped(content, dossier) and not is_scoped(content, store.dossiers.create("Tout"))
    assert (
        scope_line(content, store.dossiers.create("Rien", scope=[])) == "Ce dossier ne suit aucune des 3 check-lists."
    )
    assert followed_checklists(content, None) == all_checklists(content)


def test_the_dashboard_counts_lines_totals_overdue_and_next_steps_of_followed_checklists_only(store, content):
    dossier = store.dossiers.create("Reprise", scope=["alpha.premiere"])
    store.items.set_state(dossier.id, "alpha.groupe", DONE, content_edition="e")
    store.items.save_one(dossier.id, ItemProgress("alpha.depot", due="2026-11-01"))  # overdue, alpha.seconde
    store.items.save_one(dossier.id, ItemProgress("beta.deux", due="2026-12-20", assignee="Aline"))
    store.items.save_one(dossier.id, ItemProgress("alpha.loi", due="2026-11-02"))  # overdue, followed
    board = board_of(store, content, dossier.id)
    assert [line.checklist_id for line in board.checklists] == ["alpha.premiere"]
    assert board.totals == (1, 3)
    assert [line.item_id for line in board.overdue] == ["alpha.loi"]
    assert "beta.deux" not in {line.item_id for line in board.next_steps}
    page = dashboard_html(board)
    assert "1 élément(s) sur 3 faits" in page
    assert "Ce dossier suit 1 check-list sur 3." in page and f'href="{SCOPE_LINK}"' in page
    assert "Étape deux" not in page and "Déposer les statuts" not in page
    # every check-list followed again: the same ticks and dates, all counted
    board = board_of(store, content, store.dossiers.set_scope(dossier.id, None).id)
    assert board.totals == (1, 6) and len(board.overdue) == 2
    assert "Ce dossier suit toutes les check-lists (3)." in dashboard_html(board)


def test_a_tick_outside_the_scope_stays_stored_is_not_counted_and_comes_back(store, content):
    dossier = store.dossiers.create("Reprise", scope=["alpha.premiere", "alpha.seconde", "beta.liste"])
    store.items.set_state(dossier.id, "beta.un", DONE, content_edition="e", done_by="Aline")
    assert board_of(store, content, dossier.id).totals == (1, 6)
    store.dossiers.set_scope(dossier.id, ["alpha.premiere", "alpha.seconde"])
    assert board_of(store, content, dossier.id).totals == (0, 4)
    # still tickable while not followed (the guide shows it), still not counted
    store.items.set_state(dossier.id, "beta.deux", DONE, content_edition="e")
    resolved = resolve(store.items.rows(dossier.id), content)
    assert resolved.get("beta.un").state == DONE and resolved.get("beta.un").done_by == "Aline"
    assert scoped_progress(resolved, content, store.dossiers.require(dossier.id)) == (0, 4)
    store.dossiers.set_scope(dossier.id, ["beta.liste", "alpha.premiere", "alpha.seconde"])
    assert board_of(store, content, dossier.id).totals == (2, 6)


def test_the_cli_lists_scoped_progress_and_how_many_checklists_each_dossier_follows(
    data_dir, content_root, capsys, store
):
    from coopguide.__main__ import main

    scoped = store.dossiers.create("Reprise Dupont", scope=["beta.liste"])
    store.items.set_state(scoped.id, "beta.un", DONE, content_edition="e")
    store.items.set_state(scoped.id, "alpha.groupe", DONE, content_edition="e")  # not followed
    everything = store.dossiers.create("Tout suivre")
    store.items.set_state(everything.id, "alpha.groupe", DONE, content_edition="e")
    store.close()
    assert main(["--data-dir", str(data_dir), "dossiers"]) == 0
    lines = {line.split("  ")[0]: line for line in capsys.readouterr().out.splitlines()}
    assert "1 / 2 (50 %)" in lines["Reprise Dupont"] and "1 sur 3" in lines["Reprise Dupont"]
    assert "1 / 6 (17 %)" in lines["Tout suivre"] and "toutes" in lines["Tout suivre"]
    assert main(["dossiers", "--data-dir", str(data_dir)]) == 0  # the option after the command, too
    assert capsys.readouterr().out.splitlines()[1:] == [line for line in lines.values()][1:]


def test_the_seance_overview_counts_what_each_group_follows_and_says_non_suivie(store, content):
    seance = prepared_seance(store, content)
    first = store.seances.groups.of_seance(seance.id)[0]
    store.dossiers.set_scope(first.dossier_id, ["alpha.premiere"])
    overview = build_overview(store, content, seance, [SEANCE_PRESET], SEANCE_DAY)
    column = overview.columns[0]
    assert [line.checklist_id for line in column.checklists] == ["alpha.premiere"]
    assert [c for c, _ in overview.checklist_titles] == ["beta.liste", "alpha.premiere", "alpha.seconde"]
    own = build_dashboard(
        content, resolve(store.items.rows(first.dossier_id), content), column.dossier, SEANCE_DAY
    ).totals
    assert column.totals == own
    page = overview_html(overview)
    assert page.count("non suivie") == 2  # beta.liste and alpha.seconde, in the first column only


def test_only_a_first_start_s_unused_default_dossier_is_untouched(store):
    default = store.dossiers.ensure_default()
    assert store.dossiers.untouched_default() == default
    store.items.save(default.id, [ItemProgress("alpha.groupe", state=DONE)], stamp="2026-12-01T10:00:00+01:00")
    assert store.dossiers.untouched_default() is None  # a tick: it is the user's
    other = store.dossiers.create("Autre")
    store.dossiers.purge(store.dossiers.delete(default.id).id)
    assert store.dossiers.untouched_default() is None  # not named « Mon projet »
    store.dossiers.update(other.id, name="Mon projet", description="notre reprise")
    assert store.dossiers.untouched_default() is None  # described
