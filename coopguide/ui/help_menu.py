"""The « Aide » menu: « Raccourcis clavier… » (F1). One call from the window adds it::

    install_help_menu(self)

The dialog itself (:mod:`coopguide.ui.shortcuts_dialog`) is imported when F1 is pressed, not at start.
"""

from __future__ import annotations

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu


def install_help_menu(window) -> QMenu:
    menu = window.menuBar().addMenu(window.tr("Aid&e"))
    action = QAction(window.tr("&Raccourcis clavier…"), window)
    action.setShortcuts(QKeySequence.keyBindings(QKeySequence.StandardKey.HelpContents) or [QKeySequence("F1")])
    action.triggered.connect(lambda: open_shortcuts(window))
    menu.addAction(action)
    window.addAction(action)  # F1 works with the menu bar hidden
    window.shortcuts_action = action
    return menu


def open_shortcuts(window):
    from coopguide.ui.shortcuts_dialog import open_shortcuts as open_dialog

    return open_dialog(window)
