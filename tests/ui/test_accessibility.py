"""Keyboard alone and screen readers: Tab order, names, ticking from the keyboard, visible focus and
the « Raccourcis clavier » dialog, on the real window and dialogs (offscreen)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QAccessible, QKeySequence, QPalette
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QLabel,
    QToolTip,
    QWidget,
)

from coopguide.core.content.presets import load_presets
from coopguide.core.exchange_batch import ReadFile
from coopguide.core.merge_preview import MergePreview, PreviewGroup, PreviewLine
from coopguide.core.search.index import open_index
from coopguide.core.shared.dates import long_date
from coopguide.core.store.exchange import ExchangeFile
from coopguide.core.store.key_dates import KeyDate
from coopguide.core.store.progress import DONE, NOT_APPLICABLE
from coopguide.ui import a11y
from coopguide.ui.a11y import FocusRing
from tests.conftest import SHIPPED_CONTENT
from tests.helpers import prepared_seance

# -- helpers ---------------------------------------------------------------------------------------


def stored_state(window, item_id: str) -> str:
    """The item's state as the store has it (what a restart would show)."""
    return next((row.state for row in window.store.items.rows(window.state.dossier_id) if row.item_id == item_id), "")


def press(qtbot, key, modifier=Qt.KeyboardModifier.NoModifier) -> QWidget:
    qtbot.keyClick(QApplication.focusWidget(), key, modifier)
    return QApplication.focusWidget()


def tab_until(qtbot, widget: QWidget, limit: int = 60) -> None:
    for _ in range(limit):
        if QApplication.focusWidget() is widget:
            return
        press(qtbot, Qt.Key.Key_Tab)
    raise AssertionError(f"Tab never reached {widget!r}")


def focus_link(qtbot, window, href: str) -> None:
    """Give the page the focus, then Tab from link to link until ``href`` has it."""
    window.tree.setFocus(Qt.FocusReason.TabFocusReason)
    tab_until(qtbot, window.view)
    for _ in range(30):
        link = window.view.focused_link()
        if link and link[0] == href:
            return
        press(qtbot, Qt.Key.Key_Tab)
    raise AssertionError(f"no link {href}")


def focus_chain(top: QWidget) -> list[QWidget]:
    """What Tab can reach in ``top``, in Tab order: shown, enabled, taking focus by Tab."""
    found, widget = [], top.nextInFocusChain()
    while widget is not top:
        if (
            widget.focusPolicy() & Qt.FocusPolicy.TabFocus
            and widget.isVisible()
            and widget.isEnabled()
            and widget.window() is top
            and not isinstance(widget.parentWidget(), QAbstractSpinBox)
        ):
            found.append(widget)  # (a spin box's inner line edit is the spin box for a screen reader)
        widget = widget.nextInFocusChain()
    return found


def unnamed(top: QWidget) -> list[str]:
    """The focusable widgets a screen reader could not name. Qt names a widget by its accessible
    name, else by the label whose buddy it is, else (buttons) by its text; on Linux a combo box is
    named by its label only (its accessible name is read on Windows), so a combo needs a label."""
    missing = []
    for widget in focus_chain(top):
        access = QAccessible.queryAccessibleInterface(widget)
        labelled = bool(access.relations(QAccessible.RelationFlag.Label))
        text = widget.text().replace("&", "").strip() if isinstance(widget, QAbstractButton) else ""
        named = labelled if isinstance(widget, QComboBox) else bool(widget.accessibleName().strip() or labelled or text)
        if not named or not access.text(QAccessible.Text.Name).strip():
            missing.append(f"{type(widget).__name__} {widget.objectName()!r}")
    return missing


def broken_buddies(top: QWidget) -> list[str]:
    """Labels whose mnemonic (Alt+letter) would send the focus nowhere: a buddy that takes no focus."""
    return [
        label.text()
        for label in top.findChildren(QLabel)
        if label.buddy() is not None
        and "&" in label.text().replace("&&", "")
        and label.buddy().focusPolicy() == Qt.FocusPolicy.NoFocus
    ]


