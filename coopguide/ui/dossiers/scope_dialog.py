"""« Check-lists suivies… »: which check-lists a dossier follows, as boxes grouped by guide.

A group whose firm is in redressement judiciaire has no use for the Belgian check-lists: leaving
them out makes the dashboard, the progress figures and the prints count only what applies. The
dialog only collects the choice (:meth:`ScopeDialog.scope`); the caller writes it in one store call.
Ids of the scope the content does not know are kept (a later edition may bring them back).

The list scrolls: on a 1024×768 screen the dialog is fitted by the window's
:class:`~coopguide.ui.screen_fit.DialogFitter` like every dialog opened over it.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from coopguide.core.content.model import Content
from coopguide.core.store.scope import Scoped, all_checklists, guides_in_order, unknown_ids

ChecklistRole = Qt.ItemDataRole.UserRole + 1


@dataclass(frozen=True)
class DossierScope:
    """A scope not stored yet (a new dossier's, or one chosen in the properties dialog)."""

    scope: tuple[str, ...] | None


def _title(title: str) -> str:
    title = title.removeprefix("Check-list : ").removeprefix("Check-list :")
    return title[:1].upper() + title[1:]


class ScopeDialog(QDialog):
    def __init__(self, content: Content, dossier: Scoped | None, dossier_name: str = "", parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Check-lists suivies"))
        self.content = content
        self._unknown = unknown_ids(content, dossier)
        self._total = len(all_checklists(content))
        followed = None if dossier is None or dossier.scope is None else set(dossier.scope)
        intro = QLabel(
            self.tr(
                "Cochez les check-lists qui concernent le dossier « %1 ». Le tableau de bord, l'avancement "
                "et les impressions ne comptent que celles-ci ; les autres restent lisibles et cochables "
                "dans les guides, et ce qui y est coché est gardé."
            ).replace("%1", dossier_name)
        )
        intro.setWordWrap(True)
        intro.setTextFormat(Qt.TextFormat.PlainText)
        self.everything = QCheckBox(self.tr("&Toutes les check-lists"))
        self.tree = QTreeWidget()
        self.tree.setHeaderHidden(True)
        self.tree.setAccessibleName(self.tr("Check-lists, par guide"))
        self.tree.setAccessibleDescription(self.tr("Espace coche ou décoche la check-list choisie"))
        self.tree.setUniformRowHeights(True)
        for guide in guides_in_order(content):
            if not guide.checklists:
                continue
            guide_row = QTreeWidgetItem(self.tree, [guide.title])
            guide_row.setFlags(guide_row.flags() | Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsAutoTristate)
            for checklist in guide.checklists:
                count = len(checklist.items)
                label = self.tr("%1 (%2 éléments)") if count > 1 else self.tr("%1 (%2 élément)")
                text = label.replace("%1", _title(checklist.title)).replace("%2", str(count))
                child = QTreeWidgetItem(guide_row, [text])
                child.setData(0, ChecklistRole, checklist.id)
                child.setFlags(child.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                wanted = followed is None or checklist.id in followed
                child.setCheckState(0, Qt.CheckState.Checked if wanted else Qt.CheckState.Unchecked)
        self.tree.expandAll()
        self.count = QLabel()
        self.count.setTextFormat(Qt.TextFormat.PlainText)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(self.tr("Enregistrer"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.everything)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.count)
        layout.addWidget(buttons)
        self._sync_everything()
        self.tree.itemChanged.connect(self._sync_everything)
        self.everything.clicked.connect(self._check_all)
        self.resize(560, 620)

    # -- the choice ----------------------------------------------------------------------------
    def _children(self) -> list[QTreeWidgetItem]:
        children = []
        for i in range(self.tree.topLevelItemCount()):
            guide = self.tree.topLevelItem(i)
            for j in range(guide.childCount() if guide else 0):
                child = guide.child(j) if guide else None
                if child is not None:
                    children.append(child)
        return children

    def checked_ids(self) -> list[str]:
        """Check-lists ticked, in content order."""
        return [c.data(0, ChecklistRole) for c in self._children() if c.checkState(0) == Qt.CheckState.Checked]

    def scope(self) -> tuple[str, ...] | None:
        """None when every check-list is ticked (the dossier then follows new ones too), else the
        ticked ids followed by the stored ids this content does not know."""
        checked = self.checked_ids()
        if len(checked) == self._total and not self._unknown:
            return None
        return (*checked, *self._unknown)

    def set_checked(self, checklist_ids) -> None:
        wanted = set(checklist_ids)
        for child in self._children():
            state = Qt.CheckState.Checked if child.data(0, ChecklistRole) in wanted else Qt.CheckState.Unchecked
            child.setCheckState(0, state)

    def _check_all(self, checked: bool) -> None:
        state = Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked
        self.tree.blockSignals(True)
        for child in self._children():
            child.setCheckState(0, state)
        self.tree.blockSignals(False)
        self._sync_everything()

    def _sync_everything(self, *_args) -> None:
        followed = len(self.checked_ids())
        self.everything.blockSignals(True)
        self.everything.setChecked(followed == self._total)
        self.everything.blockSignals(False)
        if followed == self._total:
            text = self.tr("Toutes les check-lists suivies (%1).").replace("%1", str(self._total))
        elif followed == 0:
            text = self.tr("Aucune check-list suivie sur %1.").replace("%1", str(self._total))
        else:
            text = self.tr("%1 check-list(s) suivie(s) sur %2.").replace("%1", str(followed))
            text = text.replace("%2", str(self._total))
        self.count.setText(text)
