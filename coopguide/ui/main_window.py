"""The main window: guides on the left, the guide in the middle, its checklists on the right,
the dossier switcher in the tool bar. It wires the widgets to the store; it holds no data of its own
beyond what is on screen."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings, Qt, QUrl
from PySide6.QtGui import QAction, QCloseEvent, QCursor, QDesktopServices, QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QInputDialog,
    QLabel,
    QMainWindow,
    QMessageBox,
    QSplitter,
    QToolBar,
    QToolTip,
)

from coopguide import APP_NAME
from coopguide.core import paths
from coopguide.core.content_cache import LoadedContent
from coopguide.core.errors import KnownError
from coopguide.core.item_boxes import fill_items
from coopguide.core.store import Store
from coopguide.ui.checklist_model import ChecklistModel
from coopguide.ui.checklist_panel import ChecklistPanel
from coopguide.ui.guide_tree import GuideTree
from coopguide.ui.guide_view import GuideView

SETTINGS_FILE = "fenetre.ini"
CURRENT_DOSSIER_KEY = "dossier_courant"


class MainWindow(QMainWindow):
    def __init__(self, store: Store, loaded: LoadedContent, data_dir: Path, parent=None):
        super().__init__(parent)
        self.store = store
        self.content = loaded.content
        self.templates = loaded.html
        self.settings = QSettings(str(data_dir / SETTINGS_FILE), QSettings.Format.IniFormat)
        self.current_guide_id: str | None = None
        self.dossier_id = self._initial_dossier()
        self.setWindowTitle(APP_NAME)

        self.tree = GuideTree(self.content)
        css = (paths.resources_dir() / "style" / "guide.css").read_text(encoding="utf-8")
        self.view = GuideView(paths.content_dir(), css)
        self.model = ChecklistModel(self._commit_tick, self)
        self.model.read_only = store.read_only
        self.panel = ChecklistPanel(self.model)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        for widget, stretch in ((self.tree, 0), (self.view, 1), (self.panel, 0)):
            self.splitter.addWidget(widget)
            self.splitter.setStretchFactor(self.splitter.count() - 1, stretch)
        self.splitter.setSizes([260, 640, 340])
        self.setCentralWidget(self.splitter)
        self._build_toolbar()

        if store.read_only:
            banner = QLabel(self.tr("Lecture seule : les cases cochées ne peuvent pas être enregistrées."))
            banner.setStyleSheet("color: #8a1c1c; font-weight: bold;")
            self.statusBar().addPermanentWidget(banner)
            self.new_dossier_action.setEnabled(False)
            self.panel.hint.setText(self.tr("Lecture seule : les cases montrent ce qui était enregistré, "
                                            "elles ne peuvent pas être changées."))
        self.tree.guideSelected.connect(self.show_guide)
        self.view.linkActivated.connect(self.follow_link)
        self.model.itemToggled.connect(self._after_toggle)
        self._restore_settings()

    # -- dossiers ------------------------------------------------------------------------------
    def _initial_dossier(self) -> int:
        remembered = self.store.setting(CURRENT_DOSSIER_KEY)
        if remembered and remembered.isdigit() and self.store.dossier(int(remembered)):
            return int(remembered)
        return self.store.ensure_default_dossier().id

    def _build_toolbar(self) -> None:
        toolbar = QToolBar(self.tr("Dossier"))
        toolbar.setObjectName("barre-dossier")
        toolbar.setMovable(False)
        label = QLabel(self.tr("Dossier : "))
        self.dossier_box = QComboBox()
        self.dossier_box.setMinimumContentsLength(20)
        self.dossier_box.setAccessibleName(self.tr("Dossier en cours"))
        label.setBuddy(self.dossier_box)
        toolbar.addWidget(label)
        toolbar.addWidget(self.dossier_box)
        self.new_dossier_action = QAction(self.tr("Nouveau dossier…"), self)
        self.new_dossier_action.setShortcut(QKeySequence.StandardKey.New)
        self.new_dossier_action.triggered.connect(self.ask_new_dossier)
        toolbar.addAction(self.new_dossier_action)
        self.addToolBar(toolbar)
        self._fill_dossier_box()
        self.dossier_box.currentIndexChanged.connect(self._on_dossier_chosen)

    def _fill_dossier_box(self) -> None:
        self.dossier_box.blockSignals(True)
        self.dossier_box.clear()
        for dossier in self.store.dossiers():
            self.dossier_box.addItem(dossier.name, dossier.id)
        self.dossier_box.setCurrentIndex(self.dossier_box.findData(self.dossier_id))
        self.dossier_box.blockSignals(False)

    def _on_dossier_chosen(self, index: int) -> None:
        dossier_id = self.dossier_box.itemData(index)
        if dossier_id is not None:
            self.switch_dossier(dossier_id)

    def switch_dossier(self, dossier_id: int) -> None:
        if self.store.dossier(dossier_id) is None:
            return
        self.dossier_id = dossier_id
        try:
            self.store.set_setting(CURRENT_DOSSIER_KEY, str(dossier_id))
        except KnownError as error:
            self.statusBar().showMessage(str(error))
        self._fill_dossier_box()
        if self.current_guide_id:
            self.show_guide(self.current_guide_id, force=True)
        name = self.store.dossier(dossier_id).name
        self.statusBar().showMessage(self.tr("Dossier « %1 » ouvert.").replace("%1", name), 5000)

    def ask_new_dossier(self) -> None:
        name, ok = QInputDialog.getText(self, self.tr("Nouveau dossier"),
                                        self.tr("Nom du projet (par exemple le nom de l'entreprise) :"))
        if ok:
            self.create_dossier(name)

    def create_dossier(self, name: str) -> bool:
        try:
            dossier = self.store.create_dossier(name)
        except KnownError as error:
            QMessageBox.warning(self, APP_NAME, str(error))
            return False
        self.switch_dossier(dossier.id)
        return True

    # -- guides --------------------------------------------------------------------------------
    def show_guide(self, guide_id: str, force: bool = False) -> None:
        guide = self.content.guides.get(guide_id)
        if guide is None or (guide_id == self.current_guide_id and not force):
            return
        same = guide_id == self.current_guide_id
        self.current_guide_id = guide_id
        done = self.store.done_items(self.dossier_id)
        self.model.set_checklists(list(guide.checklists), done)
        self.panel.title.setText(guide.title)
        self.tree.select_guide(guide_id)
        self._refresh_ticks(done, keep_position=same)
        self.setWindowTitle(f"{guide.title} — {APP_NAME}")

    def _refresh_ticks(self, done: set[str], keep_position: bool) -> None:
        """Redraw what shows ticks outside the checklist model: the page's boxes, the tree's x/n."""
        self.view.show_html(fill_items(self.templates.get(self.current_guide_id, ""), done),
                            keep_position=keep_position)
        self.tree.set_progress(done)

    def _commit_tick(self, item_id: str, done: bool) -> bool:
        """Write the tick; the model shows it only if this returns True."""
        try:
            self.store.set_done(self.dossier_id, item_id, done, self.content.edition)
        except KnownError as error:
            QMessageBox.warning(self, APP_NAME, str(error))
            return False
        return True

    def _after_toggle(self, item_id: str, done: bool) -> None:
        # The model already shows the change; resetting it would lose the keyboard user's place.
        self._refresh_ticks(self.store.done_items(self.dossier_id), keep_position=True)
        self.statusBar().showMessage(self.tr("Enregistré.") if done else self.tr("Case décochée, enregistré."), 3000)

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
            if term:
                QToolTip.showText(QCursor.pos(), f"<b>{term.term}</b><br>{term.definition}", self.view)
        elif scheme in ("http", "https", "mailto"):
            self.open_external(target)

    def open_external(self, address: str) -> None:
        answer = QMessageBox.question(
            self, self.tr("Ouvrir une adresse Internet"),
            self.tr("Ce lien ouvre votre navigateur à l'adresse :\n\n%1\n\nL'ouvrir ?").replace("%1", address),
        )
        if answer == QMessageBox.StandardButton.Yes:
            QDesktopServices.openUrl(QUrl(address))

    # -- settings ------------------------------------------------------------------------------
    def _restore_settings(self) -> None:
        geometry = self.settings.value("geometrie")
        if geometry is None or not self.restoreGeometry(geometry):
            self.resize(1280, 800)
        splitter = self.settings.value("separateurs")
        if splitter is not None:
            self.splitter.restoreState(splitter)
        last = self.settings.value("dernier_guide")
        self.show_guide(last if last in self.content.guides else self.content.first_guide_id() or "")

    def closeEvent(self, event: QCloseEvent) -> None:
        self.settings.setValue("geometrie", self.saveGeometry())
        self.settings.setValue("separateurs", self.splitter.saveState())
        if self.current_guide_id:
            self.settings.setValue("dernier_guide", self.current_guide_id)
        self.settings.sync()
        super().closeEvent(event)
