"""Details of the selected checklist item: state (à faire / fait / non applicable), who and when,
assignee, due date and a multi-line note.

The editor never writes itself: it asks ``apply(item_id, changes, label)``
(:meth:`ChecklistEdits.change_item <coopguide.ui.checklist_edits.ChecklistEdits.change_item>`), which
commits to the store, records the undo step, and the window then calls :meth:`ItemEditor.show_item`
with what was saved. The note is saved when the user pauses typing (1.5 s), leaves the field or picks another item.

A new due date is proposed a week ahead, not today: a date field cannot be empty, and « today »
made every new échéance late the next morning. The proposal is in the (greyed) field before « avant
le » is ticked, so what gets saved is what was shown; a week is the usual gap between two meetings
of a group, and the calendar opens there to change it.

A due date may also be counted from a key date of the dossier (« J+10 après : jugement
d'ouverture », ``due_rule``): the store computes it and moves it with the key date; the editor shows
the date it gives, or says that the key date is not entered (Dossier › Dates clés du dossier…). The
content may suggest a rule for the item (``content/dates-cles.yaml``): it is what the fields propose.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QDate, Qt, QTimer
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from coopguide.core.content.item_boxes import plain_text
from coopguide.core.content.model import ChecklistItem, KeyDates
from coopguide.core.shared.dates import short_date
from coopguide.core.shared.relative_dates import MAX_RULE_DAYS, DueRule, parse_rule
from coopguide.core.store.key_dates import KeyDate, missing_key_date
from coopguide.core.store.progress import DONE, NOT_APPLICABLE, TODO, ItemProgress
from coopguide.ui import theme
from coopguide.ui.errors import plain_label

NOTE_SAVE_DELAY_MS = 1500
DUE_PROPOSED_DAYS = 7  # a new due date: one week from today
RULE_PROPOSED = "jugement-ouverture+7"  # a rule when the content suggests none for the item
STATE_CHOICES = ((TODO, "À faire"), (DONE, "Fait"), (NOT_APPLICABLE, "Non applicable"))


def proposed_due() -> QDate:
    return QDate.currentDate().addDays(DUE_PROPOSED_DAYS)


class NoteEdit(QPlainTextEdit):
    """A plain-text note that reports when it loses focus (to save at once)."""

    def __init__(self, on_leave: Callable[[], None], parent=None):
        super().__init__(parent)
        self._on_leave = on_leave
        self.setTabChangesFocus(True)  # Tab moves on, as in every other field: keyboard users

    def focusOutEvent(self, event) -> None:
        self._on_leave()
        super().focusOutEvent(event)


class ItemEditor(QGroupBox):
    def __init__(self, apply: Callable[[str, dict, str], bool], parent=None):
        super().__init__(parent)
        self.setTitle(self.tr("Élément choisi"))
        self._apply = apply
        self._item: ChecklistItem | None = None
        self._shown = ItemProgress("")
        self._loading = False
        self._saving = False
        self.read_only = False
        self.escape_target: QWidget | None = None  # where Esc sends the focus (the checklist)

        self.text = plain_label()  # the item text, as plain text
        self.text.setWordWrap(True)
        self.state = QComboBox()
        for state, label in STATE_CHOICES:
            self.state.addItem(self.tr(label), state)
        self.state.setAccessibleName(self.tr("État de l'élément"))
        # « Fait le … par DONE_BY » (a name from a file). Its line stays for an item not done (« Pas
        # encore fait. »):
        # a tick then changes its text only, instead of moving every field under it (and, on a short
        # screen, bringing the details' scroll bar and a layout of the whole panel).
        self.when = plain_label()
        theme.paint_label(self.when, "muted")
        self.assignee = QComboBox()
        self.assignee.setAccessibleName(self.tr("Responsable de l'élément"))
        self.has_due = QCheckBox(self.tr("avant le"))
        self.has_due.setAccessibleName(self.tr("Fixer une échéance"))
        self.due = QDateEdit()
        self.due.setCalendarPopup(True)
        self.due.setDisplayFormat("dd/MM/yyyy")
        self.due.setAccessibleName(self.tr("Date d'échéance"))
        due_row = QHBoxLayout()
        due_row.setContentsMargins(0, 0, 0, 0)
        due_row.addWidget(self.has_due)
        due_row.addWidget(self.due, 1)
        due_box = QWidget()
        due_box.setLayout(due_row)
        # « relative à une date clé » : [days] [après|avant] [kind], then the date it gives
        self.key_dates: Callable[[], tuple[KeyDates, list[KeyDate]]] = lambda: (KeyDates(), [])
        self.relative = QCheckBox(self.tr("relative à une date clé"))
        self.relative.setAccessibleName(self.tr("Échéance relative à une date clé"))
        self.rule_days = QSpinBox()
        self.rule_days.setRange(0, MAX_RULE_DAYS)  # what a rule may hold: a longer one shown cut would be saved cut
        self.rule_days.setSuffix(self.tr(" j"))
        self.rule_days.setAccessibleName(self.tr("Nombre de jours"))
        self.rule_side = QComboBox()
        self.rule_side.addItem(self.tr("après"), 1)
        self.rule_side.addItem(self.tr("avant"), -1)
        self.rule_side.setAccessibleName(self.tr("Avant ou après la date clé"))
        self.rule_kind = QComboBox()
        self.rule_kind.setAccessibleName(self.tr("Date clé"))
        self.rule_kind.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.rule_kind.setMinimumContentsLength(12)
        rule_row = QHBoxLayout()
        rule_row.setContentsMargins(0, 0, 0, 0)
        rule_row.addWidget(self.rule_days)
        rule_row.addWidget(self.rule_side)
        rule_row.addWidget(self.rule_kind, 1)
        self.rule_result = plain_label()  # « → le 07/03/2026 », or the key date is missing
        self.rule_result.setWordWrap(True)
        theme.paint_label(self.rule_result, "muted")
        rule_box = QWidget()
        rule_layout = QVBoxLayout(rule_box)
        rule_layout.setContentsMargins(0, 0, 0, 0)
        rule_layout.addWidget(self.relative)
        rule_layout.addLayout(rule_row)
        rule_layout.addWidget(self.rule_result)
        self.note = NoteEdit(self.save_note)
        self.note.setPlaceholderText(self.tr("Note pour le groupe (qui a appelé qui, ce qui reste à voir…)"))
        self.note.setAccessibleName(self.tr("Note de l'élément"))
        self.note.setMinimumHeight(60)
        self.note.setMaximumHeight(140)
        self.note_state = QLabel()
        self.note_state.setStyleSheet("font-size: 9pt;")
        theme.paint_label(self.note_state, "muted")

        form = QFormLayout(self)
        form.setContentsMargins(6, 6, 6, 6)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)  # a narrow panel: fields under labels
        form.addRow(self.text)
        form.addRow(self.tr("État :"), self.state)
        form.addRow("", self.when)
        form.addRow(self.tr("&Responsable :"), self.assignee)
        form.addRow(self.tr("Échéa&nce :"), due_box)
        due_label = form.labelForField(due_box)
        if isinstance(due_label, QLabel):
            due_label.setBuddy(self.has_due)  # the box itself takes no focus
        form.addRow("", rule_box)
        form.addRow(self.tr("N&ote :"), self.note)
        form.addRow("", self.note_state)

        self._note_timer = QTimer(self)
        self._note_timer.setSingleShot(True)
        self._note_timer.setInterval(NOTE_SAVE_DELAY_MS)
        self._note_timer.timeout.connect(self.save_note)
        self.state.currentIndexChanged.connect(self._on_state)
        self.assignee.currentIndexChanged.connect(self._on_assignee)
        self.has_due.toggled.connect(self._on_due_ticked)
        self.due.dateChanged.connect(self._on_due)
        self.relative.toggled.connect(self._on_relative)
        self.rule_days.valueChanged.connect(self._on_rule)
        self.rule_side.currentIndexChanged.connect(self._on_rule)
        self.rule_kind.currentIndexChanged.connect(self._on_rule)
        self.note.textChanged.connect(self._on_note_typed)
        self.show_item(None, None, ())

    # -- showing -------------------------------------------------------------------------------
    def show_item(
        self, item: ChecklistItem | None, progress: ItemProgress | None, members, keep_note: bool = False
    ) -> None:
        """Show ``item`` as saved. A note being typed is saved first (for this item or the previous
        one), so a refresh never overwrites what the user typed."""
        if not self._saving and self._note_dirty():
            previous = self._item
            self.save_note()  # on success the window has already called show_item with fresh data
            if item is not None and previous is not None and item.id == previous.id and not self._note_dirty():
                return
        self._loading = True
        self._item = item
        self._shown = progress or ItemProgress(item.id if item else "")
        enabled = item is not None and not self.read_only
        for widget in (self.state, self.assignee, self.has_due, self.note, self.relative):
            widget.setEnabled(enabled)
        self.note.setReadOnly(self.read_only)
        self.state.setAccessibleDescription(plain_text(item.text) if item else "")  # which item, for screen readers
        self.text.setText(
            plain_text(item.text)
            if item
            else self.tr("Choisissez un élément de la liste pour lui donner une note, une échéance ou un responsable.")
        )
        p = self._shown
        self.state.setCurrentIndex(max(0, self.state.findData(p.state)))
        self.when.setText(self._when_text(p))
        names = list(members)
        if p.assignee and p.assignee not in names:
            names.append(p.assignee)  # a former member stays visible rather than silently dropped
        if not self.assignee.count() or names != self._members():  # filled again only when they change
            self.assignee.clear()
            self.assignee.addItem(self.tr("— personne —"), "")
            for name in names:
                self.assignee.addItem(name, name)
        self.assignee.setCurrentIndex(max(0, self.assignee.findData(p.assignee)))
        self.has_due.setChecked(bool(p.due))
        due = QDate.fromString(p.due, "yyyy-MM-dd") if p.due else proposed_due()
        if self.due.date() != due:  # the same date set again repaints the field all the same
            self.due.setDate(due)
        # set once: enabled then disabled again repaints it
        self.due.setEnabled(enabled and bool(p.due) and not p.due_rule)
        self._show_rule(item, p, enabled)
        if self.note.toPlainText() != p.note and not keep_note:
            self.note.setPlainText(p.note)
        self.note_state.setText("")
        theme.paint_label(self.note_state, "muted")
        self._loading = False

    def _show_rule(self, item: ChecklistItem | None, p: ItemProgress, enabled: bool) -> None:
        """The relative due date of ``p``, or the content's suggestion for the item, in the fields."""
        key_dates, dates = self.key_dates()
        self.rule_kind.clear()
        for kind in key_dates.kinds:
            self.rule_kind.addItem(kind.label, kind.id)
        for entry in dates:  # dates the user named
            if self.rule_kind.findData(entry.kind) < 0:
                self.rule_kind.addItem(entry.label or entry.kind, entry.kind)
        suggested = key_dates.suggested_rule(item.id) if item else ""
        rule = parse_rule(p.due_rule) or parse_rule(suggested) or parse_rule(RULE_PROPOSED)
        assert rule is not None
        if self.rule_kind.findData(rule.kind) < 0:
            self.rule_kind.addItem(rule.kind, rule.kind)  # a kind this content does not know
        self.rule_kind.setCurrentIndex(self.rule_kind.findData(rule.kind))
        self.rule_days.setValue(abs(rule.days))
        self.rule_side.setCurrentIndex(0 if rule.days >= 0 else 1)
        self.relative.setChecked(bool(p.due_rule))
        for widget in (self.rule_days, self.rule_side, self.rule_kind):
            widget.setEnabled(enabled and bool(p.due_rule))
        self.rule_result.setText(self._rule_text(p, suggested, dates))
        self.rule_result.setVisible(bool(self.rule_result.text()))

    def _rule_text(self, p: ItemProgress, suggested: str, dates: list[KeyDate]) -> str:
        kind_name = self.rule_kind.currentText()
        if p.due_rule:
            missing = missing_key_date(p, dates)
            if missing and p.due:
                return (
                    self.tr("La date clé « %1 » a été retirée : l'échéance garde sa dernière date, le %2.")
                    .replace("%1", kind_name)
                    .replace("%2", short_date(p.due))
                )
            if missing:
                return self.tr(
                    "La date clé « %1 » n'est pas saisie : entrez-la dans Dossier › Dates clés du dossier…"
                ).replace("%1", kind_name)
            rule = parse_rule(p.due_rule)
            described = rule.label(kind_name) if rule else p.due_rule
            return self.tr("→ le %1 (%2)").replace("%1", short_date(p.due)).replace("%2", described)
        rule = parse_rule(suggested)
        if rule is None:
            return ""
        return self.tr("Suggestion : %1").replace("%1", rule.label(kind_name))

    def _rule(self) -> str:
        sign = self.rule_side.currentData() or 1
        return str(DueRule(self.rule_kind.currentData() or "", sign * self.rule_days.value()))

    def _when_text(self, p: ItemProgress) -> str:
        if not p.done_at:
            return self.tr("Pas encore fait.") if self._item is not None and not p.is_complete else ""
        stamp = p.done_at[:16].replace("T", " à ")
        day = short_date(stamp)
        label = self.tr("Non applicable depuis le") if p.state == NOT_APPLICABLE else self.tr("Fait le")
        who = self.tr(" par %1").replace("%1", p.done_by) if p.done_by else ""
        return f"{label} {day}{stamp[10:]}{who}"

    def current_item_id(self) -> str | None:
        return self._item.id if self._item else None

    # -- editing -------------------------------------------------------------------------------
    def _note_dirty(self) -> bool:
        return self._item is not None and not self.read_only and self.note.toPlainText() != self._shown.note

    def _send(self, changes: dict, label: str) -> None:
        if self._loading or self._item is None:
            return
        self._saving = True
        try:
            if not self._apply(self._item.id, changes, label):
                # Show what is really saved; a note that could not be saved stays in the field.
                self.show_item(self._item, self._shown, self._members(), keep_note=True)
                if "note" in changes:
                    self.note_state.setText(self.tr("Note NON enregistrée : voir le message."))
                    theme.paint_label(self.note_state, "alert")
        finally:
            self._saving = False

    def _members(self) -> list[str]:
        return [self.assignee.itemData(i) for i in range(1, self.assignee.count())]

    def _on_state(self) -> None:
        state = self.state.currentData()
        if state != self._shown.state:
            label = {DONE: self.tr("cocher"), NOT_APPLICABLE: self.tr("marquer non applicable")}.get(
                state, self.tr("décocher")
            )
            self._send({"state": state}, label)

    def _on_assignee(self) -> None:
        name = self.assignee.currentData() or ""
        if not self._loading and name != self._shown.assignee:
            self._send({"assignee": name}, self.tr("changer le responsable"))

    def _on_due_ticked(self, ticked: bool) -> None:
        """A due date just set starts from the proposal of today, not from when the item was shown."""
        if ticked and not self._loading and not self._shown.due:
            self._loading = True
            self.due.setDate(proposed_due())
            self._loading = False
        self._on_due()

    def _on_due(self) -> None:
        if self._loading:
            return
        ticked = self.has_due.isChecked()
        self.due.setEnabled(ticked and not self._shown.due_rule)
        due = self.due.date().toString("yyyy-MM-dd") if ticked else ""
        changes = {"due": due} if due != self._shown.due else {}
        if self._shown.due_rule and (changes or not ticked):  # a date of its own, or none: no rule any more
            changes.update(due=due, due_rule="")
        if changes:
            self._send(changes, self.tr("changer l'échéance"))

    def _on_relative(self, ticked: bool) -> None:
        """Ticked: the due date is counted from the key date chosen; unticked: the date it gave
        stays, as a date of its own."""
        if self._loading:
            return
        if ticked:
            self._send({"due_rule": self._rule(), "due": ""}, self.tr("compter l'échéance depuis une date clé"))
        elif self._shown.due_rule:
            self._send({"due_rule": ""}, self.tr("fixer l'échéance"))

    def _on_rule(self) -> None:
        if not self._loading and self.relative.isChecked() and self._rule() != self._shown.due_rule:
            self._send({"due_rule": self._rule(), "due": ""}, self.tr("changer l'échéance relative"))

    def _on_note_typed(self) -> None:
        if not self._loading and self._item is not None:
            self.note_state.setText(self.tr("Modification en cours…"))
            self._note_timer.start()

    def save_note(self) -> None:
        """Write the note now if it differs from what is saved (called on pause, focus out, item change)."""
        self._note_timer.stop()
        if self._loading or self._item is None or self.read_only:
            return
        text = self.note.toPlainText()
        if text != self._shown.note:
            self._send({"note": text}, self.tr("modifier la note"))
            if self._shown.note == text:
                self.note_state.setText(self.tr("Note enregistrée."))

    def has_pending_note(self) -> bool:
        return self._note_timer.isActive()

    def keyPressEvent(self, event) -> None:  # Esc in a field: give focus back to the list
        target = self.escape_target or self.parentWidget()
        if event.key() == Qt.Key.Key_Escape and target is not None:
            self.save_note()
            target.setFocus(Qt.FocusReason.ShortcutFocusReason)
            return
        super().keyPressEvent(event)
