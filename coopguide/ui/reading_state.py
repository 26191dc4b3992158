"""What the window is showing: the current dossier and its progress, and the page on screen.

One small object, shared by the window and its feature controllers, so that none of them reaches
into another: the dossier controller switches the dossier here, the checklist edits reload the
progress here, the navigation listens here for the pages read, and the presentation reads the
progress here. The window redraws everything on :attr:`ReadingState.progressChanged` (another
dossier, a merge, a refused write) and only the items named on :attr:`ReadingState.itemsChanged`
(a tick, an item edit, undo/redo of one).

The progress is always what the store holds (:meth:`ReadingState.reload`, or
:meth:`ReadingState.reload_items` for the rows one write touched), so a change that could not be
saved is never shown.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QObject, Signal

from coopguide.core.content.model import Content, Guide
from coopguide.core.store import Dossier, Store
from coopguide.core.store.progress import ItemProgress, ResolvedProgress, resolve

DASHBOARD = "tableau-de-bord"  # the page names that are not guide ids
GLOSSARY = "glossaire-de-a-a-z"


class ReadingState(QObject):
    """``page`` is what is on screen: a guide id, :data:`DASHBOARD`, :data:`GLOSSARY`, or "" before the
    first page. ``guide_id`` is the guide being read: it stays while the dashboard is shown (F5 and
    « Imprimer » still mean that guide), and is None after the glossary page."""

    dossierAboutToChange = Signal()  # save what is being typed: it belongs to the dossier being left
    dossierChanged = Signal(int)  # another dossier, or the same one renamed or with new members
    progressChanged = Signal()  # ``resolved`` was read again from the store
    itemsChanged = Signal(list)  # only these items' progress was read again (current item ids)
    pageChanged = Signal(str)

    def __init__(self, store: Store, content: Content, dossier_id: int, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.content = content
        self.dossier_id = dossier_id
        self.page = ""
        self.guide_id: str | None = None
        self.resolved: ResolvedProgress = resolve(store.items.rows(dossier_id), content)

    # -- the dossier ---------------------------------------------------------------------------
    def dossier(self) -> Dossier | None:
        return self.store.dossiers.get(self.dossier_id)

    def dossier_name(self) -> str:
        dossier = self.dossier()
        return dossier.name if dossier else ""

    def members(self) -> tuple[str, ...]:
        dossier = self.dossier()
        return dossier.members if dossier else ()

    def set_dossier(self, dossier_id: int) -> bool:
        """Show another dossier; False if it does not exist or is in the trash."""
        dossier = self.store.dossiers.get(dossier_id)
        if dossier is None or dossier.deleted:
            return False
        self.dossierAboutToChange.emit()
        self.dossier_id = dossier_id
        self.resolved = resolve(self.store.items.rows(dossier_id), self.content)
        self.dossierChanged.emit(dossier_id)
        self.progressChanged.emit()
        return True

    def dossier_edited(self) -> None:
        """The current dossier's name, description or members changed."""
        self.dossierChanged.emit(self.dossier_id)
        self.reload()

    def reload(self) -> None:
        """Read the dossier's progress again from the store (after a write), and say so."""
        self.resolved = resolve(self.store.items.rows(self.dossier_id), self.content)
        self.progressChanged.emit()

    def reload_items(self, stored_ids: Iterable[str]) -> None:
        """Read again only the rows one write touched (their ids as stored), and say which items
        changed. Why: :meth:`reload` reads and resolves every row of the dossier (~100 ms with
        20 000 rows of removed items) for a tick that changed one.

        It gives what :meth:`reload` would: a row stored under an item's current id always wins in
        :func:`~coopguide.core.store.progress.resolve`, so it simply replaces that item's progress,
        and removed items are untouched. A row under a former id or a removed item's id (a merge
        can write those) is left to :meth:`reload`, as is a row that is not there (a former id's row
        may then count)."""
        items = self.content.items()
        fresh: dict[str, ItemProgress] = {}
        for item_id in dict.fromkeys(stored_ids):
            row = self.store.items.row(self.dossier_id, item_id) if item_id in items else None
            if row is None or not row.updated_at:  # every written row has its time; none: no row
                self.reload()
                return
            fresh[item_id] = row
        if not fresh:
            return
        self.resolved = ResolvedProgress({**self.resolved.by_item, **fresh}, self.resolved.removed)
        self.itemsChanged.emit(list(fresh))

    # -- the page ------------------------------------------------------------------------------
    @property
    def guide(self) -> Guide | None:
        return self.content.guides.get(self.guide_id or "")

    @property
    def showing_dashboard(self) -> bool:
        return self.page == DASHBOARD

    def set_page(self, page: str) -> None:
        if page in self.content.guides:
            self.guide_id = page
        elif page != DASHBOARD:
            self.guide_id = None
        self.page = page
        self.pageChanged.emit(page)
