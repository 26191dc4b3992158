"""Presentation mode through the real window: slides, keys of a clicker, black screen, ticking saved
in the dossier, Esc back to the same section. Fixture guide « alpha »: opening, « Première liste »
(3 items), « Seconde liste » (1 item + code), « Sources »."""

from __future__ import annotations

import sqlite3

import pytest
from PySide6.QtCore import Qt

from coopguide.core.shared.paths import DATABASE_NAME
from coopguide.core.store.progress import DONE, TODO
from coopguide.ui.seances.presentation import PresentationWindow


@pytest.fixture
def window(open_window):
    win = open_window()
    win.show_guide("alpha")
    return win


@pytest.fixture
def show(window, qtbot):
    presentation = window.seances.present(full_screen=False)
    qtbot.addWidget(presentation)
    presentation.resize(1280, 720)
    qtbot.waitUntil(presentation.isActiveWindow)
    yield presentation
    presentation.close()


def on_disk(data_dir, item_id):
    with sqlite3.connect(data_dir / DATABASE_NAME) as conn:
        row = conn.execute("SELECT state FROM item_progress WHERE item_id = ?", (item_id,)).fetchone()
    return row[0] if row else None


def titles(presentation):
    return [slide.title for slide in presentation.slides]


def test_one_section_per_slide_with_a_counter(show):
    assert titles(show) == ["Alpha : le guide de test", "Première liste", "Seconde liste", "Sources"]
    assert show.counter.text() == "1 / 4"
    assert "Une Scop se crée à plusieurs" in show.view.toPlainText()
    assert show.base_px == round(720 / 24)  # about 22 pt on a 720-pixel-high screen


def test_clicker_and_arrow_keys_move_between_slides(show, qtbot):
    qtbot.keyClick(show, Qt.Key.Key_PageDown)
    assert show.counter.text() == "2 / 4" and "Réunir le groupe" in show.view.toPlainText()
    qtbot.keyClick(show, Qt.Key.Key_Right)
    assert show.slide.title == "Seconde liste"
    qtbot.keyClick(show, Qt.Key.Key_PageUp)
    qtbot.keyClick(show, Qt.Key.Key_Left)
    assert show.index == 0
    qtbot.keyClick(show, Qt.Key.Key_Left)  # nothing before the first slide
    assert show.index == 0
    qtbot.keyClick(show, Qt.Key.Key_Space)
    assert show.index == 1
    qtbot.keyClick(show, Qt.Key.Key_End)
    assert show.counter.text() == "4 / 4" and show.slide.title == "Sources"
    qtbot.keyClick(show, Qt.Key.Key_PageDown)  # nothing after the last one
    assert show.index == 3
    qtbot.keyClick(show, Qt.Key.Key_Home)
    assert show.index == 0


def test_b_blanks_the_screen_and_any_key_brings_it_back(show, qtbot):
    qtbot.keyClick(show, Qt.Key.Key_PageDown)
    qtbot.keyClick(show, Qt.Key.Key_B)
    assert show.blanked
    qtbot.keyClick(show, Qt.Key.Key_PageDown)  # brings the slide back without moving on
    assert not show.blanked and show.index == 1
    qtbot.keyClick(show, Qt.Key.Key_Period)
    assert show.blanked
    qtbot.keyClick(show, Qt.Key.Key_B)
    assert not show.blanked


def test_ticking_with_a_number_key_is_saved_in_the_dossier_and_shown(show, window, qtbot, data_dir):
    qtbot.keyClick(show, Qt.Key.Key_PageDown)
    assert show.slide.item_ids == ("alpha.groupe", "alpha.loi", "alpha.forme")
    assert "☐" in show.view.toPlainText() and "☑" not in show.view.toPlainText()
    qtbot.keyClick(show, Qt.Key.Key_2)
    assert on_disk(data_dir, "alpha.loi") == DONE
    assert window.state.resolved.get("alpha.loi").state == DONE
    assert show.view.toPlainText().count("☑") == 1
    assert window.model.index_of_item("alpha.loi").data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked
    qtbot.keyClick(show, Qt.Key.Key_2)  # again: unticked, on disk too
    assert on_disk(data_dir, "alpha.loi") == TODO
    assert "☑" not in show.view.toPlainText()
    qtbot.keyClick(show, Qt.Key.Key_9)  # no ninth item: nothing happens
    assert on_disk(data_dir, "alpha.forme") is None


