"""Moving around, mixed into the main window: back/forward (Alt+← / Alt+→) like a browser, bookmarks
and recent guides (kept in the user database, so they survive a restart), the text zoom
(Ctrl++ / Ctrl+- / Ctrl+0, remembered), and F6 / Shift+F6 to move the keyboard focus from one part
of the window to the next (guides, page, check-list, item details)."""

from __future__ import annotations

import contextlib

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication, QComboBox, QLabel, QMenu, QToolBar

from coopguide.core.content.toc import table_of_contents
from coopguide.core.shared.errors import KnownError
from coopguide.ui.errors import reported_errors

DASHBOARD = "tableau-de-bord"
ZOOM_LIMITS = (-4, 12)


class Navigation:
    """Needs from the window: store, content, settings, view, show_guide, show_dashboard."""

    def build_navigation(self) -> None:
        self._history: list[str] = []
        self._position = -1
        self._moving = False
        self.zoom_steps = 0
        menu = self.menuBar().addMenu(self.tr("&Aller"))
        self.back_action = self._nav_action(menu, "Précédent", self.go_back, QKeySequence.StandardKey.Back)
        self.forward_action = self._nav_action(menu, "Suivant", self.go_forward, QKeySequence.StandardKey.Forward)
        menu.addSeparator()
        self.bookmark_action = self._nav_action(
            menu, "Ajouter ce guide aux favoris", self.toggle_bookmark, QKeySequence("Ctrl+B")
        )
        self.bookmarks_menu = QMenu(self.tr("Favoris"), self)
        self.bookmarks_menu.aboutToShow.connect(self._fill_bookmarks)
        menu.addMenu(self.bookmarks_menu)
        self.recent_menu = QMenu(self.tr("Guides récents"), self)
        self.recent_menu.aboutToShow.connect(self._fill_recent)
        menu.addMenu(self.recent_menu)
        menu.addSeparator()
        self._nav_action(
            menu, "Zone suivante (guides, page, check-list, détails)", lambda: self.focus_zone(1), QKeySequence("F6")
        )
        self._nav_action(menu, "Zone précédente", lambda: self.focus_zone(-1), QKeySequence("Shift+F6"))
        view_menu = self.view_menu = self.menuBar().addMenu(self.tr("Affic&hage"))
        self._nav_action(
            view_menu,
            "Agrandir le texte",
            lambda: self.zoom(1),
            QKeySequence.StandardKey.ZoomIn,
            QKeySequence("Ctrl+="),
        )
        self._nav_action(view_menu, "Réduire le texte", lambda: self.zoom(-1), QKeySequence.StandardKey.ZoomOut)
        self._nav_action(view_menu, "Taille normale", lambda: self.zoom(-self.zoom_steps), QKeySequence("Ctrl+0"))
        self.zoom(self.settings.zoom)
        self._update_nav_actions()
        toolbar = QToolBar(self.tr("Sommaire"))
        toolbar.setObjectName("barre-sommaire")
        toolbar.setMovable(False)
        self.toc_box = QComboBox()
        self.toc_box.setMinimumContentsLength(30)
        self.toc_box.setAccessibleName(self.tr("Sommaire du guide : aller à une partie"))
        label = QLabel(self.tr("  Aller à : "))
        label.setBuddy(self.toc_box)
        toolbar.addWidget(label)
        toolbar.addWidget(self.toc_box)
        self.addToolBar(toolbar)
        self.toc_box.activated.connect(self._on_toc_chosen)

    def fill_toc(self, guide) -> None:
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

    def _nav_action(self, menu: QMenu, text: str, slot, *keys) -> QAction:
        action = QAction(self.tr(text), self)
        action.triggered.connect(slot)
        shortcuts = []
        for key in keys:
            shortcuts.extend(QKeySequence.keyBindings(key) if isinstance(key, QKeySequence.StandardKey) else [key])
        # Backspace is a "Back" binding on some platforms: too easy to hit while reading a list.
        action.setShortcuts([k for k in dict.fromkeys(shortcuts) if k.toString() != "Backspace"])
        menu.addAction(action)
        self.addAction(action)
        return action

    def focus_zone(self, step: int) -> None:
        """F6 / Shift+F6: the keyboard focus to the next (previous) part of the window: guides, page,
        check-list, details of the chosen item; parts hidden or disabled are skipped."""
        zones = [
            (self.tree, self.tree),
            (self.view.parentWidget(), self.view),
            (self.panel.tree, self.panel.tree),
            (self.panel.editor, self.panel.editor.state),
        ]
        zones = [(area, target) for area, target in zones if target.isVisible() and target.isEnabled()]
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
            zones[index % len(zones)][1].setFocus(Qt.FocusReason.TabFocusReason)

    # -- history -------------------------------------------------------------------------------
    def record_visit(self, location: str) -> None:
        """Called each time a guide or the dashboard is shown."""
        if not self._moving and (not self._history or self._history[self._position] != location):
            del self._history[self._position + 1 :]
            self._history.append(location)
            self._position = len(self._history) - 1
        if location != DASHBOARD and not self.store.read_only:
            with contextlib.suppress(KnownError):  # a full disk must not stop reading; ticks report it
                self.store.touch_recent(location)
        self._update_nav_actions()

    def go_back(self) -> None:
        self._go(self._position - 1)

    def go_forward(self) -> None:
        self._go(self._position + 1)

    def _go(self, position: int) -> None:
        if not 0 <= position < len(self._history):
            return
        self._moving = True
        try:
            self._position = position
            location = self._history[position]
            if location == DASHBOARD:
                self.show_dashboard()
            else:
                self.show_guide(location)
        finally:
            self._moving = False
        self._update_nav_actions()

    def _update_nav_actions(self) -> None:
        self.back_action.setEnabled(self._position > 0)
        self.forward_action.setEnabled(self._position < len(self._history) - 1)
        marked = self.current_guide_id in {target for target, _ in self.store.bookmarks()}
        self.bookmark_action.setText(
            self.tr("Retirer ce guide des favoris") if marked else self.tr("Ajouter ce guide aux favoris")
        )

    # -- bookmarks and recent guides -----------------------------------------------------------
    def toggle_bookmark(self) -> None:
        guide = self.content.guides.get(self.current_guide_id or "")
        if guide is None:
            return
        with reported_errors(self, status_bar=self.statusBar()):
            if guide.id in {target for target, _ in self.store.bookmarks()}:
                self.store.remove_bookmark(guide.id)
                self.statusBar().showMessage(self.tr("Retiré des favoris."), 3000)
            else:
                self.store.add_bookmark(guide.id, guide.title)
                self.statusBar().showMessage(self.tr("Ajouté aux favoris (menu Aller › Favoris)."), 3000)
        self._update_nav_actions()

    def _fill_bookmarks(self) -> None:
        self._fill_guide_menu(
            self.bookmarks_menu,
            [target for target, _ in self.store.bookmarks()],
            self.tr("Aucun favori : Ctrl+B ajoute le guide affiché."),
        )

    def _fill_recent(self) -> None:
        self._fill_guide_menu(self.recent_menu, self.store.recent_guides(), self.tr("Aucun guide ouvert récemment."))

    def _fill_guide_menu(self, menu: QMenu, guide_ids: list[str], empty: str) -> None:
        menu.clear()
        guides = [self.content.guides[g] for g in guide_ids if g in self.content.guides]
        for guide in guides:
            menu.addAction(guide.title, lambda g=guide.id: self.show_guide(g))
        if not guides:
            menu.addAction(empty).setEnabled(False)

    # -- zoom ----------------------------------------------------------------------------------
    def zoom(self, steps: int) -> None:
        steps = max(ZOOM_LIMITS[0] - self.zoom_steps, min(ZOOM_LIMITS[1] - self.zoom_steps, steps))
        if steps > 0:
            self.view.zoomIn(steps)
        elif steps < 0:
            self.view.zoomOut(-steps)
        self.zoom_steps += steps
        self.settings.zoom = self.zoom_steps
