"""Which check-lists a dossier follows, in content order: the one place every count asks.

A dossier's scope (``Dossier.scope``) is a list of check-list ids, or None for every check-list.
The dashboard, the CLI's progress figures, the séance overview and the prints all count through
:func:`followed_checklists`, so « 12 éléments sur 40 » means the same on every screen and sheet.

Ids of the scope that the content does not know (a check-list removed or renamed by a later
edition) are left out of every count but stay stored: an edition that brings the id back brings
the check-list back into the dossier. Ticks of a check-list outside the scope stay stored too;
they are simply not counted until the check-list is followed again.

Content order is the guide tree's: themes in order, their guides by ``ordre`` then title, each
guide's check-lists as written; guides of an undeclared theme come last.

Qt-free, no I/O. Lives beside :mod:`progress` (which resolves rows against the content) so that
the print model (``core/printout``) may use it too.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Protocol

from coopguide.core.content.model import Checklist, Content, Guide
from coopguide.core.store.progress import ResolvedProgress


class Scoped(Protocol):
    """What this module needs of a dossier (``store.dossiers.Dossier``)."""

    @property
    def scope(self) -> tuple[str, ...] | None: ...


def guides_in_order(content: Content) -> Iterator[Guide]:
    """Guides as the guide tree lists them; one whose theme is not declared still comes, last."""
    seen: set[str] = set()
    for theme in content.themes:
        for guide in content.guides_of_theme(theme.id):
            seen.add(guide.id)
            yield guide
    yield from sorted((g for g in content.guides.values() if g.id not in seen), key=lambda g: (g.order, g.title))


def all_checklists(content: Content) -> tuple[Checklist, ...]:
    """Every check-list of the content, in content order."""
    return tuple(checklist for guide in guides_in_order(content) for checklist in guide.checklists)


def followed_checklists(content: Content, dossier: Scoped | None) -> tuple[Checklist, ...]:
    """The check-lists ``dossier`` follows, in content order (not the scope's order: a dossier's
    lines read like the guide tree). None (no dossier) or a scope of None: every check-list."""
    everything = all_checklists(content)
    if dossier is None or dossier.scope is None:
        return everything
    wanted = set(dossier.scope)
    return tuple(checklist for checklist in everything if checklist.id in wanted)


def is_scoped(content: Content, dossier: Scoped | None) -> bool:
    """True when the dossier leaves out at least one check-list of this content."""
    return len(followed_checklists(content, dossier)) < len(all_checklists(content))


def unknown_ids(content: Content, dossier: Scoped | None) -> tuple[str, ...]:
    """Ids of the scope that this content does not have (kept stored, never counted)."""
    if dossier is None or dossier.scope is None:
        return ()
    known = content.checklists()
    return tuple(checklist_id for checklist_id in dossier.scope if checklist_id not in known)


def scoped_progress(resolved: ResolvedProgress, content: Content, dossier: Scoped | None) -> tuple[int, int]:
    """(done or N.A., total) over the followed check-lists."""
    done = total = 0
    for checklist in followed_checklists(content, dossier):
        d, t = resolved.count(checklist)
        done, total = done + d, total + t
    return done, total


def scope_line(content: Content, dossier: Scoped | None) -> str:
    """« Ce dossier suit 3 check-lists sur 14. » or « Ce dossier suit toutes les check-lists (14). »"""
    total = len(all_checklists(content))
    followed = len(followed_checklists(content, dossier))
    if followed == total:
        return f"Ce dossier suit toutes les check-lists ({total})."
    if followed == 0:
        return f"Ce dossier ne suit aucune des {total} check-lists."
    word = "check-list" if followed == 1 else "check-lists"
    return f"Ce dossier suit {followed} {word} sur {total}."
