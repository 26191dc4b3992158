"""Moving around: back/forward (Alt+← / Alt+→) like a browser, bookmarks and recent guides (kept in
the database, so they survive a restart), the text zoom (Ctrl++ / Ctrl+- / Ctrl+0, remembered in
``fenetre.ini``), the « Aller à » table of contents of the guide shown, and F6 / Shift+F6 to move
the keyboard focus from one part of the window to the next (guides, page, check-list, details).

The page's normal size (zoom 0) is a reading size, larger than the interface's: the system's 9 pt
(12 px) was small and tiring on an old screen. Zooming keeps the reader's place: the line at the top
of the page stays at the top, where a plain zoom kept the scroll bar's pixels and so jumped ahead.

It follows :attr:`ReadingState.pageChanged` to record each page read; the history itself is plain
Python (:mod:`coopguide.ui.navigation.history`).
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Sequence
from functools import partial

from PySide6 import QtCore  # not Qt itself: see tests/ui/test_start_path.py
from PySide6.QtCore import QObject, QPoint
from PySide6.QtGui import QAction, QFont, QKeySequence
from PySide6.QtWidgets import QApplication, QComboBox, QLabel, QMainWindow, QMenu, QToolBar, QWidget

from coopguide.core.content.model import Guide
from coopguide.core.content.toc import table_of_contents
from coopguide.core.shared.errors import KnownError
from coopguide.ui.actions import action
from coopguide.ui.errors import reported_errors
from coopguide.ui.guide_view import GuideView
from coopguide.ui.navigation.history import History
from coopguide.ui.reading_state import DASHBOARD, ReadingState
from coopguide.ui.window_settings import WindowSettings

ZOOM_LIMITS = (-4, 12)
READING_POINTS = 12.0  # the page's normal text: 16 px at 96 dpi, a browser's body text
ABOVE_INTERFACE = 2.0  # and at least this much larger than the interface's text
Zone = tuple[QWidget, QWidget]  # (the part of the window, the widget that takes the focus in it)


class NavigationController(QObject):
    """``show_page(page)`` shows a guide or the dashboard in the window; ``zones`` are the parts F6
    goes through, in order."""

    def __init__(
        self,
        window: QMainWindow,
        state: ReadingState,
        view: GuideView,
        settings: WindowSettings,
        show_page: Callable[[str], None],
        zones: Sequence[Zone],
    ) -> None:
        super().__init__(window)
        self.window = window
        self.state = state
        self.store = state.store
        self.view = view
        self.settings = settings
        self.show_page = show_page
        self.zones = list(zones)
        self.history = History()
        self.zoom_steps = 0
        view.setFont(reading_font(view.font()))
        self.back_action = action(self, "Précédent", self.go_back, QKeySequence.StandardKey.Back)
        self.forward_action = action(self, "Suivant", self.go_forward, QKeySequence.StandardKey.Forward)
        self.bookmark_action = action(self, "Ajouter ce guide aux favoris", self.toggle_bookmark, "Ctrl+B", writes=True)
        self.bookmarks_menu = QMenu(window)
        self.bookmarks_menu.aboutToShow.connect(self.fill_bookmarks)
        self.recent_menu = QMenu(window)
        self.recent_menu.aboutToShow.connect(self.fill_recent)
        self._actions = {
            "go.back": self.back_action,
            "go.forward": self.forward_action,
            "bookmark.toggle": self.bookmark_action,
            "focus.next": action(
                self, "Zone suivante (guides, page, check-list, détails)", lambda: self.focus_zone(1), "F6"
            ),
            "focus.previous": action(self, "Zone précédente", lambda: self.focus_zone(-1), "Shift+F6"),
            "zoom.in": action(
                self, "Agrandir le texte", lambda: self.zoom(1), QKeySequence.StandardKey.ZoomIn, "Ctrl+="
            ),
            "zoom.out": action(self, "Réduire le texte", lambda: self.zoom(-1), QKeySequence.StandardKey.ZoomOut),
            "zoom.reset": action(self, "Taille normale", lambda: self.zoom(-self.zoom_steps), "Ctrl+0"),
        }
        # read, not written back: a write has Qt save the file before the first frame (~1 ms)
        self._zoom_by(settings.zoom, keep_place=False)
        self.toc_box = self._build_tool_bar()
        self._update_actions()
        state.pageChanged.connect(self._on_page_changed)

    def actions(self) -> dict[str, QAction]:
        return dict(self._actions)

    def menus(self) -> dict[str, QMenu]:
        """The menus filled when they open: bookmarks and recent guides."""
        return {"go.bookmarks": self.bookmarks_menu, "go.recent": self.recent_menu}

    # -- « Aller à » : the table of contents ---------------------------------------------------
    def _build_tool_bar(self) -> QComboBox:
        toolbar = QToolBar(self.tr("Sommaire"))
        toolbar.setObjectName("barre-sommaire")
        toolbar.setMovable(False)
        toc_box = QComboBox()
        toc_box.setMinimumContentsLength(30)
        toc_box.setAccessibleName(self.tr("Sommaire du guide : aller à une partie"))
        label = QLabel(self.tr("  Aller à : "))
        label.setBuddy(toc_box)
        toolbar.addWidget(label)
        toolbar.addWidget(toc_box)
        self.window.addToolBar(toolbar)
        self.tool_bar = toolbar
        toc_box.activated.connect(self._on_toc_chosen)
        return toc_box

    def fill_toc(self, guide: Guide | None) -> None:
        """The sections of the guide shown (level-3 headings indented), first entry = top of page."""
        self.toc_box.clear()
        if guide is None:
            self.toc_box.setEnabled(False)
            return
        self.toc_box.setEnabled(True)
        self.toc_box.addItem(self.tr("(début du guide)"), "")
        for heading in table_of_contents(guide):
            self.toc_box.addItem(("    " if heading.level == 3 else "") + heading.title, heading.anchor)

    def _on_toc_chosen(self, index: int) -> None:
        anchor = self.toc_box.itemData(index)
        if anchor:
            self.view.scrollToAnchor(anchor)
        else:
            self.view.verticalScrollBar().setValue(0)
        self.view.setFocus()

    # -- F6 ------------------------------------------------------------------------------------
    def focus_zone(self, step: int) -> None:
        """F6 / Shift+F6: the keyboard focus to the next (previous) part of the window: guides, page,
        check-list, details of the chosen item; parts hidden or disabled are skipped."""
        zones = [(area, target) for area, target in self.zones if target.isVisible() and target.isEnabled()]
        focused = QApplication.focusWidget()
        here = next(
            (
                i
                for i, (area, _) in enumerate(zones)
                if focused is not None and (area is focused or area.isAncestorOf(focused))
            ),
            None,
        )
        if zones:
            index = (step - 1 if step > 0 else step) if here is None else here + step
            zones[index % len(zones)][1].setFocus(QtCore.Qt.FocusReason.TabFocusReason)

    # -- history -------------------------------------------------------------------------------
    def _on_page_changed(self, page: str) -> None:
        """A guide or the dashboard shown: one step in the history, and a recent guide."""
        guide = self.state.content.guides.get(page)
        self.fill_toc(guide)
        if guide is not None or page == DASHBOARD:
            self.history.visit(page)
        if guide is not None and not self.store.read_only:
            with contextlib.suppress(KnownError):  # a full disk must not stop reading; ticks report it
                self.store.reading.touch_recent(page)
        self._update_actions()

    def go_back(self) -> None:
        self._show(self.history.back())

    def go_forward(self) -> None:
        self._show(self.history.forward())

    def _show(self, page: str | None) -> None:
        if page is not None:
            self.show_page(page)
        self._update_actions()

    def _update_actions(self) -> None:
        self.back_action.setEnabled(self.history.can_go_back)
        self.forward_action.setEnabled(self.history.can_go_forward)
        marked = self.state.guide_id in {target for target, _ in self.store.reading.bookmarks()}
        self.bookmark_action.setText(
            self.tr("Retirer ce guide des favoris") if marked else self.tr("Ajouter ce guide aux favoris")
        )

    # -- bookmarks and recent guides -----------------------------------------------------------
    def toggle_bookmark(self) -> None:
        guide = self.state.guide
        if guide is None:
            return
        with reported_errors(self.window, in_status_bar=True):
            if guide.id in {target for target, _ in self.store.reading.bookmarks()}:
                self.store.reading.remove_bookmark(guide.id)
                self.window.statusBar().showMessage(self.tr("Retiré des favoris."), 3000)
            else:
                self.store.reading.add_bookmark(guide.id, guide.title)
                self.window.statusBar().showMessage(self.tr("Ajouté aux favoris (menu Aller › Favoris)."), 3000)
        self._update_actions()

    def fill_bookmarks(self) -> None:
        self._fill_guide_menu(
            self.bookmarks_menu,
            [target for target, _ in self.store.reading.bookmarks()],
            self.tr("Aucun favori : Ctrl+B ajoute le guide affiché."),
        )

    def fill_recent(self) -> None:
        self._fill_guide_menu(
            self.recent_menu, self.store.reading.recent_guides(), self.tr("Aucun guide ouvert récemment.")
        )

    def _fill_guide_menu(self, menu: QMenu, guide_ids: list[str], empty: str) -> None:
        menu.clear()
        guides = [self.state.content.guides[g] for g in guide_ids if g in self.state.content.guides]
        for guide in guides:
            menu.addAction(guide.title, partial(self.show_page, guide.id))
        if not guides:
            menu.addAction(empty).setEnabled(False)

    # -- zoom ----------------------------------------------------------------------------------
    def zoom(self, steps: int) -> None:
        """Zoom by ``steps``, the line at the top of the page staying there, and remember it."""
        if self._zoom_by(steps, keep_place=True):
            self.settings.zoom = self.zoom_steps

    def _zoom_by(self, steps: int, keep_place: bool) -> bool:
        """Zoom by ``steps`` within the limits; False when that changes nothing. ``keep_place=False``:
        the remembered zoom at start, before there is a page."""
        steps = max(ZOOM_LIMITS[0] - self.zoom_steps, min(ZOOM_LIMITS[1] - self.zoom_steps, steps))
        if not steps:
            return False
        place = self._reading_place() if keep_place else None
        if steps > 0:
            self.view.zoomIn(steps)
        else:
            self.view.zoomOut(-steps)
        if place is not None:
            self._go_back_to(place)
        self.zoom_steps += steps
        return True

    def _reading_place(self) -> tuple[int, float]:
        """The document position of the line at the top of the page, and how much of that line is
        above the top (as a fraction of its height)."""
        cursor = self.view.cursorForPosition(QPoint(self.view.viewport().width() // 2, 0))
        line = self.view.cursorRect(cursor)
        return cursor.position(), -line.top() / max(1, line.height())

    def _go_back_to(self, place: tuple[int, float]) -> None:
        position, above = place
        from PySide6.QtGui import QTextCursor  # its class and enums: not before the first frame

        self.view.document().documentLayout().documentSize()  # the zoomed page laid out, scroll range set
        cursor = QTextCursor(self.view.document())
        cursor.setPosition(min(position, self.view.document().characterCount() - 1))
        line = self.view.cursorRect(cursor)
        bar = self.view.verticalScrollBar()
        bar.setValue(bar.value() + line.top() + round(above * line.height()))


def reading_font(interface: QFont) -> QFont:
    """The page's normal font: the interface's, READING_POINTS or ABOVE_INTERFACE larger if more."""
    font = QFont(interface)
    font.setPointSizeF(max(READING_POINTS, interface.pointSizeF() + ABOVE_INTERFACE))
    return font
