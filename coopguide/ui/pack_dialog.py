"""« Dossier de séance » : choose guides and checklists (or a séance preset) for one handout PDF.

The dialog only collects the choice (:class:`PackRequest`); ``make_pdf`` (given by the print menu)
asks where to save, makes the PDF with a progress dialog and says whether it worked, so the dialog
stays open when the user cancels the file dialog or the export fails.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
)

from coopguide.core.content.model import Content
from coopguide.core.content.presets import Preset
from coopguide.core.printout.layout import PAPER_SIZES
from coopguide.core.printout.pack import DEFAULT_PACK_TITLE, all_targets

TargetRole = Qt.ItemDataRole.UserRole + 1


@dataclass(frozen=True)
class PackRequest:
    targets: tuple[str, ...]
    title: str
    preset: Preset | None
    blank: bool
    paper: str


class PackDialog(QDialog):
    def __init__(
        self,
        content: Content,
        presets: list[Preset],
        dossier_name: str | None,
        make_pdf: Callable[[PackRequest], bool],
        paper: str = "A4",
        parent=None,
        followed: list[str] | None = None,
    ):
        """``followed``: the check-lists the current dossier follows (its scope), for the button
        that chooses them all at once; None without a dossier."""
        super().__init__(parent)
        self.followed = followed
        self.setWindowTitle(self.tr("Dossier de séance (PDF)"))
        self.content, self.presets, self._make_pdf = content, presets, make_pdf
        self.preset_box = QComboBox()
        # as wide as the dialog, not as its longest title: a long one must not widen the dialog
        self.preset_box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.preset_box.setMinimumContentsLength(24)
        self.preset_box.addItem(self.tr("Choix libre"), None)
        for preset in presets:
            self.preset_box.addItem(preset.title, preset.id)
        self.preset_box.setAccessibleName(self.tr("Séance prédéfinie"))
        self.title_edit = QLineEdit(DEFAULT_PACK_TITLE)
        self.title_edit.setAccessibleName(self.tr("Titre de la couverture"))
        self.guides, self.checklists = QListWidget(), QListWidget()
        self._fill_lists()
        self.blank_button = QRadioButton(self.tr("Check-lists &vierges, à remplir à la main"))
        self.filled_button = QRadioButton(
            self.tr("Check-lists &remplies avec le dossier « %1 »").replace("%1", dossier_name or "")
            if dossier_name
            else self.tr("Check-lists &remplies (aucun dossier ouvert)")
        )
        self.filled_button.setEnabled(bool(dossier_name))
        self.blank_button.setChecked(True)
        self._mode = QButtonGroup(self)
        self._mode.addButton(self.blank_button)
        self._mode.addButton(self.filled_button)
        self.paper_box = QComboBox()
        for size in PAPER_SIZES:
            self.paper_box.addItem(self.tr("A4") if size == "A4" else self.tr("Letter (États-Unis)"), size)
        self.paper_box.setCurrentIndex(max(0, self.paper_box.findData(paper)))
        self.summary = QLabel()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.create_button = self.buttons.addButton(self.tr("Créer le PDF…"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.accepted.connect(self.create_pack)
        self.buttons.rejected.connect(self.reject)
        self._layout()
        self.preset_box.currentIndexChanged.connect(self.apply_preset)
        for widget in (self.guides, self.checklists):
            widget.itemChanged.connect(self._update_summary)
        self._update_summary()

    def _fill_lists(self) -> None:
        checklists = self.content.checklists()
        for target in all_targets(self.content):
            if target in self.content.guides:
                widget, text = self.guides, self.content.guides[target].title
            else:
                checklist = checklists[target]
                guide = self.content.guides.get(checklist.guide_id)
                widget, text = self.checklists, f"{checklist.title} — {guide.title if guide else ''}"
            item = QListWidgetItem(text, widget)
            item.setData(TargetRole, target)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)

    def _layout(self) -> None:
        form = QFormLayout()
        form.addRow(self.tr("&Séance :"), self.preset_box)
        form.addRow(self.tr("&Titre :"), self.title_edit)
        lists = QHBoxLayout()
        for label, widget in ((self.tr("Guides"), self.guides), (self.tr("Check-lists"), self.checklists)):
            box = QGroupBox(label)
            inner = QVBoxLayout(box)
            inner.addWidget(widget)
            widget.setAccessibleName(label)
            # long titles wrap onto a second line rather than hide behind a horizontal scroll bar
            widget.setWordWrap(True)
            widget.setResizeMode(QListWidget.ResizeMode.Adjust)
            widget.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
            widget.setAccessibleDescription(self.tr("Espace coche ou décoche l'élément choisi"))
            lists.addWidget(box)
        clear = QPushButton(self.tr("Tout &décocher"))
        clear.clicked.connect(lambda: self.set_checked(()))
        self.followed_button = QPushButton(self.tr("Check-lists s&uivies par le dossier"))
        self.followed_button.setToolTip(self.tr("Coche toutes les check-lists que suit le dossier en cours"))
        self.followed_button.clicked.connect(self.choose_followed)
        self.followed_button.setVisible(self.followed is not None)
        options = QFormLayout()
        mode = QVBoxLayout()
        mode.addWidget(self.blank_button)
        mode.addWidget(self.filled_button)
        options.addRow(self.tr("Impression :"), mode)
        options.addRow(self.tr("&Papier :"), self.paper_box)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addLayout(lists, 1)
        row = QHBoxLayout()
        row.addWidget(self.summary, 1)
        row.addWidget(self.followed_button)
        row.addWidget(clear)
        layout.addLayout(row)
        layout.addLayout(options)
        layout.addWidget(self.buttons)
        self.resize(860, 560)

    # -- choice --------------------------------------------------------------------------------
    def _items(self) -> list[QListWidgetItem]:
        return [w.item(i) for w in (self.guides, self.checklists) for i in range(w.count())]

    def checked_targets(self) -> tuple[str, ...]:
        return tuple(i.data(TargetRole) for i in self._items() if i.checkState() == Qt.CheckState.Checked)

    def set_checked(self, targets) -> None:
        wanted = set(targets)
        for item in self._items():
            item.setCheckState(Qt.CheckState.Checked if item.data(TargetRole) in wanted else Qt.CheckState.Unchecked)

    def choose_followed(self) -> None:
        """Every check-list the dossier follows, filled with its progress: its whole dossier on paper."""
        self.set_checked(self.followed or ())
        self.filled_button.setChecked(self.filled_button.isEnabled())

    def current_preset(self) -> Preset | None:
        preset_id = self.preset_box.currentData()
        return next((p for p in self.presets if p.id == preset_id), None)

    def apply_preset(self) -> None:
        preset = self.current_preset()
        if preset is None:
            return
        self.set_checked(preset.targets)
        self.title_edit.setText(preset.title)

    def request(self) -> PackRequest:
        """The choice; a preset's order (and cover details) is kept while its selection is unchanged."""
        checked = self.checked_targets()
        preset = self.current_preset()
        if preset is not None and set(preset.targets) == set(checked):
            targets = tuple(t for t in preset.targets if t in checked)
        else:
            preset, targets = None, checked
        return PackRequest(
            targets,
            self.title_edit.text().strip() or DEFAULT_PACK_TITLE,
            preset,
            not self.filled_button.isChecked(),
            self.paper_box.currentData(),
        )

    def _update_summary(self) -> None:
        checked = self.checked_targets()
        guides = sum(t in self.content.guides for t in checked)
        self.summary.setText(
            self.tr("%1 guide(s) et %2 check-list(s) choisis.")
            .replace("%1", str(guides))
            .replace("%2", str(len(checked) - guides))
        )
        self.create_button.setEnabled(bool(checked))

    def create_pack(self) -> None:
        if self.checked_targets() and self._make_pdf(self.request()):
            self.accept()
