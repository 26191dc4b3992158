"""Preparing a seance without Qt: group dossier names, free names, creation, the pack's targets."""

from __future__ import annotations

import datetime as dt

import pytest

from coopguide.core.content.presets import Preset
from coopguide.core.seance_prep import (
    create_group_dossiers,
    default_base_name,
    default_group_names,
    group_dossier_name,
    plan_seance,
)
from coopguide.core.shared.errors import InvalidInputError, StorageError
from coopguide.core.store.dossiers import MAX_NAME_LENGTH

PRESET = Preset("essai", "Découvrir la Scop", "Salariés", "2 heures", ("alpha",), ("alpha.premiere",))


def test_default_names():
    assert default_base_name(dt.date(2026, 11, 24)) == "Séance 24/11"
    assert default_base_name(dt.date(2026, 11, 24), " Imprimerie  Dupont ") == "Séance 24/11 — Imprimerie Dupont"
    assert default_group_names(3) == ["Groupe 1", "Groupe 2", "Groupe 3"]


def test_long_base_is_shortened_and_the_group_stays_whole():
    name = group_dossier_name("x" * 200, "Groupe 12")
    assert len(name) <= MAX_NAME_LENGTH and name.endswith("… — Groupe 12")


def test_plan_uses_free_names_and_drops_repeated_groups(store):
    store.dossiers.create("Séance 24/11 — Groupe 1")
    plan = plan_seance(
        PRESET,
        "Séance 24/11",
        ["Groupe 1", " groupe 1 ", "", "Groupe 2"],
        store.dossiers.free_name,
        today=dt.date(2026, 11, 24),
    )
    assert plan.groups == ("Groupe 1", "Groupe 2")
    assert plan.dossier_names == ("Séance 24/11 — Groupe 1 (2)", "Séance 24/11 — Groupe 2")
    assert plan.targets == ("alpha", "alpha.premiere")
    assert plan.pack_title == "Découvrir la Scop — Séance 24/11"
    assert plan.description.startswith("Séance « Découvrir la Scop » du 24/11/2026.")


def test_no_group_is_refused(store):
    with pytest.raises(InvalidInputError, match="au moins un groupe"):
        plan_seance(PRESET, "Séance", ["  "], store.dossiers.free_name)


def test_create_group_dossiers_creates_one_per_group(store):
    plan = plan_seance(PRESET, "Séance 24/11", default_group_names(3), store.dossiers.free_name)
    created, error = create_group_dossiers(store, plan)
    assert error is None
    assert [d.name for d in created] == list(plan.dossier_names)
    assert {d.name for d in store.dossiers.in_use()} >= set(plan.dossier_names)
    assert all(d.description == plan.description and d.members == () for d in created)


def test_a_failure_midway_reports_what_was_created(store, monkeypatch):
    plan = plan_seance(PRESET, "S", default_group_names(3), store.dossiers.free_name)
    real = store.dossiers.create
    calls = []

    def failing(name, description="", members=()):
        calls.append(name)
        if len(calls) == 2:
            raise StorageError("Impossible de créer le dossier : le disque est plein. Rien n'a été modifié.")
        return real(name, description, members)

    monkeypatch.setattr(store.dossiers, "create", failing)
    created, error = create_group_dossiers(store, plan)
    assert [d.name for d in created] == ["S — Groupe 1"] and "disque est plein" in str(error)
