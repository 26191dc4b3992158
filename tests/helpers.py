"""Shortcuts that only tests need, kept out of the store's API: tick or untick an item in one call,
and the ids that count as done."""

from __future__ import annotations

from coopguide.core.store import Store
from coopguide.core.store.progress import DONE, TODO


def set_done(store: Store, dossier_id: int, item_id: str, done: bool, content_edition: str) -> None:
    store.items.set_state(dossier_id, item_id, DONE if done else TODO, content_edition=content_edition)


def done_items(store: Store, dossier_id: int) -> set[str]:
    """Ids (as stored) that are done or not applicable."""
    return {row.item_id for row in store.items.rows(dossier_id) if row.is_complete}


def type_text(widget, text: str) -> None:
    """Type ``text`` into ``widget`` as a keyboard does, accents included: QTest's keyClicks asserts
    on characters outside ASCII, so each one is sent as the key event an input method makes."""
    from PySide6.QtCore import QEvent, Qt
    from PySide6.QtGui import QKeyEvent
    from PySide6.QtWidgets import QApplication

    for char in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, char))