# -- the main window: Tab order, no trap, names -------------------------------------------------------


def test_tab_goes_tree_page_checklist_details_then_tool_bars_and_back(window, qtbot):
    window.panel.select_item("alpha.groupe")  # the details are enabled for a chosen item
    editor = window.panel.editor
    window.tree.setFocus(Qt.FocusReason.TabFocusReason)
    visited, presses_in_page = [window.tree], 0
    for _ in range(80):
        focused = press(qtbot, Qt.Key.Key_Tab)
        if focused is window.view and visited[-1] is window.view:
            presses_in_page += 1  # one per link: the page lets Tab go after its last link
        elif focused is not visited[-1]:
            visited.append(focused)
        if focused is window.tree:
            break
    expected = [
        window.tree,
        window.view,
        window.panel.ticker,
        window.panel.tree,
        editor.state,
        editor.assignee,
        editor.has_due,
        editor.relative,  # its days, side and key date are enabled once it is ticked
        editor.note,
        window.dossiers.switcher,
        window.navigation.toc_box,
        window.tree,
    ]
    names = {
        id(w): n
        for n, w in (
            ("guides", window.tree),
            ("page", window.view),
            ("qui coche", window.panel.ticker),
            ("check-list", window.panel.tree),
            ("état", editor.state),
            ("responsable", editor.assignee),
            ("échéance", editor.has_due),
            ("relative", editor.relative),
            ("note", editor.note),
            ("dossier", window.dossiers.switcher),
            ("aller à", window.navigation.toc_box),
        )
    }
    assert [names.get(id(w), type(w).__name__) for w in visited] == [names[id(w)] for w in expected]
    links = window.view.toHtml().count("<a href=")
    assert presses_in_page == links  # every link of the page was reached once, then Tab left it


def test_shift_tab_goes_back_the_same_way(window, qtbot):
    window.panel.select_item("alpha.groupe")
    window.panel.editor.note.setFocus(Qt.FocusReason.TabFocusReason)
    visited = [window.panel.editor.note]
    for _ in range(80):
        focused = press(qtbot, Qt.Key.Key_Backtab)
        if focused is not visited[-1]:
            visited.append(focused)
        if focused is window.tree:
            break
    editor = window.panel.editor
    assert visited == [
        editor.note,
        editor.relative,
        editor.has_due,
        editor.assignee,
        editor.state,
        window.panel.tree,
        window.panel.ticker,
        window.view,
        window.tree,
    ]


def test_ctrl_tab_leaves_the_page_from_any_link(window, qtbot):
    focus_link(qtbot, window, "cocher:alpha.loi")
    assert press(qtbot, Qt.Key.Key_Tab, Qt.KeyboardModifier.ControlModifier) is window.panel.ticker
    assert window.view.focused_link() is None
    focus_link(qtbot, window, "cocher:alpha.loi")
    backwards = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    assert press(qtbot, Qt.Key.Key_Tab, backwards) is window.tree


def test_f6_moves_between_the_parts_of_the_window(window, qtbot):
    window.panel.select_item("alpha.groupe")
    window.tree.setFocus()
    parts = [press(qtbot, Qt.Key.Key_F6) for _ in range(4)]
    assert parts == [window.view, window.panel.tree, window.panel.editor.state, window.tree]
    assert press(qtbot, Qt.Key.Key_F6, Qt.KeyboardModifier.ShiftModifier) is window.panel.editor.state
    window.find_bar.open_bar()  # the find bar belongs to the page: F6 goes on to the checklist
    assert press(qtbot, Qt.Key.Key_F6) is window.panel.tree


def test_every_focusable_widget_of_the_window_has_a_name(window):
    window.panel.select_item("alpha.groupe")
    window.panel.editor.has_due.setChecked(True)  # the date field too
    window.find_bar.open_bar()
    chain = focus_chain(window)
    assert window.panel.editor.due in chain and window.find_bar.close_button in chain
    assert unnamed(window) == []
    assert broken_buddies(window) == []


