"""The main window: guides on the left, the guide (or the dossier's dashboard) in the middle, its
checklists and the selected item's details on the right, the dossier switcher in the tool bar.

It wires the widgets to the store and holds no data of its own beyond what is on screen: every
change goes through :meth:`MainWindow.change_items` (commit, then undo step, then redraw from what
the store holds). Dossier-level actions live in :mod:`coopguide.ui.dossiers.controller`.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QAction, QCloseEvent, QCursor, QDesktopServices, QKeySequence, QUndoStack
from PySide6.QtWidgets import QApplication, QMainWindow, QMessageBox, QSplitter, QToolTip, QVBoxLayout, QWidget

from coopguide import APP_NAME
from coopguide.core.content.cache import LoadedContent
from coopguide.core.content.item_boxes import fill_items, plain_text
from coopguide.core.shared import paths
from coopguide.core.shared.dates import now_iso
from coopguide.core.store import Store
from coopguide.core.store.progress import NOT_APPLICABLE, TODO, ItemProgress, ResolvedProgress, resolve
from coopguide.ui import theme
from coopguide.ui.a11y import FocusRings, announce
from coopguide.ui.checklist_model import ChecklistModel
from coopguide.ui.checklist_panel import ChecklistPanel
from coopguide.ui.dossiers.controller import DossierActions
from coopguide.ui.errors import reported_errors
from coopguide.ui.find_bar import FindBar
from coopguide.ui.glossary_hover import GlossaryHover
from coopguide.ui.guide_tree import GuideTree
from coopguide.ui.guide_view import GuideView
from coopguide.ui.help_menu import install_help_menu
from coopguide.ui.navigation.controller import DASHBOARD, Navigation
from coopguide.ui.print_menu import PrintContext, build_print_menu
from coopguide.ui.seances.menu import install_seance_menu
from coopguide.ui.window_settings import SETTINGS_FILE, WindowSettings

TICKER_KEY = "coche_par:{}"  # per dossier: the member ticking on this computer


class MainWindow(DossierActions, Navigation, QMainWindow):
    def __init__(self, store: Store, loaded: LoadedContent, data_dir: Path, parent=None):
        super().__init__(parent)
        self.store = store
        self.content = loaded.content
        self.templates = loaded.html
        self.settings = WindowSettings(data_dir / SETTINGS_FILE)
        self.current_guide_id: str | None = None
        self.showing_dashboard = False
        self.resolved = ResolvedProgress({}, ())
        self.dossier_id = self._initial_dossier()
        self.undo_stack = QUndoStack(self)
        self.setWindowTitle(APP_NAME)
        app = QApplication.instance()
        theme.apply_appearance(app, self.settings.appearance)
        self.theme_watcher = theme.ThemeWatcher(app, self)

        self.tree = GuideTree(self.content)
        css = (paths.resources_dir() / "style" / "guide.css").read_text(encoding="utf-8")
        self.view = GuideView(paths.content_dir(), css)
        self.model = ChecklistModel(self._commit_state, self)
        self.model.read_only = store.read_only
        self.panel = ChecklistPanel(self.model, self.change_item)
        self.panel.set_read_only(store.read_only)
        reading = QWidget()  # the page and, under it, the Ctrl+F find bar
        column = QVBoxLayout(reading)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self.view)
        self.find_bar = FindBar(self.view)
        column.addWidget(self.find_bar)
        self.glossary_hover = GlossaryHover(self.view, self.content.glossary())
        self.search_dialog = None
        self.search_cache = data_dir / "cache"  # the folder app.py gives content_cache
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        for widget, stretch in ((self.tree, 0), (reading, 1), (self.panel, 0)):
            self.splitter.addWidget(widget)
            self.splitter.setStretchFactor(self.splitter.count() - 1, stretch)
        self.splitter.setSizes([260, 620, 380])
        self.setCentralWidget(self.splitter)
        self.build_dossier_ui()
        self._build_edit_actions()
        self.build_navigation()
        self.print_menu = build_print_menu(
            self,
            PrintContext(
                content=lambda: self.content,
                templates=lambda: self.templates,
                guide_id=lambda: self.current_guide_id,
                checklist_id=lambda: c.id if (c := self.panel.current_checklist()) else None,
                dossier=lambda: (self.dossier_id, self.store.dossier(self.dossier_id).name),
                store=lambda: self.store,
            ),
        )
        self.menuBar().addMenu(self.print_menu)
        install_seance_menu(self)
        install_help_menu(self)  # « Aide › Raccourcis clavier » (F1)
        self.focus_rings = FocusRings(self)  # a visible ring around the focused list or page
        self.view_menu.addSeparator()
        self.view_menu.addMenu(theme.appearance_menu(self, self.settings.appearance, self._remember_appearance))
        self.theme_watcher.changed.connect(lambda: self.view.apply_colours(theme.colours()))

        self.tree.guideSelected.connect(self.show_guide)
        self.view.linkActivated.connect(self.follow_link)
        self.panel.itemChosen.connect(self._show_item_details)
        self.panel.ticker.currentIndexChanged.connect(self._remember_ticker)
        self.resolved = resolve(self.store.item_rows(self.dossier_id), self.content)  # for the first guide's list
        self._restore_settings()  # shows the last guide, which redraws everything from the store
        if self.current_guide_id is None:  # no guide to show: the tree and the details still need it
            self.load_progress()

    def _build_edit_actions(self) -> None:
        menu = self.menuBar().addMenu(self.tr("Édi&tion"))
        self.undo_action = self.undo_stack.createUndoAction(self, self.tr("Annuler"))
        self.undo_action.setShortcut(QKeySequence.StandardKey.Undo)
        self.redo_action = self.undo_stack.createRedoAction(self, self.tr("Rétablir"))
        redo_keys = [QKeySequence("Ctrl+Y"), *QKeySequence.keyBindings(QKeySequence.StandardKey.Redo)]
        # Ctrl+Y everywhere, plus the platform's own redo key; a key listed twice would be ambiguous.
        self.redo_action.setShortcuts(list(dict.fromkeys(redo_keys, None)))
        menu.addAction(self.undo_action)
        menu.addAction(self.redo_action)
        menu.addSeparator()
        for text, slot, keys in (
            ("Chercher dans la page…", self.find_bar.open_bar, QKeySequence.keyBindings(QKeySequence.StandardKey.Find)),
            ("Résultat suivant", self.find_bar.find_next, QKeySequence.keyBindings(QKeySequence.StandardKey.FindNext)),
            (
                "Résultat précédent",
                self.find_bar.find_previous,
                QKeySequence.keyBindings(QKeySequence.StandardKey.FindPrevious),
            ),
            ("Rechercher partout…", self.open_search, [QKeySequence("Ctrl+K"), QKeySequence("Ctrl+Shift+F")]),
        ):
            action = QAction(self.tr(text), self)
            action.setShortcuts(keys)
            action.triggered.connect(slot)
            menu.addAction(action)
            self.addAction(action)
        glossary = QAction(self.tr("Glossaire de A à Z"), self)
        glossary.triggered.connect(self.show_glossary_page)
        menu.addAction(glossary)
        self.checklist_menu = self.menuBar().addMenu(self.tr("&Check-list"))
        self.reset_action = QAction(self.tr("Réinitialiser la check-list…"), self)
        self.reset_action.triggered.connect(self.ask_reset_checklist)
        self.reset_action.setEnabled(not self.store.read_only)
        self.checklist_menu.addAction(self.reset_action)
        for action in (self.undo_action, self.redo_action):
            self.addAction(action)

    # -- progress ------------------------------------------------------------------------------
    def load_progress(self) -> None:
        """Read the dossier's progress from the store and redraw everything that shows it."""
        self.resolved = resolve(self.store.item_rows(self.dossier_id), self.content)
        self.model.set_progress(self.resolved.by_item)
        complete = self.resolved.complete_ids()
        self.tree.set_progress(complete)
        if self.showing_dashboard:
            self.view.show_html(self.dashboard_page(), keep_position=True)
        elif self.current_guide_id:
            na = {i for i, p in self.resolved.by_item.items() if p.state == NOT_APPLICABLE}
            self.view.show_html(
                fill_items(self.templates.get(self.current_guide_id, ""), complete, na), keep_position=True
            )
        self._show_item_details(self.panel.current_item_id())

    def dashboard_page(self) -> str:
        from coopguide.core.dashboard import build_dashboard, dashboard_html  # with render: off the start path

        board = build_dashboard(self.content, self.resolved, self.store.dossier(self.dossier_id), dt.date.today())
        return dashboard_html(board)

    def members(self) -> tuple[str, ...]:
        dossier = self.store.dossier(self.dossier_id)
        return dossier.members if dossier else ()

    def write_rows(self, dossier_id: int, rows: list[ItemProgress], action: str) -> bool:
        """Write rows (undo/redo); shows the dossier they belong to."""
        with reported_errors(self) as outcome:
            self.store.save_items(dossier_id, rows, f"{action} la modification")
        if outcome.failed:
            return False
        if dossier_id != self.dossier_id:
            self.switch_dossier(dossier_id)
        else:
            self.load_progress()
        return True

    def change_item(self, item_id: str, changes: dict, label: str) -> bool:
        """One user edit of one item (state, note, due date, assignee): commit, record undo, redraw."""
        before = self.resolved.get(item_id)
        state = changes.get("state")
        after = before.with_changes(item_id=item_id, **{k: v for k, v in changes.items() if k != "state"})
        if state is not None:
            after = after.with_state(state, self.panel.ticker.currentData() or "", now_iso())
        item = self.content.items().get(item_id)
        after = after.with_changes(
            item_text=item.text if item else after.item_text, content_edition=self.content.edition
        )
        with reported_errors(self) as outcome:
            saved = self.store.save_items(self.dossier_id, [after], "enregistrer l'élément")
        if outcome.failed:
            return False
        text = f"{label} « {plain_text(after.item_text)[:40]} »" if after.item_text else label
        from coopguide.ui.dossiers.undo import ItemsCommand  # at the first edit: off the start path

        self.undo_stack.push(ItemsCommand(self, self.dossier_id, [before], saved, text))
        self.load_progress()
        return True

    def _commit_state(self, item_id: str, state: str) -> bool:
        label = {TODO: self.tr("décocher"), NOT_APPLICABLE: self.tr("marquer non applicable")}.get(
            state, self.tr("cocher")
        )
        if not self.change_item(item_id, {"state": state}, label):
            return False
        self.statusBar().showMessage(
            self.tr("Enregistré.") if state != TODO else self.tr("Case décochée, enregistré."), 3000
        )
        item = self.content.items().get(item_id)
        done = {TODO: self.tr("Décoché"), NOT_APPLICABLE: self.tr("Non applicable")}.get(state, self.tr("Coché"))
        announce(self.view, f"{done} : {plain_text(item.text)}" if item else done)  # for screen readers
        return True

    def _show_item_details(self, item_id: str | None) -> None:
        item = self.content.items().get(item_id) if item_id else None
        self.panel.editor.show_item(item, self.resolved.get(item_id) if item else None, self.members())

    def _remember_ticker(self) -> None:
        if not self.store.read_only and self.panel.ticker.count():
            with reported_errors(self, status_bar=self.statusBar()):
                self.store.set_setting(TICKER_KEY.format(self.dossier_id), self.panel.ticker.currentData() or "")

    def refresh_members(self) -> None:
        self.panel.set_members(self.members(), self.store.setting(TICKER_KEY.format(self.dossier_id), ""))

    # -- guides and dashboard ------------------------------------------------------------------
    def show_guide(self, guide_id: str, force: bool = False) -> None:
        guide = self.content.guides.get(guide_id)
        if guide is None or (guide_id == self.current_guide_id and not force and not self.showing_dashboard):
            return
        self.panel.editor.save_note()
        self.showing_dashboard = False
        self.current_guide_id = guide_id
        self.model.set_checklists(list(guide.checklists), self.resolved.by_item)
        self.panel.title.setText(guide.title)
        self.tree.select_guide(guide_id)
        self.view.show_html("")
        self.load_progress()
        self.view.verticalScrollBar().setValue(0)
        self.setWindowTitle(f"{guide.title} — {APP_NAME}")
        self.fill_toc(guide)
        self.record_visit(guide_id)

    def show_dashboard(self) -> None:
        self.panel.editor.save_note()
        self.showing_dashboard = True
        self.view.show_html(self.dashboard_page())
        self.fill_toc(None)
        self.setWindowTitle(self.tr("Tableau de bord — %1").replace("%1", APP_NAME))
        self.record_visit(DASHBOARD)

    # -- search and glossary -------------------------------------------------------------------
    def _search(self):
        if self.search_dialog is None:
            from coopguide.ui.search_dialog import SearchDialog  # off the start path (a test checks it)

            self.search_dialog = SearchDialog(self.content, self.search_cache, self)  # index built in a thread
            self.search_dialog.linkChosen.connect(self.follow_link)
        return self.search_dialog

    def open_search(self) -> None:
        self._search().open_search()

    def show_glossary_page(self) -> None:
        from coopguide.core.content.glossary_page import glossary_page_html  # with french_text: off the start path

        self.panel.editor.save_note()
        self.showing_dashboard = False
        self.current_guide_id = None  # not a guide: choosing any guide afterwards shows it again
        self.view.show_html(glossary_page_html(self.content))
        self.fill_toc(None)
        self.setWindowTitle(self.tr("Glossaire de A à Z — %1").replace("%1", APP_NAME))

    # -- links ---------------------------------------------------------------------------------
    def follow_link(self, target: str) -> None:
        scheme, _, rest = target.partition(":")
        if target.startswith("#"):
            self.view.scrollToAnchor(target[1:])
        elif scheme == "cocher":
            self.model.toggle(rest)
        elif scheme == "guide":
            guide_id, _, anchor = rest.partition("#")
            self.show_guide(guide_id)
            if anchor:
                self.view.scrollToAnchor(anchor)
        elif scheme == "item":
            guide = self.content.guide_of_item(rest)
            if guide:
                self.show_guide(guide.id)
                self.panel.select_item(rest)
        elif scheme == "glossaire":
            term = self.content.glossary().get(rest)
            if term:  # next to the link when it was chosen with Tab and Enter, else at the mouse
                from coopguide.core.content.glossary_page import tooltip_html

                QToolTip.showText(self.view.focused_link_point() or QCursor.pos(), tooltip_html(term), self.view)
        elif scheme in ("http", "https", "mailto"):
            self.open_external(target)

    def open_external(self, address: str) -> None:
        answer = QMessageBox.question(
            self,
            self.tr("Ouvrir une adresse Internet"),
            self.tr("Ce lien ouvre votre navigateur à l'adresse :\n\n%1\n\nL'ouvrir ?").replace("%1", address),
        )
        if answer == QMessageBox.StandardButton.Yes:
            QDesktopServices.openUrl(QUrl(address))

    # -- settings ------------------------------------------------------------------------------
    def _restore_settings(self) -> None:
        geometry = self.settings.geometry
        if geometry is None or not self.restoreGeometry(geometry):
            self.resize(1280, 800)
        splitter = self.settings.splitter
        if splitter is not None:
            self.splitter.restoreState(splitter)
        last = self.settings.last_guide
        self.show_guide(last if last in self.content.guides else self.content.first_guide_id() or "")

    def _remember_appearance(self, choice: str) -> None:
        self.settings.appearance = choice

    def closeEvent(self, event: QCloseEvent) -> None:
        self.panel.editor.save_note()
        # Python-made undo steps must go before Qt tears the window down at interpreter exit
        # (PySide6 otherwise may free them twice: "none_dealloc" crash seen in benchmarks/dossiers.py).
        self.undo_stack.clear()
        self.settings.geometry = self.saveGeometry()
        self.settings.splitter = self.splitter.saveState()
        if self.current_guide_id:
            self.settings.last_guide = self.current_guide_id
        self.settings.sync()
        super().closeEvent(event)
