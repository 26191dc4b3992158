"""The main window driven through its real widgets, on real SQLite files."""

from __future__ import annotations

import sqlite3

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QStyle, QStyleOptionViewItem

from coopguide.core.content.item_boxes import BOX_DONE, BOX_EMPTY
from coopguide.core.shared.errors import StorageError
from coopguide.core.shared.paths import DATABASE_NAME


def ticks_on_disk(data_dir) -> set[str]:
    with sqlite3.connect(data_dir / DATABASE_NAME) as conn:
        return {row[0] for row in conn.execute("SELECT item_id FROM item_progress WHERE state = 'fait'")}


def item_index(window, item_id):
    index = window.model.index_of_item(item_id)
    assert index.isValid()
    return index


def test_opens_on_the_default_guide_with_its_checklists(open_window):
    window = open_window()
    assert window.state.guide_id == "alpha"
    assert window.panel.progress.text() == "0 / 4 fait(s)"
    assert window.model.rowCount() == 2
    assert "Alpha : le guide de test" in window.view.toPlainText()
    assert window.dossiers.switcher.currentText() == "Mon projet"


def test_guide_tree_groups_guides_by_theme(open_window):
    tree = open_window().tree
    themes = [tree.topLevelItem(i).text(0) for i in range(tree.topLevelItemCount())]
    assert themes == ["Les bases", "Outils"]
    assert [tree.topLevelItem(1).child(i).text(0) for i in range(2)] == ["Beta", "Glossaire"]


def test_space_key_ticks_and_the_tick_is_on_disk_and_in_a_new_window(open_window, qtbot, data_dir):
    window = open_window()
    window.panel.tree.setFocus()
    window.panel.tree.setCurrentIndex(item_index(window, "alpha.groupe"))
    qtbot.keyClick(window.panel.tree, Qt.Key.Key_Space)
    assert ticks_on_disk(data_dir) == {"alpha.groupe"}
    assert window.panel.progress.text() == "1 / 4 fait(s)"
    assert window.tree.currentItem().text(1) == "1/4"
    window.close()
    second = open_window()
    assert second.model.is_done("alpha.groupe")
    assert second.view.toPlainText().count(BOX_DONE) == 1


def test_mouse_click_on_the_check_box_ticks_and_unticks(open_window, qtbot, data_dir):
    window = open_window()
    view = window.panel.tree
    index = item_index(window, "alpha.depot")
    option = QStyleOptionViewItem()
    option.initFrom(view)
    option.rect = view.visualRect(index)
    option.features |= QStyleOptionViewItem.ViewItemFeature.HasCheckIndicator
    box = view.style().subElementRect(QStyle.SubElement.SE_ItemViewItemCheckIndicator, option, view)
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=box.center())
    assert ticks_on_disk(data_dir) == {"alpha.depot"}
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=box.center())
    assert ticks_on_disk(data_dir) == set()


def test_clicking_a_box_in_the_text_ticks_the_item(open_window, data_dir):
    window = open_window()
    window.view.anchorClicked.emit(window.view.source().fromUserInput("cocher:alpha.loi"))
    assert ticks_on_disk(data_dir) == {"alpha.loi"}
    assert window.model.is_done("alpha.loi")
    assert window.view.toPlainText().count(BOX_DONE) == 1
    assert window.view.toPlainText().count(BOX_EMPTY) == 3


def test_a_tick_that_cannot_be_saved_is_not_shown_as_done(open_window, monkeypatch, data_dir, shown_errors):
    window = open_window()
    warnings = shown_errors

    def disk_full(*args, **kwargs):
        raise StorageError("Impossible d'enregistrer la case cochée : le disque est plein.")

    monkeypatch.setattr(window.store.db, "transaction", disk_full)  # every write
    assert not window.model.toggle("alpha.groupe")
    assert not window.model.is_done("alpha.groupe")
    assert window.panel.progress.text() == "0 / 4 fait(s)"
    assert warnings and "disque est plein" in warnings[0]
    assert BOX_DONE not in window.view.toPlainText()