def test_menu_and_field_mnemonics_are_unique_and_reach_their_field(window, qtbot):
    window.panel.select_item("alpha.groupe")
    keys = [QKeySequence.mnemonic(a.text()).toString() for a in window.menuBar().actions()]
    keys += [
        QKeySequence.mnemonic(label.text()).toString()
        for label in window.findChildren(QLabel)
        if label.buddy() is not None and label.isVisible()
    ]
    keys = [k for k in keys if k]
    assert len(keys) == len(set(keys)), keys
    window.tree.setFocus()
    assert press(qtbot, Qt.Key.Key_O, Qt.KeyboardModifier.AltModifier) is window.panel.editor.note
    assert press(qtbot, Qt.Key.Key_Q, Qt.KeyboardModifier.AltModifier) is window.panel.ticker


def test_escape_in_the_details_goes_back_to_the_checklist(window, qtbot):
    window.panel.select_item("alpha.groupe")
    window.panel.editor.note.setFocus()
    assert press(qtbot, Qt.Key.Key_Escape) is window.panel.tree
    window.panel.editor.assignee.setFocus()
    assert press(qtbot, Qt.Key.Key_Escape) is window.panel.tree


# -- the checklist for screen readers -------------------------------------------------------------------


def test_checklist_rows_say_their_state_first_then_details(window):
    model, today = window.model, dt.date.today()
    assert window.edits.change_item("alpha.groupe", {"state": DONE}, "cocher")
    assert window.edits.change_item("alpha.loi", {"state": NOT_APPLICABLE}, "marquer non applicable")
    assert window.edits.change_item("alpha.forme", {"due": "2000-01-31", "assignee": "Zoé", "note": "appeler"}, "note")

    def spoken(item_id, role=Qt.ItemDataRole.AccessibleTextRole):
        return model.index_of_item(item_id).data(role)

    assert spoken("alpha.groupe") == "Fait — Réunir le groupe"  # Markdown ** dropped
    assert spoken("alpha.loi") == "Non applicable — Lire la loi"
    assert spoken("alpha.forme") == "À faire — Choisir la forme, en retard"
    assert spoken("alpha.depot") == "À faire — Déposer les statuts"
    done_day = long_date(today.isoformat())
    assert spoken("alpha.groupe", Qt.ItemDataRole.AccessibleDescriptionRole) == f"fait le {done_day}"
    assert spoken("alpha.loi", Qt.ItemDataRole.AccessibleDescriptionRole) == f"marqué non applicable le {done_day}"
    assert spoken("alpha.forme", Qt.ItemDataRole.AccessibleDescriptionRole) == (
        "responsable : Zoé. en retard, à faire avant le 31 janvier 2000. une note est écrite"
    )
    assert spoken("alpha.depot", Qt.ItemDataRole.AccessibleDescriptionRole) == ""
    assert model.index(0, 0).data(Qt.ItemDataRole.AccessibleTextRole) == "Première liste — 2 sur 3 fait(s)"
    # … and that is what the list gives a screen reader
    tree = QAccessible.queryAccessibleInterface(window.panel.tree)
    rows = [tree.child(i).text(QAccessible.Text.Name) for i in range(tree.childCount())]
    assert "Fait — Réunir le groupe" in rows and "Première liste — 2 sur 3 fait(s)" in rows


# -- ticking from the keyboard ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "key", [Qt.Key.Key_Space, Qt.Key.Key_Return, Qt.Key.Key_Enter], ids=["espace", "entrée", "entrée du pavé numérique"]
)
def test_space_or_enter_in_the_checklist_ticks_and_unticks_the_current_item(window, qtbot, key):
    window.panel.tree.setFocus()
    window.panel.select_item("alpha.forme")
    press(qtbot, key)
    assert stored_state(window, "alpha.forme") == DONE and window.model.is_done("alpha.forme")
    assert window.panel.current_item_id() == "alpha.forme"  # the keyboard user keeps their place
    press(qtbot, key)
    assert stored_state(window, "alpha.forme") == "" and not window.model.is_done("alpha.forme")


