"""The main window: guides on the left, the guide (or the dossier's dashboard) in the middle, its
checklists and the selected item's details on the right, the dossier switcher in the tool bar.

The window owns the widgets and shows pages; it holds no data of its own. What it shows comes from
:class:`~coopguide.ui.reading_state.ReadingState` (current dossier, its progress, the page): it
redraws everything on ``progressChanged`` and, after a tick or an item edit, only that item on
``itemsChanged`` (its box in the page, its row, the progress bars, its guide's count). Each feature
is an object given what it needs:

- :class:`~coopguide.ui.checklist_edits.ChecklistEdits`: every edit of an item (commit, undo step);
- :class:`~coopguide.ui.dossiers.controller.DossierController`: « Fichier », « Dossier », the switcher;
- :class:`~coopguide.ui.navigation.controller.NavigationController`: « Aller », zoom, « Aller à »;
- :class:`~coopguide.ui.print_menu.PrintMenu`, :class:`~coopguide.ui.seances.menu.SeanceMenu`,
  :class:`~coopguide.ui.help_menu.HelpMenu` and :func:`coopguide.ui.theme.appearance_actions`.

Each hands over its actions by name, and :data:`MENU_BAR` below lays out the whole menu bar.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6 import QtCore, QtWidgets  # not Qt itself: see tests/ui/test_start_path.py
from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import (
    QAction,
    QCloseEvent,
    QCursor,
    QDesktopServices,
    QKeySequence,
    QResizeEvent,
    QUndoStack,
)
from PySide6.QtWidgets import (
    QLabel,
    QMainWindow,
    QSplitter,
    QToolBar,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from coopguide import APP_NAME
from coopguide.core.content.cache import LoadedContent
from coopguide.core.content.item_boxes import fill_items
from coopguide.core.shared import paths
from coopguide.core.store import Store
from coopguide.core.store.progress import NOT_APPLICABLE
from coopguide.ui import theme
from coopguide.ui.actions import Menu, action, build_menu_bar, build_menu_titles, disable_writes, mark_writes, shortcuts
from coopguide.ui.checklist_edits import ChecklistEdits
from coopguide.ui.dossiers.controller import DossierController, remembered_dossier
from coopguide.ui.errors import ask, reported_errors
from coopguide.ui.guide_tree import GuideTree
from coopguide.ui.guide_view import GuideView
from coopguide.ui.later import Later
from coopguide.ui.navigation.controller import NavigationController
from coopguide.ui.panes import DETAILS, GUIDES, Panes
from coopguide.ui.reading_state import DASHBOARD, GLOSSARY, ReadingState
from coopguide.ui.screen_fit import DialogFitter, fit_tool_bars, place_main_window
from coopguide.ui.window_settings import SETTINGS_FILE, WindowSettings

if TYPE_CHECKING:
    from collections.abc import Callable

    from coopguide.core import dashboard
    from coopguide.core.content import glossary_page
    from coopguide.core.content.model import Checklist
    from coopguide.ui import (
        a11y,
        checklist_model,
        checklist_panel,
        find_bar,
        glossary_hover,
        page_boxes,
        search_dialog,
        search_highlight,
    )
    from coopguide.ui.checklist_model import ChecklistModel
    from coopguide.ui.checklist_panel import ChecklistPanel
    from coopguide.ui.find_bar import FindBar
    from coopguide.ui.help_menu import HelpMenu
    from coopguide.ui.print_menu import PrintContext, PrintMenu
    from coopguide.ui.seances.menu import SeanceMenu
else:  # each loaded the first time it is used
    # What the first frame does not show, built by MainWindow.complete once it is painted:
    checklist_model = Later("coopguide.ui.checklist_model")
    checklist_panel = Later("coopguide.ui.checklist_panel")
    find_bar = Later("coopguide.ui.find_bar")
    a11y = Later("coopguide.ui.a11y")
    glossary_hover = Later("coopguide.ui.glossary_hover")
    dashboard = Later("coopguide.core.dashboard")
    page_boxes = Later("coopguide.ui.page_boxes")  # at the first tick
    glossary_page = Later("coopguide.core.content.glossary_page")
    search_dialog = Later("coopguide.ui.search_dialog")
    search_highlight = Later("coopguide.ui.search_highlight")

TICKER_KEY = "coche_par:{}"  # in the database, per dossier: the member ticking on this computer

# The whole menu bar, in reading order: each name is an action a feature hands over (see
# coopguide.ui.actions); None is a separator.
# fmt: off
MENU_BAR = (
    Menu("file", "&Fichier", ("dossier.import", "dossier.import_folder", None, "dossier.export",
                              "dossier.export_many", None, "app.quit")),
    Menu("dossier", "&Dossier", ("dossier.dashboard", "dossier.next_actions", None, "dossier.new", "dossier.edit",
                                 "dossier.scope", "dossier.key_dates",
                                 "dossier.duplicate", "dossier.archive", None, "dossier.delete", "dossier.trash")),
    Menu("edit", "Édi&tion", ("edit.undo", "edit.redo", None, "find.open", "find.next", "find.previous",
                              "search.open", "glossary.page")),
    Menu("checklist", "&Check-list", ("checklist.reset",)),
    Menu("go", "&Aller", ("go.back", "go.forward", None, "bookmark.toggle",
                          Menu("go.bookmarks", "Favoris"),  # both filled when opened
                          Menu("go.recent", "Guides récents"),
                          None, "focus.next", "focus.previous")),
    Menu("view", "Affic&hage", ("zoom.in", "zoom.out", "zoom.reset", None, "view.guides", "view.details", None,
                                Menu("view.appearance", "Apparence",
                                     ("appearance.systeme", "appearance.clair", "appearance.sombre")))),
    Menu("print", "&Imprimer", (
        Menu("print.guide", "Guide", ("print.guide.preview", "print.guide.print", "print.guide.pdf")),
        Menu("print.blank", "Check-list vierge", ("print.blank.preview", "print.blank.print", "print.blank.pdf")),
        Menu("print.filled", "Check-list remplie", ("print.filled.preview", "print.filled.print", "print.filled.pdf")),
        Menu("print.next", "Prochaines actions (une page)",
             ("print.next.preview", "print.next.print", "print.next.pdf")),
        None, "print.pack",
        None, Menu("print.paper", "Format du papier", ("paper.a4", "paper.letter")))),
    Menu("seance", "&Séance", ("seance.present", None, "seance.prepare", "seance.overview", "seance.log")),
    Menu("help", "Aid&e", ("help.start", "help.compare", None, "help.shortcuts")),
)
# fmt: on


def column_widths(width: int) -> list[int]:
    """First widths of the guides, the page and the check-list: on a narrow screen the side columns
    give way first, so the page keeps a readable column (at 1024 pixels: 204, 513, 307)."""
    guides = max(160, min(260, width // 5))
    checklist = max(280, min(380, width * 3 // 10))
    return [guides, max(320, width - guides - checklist), checklist]


class _CompleteFirst(QObject):
    """Until the window is completed, a key that may be a shortcut completes it first.

    Qt sends ShortcutOverride to the focused widget, and up to the window while no widget takes it,
    before it looks the key up among the shortcuts: the actions made by :meth:`MainWindow.complete`
    are there by then, so the key does what it says. Removed by complete()."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self._window = window
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ShortcutOverride:
            self._window.complete()
        return False


