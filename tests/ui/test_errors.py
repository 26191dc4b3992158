"""Errors the user can act on are shown once, as plain text; anything else is a bug and propagates."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMainWindow, QStatusBar

from coopguide.core.shared.errors import InvalidInputError, StorageError
from coopguide.ui.errors import error_box, reported_errors


def test_a_known_error_is_shown_and_the_block_reports_it(qtbot, shown_errors):
    with reported_errors(None) as outcome:
        raise InvalidInputError("Un dossier « Dupont » existe déjà.")
    assert outcome.failed and isinstance(outcome.error, InvalidInputError)
    assert shown_errors == ["Un dossier « Dupont » existe déjà."]


def test_a_block_without_error_shows_nothing(qtbot, shown_errors):
    with reported_errors(None) as outcome:
        pass
    assert not outcome.failed and shown_errors == []


def test_a_bug_is_not_dressed_up_as_a_user_message(qtbot, shown_errors):
    with pytest.raises(ZeroDivisionError), reported_errors(None):
        _ = 1 / 0
    assert shown_errors == []


def test_a_background_write_reports_in_the_status_bar(qtbot, shown_errors):
    window = QMainWindow()
    qtbot.addWidget(window)
    with reported_errors(window, in_status_bar=True) as outcome:
        raise StorageError("Impossible d'enregistrer : le disque est plein.")
    assert outcome.failed and shown_errors == []
    assert window.statusBar().currentMessage() == "Impossible d'enregistrer : le disque est plein."


def test_text_from_files_and_users_is_shown_as_typed(qtbot):
    box = error_box(None, "Le dossier <b>Dupont</b> & <i>fils</i> existe déjà.")
    qtbot.addWidget(box)
    assert box.textFormat() == Qt.TextFormat.PlainText
    assert box.text() == "Le dossier <b>Dupont</b> & <i>fils</i> existe déjà."


def test_a_background_write_that_succeeds_leaves_the_window_as_it_was(qtbot, shown_errors):
    window = QMainWindow()
    qtbot.addWidget(window)
    with reported_errors(window, in_status_bar=True) as outcome:
        pass
    assert not outcome.failed and window.findChild(QStatusBar) is None  # Qt makes it on first use only