def test_enter_on_a_checklist_title_ticks_nothing(window, qtbot):
    window.panel.tree.setFocus()
    window.panel.tree.setCurrentIndex(window.model.index(0, 0))
    press(qtbot, Qt.Key.Key_Return)
    assert window.store.items.rows(window.state.dossier_id) == []


def test_enter_on_a_box_in_the_page_ticks_and_the_focus_stays_on_it(window, qtbot):
    focus_link(qtbot, window, "cocher:alpha.loi")
    press(qtbot, Qt.Key.Key_Return)
    assert stored_state(window, "alpha.loi") == DONE
    assert window.view.focused_link()[0] == "cocher:alpha.loi"  # the page was redrawn around it
    assert window.view.textCursor().selectedText() == "☑"
    press(qtbot, Qt.Key.Key_Tab)
    assert window.view.focused_link()[0] == "https://www.legifrance.gouv.fr/x"  # Tab goes on from there
    press(qtbot, Qt.Key.Key_Backtab)
    press(qtbot, Qt.Key.Key_Enter)
    assert stored_state(window, "alpha.loi") == ""
    assert window.undo_stack.undoText().endswith("« Lire la loi »")


def test_enter_on_a_glossary_word_shows_its_definition_next_to_it(window, qtbot):
    QToolTip.hideText()
    focus_link(qtbot, window, "glossaire:scop")
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(QToolTip.isVisible, timeout=2000)
    assert "<b>Scop</b>" in QToolTip.text()
    point = window.view.focused_link_point()
    tips = [w for w in QApplication.topLevelWidgets() if w.inherits("QTipLabel") and w.isVisible()]
    assert tips and (tips[0].geometry().topLeft() - point).manhattanLength() < 60
    assert window.view.focused_link()[0] == "glossaire:scop"  # still highlighted, Tab goes on from it
    QToolTip.hideText()


# -- visible focus --------------------------------------------------------------------------------------


def highlight(widget: QWidget) -> str:
    return widget.palette().color(QPalette.ColorGroup.Active, QPalette.ColorRole.Highlight).name()


def test_the_focused_list_or_page_has_a_ring_in_the_highlight_colour(window, qtbot):
    """(In the highlight colour, made to stand out: a11y.ring_colour; dark mode: test_theme.)"""
    window.tree.setFocus(Qt.FocusReason.TabFocusReason)
    tab_until(qtbot, window.panel.tree)
    ring = window.findChild(FocusRing)
    assert ring is not None and ring.isVisible() and ring.parentWidget() is window.panel.tree
    image = window.panel.tree.grab().toImage()
    middle = window.panel.tree.height() // 2
    ring_colour = a11y.ring_colour(window.panel.tree.palette()).name()
    assert image.pixelColor(1, middle).name() == ring_colour  # the left edge, too
    assert image.pixelColor(window.panel.tree.width() - 2, middle).name() == ring_colour
    press(qtbot, Qt.Key.Key_Tab)  # a combo box draws its own focus
    assert not ring.isVisible()
    tab_until(qtbot, window.tree)
    assert ring.isVisible() and ring.parentWidget() is window.tree


