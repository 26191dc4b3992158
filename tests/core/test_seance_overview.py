"""A séance's groups side by side, without Qt: each column's figures are those of the group's own
dashboard, the séance's check-lists only."""

from __future__ import annotations

import pytest

from coopguide.core.content.cache import build
from coopguide.core.dashboard import build_dashboard
from coopguide.core.seance_overview import build_overview, overview_html, seance_checklists
from coopguide.core.store.progress import resolve
from tests.helpers import SEANCE_DAY as TODAY
from tests.helpers import SEANCE_PRESET as PRESET
from tests.helpers import prepared_seance


@pytest.fixture
def content(content_root):
    return build(content_root).content


@pytest.fixture
def seance(store, content):
    return prepared_seance(store, content)


def test_the_seance_checklists_are_its_presets_then_those_of_its_guides(content):
    assert seance_checklists(PRESET, content) == ("beta.liste", "alpha.premiere", "alpha.seconde")
    assert set(seance_checklists(None, content)) == set(content.checklists())


def test_each_column_has_the_figures_of_its_own_dossier_dashboard(store, content, seance):
    overview = build_overview(store, content, seance, [PRESET], TODAY)
    assert [c.name for c in overview.columns] == ["Les Ébénistes", "Atelier 2", "Table du fond"]
    wanted = seance_checklists(PRESET, content)
    for column in overview.columns:
        board = build_dashboard(content, resolve(store.items.rows(column.dossier.id), content), column.dossier, TODAY)
        own = {line.checklist_id: line for line in board.checklists}
        assert column.checklists == tuple(own[c] for c in wanted)
        assert column.overdue == board.overdue
        assert column.totals == (sum(own[c].done for c in wanted), sum(own[c].total for c in wanted))
    first, second, third = overview.columns
    assert first.totals == (3, 6) and [line.item_id for line in first.overdue] == ["alpha.depot"]
    assert [n.note for n in first.notes] == ["Appeler l'URSCOP lundi"]
    assert second.next_actions[0].item_id == "beta.deux"  # a dated step first, as on its dashboard
    # a group that planned nothing: where to start, the first open item of each of the séance's lists
    assert [a.item_id for a in third.next_actions] == ["beta.un", "alpha.groupe", "alpha.depot"]


def test_the_page_names_every_group_and_links_to_its_dossier_on_screen_only(store, content, seance):
    overview = build_overview(store, content, seance, [PRESET], TODAY)
    page = overview_html(overview)
    for column in overview.columns:
        assert f'href="dossier:{column.dossier.id}"' in page
    assert "Les Ébénistes" in page and "Appeler l&#x27;URSCOP lundi" in page and "Karim" in page
    assert "href=" not in overview_html(overview, links=False)


def test_a_purged_group_dossier_leaves_an_empty_column(store, content, seance):
    group = store.seances.groups.of_seance(seance.id)[1]
    store.dossiers.delete(group.dossier_id)
    overview = build_overview(store, content, seance, [PRESET], TODAY)
    assert overview.columns[1].dossier is None and overview.columns[1].checklists == ()
    assert "dossier supprimé" in overview_html(overview)
