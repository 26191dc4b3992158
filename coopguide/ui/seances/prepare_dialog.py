"""« Préparer une séance… » : choose a preset, name the séance, its date, place and groups, and in
one click get one dossier per group, the séance in the journal (with its groups) and the handout
pack (blank checklists) as a PDF.

Each group has its own line edit, filled with « Groupe N »: the trainer types over it. (The list
this replaced looked like a text box and silently dropped what was typed: only F2 or a double
click edited a name.)

What gets created is decided in :mod:`coopguide.core.seance_prep` (tested without Qt); the pack
is built by :mod:`coopguide.core.printout.pack` and written by :mod:`coopguide.printing.output`, the
same as ``coopguide pack --preset``. The dialog stays open afterwards and says what it created, so
the trainer can read it; ``dossiersCreated`` lets the window open the first group's dossier.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from pathlib import Path

from PySide6.QtCore import QDate, QStandardPaths, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from coopguide.core.content.model import Content
from coopguide.core.content.presets import Preset
from coopguide.core.printout.layout import PrintDocument
from coopguide.core.printout.pack import pack_document
from coopguide.core.seance_prep import (
    MAX_GROUPS,
    SeancePlan,
    create_seance,
    default_base_name,
    default_group_names,
    plan_seance,
)
from coopguide.core.shared.errors import KnownError
from coopguide.core.shared.file_names import safe_file_name
from coopguide.printing.output import write_pdf
from coopguide.printing.render import PrintCancelled
from coopguide.ui import errors
from coopguide.ui.errors import plain_label, reported_errors
from coopguide.ui.pdf_progress import pack_progress
from coopguide.ui.pdf_saved import confirm_pdf


def group_pdf_paths(path: str, groups: list[str]) -> list[str]:
    """The file chosen, or for packs printed one per group the same name followed by each group's
    (« Découvrir la Scop — Séance 24-11 — Les Ébénistes.pdf »), accents kept."""
    if groups == [""]:
        return [path]
    chosen = Path(path)
    return [str(chosen.with_name(safe_file_name(f"{chosen.stem} — {group}", ".pdf"))) for group in groups]


def pdf_name(plan: SeancePlan) -> str:
    """The PDF's proposed name, from the pack's title (« Découvrir la Scop — Séance 24-11 »): valid
    on every system, accents kept (an ASCII slug made « Séance » into « s-ance »)."""
    return safe_file_name(plan.pack_title, ".pdf", fallback="seance")


class SeanceDialog(QDialog):
    dossiersCreated = Signal(list)  # ids of the dossiers created
    seanceCreated = Signal(int)  # the séance's id in the journal

    def __init__(
        self,
        store,
        content: Content,
        templates: Mapping[str, str],
        presets: list[Preset],
        parent=None,
        today: dt.date | None = None,
    ):
        super().__init__(parent)
        self.store, self.content, self.templates, self.presets = store, content, templates, presets
        self.setWindowTitle(self.tr("Préparer une séance"))
        self.preset_box = QComboBox()
        # as wide as the dialog, not as its longest title: a long one must not widen the dialog
        self.preset_box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.preset_box.setMinimumContentsLength(24)
        for preset in presets:
            self.preset_box.addItem(preset.title, preset.id)
        self.preset_box.setAccessibleName(self.tr("Séance prédéfinie"))
        self.about = plain_label()
        self.about.setWordWrap(True)
        today = today or dt.date.today()
        self.base_edit = QLineEdit(default_base_name(today))
        self.base_edit.setAccessibleName(self.tr("Nom de la séance"))
        self.base_edit.setToolTip(
            self.tr(
                "Par exemple « Séance 24/11 — Imprimerie Dupont » : chaque dossier "
                "s'appellera « Séance 24/11 — Imprimerie Dupont — Groupe 1 »."
            )
        )
        self.date_edit = QDateEdit(QDate(today.year, today.month, today.day))
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat("dd/MM/yyyy")
        self.date_edit.setAccessibleName(self.tr("Date de la séance"))
        self.place_edit = QLineEdit()
        self.place_edit.setPlaceholderText(self.tr("Permanence de Montceau-les-Mines"))
        self.place_edit.setAccessibleName(self.tr("Lieu de la séance"))
        self.count = QSpinBox()
        self.count.setRange(1, MAX_GROUPS)
        self.count.setAccessibleName(self.tr("Nombre de groupes"))
        self.group_edits: list[QLineEdit] = []
        self._groups_box = QWidget()
        self._groups_layout = QFormLayout(self._groups_box)
        self._groups_layout.setContentsMargins(0, 0, 0, 0)
        self.groups = QScrollArea()  # 30 groups at most: the lines scroll, the dialog keeps its size
        self.groups.setWidget(self._groups_box)
        self.groups.setWidgetResizable(True)
        self.groups.setMaximumHeight(130)
        self.groups.setAccessibleName(self.tr("Noms des groupes"))
        self.count.valueChanged.connect(self._set_group_count)
        self.count.setValue(3)
        self.per_group = QCheckBox(self.tr("Un &PDF par groupe, le nom du groupe sur la couverture"))
        self.per_group.setChecked(True)
        self.saved_box: QMessageBox | None = None  # « PDF enregistré », once the séance is created
        self.report = plain_label()  # quotes dossier names and the PDF path
        self.report.setWordWrap(True)
        self.report.setAccessibleName(self.tr("Résultat"))
        self.create_button = QPushButton(self.tr("&Créer les dossiers et le PDF…"))
        self.create_button.setDefault(True)
        self.create_button.setEnabled(bool(presets) and not store.read_only)
        self.create_button.clicked.connect(self.create_seance)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(self.create_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow(self.tr("&Séance :"), self.preset_box)
        form.addRow("", self.about)
        form.addRow(self.tr("&Nom :"), self.base_edit)
        form.addRow(self.tr("&Date :"), self.date_edit)
        form.addRow(self.tr("&Lieu :"), self.place_edit)
        form.addRow(self.tr("Nombre de &groupes :"), self.count)
        form.addRow(self.tr("Noms des groupes :"), self.groups)
        form.addRow("", self.per_group)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        explain = QLabel(
            self.tr(
                "Un dossier est créé par groupe, sans nom de personne. Le PDF réunit les "
                "guides et les check-lists vierges de la séance ; un par groupe, chacun porte le "
                "nom de son groupe sur la couverture."
            )
        )
        explain.setWordWrap(True)  # unwrapped, this sentence made the dialog wider than a small screen
        layout.addWidget(explain)
        layout.addWidget(self.report)
        layout.addWidget(buttons)
        self.preset_box.currentIndexChanged.connect(self._describe)
        self._describe()
        if not presets:
            self.report.setText(self.tr("Aucune séance prédéfinie dans le contenu (dossier content/seances)."))

    def _set_group_count(self, count: int) -> None:
        """Add « Groupe N » lines or drop the last ones; names already typed are kept."""
        names = default_group_names(count)
        while len(self.group_edits) > count:
            self.group_edits.pop()
            self._groups_layout.removeRow(self._groups_layout.rowCount() - 1)
        for index in range(len(self.group_edits), count):
            edit = QLineEdit(names[index])
            edit.setAccessibleName(self.tr("Nom du groupe %1").replace("%1", str(index + 1)))
            edit.setPlaceholderText(names[index])
            self._groups_layout.addRow(f"{index + 1}.", edit)
            self.group_edits.append(edit)

    def group_names(self) -> list[str]:
        """Each line's name; an emptied line counts as its « Groupe N »."""
        return [edit.text().strip() or edit.placeholderText() for edit in self.group_edits]

    def preset(self) -> Preset | None:
        return next((p for p in self.presets if p.id == self.preset_box.currentData()), None)

    def _describe(self) -> None:
        preset = self.preset()
        if preset is None:
            self.about.setText("")
            return
        guides = len(preset.guides)
        lists = len(preset.checklists)
        self.about.setText(
            self.tr("%1 · %2 · %3 guide(s), %4 check-list(s)")
            .replace("%1", preset.audience)
            .replace("%2", preset.duration)
            .replace("%3", str(guides))
            .replace("%4", str(lists))
        )

    def plan(self) -> SeancePlan:
        preset = self.preset()
        if preset is None:
            raise KnownError(self.tr("Choisissez une séance."))
        day = self.date_edit.date()
        return plan_seance(
            preset,
            self.base_edit.text(),
            self.group_names(),
            self.store.dossiers.free_name,
            self.content,
            dt.date(day.year(), day.month(), day.day()),
            self.place_edit.text(),
        )

    def ask_path(self, plan: SeancePlan) -> str:
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        path, _ = QFileDialog.getSaveFileName(
            self,
            self.tr("Enregistrer le dossier de séance"),
            str(Path(folder) / pdf_name(plan)),
            self.tr("Document PDF (*.pdf)"),
        )
        if path and not path.lower().endswith(".pdf"):
            path += ".pdf"
        return path

    def documents(self, plan: SeancePlan) -> list[tuple[str, PrintDocument]]:
        """(group, pack) for each group, its name on the cover (its dossier in the headers); or one
        pack for all, without a group, when « un PDF par groupe » is not ticked."""
        if not self.per_group.isChecked():
            return [
                ("", pack_document(plan.targets, self.content, self.templates, None, "", plan.pack_title, plan.preset))
            ]
        return [
            (
                group,
                pack_document(
                    plan.targets, self.content, self.templates, None, dossier, plan.pack_title, plan.preset, group=group
                ),
            )
            for group, dossier in zip(plan.groups, plan.dossier_names, strict=True)
        ]

    def create_seance(self) -> bool:
        """Plan (checks the names), ask where the PDF goes, write the PDF (one per group, each named
        after it), then create the dossiers: a cancelled or failed PDF leaves no dossier behind."""
        with reported_errors(self) as outcome:
            plan = self.plan()
            documents = self.documents(plan)
        if outcome.failed:
            return False
        path = self.ask_path(plan)
        if not path:
            return False
        paths = group_pdf_paths(path, [group for group, _ in documents])
        pages = 0
        for (_group, document), target in zip(documents, paths, strict=True):
            written = self._write(document, target)
            if written is None:
                return False
            pages = written
        created, seance, error = create_seance(self.store, plan)
        if len(paths) == 1:
            saved = self.tr("PDF enregistré : %1 (%2 pages).").replace("%1", paths[0]).replace("%2", str(pages))
        else:
            saved = (
                self.tr("%1 PDF enregistrés, un par groupe (%2 pages chacun) : %3.")
                .replace("%1", str(len(paths)))
                .replace("%2", str(pages))
                .replace("%3", ", ".join(paths))
            )
        lines = [
            saved,
            self.tr("Dossiers créés : %1.").replace("%1", ", ".join(f"« {d.name} »" for d in created) or "aucun"),
        ]
        if created and created[0].scope is not None:
            lines.append(
                self.tr(
                    "Ils suivent les %1 check-list(s) de la séance ; « Dossier › Check-lists suivies… » en ajoute."
                ).replace("%1", str(len(created[0].scope)))
            )
        if seance is not None:
            lines.append(
                self.tr(
                    "Séance « %1 » ajoutée au journal des séances ; « Séance », « Vue d'ensemble » montre ses groupes."
                ).replace("%1", seance.title)
            )
        if error is not None:
            lines.append(str(error))
            errors.show_error(self, "\n".join(lines))
        else:
            self.saved_box = confirm_pdf(self, "\n".join(lines), paths[0])  # open the PDF, or its folder
        self.report.setText("\n".join(lines))
        if created:
            self.dossiersCreated.emit([d.id for d in created])
        if seance is not None:
            self.seanceCreated.emit(seance.id)
        return error is None

    def _write(self, document, path: str) -> int | None:
        waiting, step = pack_progress(self)

        try:
            with reported_errors(self) as outcome:
                pages = write_pdf(document, path, "A4", step).page_count
        except PrintCancelled:
            self.report.setText(self.tr("Annulé : aucun dossier créé, aucun PDF écrit."))
            return None
        finally:
            waiting.close()
        return None if outcome.failed else pages
