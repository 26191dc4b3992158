"""Preparing a seance without Qt: group dossier names, free names, creation, the pack's targets."""

from __future__ import annotations

import datetime as dt

import pytest

from coopguide.core.content.presets import Preset
from coopguide.core.seance_prep import (
    create_group_dossiers,
    create_seance,
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
        place="Montceau",
    )
    assert plan.groups == ("Groupe 1", "Groupe 2")
    assert plan.dossier_names == ("Séance 24/11 — Groupe 1 (2)", "Séance 24/11 — Groupe 2")
    assert plan.targets == ("alpha", "alpha.premiere")
    assert plan.pack_title == "Découvrir la Scop — Séance 24/11"
    assert plan.description.startswith("Séance « Découvrir la Scop » du 24/11/2026.")


def test_no_group_is_refused(store):
    with pytest.raises(InvalidInputError, match="au moins un groupe"):
        plan_seance(PRESET, "Séance", ["  "], store.dossiers.free_name, place="Montceau")


def test_create_group_dossiers_creates_one_per_group(store):
    plan = plan_seance(PRESET, "Séance 24/11", default_group_names(3), store.dossiers.free_name, place="Montceau")
    created, error = create_group_dossiers(store, plan)
    assert error is None
    assert [d.name for d in created] == list(plan.dossier_names)
    assert {d.name for d in store.dossiers.in_use()} >= set(plan.dossier_names)
    assert all(d.description == plan.description and d.members == () for d in created)
    assert all(d.scope == ("alpha.premiere",) for d in created)  # the séance type's check-lists only
    without = Preset("guides", "Lire", "Tous", "1 heure", ("alpha",), ())
    reading = plan_seance(without, "Lecture", ["A"], store.dossiers.free_name, place="X")
    [every] = create_group_dossiers(store, reading)[0]
    assert every.scope is None  # a séance type without check-lists: its dossiers follow them all


def test_a_failure_midway_reports_what_was_created(store, monkeypatch):
    plan = plan_seance(PRESET, "S", default_group_names(3), store.dossiers.free_name, place="Montceau")
    real = store.dossiers.create
    calls = []

    def failing(name, description="", members=(), scope=None):
        calls.append(name)
        if len(calls) == 2:
            raise StorageError("Impossible de créer le dossier : le disque est plein. Rien n'a été modifié.")
        return real(name, description, members, scope)

    monkeypatch.setattr(store.dossiers, "create", failing)
    created, error = create_group_dossiers(store, plan)
    assert [d.name for d in created] == ["S — Groupe 1"] and "disque est plein" in str(error)


def test_a_seance_is_recorded_with_its_groups_and_their_dossiers(store):
    plan = plan_seance(
        PRESET,
        "Séance 24/11",
        ["Les Ébénistes", "Atelier 2"],
        store.dossiers.free_name,
        today=dt.date(2026, 11, 24),
        place="Permanence de Montceau",
    )
    created, seance, error = create_seance(store, plan)
    assert error is None and seance is not None
    # the journal entry is the séance itself, already filled in: nothing to type again
    [logged] = store.seances.all()
    assert (logged.name, logged.date, logged.place, logged.preset, logged.topics, logged.attendees) == (
        "Séance 24/11",
        "2026-11-24",
        "Permanence de Montceau",
        "essai",
        "Découvrir la Scop",
        0,
    )
    groups = store.seances.groups.of_seance(seance.id)
    assert [(g.position, g.name, g.dossier_id) for g in groups] == [
        (1, "Les Ébénistes", created[0].id),
        (2, "Atelier 2", created[1].id),
    ]
    assert created[1].name == "Séance 24/11 — Atelier 2"
    assert store.seances.prepared() == [logged]
    assert store.seances.groups.group_of_dossier(created[0].id) == groups[0]


def test_a_seance_needs_a_place_before_anything_is_made(store):
    before = store.dossiers.all()
    with pytest.raises(InvalidInputError, match="lieu"):
        plan_seance(PRESET, "Séance", ["Groupe 1"], store.dossiers.free_name, place="  ")
    assert store.dossiers.all() == before and store.seances.all() == []


def test_deleting_a_seance_keeps_its_dossiers_and_purging_a_dossier_keeps_its_group(store):
    plan = plan_seance(PRESET, "S", default_group_names(2), store.dossiers.free_name, place="Montceau")
    created, seance, _ = create_seance(store, plan)
    assert seance is not None
    store.dossiers.delete(created[0].id)  # to the trash
    store.dossiers.purge(created[0].id)
    assert [g.dossier_id for g in store.seances.groups.of_seance(seance.id)] == [None, created[1].id]
    store.seances.delete(seance.id)
    assert store.seances.groups.of_seance(seance.id) == []
    assert store.dossiers.get(created[1].id) is not None


def test_a_seance_typed_in_the_journal_has_no_groups_and_keeps_its_name_when_edited(store):
    seance = store.seances.add("2026-11-24", "Montceau", 4, "Scop", name="Atelier du mardi")
    assert seance.title == "Atelier du mardi" and store.seances.prepared() == []
    edited = store.seances.update(seance.id, "2026-11-25", "Montceau", 6, "Scop")
    assert edited.name == "Atelier du mardi" and edited.attendees == 6
    assert store.seances.add("2026-11-24", "Montceau", 1).title == "Séance du 24/11/2026 — Montceau"
