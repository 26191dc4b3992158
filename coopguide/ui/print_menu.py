"""The « Imprimer » menu: preview, print or export as PDF the current guide, the current checklist
blank or filled with the current dossier, the dossier's next actions on one page (« Nos prochaines
actions »), and make a handout pack; choose the paper size.

The menu's layout is declared with the rest of the menu bar (``MENU_BAR`` in
:mod:`coopguide.ui.main_window`). This controller makes its actions and the menus it retitles: each
time the menu opens, the sub-menus name what would be printed and what cannot be is disabled. The
window gives a :class:`PrintContext` of callbacks, read when an action runs, so the menu always
prints what is on screen.

On the start path. The printing itself (QtPrintSupport, the renderer, the pack builder and the file
dialog) is in :mod:`coopguide.ui.print_jobs`, imported at the first print.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from functools import partial
from typing import TYPE_CHECKING, NamedTuple

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu

from coopguide.core.content.model import Checklist, Content
from coopguide.core.store import Store
from coopguide.ui.actions import action
from coopguide.ui.later import Later

if TYPE_CHECKING:
    from PySide6.QtWidgets import QDialog, QMessageBox

    from coopguide.ui import print_jobs
else:
    print_jobs = Later("coopguide.ui.print_jobs")

GUIDE, BLANK, FILLED, NEXT = "guide", "vierge", "remplie", "prochaines"
KINDS = (GUIDE, BLANK, FILLED, NEXT)
NAMES = {GUIDE: "print.guide", BLANK: "print.blank", FILLED: "print.filled", NEXT: "print.next"}  # + .pdf…
PAPERS = (("A4", "A4"), ("Letter", "Letter (États-Unis)"))


class PrintContext(NamedTuple):  # not a dataclass: see core/content/model.py
    """What the window shows now. ``dossier`` is ``(id, name)``, or None when there is none."""

    content: Callable[[], Content]
    templates: Callable[[], Mapping[str, str]]
    guide_id: Callable[[], str | None]
    checklist_id: Callable[[], str | None]
    dossier: Callable[[], tuple[int, str] | None]
    store: Callable[[], Store]


class PrintMenu(QObject):
    def __init__(self, window: QMainWindow, context: PrintContext, menu: QMenu | None = None) -> None:
        """``menu``: the menu bar's « Imprimer » menu when it is already there, filled here."""
        super().__init__(window)
        self.window = window
        self.context = context
        self.paper = "A4"
        self.last_folder = ""  # where the last PDF went; until then, the Documents folder
        self.message_box: QMessageBox | None = None  # the last « PDF enregistré » box, kept while shown
        self.menu = menu if menu is not None else QMenu(window)
        self.menu.aboutToShow.connect(self.refresh)
        self.submenus = {kind: QMenu(window) for kind in KINDS}
        self.actions_by_kind: dict[str, list[QAction]] = {}
        self._actions: dict[str, QAction] = {}
        for kind in KINDS:
            made = {
                f"{NAMES[kind]}.preview": action(self, "Aperçu avant impression…", partial(self.preview, kind)),
                f"{NAMES[kind]}.print": action(self, "Imprimer…", partial(self.print_on_paper, kind)),
                f"{NAMES[kind]}.pdf": action(self, "Exporter en PDF…", partial(self.export_pdf, kind)),
            }
            self._actions.update(made)
            self.actions_by_kind[kind] = list(made.values())
        self._actions["print.guide.print"].setShortcuts(QKeySequence.keyBindings(QKeySequence.StandardKey.Print)[:1])
        self._actions["print.pack"] = action(self, "Dossier de séance (PDF)…", self.open_pack_dialog)
        group = QActionGroup(self)
        for size, label in PAPERS:
            paper = action(self, label, lambda: None)
            paper.setCheckable(True)
            paper.setChecked(size == self.paper)
            paper.setData(size)
            group.addAction(paper)
            self._actions[f"paper.{size.lower()}"] = paper
        group.triggered.connect(lambda chosen: setattr(self, "paper", chosen.data()))

    def actions(self) -> dict[str, QAction]:
        return dict(self._actions)

    def menus(self) -> dict[str, QMenu]:
        """The menus this controller retitles and enables when the menu opens."""
        return {"print": self.menu, **{NAMES[kind]: menu for kind, menu in self.submenus.items()}}

    def refresh(self) -> None:
        """Name the current guide, checklist and dossier in the menu; disable what cannot be printed."""
        content = self.context.content()
        guide = content.guides.get(self.context.guide_id() or "")
        checklist = self.current_checklist()
        dossier = self.context.dossier()
        labels = {
            GUIDE: self.tr("Guide « %1 »").replace("%1", guide.title) if guide else self.tr("Guide"),
            BLANK: self.tr("Check-list vierge « %1 »").replace("%1", _short(checklist.title))
            if checklist
            else self.tr("Check-list vierge"),
            FILLED: self.tr("Check-list remplie (dossier « %1 »)").replace("%1", dossier[1])
            if dossier
            else self.tr("Check-list remplie"),
            NEXT: self.tr("Prochaines actions (une page, dossier « %1 »)").replace("%1", dossier[1])
            if dossier
            else self.tr("Prochaines actions (une page)"),
        }
        enabled = {
            GUIDE: guide is not None,
            BLANK: checklist is not None,
            FILLED: checklist is not None and dossier is not None,
            NEXT: dossier is not None,
        }
        for kind, menu in self.submenus.items():
            menu.setTitle(labels[kind])
            menu.setEnabled(enabled[kind])
            for made in self.actions_by_kind[kind]:
                made.setEnabled(enabled[kind])

    def current_checklist(self) -> Checklist | None:
        """The checklist chosen in the panel, or else the current guide's first one."""
        content = self.context.content()
        chosen = content.checklists().get(self.context.checklist_id() or "")
        if chosen is not None:
            return chosen
        guide = content.guides.get(self.context.guide_id() or "")
        return guide.checklists[0] if guide and guide.checklists else None

    # -- what the actions do (in print_jobs) ---------------------------------------------------
    def preview(self, kind: str) -> None:
        print_jobs.preview(self, kind)

    def print_on_paper(self, kind: str) -> None:
        print_jobs.print_on_paper(self, kind)

    def export_pdf(self, kind: str) -> str | None:
        return print_jobs.export_pdf(self, kind)

    def open_pack_dialog(self) -> QDialog:
        return print_jobs.open_pack_dialog(self)


def _short(text: str, length: int = 50) -> str:
    text = text.removeprefix("Check-list : ")
    return text if len(text) <= length else text[: length - 1] + "…"
