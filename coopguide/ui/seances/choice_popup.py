"""A list shown over the presentation to jump to a section (G) or to switch group (D), without
leaving the full-screen window: arrows and Enter choose, a click chooses, Esc closes.

A child widget rather than a dialog: a dialog would open on the main window's screen, not on the
projector's, and a window manager may drop the presentation out of full screen to show it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QKeyEvent
from PySide6.QtWidgets import QFrame, QLabel, QListWidget, QListWidgetItem, QVBoxLayout, QWidget


class _List(QListWidget):
    def __init__(self, popup: ChoicePopup) -> None:
        super().__init__(popup)
        self.popup = popup

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.popup.choose_current()
        elif event.key() == Qt.Key.Key_Escape:
            self.popup.close_popup()
        else:
            super().keyPressEvent(event)


class ChoicePopup(QFrame):
    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.owner = parent
        self.setObjectName("choix")
        self.setFrameShape(QFrame.Shape.Box)
        self.setStyleSheet(
            "#choix { background: #ffffff; border: 3px solid #0a3d7a; }"
            " QLabel { color: #0a3d7a; font-weight: bold; } QListWidget { color: #000000; background: #ffffff; }"
        )
        self.title = QLabel()
        self.list = _List(self)
        self.list.itemActivated.connect(lambda _item: self.choose_current())
        self.list.itemClicked.connect(lambda _item: self.choose_current())
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.list, 1)
        self._chosen: Callable[[Any], object] = lambda _data: None
        self.hide()

    def ask(
        self,
        title: str,
        choices: Sequence[tuple[str, Any]],
        current: Any,
        chosen: Callable[[Any], object],
        base_px: int,
    ) -> None:
        """Show ``choices`` (label, data), ``current`` selected; ``chosen(data)`` once one is chosen."""
        self._chosen = chosen
        self.title.setText(title)
        self.list.setAccessibleName(title)
        font = QFont(self.font())
        font.setPixelSize(max(16, round(base_px * 0.8)))
        self.list.setFont(font)
        self.title.setFont(font)
        self.list.clear()
        for label, data in choices:
            item = QListWidgetItem(label)
            item.setData(Qt.ItemDataRole.UserRole, data)
            self.list.addItem(item)
            if data == current:
                self.list.setCurrentItem(item)
        if self.list.currentRow() < 0 and self.list.count():
            self.list.setCurrentRow(0)
        owner = self.owner
        width, height = owner.width() * 2 // 3, owner.height() * 3 // 4
        self.setGeometry((owner.width() - width) // 2, (owner.height() - height) // 2, width, height)
        self.show()
        self.raise_()
        self.list.setFocus()

    def choose_current(self) -> None:
        item = self.list.currentItem()
        self.close_popup()
        if item is not None:
            self._chosen(item.data(Qt.ItemDataRole.UserRole))

    def close_popup(self) -> None:
        self.hide()
        self.owner.setFocus()
