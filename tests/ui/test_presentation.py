"""Presentation mode through the real window: slides, keys of a clicker, black screen, ticking saved
in the dossier, Esc back to the same section. Fixture guide « alpha »: opening, « Première liste »
(3 items), « Seconde liste » (1 item + code), « Sources »."""

from __future__ import annotations

import sqlite3

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QHelpEvent, QTextCursor
from PySide6.QtWidgets import QApplication, QToolTip

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


# -- the séance: where it starts, jumps, numbers, the group ticked, the presenter view --------------
def test_f5_starts_at_the_section_being_read(window, qtbot):
    window.resize(500, 260)  # small: the reader scrolls to show « Seconde liste »
    window.view.scrollToAnchor("alpha.seconde")  # as « Aller à » does
    presentation = window.seances.present(full_screen=False)
    qtbot.addWidget(presentation)
    assert presentation.slide.anchor == "alpha.seconde"
    presentation.close()


def test_g_lists_the_sections_and_jumps_to_the_one_chosen(show, qtbot):
    qtbot.keyClick(show, Qt.Key.Key_G)
    popup = show.popup
    assert popup.isVisible() and popup.list.count() == 4 and popup.list.currentRow() == 0
    qtbot.keyClick(popup.list, Qt.Key.Key_Down)
    qtbot.keyClick(popup.list, Qt.Key.Key_Down)
    qtbot.keyClick(popup.list, Qt.Key.Key_Return)
    assert not popup.isVisible() and show.slide.title == "Seconde liste"
    qtbot.keyClick(show, Qt.Key.Key_G)
    qtbot.keyClick(popup.list, Qt.Key.Key_Escape)  # changes nothing
    assert not popup.isVisible() and show.slide.title == "Seconde liste"


def test_the_page_and_the_slide_show_the_numbers_of_the_printed_sheet(show, window):
    page = window.view.toPlainText()
    assert "1. ☐ Réunir le groupe" in page and "3. ☐ Choisir la forme" in page
    show.go_to_section(2)  # « Seconde liste »: its one item is its number 1, not the slide's
    assert "1" in show.view.toPlainText() and show.slide.numbers == {1: "alpha.depot"}


def test_numbers_are_typed_digit_by_digit(window, qtbot, data_dir):
    """Items numbered 1, 12 and 13 on one slide (as the middle of a long check-list): « 1 » waits."""
    window.templates["alpha"] = (
        '<h1>Alpha</h1>\n<h2 id="liste">Liste</h2>\n<ul class="checklist">\n'
        '<li><span class="numero">1.</span> @@cgitem:alpha.groupe@@ Réunir</li>\n'
        '<li><span class="numero">12.</span> @@cgitem:alpha.loi@@ Lire</li>\n'
        '<li><span class="numero">13.</span> @@cgitem:alpha.forme@@ Choisir</li>\n</ul>'
    )
    presentation = PresentationWindow(window.state, window.edits, window.templates, "alpha")
    qtbot.addWidget(presentation)
    presentation.resize(1280, 720)
    presentation.start(full_screen=False)
    qtbot.keyClick(presentation, Qt.Key.Key_1)
    assert on_disk(data_dir, "alpha.groupe") is None and presentation.typing_timer.isActive()
    assert "n° 1…" in presentation.hint.text()
    qtbot.keyClick(presentation, Qt.Key.Key_2)
    assert on_disk(data_dir, "alpha.loi") == DONE and not presentation.typing_timer.isActive()
    qtbot.keyClick(presentation, Qt.Key.Key_1)
    qtbot.keyClick(presentation, Qt.Key.Key_Return)  # 1 itself
    assert on_disk(data_dir, "alpha.groupe") == DONE
    qtbot.keyClick(presentation, Qt.Key.Key_1)
    presentation.typing_timer.timeout.emit()  # the pause after a digit: 1 again, unticked
    assert on_disk(data_dir, "alpha.groupe") == TODO
    assert "12" in presentation.view.toPlainText()
    presentation.close()


def test_checklist_slides_name_the_dossier_and_d_switches_group(window, qtbot, data_dir):
    from tests.helpers import prepared_seance

    seance = prepared_seance(window.store, window.content)
    groups = window.store.seances.groups.of_seance(seance.id)
    window.state.set_dossier(groups[0].dossier_id)
    window.show_guide("alpha")
    show = window.seances.present(full_screen=False)
    qtbot.addWidget(show)
    show.resize(1280, 720)
    assert show.dossier_label.text() == ""  # a text slide: no box, no dossier
    show.go_to_section(1)
    assert "Séance 24/11 — Les Ébénistes" in show.dossier_label.text()
    qtbot.keyClick(show, Qt.Key.Key_D)
    assert [show.popup.list.item(i).text() for i in range(3)] == [
        "1. Les Ébénistes",
        "2. Atelier 2",
        "3. Table du fond",
    ]
    qtbot.keyClick(show.popup.list, Qt.Key.Key_Down)
    qtbot.keyClick(show.popup.list, Qt.Key.Key_Return)
    assert window.state.dossier_id == groups[1].dossier_id
    assert "Atelier 2" in show.dossier_label.text() and "☑" not in show.view.toPlainText()
    qtbot.keyClick(show, Qt.Key.Key_3)
    assert window.store.items.row(groups[1].dossier_id, "alpha.forme").state == DONE
    assert window.store.items.row(groups[0].dossier_id, "alpha.forme").state != DONE
    show.close()