def test_switching_dossier_shows_that_dossiers_progress(open_window, data_dir):
    window = open_window()
    window.model.toggle("alpha.groupe")
    assert window.dossiers.create_dossier("Reprise Dupont")
    assert window.dossiers.switcher.currentText() == "Reprise Dupont"
    assert window.panel.progress.text() == "0 / 4 fait(s)"
    window.model.toggle("alpha.depot")
    window.dossiers.switcher.setCurrentIndex(window.dossiers.switcher.findText("Mon projet"))
    assert window.panel.progress.text() == "1 / 4 fait(s)"
    assert window.model.is_done("alpha.groupe") and not window.model.is_done("alpha.depot")
    window.close()
    assert open_window().dossiers.switcher.currentText() == "Mon projet"


def test_a_duplicate_dossier_name_is_refused_with_a_message(open_window, shown_errors):
    window = open_window()
    shown = shown_errors
    assert not window.dossiers.create_dossier("MON PROJET")
    assert "déjà" in shown[0]
    assert window.dossiers.switcher.count() == 1


def test_last_guide_and_geometry_are_remembered(open_window):
    window = open_window()
    window.show_guide("beta")
    window.resize(700, 480)  # the offscreen screen is 800×600: stay inside it
    chosen = window.size()
    assert chosen != open_window().size()  # a window with no saved geometry differs
    window.close()
    again = open_window()
    assert again.state.guide_id == "beta"
    assert again.size() == chosen


def test_links_move_inside_the_app(open_window):
    window = open_window()
    window.follow_link("item:beta.deux")
    assert window.state.guide_id == "beta"
    assert window.panel.tree.currentIndex().data(Qt.ItemDataRole.UserRole + 1) == "beta.deux"
    window.follow_link("guide:alpha")
    assert window.state.guide_id == "alpha"


def test_an_external_link_asks_first_and_opens_nothing_when_refused(open_window, monkeypatch):
    window = open_window()
    asked, opened = [], []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: asked.append(box.text()) or QMessageBox.StandardButton.No)
    monkeypatch.setattr("coopguide.ui.main_window.QDesktopServices.openUrl", opened.append)
    window.follow_link("https://www.legifrance.gouv.fr/x")
    assert "https://www.legifrance.gouv.fr/x" in asked[0]
    assert opened == []


def test_remote_resources_are_never_loaded(open_window):
    view = open_window().view
    view.setHtml('<p>x</p><img src="https://tracker.example/pixel.png"><img src="images/schema.png">')
    assert "https://tracker.example/pixel.png" in view.blocked_urls
    assert all("schema.png" not in url for url in view.blocked_urls)


def test_checklist_model_passes_qt_model_checks(open_window, qtmodeltester):
    qtmodeltester.check(open_window().model)


def test_keyboard_user_can_reach_every_pane(open_window):
    window = open_window()
    for widget in (window.tree, window.view, window.panel.tree, window.dossiers.switcher):
        assert widget.accessibleName()
        assert widget.focusPolicy() != Qt.FocusPolicy.NoFocus


def test_ticking_with_the_keyboard_keeps_the_place_in_the_list(open_window, qtbot):
    window = open_window()
    tree = window.panel.tree
    tree.setFocus()
    tree.setCurrentIndex(item_index(window, "alpha.loi"))
    qtbot.keyClick(tree, Qt.Key.Key_Space)
    assert window.model.is_done("alpha.loi")
    assert tree.currentIndex().data(Qt.ItemDataRole.UserRole + 1) == "alpha.loi"
    qtbot.keyClick(tree, Qt.Key.Key_Down)
    qtbot.keyClick(tree, Qt.Key.Key_Space)
    assert window.model.is_done("alpha.forme")
