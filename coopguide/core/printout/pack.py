"""Handout packs: several guides and checklists in one document, with a cover and a contents page.

Also the one place that turns what a user typed (a guide id, a checklist id, a preset name) into
sections, with French messages for what does not exist, so the CLI and the dialog say the same.
"""

from __future__ import annotations

import datetime as dt
import difflib
from collections.abc import Iterable, Mapping

from coopguide.core.content.model import Content
from coopguide.core.content.presets import Preset
from coopguide.core.printout.layout import (
    Cover,
    PrintDocument,
    checklist_document,
    checklist_section,
    guide_document,
    guide_section,
    new_document,
)
from coopguide.core.shared.errors import KnownError
from coopguide.core.store.progress import ResolvedProgress
from coopguide.core.store.scope import Scoped, followed_checklists

DEFAULT_PACK_TITLE = "Dossier de séance"
GUIDE, CHECKLIST = "guide", "checklist"


class UnknownTargetError(KnownError):
    """A guide, checklist or preset name that the content does not have."""


def _suggest(wanted: str, known: Iterable[str]) -> str:
    close = difflib.get_close_matches(wanted, list(known), n=3, cutoff=0.6)
    return f" Vouliez-vous dire : {', '.join(close)} ?" if close else ""


def resolve_target(target: str, content: Content) -> tuple[str, str]:
    """``("guide", id)`` or ``("checklist", id)``; raises :class:`UnknownTargetError`."""
    if target in content.guides:
        return GUIDE, target
    if target in content.checklists():
        return CHECKLIST, target
    known = [*content.guides, *content.checklists()]
    raise UnknownTargetError(f"Ni guide ni check-list ne porte l'identifiant « {target} ».{_suggest(target, known)}")


def find_preset(name: str, presets: Iterable[Preset]) -> Preset:
    presets = list(presets)
    for preset in presets:
        if name in (preset.id, preset.title):
            return preset
    names = ", ".join(p.id for p in presets) or "aucune"
    raise UnknownTargetError(f"Séance inconnue : « {name} ». Séances disponibles : {names}.")


def pack_document(
    targets: Iterable[str],
    content: Content,
    templates: Mapping[str, str],
    progress: ResolvedProgress | None = None,
    dossier: str = "",
    title: str = "",
    preset: Preset | None = None,
    today: dt.date | None = None,
    group: str = "",
    scope_note: str = "",
) -> PrintDocument:
    """Guides and checklists in the order given, each from a new page, after a cover and contents.

    ``progress`` None prints every checklist blank (``dossier`` may still name the group's
    dossier); ``group``, a séance's group the pack is printed for, is named on the cover;
    ``scope_note`` (« Ce dossier suit 3 check-lists sur 14. ») goes on the cover of a filled pack.
    """
    today = today or dt.date.today()
    sections = []
    for target in targets:
        kind, ref = resolve_target(target, content)
        if kind == GUIDE:
            sections.append(guide_section(content.guides[ref], templates.get(ref, ""), content, progress, today))
        else:
            sections.append(checklist_section(content.checklists()[ref], content, progress, today))
    if not sections:
        raise UnknownTargetError("Choisissez au moins un guide ou une check-list pour le dossier de séance.")
    title = title or (preset.title if preset else DEFAULT_PACK_TITLE)
    details = []
    if preset and preset.audience:
        details.append(("Public", preset.audience))
    if preset and preset.duration:
        details.append(("Durée", preset.duration))
    guides = sum(s.kind == GUIDE for s in sections)
    lists = len(sections) - guides
    parts = [f"{n} {word}{'s' if n > 1 else ''}" for n, word in ((guides, "guide"), (lists, "check-list")) if n]
    details.append(("Composition", ", ".join(parts)))
    mode = "vierges, à remplir à la main" if progress is None else "remplies avec l'avancement du dossier"
    details.append(("Check-lists", mode))
    if progress is not None and scope_note:
        details.append(("Périmètre", scope_note))
    cover = Cover(title, preset.description if preset else "", tuple(details), group)
    stem = f"seance-{preset.id}" if preset else "dossier-de-seance"
    return new_document(
        title, tuple(sections), content, dossier, progress is None, today, stem, cover=cover, contents=True
    )


def single_document(
    target: str,
    content: Content,
    templates: Mapping[str, str],
    progress: ResolvedProgress | None = None,
    dossier: str = "",
    today: dt.date | None = None,
) -> PrintDocument:
    """One guide or one checklist, by id (what ``coopguide print ID`` prints)."""
    kind, ref = resolve_target(target, content)
    if kind == GUIDE:
        return guide_document(content.guides[ref], templates.get(ref, ""), content, progress, dossier, today)
    return checklist_document(content.checklists()[ref], content, progress, dossier, today)


def all_targets(content: Content) -> list[str]:
    """Every guide then every checklist, in the order of the guide tree (themes, then ``ordre``)."""
    guides = [g for theme in content.themes for g in content.guides_of_theme(theme.id)]
    guides += [g for g in content.guides.values() if g not in guides]
    return [g.id for g in guides] + [c.id for g in guides for c in g.checklists]


def followed_targets(content: Content, dossier: Scoped | None) -> list[str]:
    """The check-lists a dossier follows, in content order: « all the check-lists of a dossier »
    as a pack prints them (``coopguide pack --dossier NOM --suivies``, the pack dialog's button)."""
    return [checklist.id for checklist in followed_checklists(content, dossier)]