class FakeScreen:
    """A projector plugged in on the right of the laptop's screen."""

    def __init__(self, x: int) -> None:
        from PySide6.QtCore import QRect

        self.rect = QRect(x, 0, 1024, 768)

    def geometry(self):
        return self.rect


def test_with_two_screens_the_slides_go_to_the_projector_and_the_presenter_view_to_the_laptop(
    window, qtbot, monkeypatch
):
    from coopguide.ui.seances import handlers

    laptop = window.screen()
    projector = FakeScreen(laptop.geometry().right() + 1)
    monkeypatch.setattr(handlers, "screens", lambda: [laptop, projector])
    window.store.items.change(window.state.dossier_id, "alpha.loi", {"note": "Apporter le Code"}, content_edition="t")
    window.state.reload()
    show = window.seances.present(full_screen=False)
    qtbot.addWidget(show)
    presenter = window.seances.presenter
    qtbot.addWidget(presenter)
    assert show.screen_used is projector and show.geometry().topLeft() == projector.rect.topLeft()
    assert presenter.isVisible() and presenter.screen() is laptop
    assert "Ensuite : Première liste" in presenter.next_title.text()
    qtbot.keyClick(presenter, Qt.Key.Key_PageDown)  # a clicker on the laptop drives the projector
    assert show.slide.title == "Première liste" and "Diapositive 2 / 4" in presenter.position.text()
    assert "n° 2" in presenter.notes.text() and "Apporter le Code" in presenter.notes.text()
    qtbot.keyClick(presenter, Qt.Key.Key_G)  # the list opens on the laptop, not in front of the room
    assert show.popup is presenter.popup and presenter.popup.isVisible()
    assert presenter.popup.parentWidget() is presenter
    qtbot.keyClick(presenter.popup.list, Qt.Key.Key_Escape)
    qtbot.keyClick(presenter, Qt.Key.Key_Escape)
    assert not show.isVisible() and not presenter.isVisible()


def test_the_presenter_view_counts_the_time_and_shows_cited_references(window, qtbot):
    from coopguide.ui.seances.presenter import PresenterView, elapsed_text

    window.templates["alpha"] = (
        '<h1>Alpha</h1>\n<h2 id="loi">La loi</h2>\n<p>Les salariés ont 65 % des voix'
        '<sup id="fnref-voix"><a class="footnote-ref" href="#fn-voix">1</a></sup>.</p>\n'
        '<p class="notes-titre">Références</p>\n<ol class="notes" start="1">\n'
        '<li id="fn-voix">Loi n° 78-763, art. 5.&#160;<a class="footnote-backref" href="#fnref-voix">↩</a></li>\n</ol>'
    )
    show = PresentationWindow(window.state, window.edits, window.templates, "alpha")
    qtbot.addWidget(show)
    show.resize(1280, 720)
    show.start(full_screen=False)
    now = [100.0]
    presenter = PresenterView(show, clock=lambda: now[0]).start(None)
    qtbot.addWidget(presenter)
    assert presenter.timer_label.text() == "00:00"
    now[0] += 7 * 60 + 5
    presenter.tick()
    assert presenter.timer_label.text() == "07:05" and elapsed_text(3750) == "1:02:30"
    assert "Loi n° 78-763, art. 5." in presenter.notes.text()
    show.close()


def test_hovering_a_glossary_word_on_a_slide_shows_its_definition(show, qtbot):
    """As in the main window (ui/glossary_hover.py): the links carry no title of their own."""
    view = show.view
    cursor = view.document().find("Scop")
    assert not cursor.isNull() and cursor.charFormat().anchorHref() == "glossaire:scop"
    inside = QTextCursor(view.document())
    inside.setPosition(cursor.selectionStart() + 2)  # within the word « Scop »
    point = view.cursorRect(inside).center()
    assert view.anchorAt(point) == "glossaire:scop"
    QToolTip.hideText()
    viewport = view.viewport()
    QApplication.sendEvent(viewport, QHelpEvent(QEvent.Type.ToolTip, point, viewport.mapToGlobal(point)))
    qtbot.waitUntil(QToolTip.isVisible, timeout=2000)
    assert "<b>Scop</b>" in QToolTip.text() and "Société coopérative de production" in QToolTip.text()
    QToolTip.hideText()