def test_the_focused_link_is_drawn_in_the_highlight_colours(window, qtbot):
    focus_link(qtbot, window, "cocher:alpha.groupe")
    view = window.view
    cursor = view.textCursor()
    assert cursor.hasSelection()  # a plain selection, painted with the palette, not Qt's dotted frame
    start = view.cursorRect(view.textCursor())
    cursor.setPosition(cursor.selectionStart())
    left = view.cursorRect(cursor)
    inside = QPoint((left.center().x() + start.center().x()) // 2, left.top() + 2)
    assert view.viewport().grab().toImage().pixelColor(inside).name() == highlight(view)
    window.tree.setFocus(Qt.FocusReason.TabFocusReason)  # leaving the page unselects the link
    assert not view.textCursor().hasSelection()


# -- dialogs ------------------------------------------------------------------------------------------------


def _dialogs(window, content_root):
    from coopguide.core.content.orientation_data import load_forms, load_situations
    from coopguide.ui.dossiers.batch_dialogs import BatchImportDialog, ExportChoiceDialog, SummaryDialog
    from coopguide.ui.dossiers.dialogs import (
        DossierPropertiesDialog,
        DuplicateDialog,
        ImportDialog,
        MergePreviewDialog,
        ResetDialog,
        TrashDialog,
    )
    from coopguide.ui.dossiers.key_dates_dialog import KeyDatesDialog
    from coopguide.ui.dossiers.next_actions import NextActionsDialog
    from coopguide.ui.dossiers.scope_dialog import ScopeDialog
    from coopguide.ui.pack_dialog import PackDialog
    from coopguide.ui.pdf_progress import pack_progress
    from coopguide.ui.seances.log_dialog import SeanceEditDialog, SeanceLogDialog
    from coopguide.ui.seances.overview_dialog import SeanceOverviewDialog
    from coopguide.ui.seances.prepare_dialog import SeanceDialog
    from coopguide.ui.search_dialog import SearchDialog
    from coopguide.ui.shortcuts_dialog import ShortcutsDialog
    from coopguide.ui.start_here import StartHereDialog
    from tests.ui.test_key_dates_ui import sample_key_dates

    store, content = window.store, window.content
    dossier = store.dossiers.get(window.state.dossier_id)
    presets, _ = load_presets(content_root)
    line = PreviewLine("alpha.groupe", "Réunir le groupe", "à faire → fait", "fait le 2 mars 2026 par Zoé")
    preview = MergePreview((PreviewGroup("Alpha › Première liste", (line,)),), ("Zoé",), "")
    mine = ExchangeFile(dossier.name, "", (), "", "test-1", "", ())
    files = [ReadFile(Path("a.coopguide"), mine), ReadFile(Path("b.coopguide"), refused="abîmé")]
    rows = [("a.coopguide", "fusionné", False), ("b.coopguide", "refusé : abîmé", True)]
    return {
        "nouveau dossier": lambda: DossierPropertiesDialog(window, content=content),
        "propriétés": lambda: DossierPropertiesDialog(window, dossier, content),
        "check-lists suivies": lambda: ScopeDialog(content, dossier, dossier.name, window),
        "dates clés": lambda: KeyDatesDialog(
            content.replace(key_dates=sample_key_dates()),
            [KeyDate("autre-banque", "2026-03-03", "Banque")],
            window,
        ),
        "dupliquer": lambda: DuplicateDialog(dossier, "copie", window),
        "réinitialiser": lambda: ResetDialog("Première liste", 1, window),
        "corbeille": lambda: TrashDialog(window.dossiers, window),
        "importer": lambda: ImportDialog("a.coopguide", "Autre", 2, store.dossiers.all(), dossier.id, window),
        "fusion": lambda: MergePreviewDialog(preview, dossier.name, window),
        "importer plusieurs": lambda: BatchImportDialog(files, store.dossiers.all(), lambda f, t: preview, window),
        "exporter plusieurs": lambda: ExportChoiceDialog(store.dossiers.in_use(), window),
        "résumé": lambda: SummaryDialog("Importation terminée", "2 fichiers", ["Fichier", "Résultat"], rows, window),
        "recherche": lambda: SearchDialog(content, None, window, index=open_index(content, None)),
        "préparer une séance": lambda: SeanceDialog(store, content, window.templates, presets, window),
        "journal": lambda: SeanceLogDialog(store, window),
        "vue d'ensemble": lambda: SeanceOverviewDialog(
            store, content, presets, window, prepared_seance(store, content).id, lambda *a: None, lambda *a: None
        ),
        "séance": lambda: SeanceEditDialog(None, window),
        "dossier de séance": lambda: PackDialog(content, presets, dossier.name, lambda request: False, "A4", window),
        "progression": lambda: pack_progress(window)[0],
        "raccourcis": lambda: ShortcutsDialog(window.menuBar(), window),
        "prochaines actions": lambda: NextActionsDialog(window.state, window, lambda: None, lambda: None),
        "par où commencer": lambda: StartHereDialog(
            window,
            store,
            content,
            load_situations(SHIPPED_CONTENT, []),
            load_forms(SHIPPED_CONTENT, []),
            lambda target: None,
            lambda dossier_id: None,
        ),
    }


DIALOGS = [
    "nouveau dossier",
    "propriétés",
    "check-lists suivies",
    "dates clés",
    "dupliquer",
    "réinitialiser",
    "corbeille",
    "importer",
    "fusion",
    "importer plusieurs",
    "exporter plusieurs",
    "résumé",
    "recherche",
    "préparer une séance",
    "journal",
    "vue d'ensemble",
    "séance",
    "dossier de séance",
    "progression",
    "raccourcis",
    "prochaines actions",
    "par où commencer",
]


@pytest.mark.parametrize("name", DIALOGS)
def test_every_focusable_widget_of_each_dialog_has_a_name(window, content_root, qtbot, name):
    dialog = _dialogs(window, content_root)[name]()
    qtbot.addWidget(dialog)
    dialog.show()
    assert focus_chain(dialog), "the dialog can be reached with Tab"
    assert unnamed(dialog) == []
    assert broken_buddies(dialog) == []
    dialog.close()


# -- « Aide › Raccourcis clavier » ------------------------------------------------------------------------


def test_f1_lists_the_real_shortcuts_of_the_menus_and_the_keys_of_each_part(window, qtbot):
    window.navigation.bookmark_action.setShortcut(QKeySequence("Ctrl+Shift+B"))  # whatever the actions say, it shows
    qtbot.keyClick(window, Qt.Key.Key_F1)
    dialog = window.help.shortcuts_dialog
    assert dialog.isVisible() and dialog.windowTitle() == "Raccourcis clavier"
    rows = dialog.rows()
    for keys, action in (
        ("Ctrl+K", "Rechercher partout"),
        ("Ctrl+F", "Chercher dans la page"),
        ("F3", "Résultat suivant"),
        ("Alt+Left", "Précédent"),
        ("Alt+Right", "Suivant"),
        ("Ctrl+Shift+B", "Ajouter ce guide aux favoris"),
        ("Ctrl+Z", "Annuler"),
        ("Ctrl+Y", "Rétablir"),
        ("Ctrl++", "Agrandir le texte"),
        ("Ctrl+-", "Réduire le texte"),
        ("Ctrl+0", "Taille normale"),
        ("F5", "Présenter ce guide"),
        ("Ctrl+D", "Tableau de bord"),
        ("F6", "Zone suivante"),
        ("F1", "Raccourcis clavier"),
    ):
        assert any(
            row_keys.split(" ou ")[0] == keys and row_action.startswith(action) for _, row_keys, row_action in rows
        ), (keys, action)
    every_action = [
        a
        for menu in window.menuBar().actions()
        if menu.menu()
        for a in menu.menu().actions()
        if a.shortcuts() and not a.isSeparator()
    ]
    shown = {row_action for _, _, row_action in rows}
    assert all(a.text().replace("&", "").removesuffix("…") in shown for a in every_action)
    sections = {section for section, _, _ in rows}
    assert {"Dans la page du guide", "Dans la check-list", "Présentation (F5)"} <= sections
    leave = ("Dans la page du guide", "Ctrl+Tab / Ctrl+Maj+Tab", "Quitter la page sans passer par tous ses liens")
    assert leave in rows
    media = {"Back", "Forward", "Help", "Zoom In", "Zoom Out", "Find", "Redo"}  # not on a laptop's keyboard
    assert not [keys for _, keys, _ in rows if media & {k.split("+")[-1] for k in keys.split(" ou ")}]
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible()


def test_the_recovery_question_has_named_buttons_and_escape_quits(qtbot, monkeypatch, tmp_path):
    from PySide6.QtWidgets import QMessageBox

    from coopguide.core.shared.errors import DamagedDatabaseError
    from coopguide.core.store.recovery import QUIT, RecoveryOptions
    from coopguide.ui.recovery_dialog import ask_with_dialog

    seen = {}

    def fake_exec(box: QMessageBox) -> int:  # the real dialog would wait for the user
        box.show()
        seen["unnamed"] = unnamed(box)
        seen["buttons"] = [b.text() for b in box.buttons()]
        seen["escape"] = box.escapeButton().text() if box.escapeButton() else ""
        box.close()
        return 0

    monkeypatch.setattr(QMessageBox, "exec", fake_exec)
    options = RecoveryOptions(
        DamagedDatabaseError(tmp_path / "coopguide.sqlite3", "test"),
        None,
        tmp_path / "coopguide-20261124-101500.sqlite3",
    )
    assert ask_with_dialog(options) == QUIT  # nothing clicked
    assert seen["unnamed"] == []
    assert set(seen["buttons"]) == {"Restaurer la dernière sauvegarde", "Repartir de zéro", "Quitter"}
    assert seen["escape"] == "Quitter"


def test_a_tick_is_announced_to_screen_readers(window, qtbot, monkeypatch):
    from coopguide.ui import a11y

    said = []

    class Reader:  # stands for a running screen reader
        isActive = staticmethod(lambda: True)
        updateAccessibility = staticmethod(lambda event: said.append(event.message()))

    monkeypatch.setattr(a11y, "QAccessible", Reader)
    focus_link(qtbot, window, "cocher:alpha.groupe")
    press(qtbot, Qt.Key.Key_Return)
    press(qtbot, Qt.Key.Key_Return)
    assert said == ["Coché : Réunir le groupe", "Décoché : Réunir le groupe"]


def test_a_box_clicked_with_the_mouse_is_ticked_without_a_keyboard_highlight(window, qtbot):
    view = window.view
    found = view.document().find("☐")  # the first box: « Réunir le groupe »
    cursor = view.textCursor()
    cursor.setPosition(found.selectionStart())
    left = view.cursorRect(cursor).center()
    cursor.setPosition(found.selectionEnd())
    point = (left + view.cursorRect(cursor).center()) / 2
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=point)
    assert stored_state(window, "alpha.groupe") == DONE
    assert view.focused_link() is None  # the page was redrawn; nothing stays highlighted for a mouse user


def test_a_window_completed_after_its_first_frame_rings_the_widget_already_focused(qtbot, content_root, data_dir):
    """ui/app.py builds the focus rings once the first frame is painted, when the focus is already
    somewhere (in the guide list: the check-list panel is not built yet either): that widget gets
    its ring at once."""
    from coopguide.core.content import cache as content_cache
    from coopguide.core.store import open_store
    from coopguide.ui.main_window import MainWindow

    store = open_store(data_dir)
    try:
        window = MainWindow(store, content_cache.load(content_root, data_dir / "cache"), data_dir, complete=False)
        qtbot.addWidget(window)
        window.show()
        window.activateWindow()
        qtbot.waitUntil(window.isActiveWindow)
        window.tree.setFocus()
        qtbot.waitUntil(window.tree.hasFocus)
        assert window.focus_rings is None
        window.complete()
        ring = window.focus_rings.ring
        assert ring is not None and ring.isVisible() and ring.parentWidget() is window.tree
        window.close()
    finally:
        store.close()
