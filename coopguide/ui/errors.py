"""How a :class:`~coopguide.core.shared.errors.KnownError` reaches the user: one French message box.

Every write the UI asks of the store, and every file it reads or writes, runs inside::

    with reported_errors(self.window) as outcome:
        dossier = store.dossiers.create(name)
    if outcome.failed:
        return False

A ``KnownError`` (disk full, read-only folder, name already used, damaged file…) is shown and
swallowed; ``outcome.error`` keeps it. Any other exception is a bug and propagates to the crash
handler: it is never dressed up as a user message. With ``in_status_bar=True`` the message goes to
the window's status bar instead, for background writes that must not interrupt reading (the status
bar is made only then, as Qt makes it on first use).

Messages quote file names, dossier names and text that users typed, so they are always shown as
plain text: a name such as ``<b>Dupont</b>`` is printed as typed, never interpreted.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from PySide6 import QtCore, QtWidgets  # not Qt itself: see tests/ui/test_start_path.py
from PySide6.QtWidgets import QLabel, QMainWindow, QWidget

from coopguide import APP_NAME
from coopguide.core.shared.errors import KnownError

STATUS_MESSAGE_MS = 8000


class Outcome:
    """What happened inside a :func:`reported_errors` block."""

    def __init__(self) -> None:
        self.error: KnownError | None = None

    @property
    def failed(self) -> bool:
        return self.error is not None


def error_box(parent: QWidget | None, message: str) -> QtWidgets.QMessageBox:
    """The warning box for ``message``, shown as plain text."""
    box_class = QtWidgets.QMessageBox  # read here: see ask
    box = box_class(box_class.Icon.Warning, APP_NAME, message, box_class.StandardButton.Ok, parent)
    box.setTextFormat(QtCore.Qt.TextFormat.PlainText)
    return box


def plain_label(text: str = "", parent: QWidget | None = None) -> QLabel:
    """A label that never reads its text as rich text: a name such as ``<img src=…>`` is shown as
    typed, and Qt's rich-text engine never loads the file it names. Use it for any label that may
    show a dossier or member name, a note, an item text, a file name or a value from a file."""
    label = QLabel(text, parent)
    label.setTextFormat(QtCore.Qt.TextFormat.PlainText)
    return label


def ask(
    parent: QWidget | None,
    title: str,
    text: str,
    buttons: QtWidgets.QMessageBox.StandardButton | None = None,
    default: QtWidgets.QMessageBox.StandardButton | None = None,
    icon: QtWidgets.QMessageBox.Icon | None = None,
) -> QtWidgets.QMessageBox.StandardButton:
    """A question box shown as plain text (the static ``QMessageBox.question`` reads rich text):
    Oui and Non unless ``buttons`` says otherwise, none by default unless ``default`` names one.
    QMessageBox is read here, not where the module is imported: its class and enums (~0.5 ms) are
    made the first time it is read, and the start path shows no message."""
    box_class = QtWidgets.QMessageBox
    if buttons is None:
        buttons = box_class.StandardButton.Yes | box_class.StandardButton.No
    box = box_class(box_class.Icon.Question if icon is None else icon, title, text, buttons, parent)
    box.setTextFormat(QtCore.Qt.TextFormat.PlainText)
    if default is not None:
        box.setDefaultButton(default)
    return box_class.StandardButton(box.exec())


def show_error(parent: QWidget | None, message: str) -> None:
    """Show an error the user can act on and wait for OK (tests replace this to read the message)."""
    error_box(parent, message).exec()


@contextmanager
def reported_errors(parent: QWidget | None, *, in_status_bar: bool = False) -> Iterator[Outcome]:
    """Show a ``KnownError`` raised in the block (box over ``parent``, or in its status bar) and go on."""
    outcome = Outcome()
    try:
        yield outcome
    except KnownError as error:
        outcome.error = error
        if in_status_bar and isinstance(parent, QMainWindow):
            parent.statusBar().showMessage(str(error), STATUS_MESSAGE_MS)
        else:
            show_error(parent, str(error))
