"""Preparing a training séance: one dossier per group, the séance itself (name, date, place,
preset, its groups and their dossiers, in the séance log), and the handout pack, from a preset.

Kept out of the dialog so what gets created (names, descriptions, which guides and checklists go
into the pack) is tested without Qt. Group dossiers hold no personal data: a group is « Groupe 1 »
or whatever the trainer types, never the attendees' names.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from coopguide.core.content.model import Content
from coopguide.core.content.presets import Preset
from coopguide.core.shared.errors import InvalidInputError, KnownError
from coopguide.core.store import Store
from coopguide.core.store.dossiers import MAX_NAME_LENGTH, Dossier, clean_name
from coopguide.core.store.seances import Seance, clean_seance, clean_seance_name

MAX_GROUPS = 30
SEPARATOR = " — "


@dataclass(frozen=True)
class SeancePlan:
    preset: Preset
    base: str
    groups: tuple[str, ...]
    dossier_names: tuple[str, ...]  # free names, in the order of the groups
    description: str
    date: dt.date = dt.date(2000, 1, 1)
    place: str = ""

    @property
    def targets(self) -> tuple[str, ...]:
        return self.preset.targets

    @property
    def pack_title(self) -> str:
        return f"{self.preset.title}{SEPARATOR}{self.base}" if self.base else self.preset.title


def default_base_name(today: dt.date, place: str = "") -> str:
    """« Séance 24/11 » or « Séance 24/11 — Imprimerie Dupont »."""
    base = f"Séance {today.strftime('%d/%m')}"
    place = " ".join(place.split())
    return f"{base}{SEPARATOR}{place}" if place else base


def default_group_names(count: int) -> list[str]:
    return [f"Groupe {n}" for n in range(1, count + 1)]


def clean_groups(groups: Iterable[str]) -> tuple[str, ...]:
    """Trimmed, blanks and repeats (ignoring case) dropped, 1 to ``MAX_GROUPS``."""
    seen: dict[str, str] = {}
    for group in groups:
        name = " ".join(str(group).split())
        if name:
            seen.setdefault(name.casefold(), name)
    if not seen:
        raise InvalidInputError("Donnez au moins un groupe (par exemple « Groupe 1 »).")
    if len(seen) > MAX_GROUPS:
        raise InvalidInputError(f"Trop de groupes ({len(seen)}, {MAX_GROUPS} au plus).")
    return tuple(seen.values())


def group_dossier_name(base: str, group: str) -> str:
    """« BASE — GROUPE », the base shortened if needed so the group's name is always whole."""
    base = " ".join(base.split())
    if not base:
        return clean_name(group)
    room = MAX_NAME_LENGTH - len(SEPARATOR) - len(group)
    if room < 10:
        return clean_name(group)
    shortened = base if len(base) <= room else base[: room - 1].rstrip() + "…"
    return clean_name(f"{shortened}{SEPARATOR}{group}")


def plan_seance(
    preset: Preset,
    base: str,
    groups: Iterable[str],
    free_name: Callable[[str], str],
    content: Content | None = None,
    today: dt.date | None = None,
    place: str = "",
) -> SeancePlan:
    """What :func:`create_seance` will create. ``free_name`` is ``Dossiers.free_name`` (a name
    already used gets « (2) »); ``content`` gives the guides' titles for the dossiers' description;
    ``today`` is the séance's date. Everything the séance log would refuse (no place, a name too
    long) is refused here, before any PDF or dossier is made."""
    groups = clean_groups(groups)
    today = today or dt.date.today()
    place = clean_seance(today, place, 0, "", "")[1]
    base = clean_seance_name(base)
    names: list[str] = []
    for group in groups:
        name = free_name(group_dossier_name(base, group))
        while name.casefold() in {n.casefold() for n in names}:  # two groups shortened alike
            name = free_name(f"{name} ({len(names) + 1})")
        names.append(name)
    guides = [content.guides[g].title for g in preset.guides if g in content.guides] if content else []
    description = f"Séance « {preset.title} » du {today.strftime('%d/%m/%Y')}."
    if guides:
        description += " Guides montrés : " + ", ".join(guides) + "."
    return SeancePlan(preset, base, groups, tuple(names), description, today, place)


def create_group_dossiers(store: Store, plan: SeancePlan) -> tuple[list[Dossier], KnownError | None]:
    """Create the dossiers one by one; returns those created and the error that stopped the rest
    (a full disk after the third group leaves three usable dossiers, and says so). Each follows the
    check-lists of the séance type (a séance « Découvrir la CAE » counts the CAE's lists, not
    Belgium's); one with none follows them all. The trainer can widen it later."""
    created: list[Dossier] = []
    scope = plan.preset.checklists or None
    for name in plan.dossier_names:
        try:
            created.append(store.dossiers.create(name, plan.description, scope=scope))
        except KnownError as error:
            return created, error
    return created, None


def create_seance(store: Store, plan: SeancePlan) -> tuple[list[Dossier], Seance | None, KnownError | None]:
    """The groups' dossiers, then the séance with those groups (one transaction): what the journal
    then shows, already filled in. A failure midway still records the séance with the groups whose
    dossier exists, so the side-by-side view shows the work that can go on."""
    created, error = create_group_dossiers(store, plan)
    if not created:
        return created, None, error
    groups = list(zip(plan.groups, (d.id for d in created), strict=False))
    try:
        seance = store.seances.prepare(
            plan.base or plan.preset.title, plan.date, plan.place, plan.preset.id, groups, plan.preset.title
        )
    except KnownError as failure:
        return created, None, error or failure
    return created, seance, error
