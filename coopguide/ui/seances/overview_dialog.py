"""« Vue d'ensemble de la séance » : every group of a séance side by side (progress per check-list,
overdue items, next actions, notes), a click on a group's name to open its dossier, and the
séance's three end-of-séance jobs: export every group's dossier at once, import every returned file
at once (each into its group's dossier by name, no question per file), print the summary.

Not modal: the trainer keeps it open beside the window while groups tick, and it follows (the
figures are read again whenever the window's progress changes). What it shows is computed in
:mod:`coopguide.core.seance_overview`; the dossier work goes through the callbacks the handlers give
(:mod:`coopguide.ui.dossiers.batch`), so exporting and importing behave as in « Fichier ».
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import QStandardPaths, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from coopguide.core.content.model import Content
from coopguide.core.content.presets import Preset
from coopguide.core.printout.layout import pdf_file_name
from coopguide.core.seance_overview import SeanceOverview, build_overview, overview_html
from coopguide.core.seance_summary import seance_summary_document
from coopguide.core.shared import paths
from coopguide.core.shared.dates import short_date
from coopguide.core.store import Store
from coopguide.printing.output import write_pdf
from coopguide.ui.errors import plain_label, reported_errors
from coopguide.ui.guide_view import GuideView
from coopguide.ui.pdf_saved import confirm_pdf

ExportGroups = Callable[[Sequence[int], Path], object]  # dossier ids, folder
ImportReturned = Callable[[Sequence[Path], Sequence[int]], object]  # files, the groups' dossier ids


class SeanceOverviewDialog(QDialog):
    dossierChosen = Signal(int)  # a group's name was clicked: show its dossier

    def __init__(
        self,
        store: Store,
        content: Content,
        presets: Sequence[Preset],
        parent: QWidget | None = None,
        seance_id: int | None = None,
        export_groups: ExportGroups | None = None,
        import_returned: ImportReturned | None = None,
        today: dt.date | None = None,
    ) -> None:
        super().__init__(parent)
        self.store, self.content, self.presets = store, content, list(presets)
        self.export_groups, self.import_returned = export_groups, import_returned
        self.today = today or dt.date.today()
        self.overview: SeanceOverview | None = None
        self.saved_box: QMessageBox | None = None  # « PDF enregistré », once the summary is written
        self.setWindowTitle(self.tr("Vue d'ensemble de la séance"))
        self.resize(1180, 700)  # the fitter shrinks it to a small screen
        self.seance_box = QComboBox()
        self.seance_box.setAccessibleName(self.tr("Séance montrée"))
        self.seance_box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.seance_box.setMinimumContentsLength(30)
        label = QLabel(self.tr("&Séance :"))
        label.setBuddy(self.seance_box)
        css = (paths.resources_dir() / "style" / "guide.css").read_text(encoding="utf-8")
        self.view = GuideView(paths.content_dir(), css, measure=None)  # the columns take the width
        self.view.setAccessibleName(self.tr("Les groupes côte à côte"))
        self.view.setAccessibleDescription(self.tr("Le nom d'un groupe ouvre son dossier dans la fenêtre"))
        self.view.linkActivated.connect(self._follow_link)
        self.report = plain_label()  # quotes paths
        self.report.setWordWrap(True)
        self.export_button = QPushButton(self.tr("&Exporter les dossiers des groupes…"))
        self.import_button = QPushButton(self.tr("&Importer les fichiers rendus…"))
        self.summary_button = QPushButton(self.tr("&Résumé à imprimer (PDF)…"))
        self.export_button.clicked.connect(self.ask_export)
        self.import_button.clicked.connect(self.ask_import)
        self.summary_button.clicked.connect(self.ask_summary)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        top = QHBoxLayout()
        top.addWidget(label)
        top.addWidget(self.seance_box, 1)
        actions = QHBoxLayout()
        for button in (self.export_button, self.import_button, self.summary_button):
            actions.addWidget(button)
        actions.addStretch(1)
        actions.addWidget(buttons)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.report)
        layout.addLayout(actions)
        self._fill_seances(seance_id)
        self.seance_box.currentIndexChanged.connect(self.refresh)
        self.refresh()

    def _fill_seances(self, wanted: int | None) -> None:
        for seance in self.store.seances.prepared():
            self.seance_box.addItem(f"{seance.title} ({short_date(seance.date)})", seance.id)
        index = self.seance_box.findData(wanted) if wanted is not None else 0
        self.seance_box.setCurrentIndex(max(0, index))

    def seance_id(self) -> int | None:
        data = self.seance_box.currentData()
        return int(data) if data is not None else None

    def group_dossier_ids(self) -> list[int]:
        if self.overview is None:
            return []
        return [c.dossier.id for c in self.overview.columns if c.dossier is not None]

    def refresh(self) -> None:
        """Read every group's progress again and redraw (kept where the reader was)."""
        seance = self.store.seances.get(self.seance_id() or 0)
        if seance is None:
            self.overview = None
            self.view.show_html(
                "<p>"
                + self.tr(
                    "Aucune séance préparée. Menu « Séance », « Préparer une séance… » : un dossier par "
                    "groupe, et la séance apparaît ici."
                )
                + "</p>"
            )
        else:
            self.overview = build_overview(self.store, self.content, seance, self.presets, self.today)
            self.view.show_html(overview_html(self.overview), keep_position=True)
        has_groups = bool(self.group_dossier_ids())
        self.export_button.setEnabled(has_groups and self.export_groups is not None)
        self.import_button.setEnabled(has_groups and self.import_returned is not None and not self.store.read_only)
        self.summary_button.setEnabled(self.overview is not None)

    def progress_changed(self, *_args: object) -> None:
        """A tick, a merge, another dossier in the window: read again, while the view is open."""
        if self.isVisible():
            self.refresh()

    def _follow_link(self, target: str) -> None:
        scheme, _, rest = target.partition(":")
        if scheme == "dossier" and rest.isdigit():
            self.dossierChosen.emit(int(rest))

    # -- the end of the séance -----------------------------------------------------------------
    def _documents(self) -> str:
        return QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)

    def ask_export(self) -> None:
        folder = QFileDialog.getExistingDirectory(
            self, self.tr("Où écrire les fichiers des groupes (une clé USB) ?"), self._documents()
        )
        if folder and self.export_groups is not None:
            self.export_groups(self.group_dossier_ids(), Path(folder))

    def ask_import(self) -> None:
        files, _ = QFileDialog.getOpenFileNames(
            self,
            self.tr("Les fichiers rendus par les groupes"),
            self._documents(),
            self.tr("Dossiers Coopguide (*.coopguide)"),
        )
        if files and self.import_returned is not None:
            self.import_returned([Path(f) for f in files], self.group_dossier_ids())
            self.refresh()

    def ask_summary(self) -> str | None:
        if self.overview is None:
            return None
        document = seance_summary_document(self.overview, self.content)
        path, _ = QFileDialog.getSaveFileName(
            self,
            self.tr("Enregistrer le résumé de la séance"),
            str(Path(self._documents()) / pdf_file_name(document)),
            self.tr("Document PDF (*.pdf)"),
        )
        if not path:
            return None
        if not path.lower().endswith(".pdf"):
            path += ".pdf"
        with reported_errors(self) as outcome:
            pages = write_pdf(document, path).page_count
        if outcome.failed:
            return None
        text = self.tr("Résumé enregistré : %1 (%2 pages).").replace("%1", path).replace("%2", str(pages))
        self.report.setText(text)
        self.saved_box = confirm_pdf(self, text, path)
        return path