class MainWindow(QMainWindow):
    """Built in two steps. The first builds what the first frame shows: the menu bar's titles, the
    tool bars and their actions, the guide list and the last guide read, its column on the right
    left blank. :meth:`complete` builds the rest: the menus' entries and the actions no tool bar
    shows (print, séance, help, appearance, undo, find, quit…), the check-list panel and the item's
    details in that column, the find bar under the page, the glossary definitions on hover and the
    focus rings.

    ``complete=False`` stops after the first step, for ``ui/app.py`` to call :meth:`complete` once
    that frame is painted; tests, scripts and benchmarks get the whole window at once. In between
    the window works and no key or click is lost: a menu opened, or a key that may be a shortcut
    (:class:`_CompleteFirst`), completes the window first, and so does whatever needs the panel or
    the find bar (a box ticked in the page, a search result…); what only redraws the panel leaves
    it to :meth:`complete`, which shows the state then."""

    # made by complete()
    model: ChecklistModel
    panel: ChecklistPanel
    find_bar: FindBar
    printing: PrintMenu
    seances: SeanceMenu
    help: HelpMenu

    def __init__(
        self,
        store: Store,
        loaded: LoadedContent,
        data_dir: Path,
        parent: QWidget | None = None,
        *,
        complete: bool = True,
    ) -> None:
        super().__init__(parent)
        self._show_maximised = False  # set by _restore_settings, used once by show()
        self.store = store
        self.content = loaded.content
        self.content_key = loaded.key  # the search index is keyed on it: no digest of the content
        self.templates = loaded.html
        self.settings = WindowSettings(data_dir / SETTINGS_FILE)
        self.state = ReadingState(store, self.content, remembered_dossier(store), self)
        self.undo_stack = QUndoStack(self)
        self.setWindowTitle(APP_NAME)
        self.completed = False
        app = theme.application()
        if self.settings.appearance != theme.SYSTEM:  # the system's own changes nothing on screen
            theme.apply_appearance(app, self.settings.appearance)  # before complete() (see there)
        self.theme_watcher = theme.ThemeWatcher(app, self)

        self.tree = GuideTree(self.content, complete=False)  # completed by complete()
        css = (paths.resources_dir() / "style" / "guide.css").read_text(encoding="utf-8")
        self.view = GuideView(paths.content_dir(), css)
        self._page_boxes: page_boxes.PageBoxes | None = None
        self.edits = ChecklistEdits(self, self.state, self.undo_stack, self._who_ticks, self.view)
        self.reading = QWidget()  # the page and, under it, the Ctrl+F find bar (made by complete)
        column = QVBoxLayout(self.reading)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self.view)
        self.glossary_hover: glossary_hover.GlossaryHover | None = None  # built by complete()
        self.focus_rings: a11y.FocusRings | None = None  # likewise
        self.search_dialog: search_dialog.SearchDialog | None = None
        self.page_highlight: search_highlight.PageHighlight | None = None  # the searched words, in the page
        self.search_cache = data_dir / "cache"  # the folder app.py gives content_cache
        self.splitter = QSplitter()  # horizontal
        # The check-list's column, blank until complete() puts the panel in its place: the page
        # and the guides do not move when it comes.
        for widget, stretch in ((self.tree, 0), (self.reading, 1), (QWidget(), 0)):
            self.splitter.addWidget(widget)
            self.splitter.setStretchFactor(self.splitter.count() - 1, stretch)
        self.splitter.setCollapsible(1, False)  # the page stays; the guides and the check-list may go
        self.setCentralWidget(self.splitter)
        self.fitter = DialogFitter(self)  # every dialog opened over the window fits the screen

        self.dossiers = DossierController(self, self.state, self.edits, self._current_checklist, self.show_dashboard)
        self.navigation = NavigationController(self, self.state, self.view, self.settings, self.show_page, [])
        # Both controllers' bars, at the top. Not findChildren(QToolBar): wrapping every child has
        # PySide6 make the Python class of each widget type (~3 ms), which the first frame need not pay.
        self.top_tool_bars = [self.dossiers.tool_bar, self.navigation.tool_bar]
        self.panes = Panes(self, self.settings, {GUIDES: self.tree.setVisible, DETAILS: self._show_details})
        # The first frame shows the menus' titles; their entries, and the actions no tool bar shows
        # (print, séance, help, appearance, the window's own), are made by complete(): ~2 ms and
        # four modules less before that frame. A menu opened or a key typed earlier completes the
        # window first (_CompleteFirst), so no command is ever missing.
        self.named_actions = {**self.dossiers.actions(), **self.navigation.actions(), **self.panes.actions()}
        self.menus = build_menu_titles(self.menuBar(), MENU_BAR)
        for menu in self.menus.values():
            menu.aboutToShow.connect(self.complete)
        if store.read_only:
            disable_writes(self.named_actions)
        self.addActions(list(self.named_actions.values()))  # their keys work with the menu bar hidden
        self._complete_first: _CompleteFirst | None = _CompleteFirst(self)
        if store.read_only:
            banner = QLabel(self.tr("Lecture seule : les cases cochées ne peuvent pas être enregistrées."))
            banner.setStyleSheet("font-weight: bold;")
            theme.paint_label(banner, "alert")
            self.statusBar().addPermanentWidget(banner)

        self.theme_watcher.changed.connect(lambda: self.view.apply_colours(theme.colours()))
        self.state.dossierChanged.connect(self.refresh_members)
        self.state.progressChanged.connect(self.redraw)
        self.state.itemsChanged.connect(self.redraw_items)
        self.tree.guideSelected.connect(self.show_guide)
        self.view.linkActivated.connect(self.follow_link)
        self._restore_settings()  # the last guide: its page, and its guide chosen in the list
        if complete:
            self.complete()

    def complete(self) -> MainWindow:
        """Build what the first frame does not show (see the class docstring), once; returns the
        window. The panel takes the blank column as it is: nothing the user sees moves."""
        if self.completed:
            return self
        self.completed = True
        store = self.store
        self._build_menus()
        if self.settings.appearance == theme.SYSTEM:
            # On Fusion it makes the check boxes visible, and the first frame has none: its style
            # classes (~5 ms) came after it. Anywhere else it changes nothing.
            theme.apply_appearance(theme.application(), theme.SYSTEM)
        self.model = checklist_model.ChecklistModel(self.edits.tick, self)
        self.model.read_only = store.read_only
        self.tree.complete()
        self.panel = checklist_panel.ChecklistPanel(self.model, self.edits.change_item)
        # due dates relative to a key date: the kinds of the content, the dossier's dates
        self.panel.editor.key_dates = lambda: (self.content.key_dates, self.store.key_dates.list(self.state.dossier_id))
        self.panel.set_read_only(store.read_only)
        self.panel.show_details(DETAILS not in self.settings.hidden_panes)
        blank = self.splitter.replaceWidget(2, self.panel)
        if blank is not None:
            blank.deleteLater()  # not at once: it may be the receiver of the event being handled
        self.find_bar = find_bar.FindBar(self.view)
        layout = self.reading.layout()
        assert layout is not None
        layout.addWidget(self.find_bar)
        self._tool_bars_last_in_tab_order()
        self.navigation.zones = [
            (self.tree, self.tree),
            (self.reading, self.view),
            (self.panel.tree, self.panel.tree),
            (self.panel.editor, self.panel.editor.state),
        ]
        self.state.dossierAboutToChange.connect(self.panel.editor.save_note)
        self.panel.itemChosen.connect(self._show_item_details)
        self.panel.followRequested.connect(self.follow_checklists)
        self.panel.ticker.currentIndexChanged.connect(self._remember_ticker)
        self.refresh_members()
        guide = self.state.guide
        if guide is not None and self.state.page == guide.id:
            self.panel.title.setText(guide.title)
            self.model.set_checklists(list(guide.checklists), self.state.resolved.by_item)
        self._show_unfollowed()
        self._show_item_details(None)
        self.glossary_hover = glossary_hover.GlossaryHover(self.view, self.content.glossary())
        self.focus_rings = a11y.FocusRings(self)  # a visible ring around the focused list or page
        return self

    def _build_menus(self) -> None:
        """The menus' entries and the actions behind them that the first frame goes without."""
        from coopguide.ui.help_menu import HelpMenu
        from coopguide.ui.print_menu import PrintMenu
        from coopguide.ui.seances.menu import SeanceMenu

        if self._complete_first is not None:
            self.removeEventFilter(self._complete_first)
            self._complete_first = None
        self.printing = PrintMenu(self, self._print_context(), self.menus["print"])
        self.seances = SeanceMenu(self, self.state, self.edits, self.templates, self.show_section)
        self.help = HelpMenu(self)
        appearance = theme.appearance_actions(self, self.settings.appearance, self._remember_appearance)
        later = {
            **self._window_actions(),
            **appearance,
            **self.printing.actions(),
            **self.seances.actions(),
            **self.help.actions(),
        }
        self.named_actions.update(later)
        self.menus.update(
            build_menu_bar(
                self.menuBar(),
                MENU_BAR,
                self.named_actions,
                read_only=self.store.read_only,
                given={**self.navigation.menus(), **self.printing.menus()},
                tops=self.menus,
            )
        )
        self.addActions(list(later.values()))

    def _tool_bars_last_in_tab_order(self) -> None:
        """Tab goes from the page to the find bar and the panel, then to the tool bars, as when they
        were all built at once: Qt puts a widget given its window late (the find bar, the panel) at
        the end of the window's Tab order, after the tool bars."""
        chain, widget = [], self.nextInFocusChain()
        while widget is not None and widget is not self:
            chain.append(widget)
            widget = widget.nextInFocusChain()
        bars = self.findChildren(QToolBar)
        takes_focus = [w for w in chain if w.focusPolicy() != QtCore.Qt.FocusPolicy.NoFocus]
        last = takes_focus[-1] if takes_focus else None
        for widget in takes_focus:
            if last is not None and any(bar.isAncestorOf(widget) for bar in bars):
                QWidget.setTabOrder(last, widget)
                last = widget

    def _show_details(self, shown: bool) -> None:
        """Affichage › Détails de l'élément (complete() applies the choice made before it)."""
        if self.completed:
            self.panel.show_details(shown)

    def _current_checklist(self) -> Checklist | None:
        return self.complete().panel.current_checklist()

    def _window_actions(self) -> dict[str, QAction]:
        """The window's own commands: undo/redo, finding, the glossary page, quitting."""
        undo = mark_writes(self.undo_stack.createUndoAction(self, self.tr("Annuler")))
        undo.setShortcuts(QKeySequence.keyBindings(QKeySequence.StandardKey.Undo)[:1])
        redo = mark_writes(self.undo_stack.createRedoAction(self, self.tr("Rétablir")))
        # Ctrl+Y everywhere, plus the platform's own redo key.
        redo.setShortcuts(shortcuts("Ctrl+Y", QKeySequence.StandardKey.Redo))

        def find(step: str) -> Callable[[], None]:  # the find bar is made by complete()
            return lambda: getattr(self.complete().find_bar, step)()

        return {
            "edit.undo": undo,
            "edit.redo": redo,
            "find.open": action(self, "Chercher dans la page…", find("open_bar"), QKeySequence.StandardKey.Find),
            "find.next": action(self, "Résultat suivant", find("find_next"), QKeySequence.StandardKey.FindNext),
            "find.previous": action(
                self, "Résultat précédent", find("find_previous"), QKeySequence.StandardKey.FindPrevious
            ),
            "search.open": action(self, "Rechercher partout…", self.open_search, "Ctrl+K", "Ctrl+Shift+F"),
            "glossary.page": action(self, "Glossaire de A à Z", self.show_glossary_page),
            "app.quit": action(self, "Quitter", self.close, QKeySequence.StandardKey.Quit),
        }

    def _print_context(self) -> PrintContext:
        from coopguide.ui.print_menu import PrintContext

        def dossier() -> tuple[int, str] | None:
            current = self.state.dossier()
            return (current.id, current.name) if current else None

        return PrintContext(
            content=lambda: self.content,
            templates=lambda: self.templates,
            guide_id=lambda: self.state.guide_id,
            checklist_id=lambda: c.id if (c := self._current_checklist()) else None,
            dossier=dossier,
            store=lambda: self.store,
        )

    # -- progress ------------------------------------------------------------------------------
    def _followed(self) -> tuple[str, ...] | None:
        """The check-lists the current dossier follows (None: every one)."""
        dossier = self.state.dossier()
        return dossier.scope if dossier is not None else None

    def redraw(self) -> None:
        """Redraw everything that shows the dossier's progress, as ReadingState has it."""
        resolved = self.state.resolved
        complete = resolved.complete_ids()
        self.tree.set_progress(complete, self._followed())
        if self.state.showing_dashboard:
            self.view.show_html(self.dashboard_page(), keep_position=True)
        elif self.state.guide_id:
            self._show_guide_page(complete)
        if self.completed:  # else complete() shows the panel as the state then is
            self.model.set_progress(resolved.by_item)
            self._show_item_details(self.panel.current_item_id())
            self._show_unfollowed()

    def _show_unfollowed(self) -> None:
        """The panel says which of the guide's check-lists the dossier does not follow (its scope)."""
        dossier = self.state.dossier()
        unfollowed = [c for c in self.model.checklists() if dossier and not dossier.follows(c.id)]
        self.panel.set_unfollowed(unfollowed, self.store.read_only)

    def follow_checklists(self, checklist_ids: list[str]) -> None:
        """« Suivre » in the panel: the dossier follows these check-lists too (one store call)."""
        dossier = self.state.dossier()
        if dossier is not None and dossier.scope is not None:
            self.dossiers.set_scope((*dossier.scope, *(c for c in checklist_ids if c not in dossier.scope)))

    def redraw_items(self, item_ids: list[str]) -> None:
        """Redraw only what shows these items (a tick, an item edit, their undo): their rows and
        checklists' counts, the progress bars, their guides in the tree, their boxes in the page
        (the dashboard, a summary of everything, is built again), the details if one is chosen."""
        resolved = self.state.resolved
        if self.completed:
            self.model.update_items(resolved.by_item, item_ids)
        complete = resolved.complete_ids()
        self.tree.update_items(complete, item_ids)
        guide = self.state.guide
        if self.state.showing_dashboard:
            self.view.show_html(self.dashboard_page(), keep_position=True)
        elif guide is not None and self.state.page == guide.id:
            on_page = {item.id for item in guide.items}
            for item_id in item_ids:
                if item_id in on_page and not self.boxes_in_page().set_state(item_id, resolved.get(item_id).state):
                    self._show_guide_page(complete)  # not as expected: the whole page, as on a new page
                    break
        current = self.panel.current_item_id() if self.completed else None
        if current in item_ids:
            self._show_item_details(current)

    def boxes_in_page(self) -> page_boxes.PageBoxes:
        """The boxes of the page on screen, changed in place after a tick (made at the first one)."""
        if self._page_boxes is None:
            self._page_boxes = page_boxes.PageBoxes(self.view)
        return self._page_boxes

    def _show_guide_page(self, complete: set[str], keep_position: bool = True) -> None:
        resolved = self.state.resolved
        na = {i for i, p in resolved.by_item.items() if p.state == NOT_APPLICABLE}
        template = self.templates.get(self.state.guide_id or "", "")
        self.view.show_html(fill_items(template, complete, na), keep_position=keep_position)

    def dashboard_page(self) -> str:
        dossier = self.state.dossier()
        if dossier is None:
            return ""
        key_dates = self.store.key_dates.list(dossier.id)
        board = dashboard.build_dashboard(self.content, self.state.resolved, dossier, dt.date.today(), key_dates)
        return dashboard.dashboard_html(board)

    def _show_item_details(self, item_id: str | None) -> None:
        item = self.content.items().get(item_id) if item_id else None
        progress = self.state.resolved.get(item.id) if item else None
        self.panel.editor.show_item(item, progress, self.state.members())

    # -- who ticks on this computer (kept per dossier, in the database) -------------------------
    def _who_ticks(self) -> str:
        return (self.panel.ticker.currentData() or "") if self.completed else ""

    def refresh_members(self) -> None:
        if not self.completed:
            return
        remembered = self.store.db.setting(TICKER_KEY.format(self.state.dossier_id), "") or ""
        self.panel.set_members(self.state.members(), remembered)

    def _remember_ticker(self) -> None:
        if not self.store.read_only and self.panel.ticker.count():
            with reported_errors(self, in_status_bar=True):
                self.store.db.set_setting(TICKER_KEY.format(self.state.dossier_id), self._who_ticks())

    # -- pages: a guide, the dashboard, the glossary --------------------------------------------
    def show_guide(self, guide_id: str, force: bool = False, reload: bool = True) -> None:
        """Show a guide, its checklists and progress, read again from the store unless ``reload`` is
        False (at start: ReadingState has just read it)."""
        guide = self.content.guides.get(guide_id)
        if guide is None or (guide_id == self.state.page and not force):
            return
        self._save_note()
        self.state.set_page(guide_id)  # first: selecting it in the tree comes back here
        if self.completed:
            self.model.set_checklists(list(guide.checklists), self.state.resolved.by_item)
            self.panel.title.setText(guide.title)
        self.tree.select_guide(guide_id)
        self.view.show_html("")
        if reload:
            self.state.reload()
        else:
            self.redraw()
        self.view.verticalScrollBar().setValue(0)
        self.setWindowTitle(f"{guide.title} — {APP_NAME}")

    def _save_note(self) -> None:
        """A note being typed in the details is saved before another page or dossier is shown."""
        if self.completed:
            self.panel.editor.save_note()

    def show_dashboard(self) -> None:
        self._save_note()
        self.state.set_page(DASHBOARD)
        self.view.show_html(self.dashboard_page())
        self.setWindowTitle(self.tr("Tableau de bord — %1").replace("%1", APP_NAME))

    def show_glossary_page(self) -> None:
        self._save_note()
        self.state.set_page(GLOSSARY)  # not a guide: choosing any guide afterwards shows it again
        self.view.show_html(glossary_page.glossary_page_html(self.content))
        self.setWindowTitle(self.tr("Glossaire de A à Z — %1").replace("%1", APP_NAME))

    def show_page(self, page: str) -> None:
        """A page the navigation goes back to: the dashboard or a guide."""
        if page == DASHBOARD:
            self.show_dashboard()
        else:
            self.show_guide(page)

    def show_section(self, guide_id: str, anchor: str) -> None:
        """Back from the presentation: the guide, scrolled to the section that was shown."""
        self.show_guide(guide_id)
        if anchor:
            self.view.scrollToAnchor(anchor)
        else:
            self.view.verticalScrollBar().setValue(0)
        self.activateWindow()
        self.raise_()

    # -- search and links ----------------------------------------------------------------------
    def search_popup(self) -> search_dialog.SearchDialog:
        """The window's search popup, made (and its index opened, in a thread) the first time."""
        if self.search_dialog is None:
            self.search_dialog = search_dialog.SearchDialog(
                self.content, self.search_cache, self, content_key=self.content_key
            )
            self.search_dialog.linkChosen.connect(self.open_search_result)
        return self.search_dialog

    def open_search(self) -> None:
        self.search_popup().open_search()

    def open_search_result(self, target: str) -> None:
        """A search result: its page, the searched words marked in it, and the keyboard focus on the
        page (on the item's box for a check-list result), so reading or Enter goes on from there."""
        popup = self.search_dialog
        self.complete()  # the searched words are marked with the find bar's colours
        self.follow_link(target)
        if popup is None:
            return
        if self.page_highlight is None:
            self.page_highlight = search_highlight.PageHighlight(self.view, self.find_bar)
            self.state.pageChanged.connect(self.page_highlight.clear)
        self.page_highlight.show(search_highlight.searched_terms(popup, target))
        if target.startswith("item:"):
            self.view.focus_link(f"cocher:{target.removeprefix('item:')}")
        self.activateWindow()
        self.view.setFocus(QtCore.Qt.FocusReason.OtherFocusReason)

    def follow_link(self, target: str) -> None:
        scheme, _, rest = target.partition(":")
        if target.startswith("#"):
            self.view.scrollToAnchor(target[1:])
        elif scheme == "cocher":
            self.complete().model.toggle(rest)
        elif scheme == "guide":
            guide_id, _, anchor = rest.partition("#")
            self.show_guide(guide_id)
            if anchor:
                self.view.scrollToAnchor(anchor)
        elif scheme == "item":
            guide = self.content.guide_of_item(rest)
            if guide:
                self.show_guide(guide.id)
                self.complete().panel.select_item(rest)
        elif scheme == "actions":  # the dashboard's link to « Mes prochaines actions »
            self.dossiers.open_next_actions()
        elif scheme == "glossaire":
            term = self.content.glossary().get(rest)
            if term:  # next to the link when it was chosen with Tab and Enter, else at the mouse
                point = self.view.focused_link_point() or QCursor.pos()
                QToolTip.showText(point, glossary_page.tooltip_html(term), self.view)
        elif target == "coopguide:perimetre":  # dashboard.SCOPE_LINK (the module is loaded with the page)
            self.dossiers.ask_scope()
        elif target == "coopguide:dates-cles":  # the dashboard's key dates (core/key_dates_view.py)
            self.dossiers.ask_key_dates()
        elif target == "coopguide:dater":  # dashboard.DATE_ITEMS_LINK
            self.dossiers.date_from_key_dates()
        elif scheme in ("http", "https", "mailto"):
            self.open_external(target)

    def open_external(self, address: str) -> None:
        answer = ask(
            self,
            self.tr("Ouvrir une adresse Internet"),
            self.tr("Ce lien ouvre votre navigateur à l'adresse :\n\n%1\n\nL'ouvrir ?").replace("%1", address),
        )
        if answer == QtWidgets.QMessageBox.StandardButton.Yes:
            from PySide6.QtCore import QUrl  # its class and enums (~1 ms): not before the first frame

            QDesktopServices.openUrl(QUrl(address))

    # -- settings ------------------------------------------------------------------------------
    def show(self) -> None:
        """Shown maximised the first time when :func:`place_main_window` said so (a first start on
        a small screen), with ``showMaximized``: it does not read Qt's namespace."""
        if self._show_maximised:
            self._show_maximised = False
            self.showMaximized()
        else:
            super().show()

    def _remember_appearance(self, choice: str) -> None:
        self.settings.appearance = choice

    def _restore_settings(self) -> None:
        # inside the screen; on a small one, shown maximised (see show)
        self._show_maximised = place_main_window(self, self.settings.geometry)
        splitter = self.settings.splitter
        if splitter is None or not self.splitter.restoreState(splitter):
            self.splitter.setSizes(column_widths(self.width()))
        last = self.settings.last_guide
        guide = self.content.guides.get(last if last in self.content.guides else self.content.first_guide_id() or "")
        complete = self.state.resolved.complete_ids()
        self.tree.set_progress(complete, self._followed())
        if guide is None:  # no guide to show
            return
        self.state.set_page(guide.id)  # ReadingState has just read the progress: no reload
        self.tree.select_guide(guide.id)
        # A first page has no place to keep; reading it would make the Python classes of the
        # scroll bar and the text cursor with their enums (~0.7 ms) before the first frame.
        self._show_guide_page(complete, keep_position=False)
        self.setWindowTitle(f"{guide.title} — {APP_NAME}")

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        fit_tool_bars(self, self.top_tool_bars)

    def closeEvent(self, event: QCloseEvent) -> None:
        self._save_note()
        # Python-made undo steps must go before Qt tears the window down at interpreter exit
        # (PySide6 otherwise may free them twice: "none_dealloc" crash seen in benchmarks/dossiers.py).
        self.undo_stack.clear()
        self.settings.geometry = self.saveGeometry()
        self.settings.splitter = self.splitter.saveState()
        if self.state.guide_id:
            self.settings.last_guide = self.state.guide_id
        self.settings.sync()
        super().closeEvent(event)
