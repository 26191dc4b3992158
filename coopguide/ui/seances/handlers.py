"""What the « Séance » actions open: the presentation window, « Préparer une séance… », the séance's
groups side by side and the séance log. Imported when the first of them is used
(:mod:`coopguide.ui.later`), with the slides, the presets and the PDF machinery they need.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication

from coopguide import APP_NAME
from coopguide.core.content.presets import load_presets
from coopguide.core.shared import paths
from coopguide.ui.dossiers import batch
from coopguide.ui.dossiers.controller import DossierController
from coopguide.ui.guide_view import GuideView
from coopguide.ui.seances.log_dialog import SeanceLogDialog
from coopguide.ui.seances.menu import SeanceMenu
from coopguide.ui.seances.overview_dialog import SeanceOverviewDialog
from coopguide.ui.seances.prepare_dialog import SeanceDialog
from coopguide.ui.seances.presentation import PresentationWindow, Screen
from coopguide.ui.seances.presenter import PresenterView


def screens() -> Sequence[Screen]:
    """The screens plugged in (tests give their own)."""
    return QGuiApplication.screens()


def projector_and_laptop(found: Sequence[Screen], laptop: Screen | None) -> tuple[Screen | None, Screen | None]:
    """With two screens or more: the slides on a screen the main window is not on (the projector),
    the presenter view on the main window's (the laptop's). With one: the slides only, there."""
    if len(found) < 2:
        return None, None
    laptop = laptop if laptop in found else found[0]
    projector = next(screen for screen in found if screen is not laptop)
    return projector, laptop


def reading_anchor(menu: SeanceMenu, window: PresentationWindow) -> str:
    """The section the main window shows (the dashboard or another page: the start)."""
    view = getattr(menu.window, "view", None)
    if not isinstance(view, GuideView) or menu.state.page != window.guide_id:
        return ""
    return view.reading_anchor(section.anchor for section in window.sections if section.anchor)


def present(menu: SeanceMenu, full_screen: bool = True) -> PresentationWindow:
    """The guide shown in the window, presented from the section being read; Esc brings the window
    back on the section left. With two screens, the presenter view opens on the laptop's."""
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
    projector, laptop = projector_and_laptop(screens(), menu.window.screen())
    window.start(reading_anchor(menu, window), full_screen=full_screen, screen=projector)
    if projector is not None:
        menu.presenter = PresenterView(window).start(laptop)
        menu.presenter.activateWindow()  # the keys go to the laptop's window, which passes them on
    return window


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
    state.progressChanged.connect(dialog.progress_changed)
    state.itemsChanged.connect(dialog.progress_changed)
    menu.overview = dialog
    dialog.show()
    return dialog


def open_log(menu: SeanceMenu) -> SeanceLogDialog:
    dialog = SeanceLogDialog(menu.state.store, menu.window)
    dialog.open()
    return dialog
