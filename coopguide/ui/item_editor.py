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
    QWidget,
)

from coopguide.core.content.item_boxes import plain_text
from coopguide.core.content.model import ChecklistItem
from coopguide.core.shared.dates import short_date
from coopguide.core.store.progress import DONE, NOT_APPLICABLE, TODO, ItemProgress
from coopguide.ui import theme
from coopguide.ui.errors import plain_label

NOTE_SAVE_DELAY_MS = 1500
DUE_PROPOSED_DAYS = 7  # a new due date: one week from today
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
        # « Fait le … par DONE_BY » (a name from a file). Its line stays, empty, for an item not done:
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
        for widget in (self.state, self.assignee, self.has_due, self.note):
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
        self.due.setEnabled(enabled and bool(p.due))  # set once: enabled then disabled again repaints it
        if self.note.toPlainText() != p.note and not keep_note:
            self.note.setPlainText(p.note)
        self.note_state.setText("")
        theme.paint_label(self.note_state, "muted")
        self._loading = False

    def _when_text(self, p: ItemProgress) -> str:
        if not p.done_at:
            return ""
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
        self.due.setEnabled(self.has_due.isChecked())
        due = self.due.date().toString("yyyy-MM-dd") if self.has_due.isChecked() else ""
        if due != self._shown.due:
            self._send({"due": due}, self.tr("changer l'échéance"))

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