def test_arrows_choose_an_item_and_enter_ticks_it(show, window, qtbot, data_dir):
    qtbot.keyClick(show, Qt.Key.Key_PageDown)
    qtbot.keyClick(show, Qt.Key.Key_Down)
    qtbot.keyClick(show, Qt.Key.Key_Down)
    qtbot.keyClick(show, Qt.Key.Key_Down)
    assert show.selected == "alpha.forme"
    qtbot.keyClick(show, Qt.Key.Key_Return)
    assert on_disk(data_dir, "alpha.forme") == DONE
    assert show.selected == "alpha.forme" and show.index == 1
    qtbot.keyClick(show, Qt.Key.Key_Down)  # past the last item: next slide
    assert show.slide.title == "Seconde liste"


def test_a_click_on_a_box_ticks_and_undo_in_the_window_restores(show, window, data_dir):
    show.next()
    show.view.linkActivated.emit("cocher:alpha.groupe")
    assert on_disk(data_dir, "alpha.groupe") == DONE
    window.undo_stack.undo()
    assert on_disk(data_dir, "alpha.groupe") == TODO
    show.show_slide()
    assert "☑" not in show.view.toPlainText()


def test_read_only_store_says_so_instead_of_ticking(show, window, data_dir):
    show.next()
    window.store.db.read_only = True
    assert not show.toggle_number(1)
    assert "Lecture seule" in show.hint.text()
    assert on_disk(data_dir, "alpha.groupe") is None


def test_escape_returns_to_the_same_section_in_the_main_window(window, qtbot):
    window.resize(500, 260)  # small, so that the reader must scroll to show « Seconde liste »
    window.show_dashboard()
    presentation = window.seances.present(full_screen=False)
    qtbot.addWidget(presentation)
    qtbot.waitUntil(presentation.isActiveWindow)
    left = []
    presentation.closed.connect(left.append)
    presentation.resize(1280, 720)
    qtbot.keyClick(presentation, Qt.Key.Key_PageDown)
    qtbot.keyClick(presentation, Qt.Key.Key_PageDown)
    assert presentation.slide.anchor == "alpha.seconde"
    qtbot.keyClick(presentation, Qt.Key.Key_Escape)
    assert not presentation.isVisible()
    assert left == ["alpha.seconde"]
    assert window.state.guide_id == "alpha" and not window.state.showing_dashboard
    assert window.view.verticalScrollBar().value() > 0


def test_f5_again_brings_back_the_same_presentation(show, window):
    assert window.seances.present(full_screen=False) is show


def test_long_sections_are_continued_on_the_next_slide(window, qtbot):
    long_text = "\n".join(f"<p>Paragraphe {n} " + "mot " * 40 + "</p>" for n in range(12))
    window.templates["alpha"] = f'<h1>Alpha</h1>\n<h2 id="long">Long</h2>\n{long_text}'
    presentation = PresentationWindow(window.state, window.edits, window.templates, "alpha")
    qtbot.addWidget(presentation)
    presentation.resize(1024, 768)
    presentation.start(full_screen=False)
    parts = [s for s in presentation.slides if s.anchor == "long"]
    assert len(parts) > 1 and parts[-1].parts == len(parts)
    assert sum(s.html.count("<p>") for s in parts) == 12
    assert presentation.index == 0  # nothing before the first heading: no opening slide
    assert "(suite" not in presentation.view.toPlainText()
    presentation.next()
    assert "(suite 2/" in presentation.view.toPlainText()
    presentation.close()
