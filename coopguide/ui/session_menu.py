"""The « Séance » menu for training sessions: presentation mode (F5), preparing a session from a
preset, and the session log. One call from the main window adds it::

    install_session_menu(self)

It needs from the window: ``menuBar``, ``addAction``, ``store``, ``content``, ``templates``,
``switch_dossier`` and what :class:`coopguide.ui.presentation.PresentationWindow` reads. The
presentation and the dialogs are imported when their action runs, not at start.
"""

from __future__ import annotations

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu


def install_session_menu(window) -> QMenu:
    menu = window.menuBar().addMenu(window.tr("&Séance"))
    present = QAction(window.tr("&Présenter ce guide"), window)
    present.setShortcut(QKeySequence("F5"))
    present.setStatusTip(window.tr("Plein écran, en grand, une partie à la fois (Échap pour revenir)"))
    present.triggered.connect(lambda: present_guide(window))
    menu.addAction(present)
    window.addAction(present)  # F5 works even with the menu bar hidden
    menu.addSeparator()
    menu.addAction(window.tr("Préparer une &séance…"), lambda: open_session_dialog(window))
    menu.addAction(window.tr("&Journal des séances…"), lambda: open_session_log(window))
    window.present_action = present
    return menu


def present_guide(window):
    from coopguide.ui.presentation import start_presentation  # with core.slides: off the start path

    return start_presentation(window)


def open_session_dialog(window):
    from coopguide.core import paths
    from coopguide.core.presets import load_presets
    from coopguide.ui.session_dialog import SessionDialog

    presets, _ = load_presets(paths.content_dir())  # problems are check-content's job
    dialog = SessionDialog(window.store, window.content, window.templates, presets, window)
    dialog.dossiersCreated.connect(lambda ids: window.switch_dossier(ids[0]))
    dialog.open()
    return dialog


def open_session_log(window):
    from coopguide.ui.session_log_dialog import SessionLogDialog

    dialog = SessionLogDialog(window.store, window)
    dialog.open()
    return dialog
