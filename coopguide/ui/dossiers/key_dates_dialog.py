"""« Dates clés du dossier… »: the dates the court's letters give (jugement, date limite des offres,
audience…), one row per kind of the content, and dates the user names. Under each row, what
Coopguide suggests from the legal durations, with the rule and its reference
(:mod:`coopguide.core.key_dates_view`), recomputed as the dates are typed. OK is one store call
(``store.key_dates.save``): the due dates counted from a moved date move in the same transaction.

An empty date is a date edit at its minimum, shown « — » (Qt's special value text): a date field
cannot be blank, and most kinds stay empty for most dossiers. Loaded at the first use (the Dossier
menu or the dashboard's link), never on the start path.
"""

from __future__ import annotations

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from coopguide.core.content.model import Content
from coopguide.core.key_dates_view import suggestions_for
from coopguide.core.store.key_dates import CUSTOM_PREFIX, MAX_YEAR, KeyDate, custom_kind
from coopguide.ui import theme
from coopguide.ui.errors import plain_label

NO_DATE = QDate(1900, 1, 1)  # the minimum of every date edit: shown « — », saved as no date


def date_edit(iso: str = "") -> QDateEdit:
    edit = QDateEdit()
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("dd/MM/yyyy")
    edit.setMinimumDate(NO_DATE)
    edit.setMaximumDate(QDate(MAX_YEAR, 12, 31))  # the store refuses later years: not typed at all
    edit.setSpecialValueText("—")
    edit.setDate(QDate.fromString(iso, "yyyy-MM-dd") if iso else NO_DATE)
    return edit


def iso_of(edit: QDateEdit) -> str:
    date = edit.date()
    return "" if date == NO_DATE or not date.isValid() else date.toString("yyyy-MM-dd")


class KeyDatesDialog(QDialog):
    def __init__(self, content: Content, dates: list[KeyDate], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Dates clés du dossier"))
        self._content = content
        stored = {d.kind: d for d in dates}
        intro = plain_label(
            self.tr(
                "Recopiez les dates des courriers du tribunal ou de l'administrateur. Laissez « — » pour "
                "une date que vous ne connaissez pas. Les échéances comptées à partir d'une date suivent "
                "quand vous la changez."
            )
        )
        intro.setWordWrap(True)
        self.grid = QGridLayout()
        self.grid.setColumnStretch(2, 1)
        self.edits: dict[str, QDateEdit] = {}
        self.hints: dict[str, QLabel] = {}
        row = 0
        for kind in content.key_dates.kinds:
            edit = date_edit(stored[kind.id].date if kind.id in stored else "")
            edit.setAccessibleName(kind.label)
            edit.setToolTip(kind.explanation)
            label = QLabel(kind.label + " :")
            label.setBuddy(edit)
            label.setToolTip(kind.explanation)
            clear = self._clear_button(edit, kind.label)
            hint = plain_label("")
            hint.setWordWrap(True)
            theme.paint_label(hint, "muted")
            self.grid.addWidget(label, row, 0)
            self.grid.addWidget(edit, row, 1)
            self.grid.addWidget(clear, row, 2)
            self.grid.addWidget(hint, row + 1, 0, 1, 3)
            self.edits[kind.id], self.hints[kind.id] = edit, hint
            edit.dateChanged.connect(self._update_hints)
            row += 2
        # dates the user named, and those of kinds this content does not know (kept as they are)
        self.others: list[tuple[str, QLineEdit, QDateEdit]] = []
        self.others_box = QVBoxLayout()
        for entry in dates:
            if entry.kind not in self.edits:
                self._add_other(entry.kind, entry.label or entry.kind, entry.date)
        add = QPushButton(self.tr("&Ajouter une autre date…"))
        add.clicked.connect(lambda: self._add_other("", "", "").setFocus())
        self.add_button = add
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(self.tr("Enregistrer"))
        cancel = buttons.button(QDialogButtonBox.StandardButton.Cancel)
        cancel.setText(self.tr("Annuler"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(self.grid)
        others_title = QLabel(self.tr("<b>Autres dates du projet</b>"))
        layout.addWidget(others_title)
        layout.addLayout(self.others_box)
        layout.addWidget(add)
        layout.addStretch(1)
        layout.addWidget(buttons)
        self._update_hints()
        self.resize(720, 640)

    def _clear_button(self, edit: QDateEdit, name: str) -> QToolButton:
        clear = QToolButton()
        clear.setText(self.tr("Effacer"))
        clear.setAccessibleName(self.tr("Effacer : %1").replace("%1", name))
        clear.clicked.connect(lambda: edit.setDate(NO_DATE))
        return clear

    def _add_other(self, kind: str, label: str, iso: str) -> QLineEdit:
        name = QLineEdit(label)
        name.setPlaceholderText(self.tr("Nom de la date (ex. : rendez-vous à la banque)"))
        name.setAccessibleName(self.tr("Nom de la date ajoutée"))
        edit = date_edit(iso)
        edit.setAccessibleName(self.tr("Date ajoutée"))
        line = QHBoxLayout()
        line.addWidget(name, 1)
        line.addWidget(edit)
        line.addWidget(self._clear_button(edit, label or self.tr("date ajoutée")))
        self.others_box.addLayout(line)
        self.others.append((kind, name, edit))
        return name

    def _update_hints(self) -> None:
        entered = {kind: iso for kind, edit in self.edits.items() if (iso := iso_of(edit))}
        for kind, hint in self.hints.items():
            found = suggestions_for(self._content.key_dates, entered, kind)
            lines = [f"Suggestion : {s.text}. {s.rule}" for s in found]
            hint.setText("\n".join(lines))
            hint.setVisible(bool(lines))

    def values(self) -> dict[str, tuple[str, str]]:
        """Kind → (date, label): what the dossier's key dates become (the others are removed)."""
        found = {kind: (iso, "") for kind, edit in self.edits.items() if (iso := iso_of(edit))}
        taken = set(self.edits) | {kind for kind, *_ in self.others if kind}
        for kind, name, edit in self.others:
            iso, label = iso_of(edit), " ".join(name.text().split())
            if not iso:
                continue
            kind = kind or custom_kind(label, taken)
            # a kind this content does not know (a later edition's) is kept as it is, without a name
            found[kind] = (iso, label if kind.startswith(CUSTOM_PREFIX) else "")
            taken.add(kind)
        return found


def ask_key_dates(dossiers) -> None:
    """The dialog for the current dossier; OK saves through the controller, asked again on a refusal."""
    dossier_id = dossiers.state.dossier_id
    dialog = KeyDatesDialog(dossiers.state.content, dossiers.store.key_dates.list(dossier_id), dossiers.window)
    while dialog.exec() == QDialog.DialogCode.Accepted:
        if dossiers.save_key_dates(dialog.values()):
            return
