"""The « Séance » menu for training seances: presentation mode (F5), preparing a seance from a
preset, and the seance log. One call from the main window adds it::

    install_seance_menu(self)

It needs from the window: ``menuBar``, ``addAction``, ``store``, ``content``, ``templates``,
``switch_dossier`` and what :class:`coopguide.ui.seances.presentation.PresentationWindow` reads. The
presentation and the dialogs are imported when their action runs, not at start.
"""

from __future__ import annotations

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu


def install_seance_menu(window) -> QMenu:
    menu = window.menuBar().addMenu(window.tr("&Séance"))
    present = QAction(window.tr("&Présenter ce guide"), window)
    present.setShortcut(QKeySequence("F5"))
    present.setStatusTip(window.tr("Plein écran, en grand, une partie à la fois (Échap pour revenir)"))
    present.triggered.connect(lambda: present_guide(window))
    menu.addAction(present)
    window.addAction(present)  # F5 works even with the menu bar hidden
    menu.addSeparator()
    menu.addAction(window.tr("Préparer une &séance…"), lambda: open_seance_dialog(window))
    menu.addAction(window.tr("&Journal des séances…"), lambda: open_seance_log(window))
    window.present_action = present
    return menu


def present_guide(window):
    from coopguide.ui.seances.presentation import start_presentation  # with core.slides: off the start path

    return start_presentation(window)


def open_seance_dialog(window):
    from coopguide.core.content.presets import load_presets
    from coopguide.core.shared import paths
    from coopguide.ui.seances.prepare_dialog import SeanceDialog

    presets, _ = load_presets(paths.content_dir())  # problems are check-content's job
    dialog = SeanceDialog(window.store, window.content, window.templates, presets, window)
    dialog.dossiersCreated.connect(lambda ids: window.switch_dossier(ids[0]))
    dialog.open()
    return dialog


def open_seance_log(window):
    from coopguide.ui.seances.log_dialog import SeanceLogDialog

    dialog = SeanceLogDialog(window.store, window)
    dialog.open()
    return dialog
