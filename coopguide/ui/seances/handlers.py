"""What the « Séance » actions open: the presentation window, « Préparer une séance… », the séance's
groups side by side and the séance log. Imported when the first of them is used
(:mod:`coopguide.ui.later`), with the slides, the presets and the PDF machinery they need.
"""

from __future__ import annotations

from PySide6.QtCore import Qt

from coopguide import APP_NAME
from coopguide.core.content.presets import load_presets
from coopguide.core.shared import paths
from coopguide.ui.dossiers import batch
from coopguide.ui.dossiers.controller import DossierController
from coopguide.ui.seances.log_dialog import SeanceLogDialog
from coopguide.ui.seances.menu import SeanceMenu
from coopguide.ui.seances.overview_dialog import SeanceOverviewDialog
from coopguide.ui.seances.prepare_dialog import SeanceDialog
from coopguide.ui.seances.presentation import PresentationWindow


def present(menu: SeanceMenu, full_screen: bool = True) -> PresentationWindow:
    """The guide shown in the window, presented; Esc brings the window back on the section left."""
    old = menu.presentation
    if old is not None and old.isVisible():
        old.activateWindow()
        return old
    state = menu.state
    guide_id = state.guide_id or state.content.first_guide_id() or ""
    window = PresentationWindow(state, menu.edits, menu.templates, guide_id)
    window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, False)
    window.setWindowTitle(f"{window.windowTitle()} — {APP_NAME}")
    window.closed.connect(lambda anchor: menu.show_section(window.guide_id, anchor))
    menu.presentation = window
    return window.start(full_screen=full_screen)


def open_prepare_dialog(menu: SeanceMenu) -> SeanceDialog:
    presets, _ = load_presets(paths.content_dir())  # problems are check-content's job
    state = menu.state
    dialog = SeanceDialog(state.store, state.content, menu.templates, presets, menu.window)
    dialog.dossiersCreated.connect(lambda ids: state.set_dossier(ids[0]))
    dialog.open()
    return dialog


def open_overview(menu: SeanceMenu) -> SeanceOverviewDialog:
    """Not modal, one at a time; it follows every change of progress in the window."""
    old = menu.overview
    if old is not None and old.isVisible():
        old.refresh()
        old.activateWindow()
        return old
    presets, _ = load_presets(paths.content_dir())
    state = menu.state
    seances = state.store.seances.groups.seances_of_dossier(state.dossier_id)
    dossiers: DossierController = getattr(menu.window, "dossiers")  # noqa: B009 (typed as a QMainWindow)
    dialog = SeanceOverviewDialog(
        state.store,
        state.content,
        presets,
        menu.window,
        seances[0] if seances else None,
        export_groups=lambda ids, folder: batch.export_many(dossiers, ids, folder),
        import_returned=lambda files, ids: batch.import_into_groups(dossiers, files, ids),
    )
    dialog.dossierChosen.connect(state.set_dossier)
    state.progressChanged.connect(dialog.refresh)
    state.itemsChanged.connect(dialog.refresh)
    menu.overview = dialog
    dialog.show()
    return dialog


def open_log(menu: SeanceMenu) -> SeanceLogDialog:
    dialog = SeanceLogDialog(menu.state.store, menu.window)
    dialog.open()
    return dialog
