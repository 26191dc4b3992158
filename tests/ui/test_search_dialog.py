"""The search popup, the find bar and the glossary tooltip, driven through their real widgets."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, QPoint, Qt
from PySide6.QtGui import QHelpEvent
from PySide6.QtWidgets import QApplication, QTextBrowser, QToolTip

from coopguide.core.content import cache as content_cache
from coopguide.core.content.glossary_page import glossary_page_html
from coopguide.core.shared.french_text import fold
from coopguide.ui.find_bar import FindBar
from coopguide.ui.glossary_hover import GlossaryHover
from coopguide.ui.guide_view import GuideView
from coopguide.ui.search_dialog import RESULT_ROLE, SearchDialog
from tests.conftest import SHIPPED_CONTENT
from tests.ui.pages import link_point


@pytest.fixture
def dialog(qtbot, shipped, shipped_index):
    popup = SearchDialog(shipped.content, None, index=shipped_index)
    qtbot.addWidget(popup)
    popup.open_search()
    return popup


def type_and_wait(qtbot, dialog, text: str) -> None:
    qtbot.keyClicks(dialog.edit, text)
    qtbot.waitUntil(lambda: not dialog.timer.isActive(), timeout=2000)


def result_at(dialog, row: int):
    return dialog.results.item(row).data(RESULT_ROLE)


# -- global search ---------------------------------------------------------------------------------
def test_typing_searches_after_a_pause_and_ranks_the_cae_guide_first(qtbot, dialog):
    qtbot.keyClicks(dialog.edit, "cape chom")
    assert dialog.timer.isActive() and dialog.results.count() == 0  # debounced, not on every key
    qtbot.waitUntil(lambda: dialog.results.count() > 0, timeout=2000)
    first = result_at(dialog, 0)
    assert first.guide_id == "cae-et-cape" and first.kind_label == "Guide"
    assert dialog.results.currentRow() == 0
    assert "résultat" in dialog.status.text()


def test_arrows_move_and_enter_opens_the_chosen_result(qtbot, dialog):
    type_and_wait(qtbot, dialog, "reprise difficulte")
    assert dialog.results.count() > 2
    qtbot.keyClick(dialog.edit, Qt.Key.Key_Down)
    qtbot.keyClick(dialog.edit, Qt.Key.Key_Down)
    qtbot.keyClick(dialog.edit, Qt.Key.Key_Up)
    assert dialog.results.currentRow() == 1
    wanted = result_at(dialog, 1).target
    with qtbot.waitSignal(dialog.linkChosen, timeout=2000) as signal:
        qtbot.keyClick(dialog.edit, Qt.Key.Key_Return)
    assert signal.args == [wanted]
    assert not dialog.isVisible()


def test_enter_right_after_typing_opens_the_best_result_for_what_is_typed(qtbot, dialog):
    with qtbot.waitSignal(dialog.linkChosen, timeout=2000) as signal:
        qtbot.keyClicks(dialog.edit, "scic collectivite")
        qtbot.keyClick(dialog.edit, Qt.Key.Key_Enter)
    assert signal.args[0].startswith("guide:scic")


def test_escape_closes_and_reopening_keeps_the_query_selected(qtbot, dialog):
    type_and_wait(qtbot, dialog, "capital")
    qtbot.keyClick(dialog.edit, Qt.Key.Key_Escape)
    assert not dialog.isVisible()
    dialog.open_search()
    assert dialog.isVisible() and dialog.edit.selectedText() == "capital"


def test_a_query_without_results_says_so(qtbot, dialog):
    type_and_wait(qtbot, dialog, "zzzxq")
    assert dialog.results.count() == 0
    assert "Aucun résultat pour « zzzxq »" in dialog.status.text()


def test_results_are_drawn_as_rich_text_taller_than_one_line(qtbot, dialog):
    type_and_wait(qtbot, dialog, "cape chomage")
    dialog.results.grab()  # paints every visible row through the delegate
    row = dialog.results.visualItemRect(dialog.results.item(0))
    assert row.height() > 2 * dialog.results.fontMetrics().height()
    assert "Guide" in dialog.results.item(0).text()  # plain text for screen readers


def test_the_index_is_opened_in_the_background(qtbot, shipped, tmp_path):
    popup = SearchDialog(shipped.content, tmp_path / "cache")
    qtbot.addWidget(popup)
    popup.open_search("cape chomage")
    if popup.index is None:
        assert "Préparation" in popup.status.text()
    qtbot.waitUntil(lambda: popup.index is not None, timeout=10_000)
    qtbot.waitUntil(lambda: popup.results.count() > 0, timeout=2000)  # what was typed is searched
    assert list((tmp_path / "cache").glob("recherche-*.sqlite3"))
    popup.index.close()


# -- a search that forgives ---------------------------------------------------------------------------
def test_a_typo_is_corrected_said_so_and_can_be_searched_as_typed(qtbot, dialog):
    type_and_wait(qtbot, dialog, "liquidtion")
    assert dialog.correction.isVisible()
    assert "Résultats pour « <b>liquidation</b> »" in dialog.correction.text()
    assert result_at(dialog, 0).target == "guide:glossaire#liquidation-judiciaire"
    dialog.correction.linkActivated.emit("#tel-quel")  # « Rechercher plutôt « liquidtion » »
    assert dialog.results.count() == 0 and "Aucun résultat pour « liquidtion »" in dialog.status.text()
    assert dialog.edit.hasFocus()


def test_an_unsure_correction_is_proposed_and_alt_down_takes_it(qtbot, dialog):
    type_and_wait(qtbot, dialog, "redresemnt judiciaire")
    assert "Vouliez-vous dire" in dialog.correction.text() and "redressement judiciaire" in dialog.correction.text()
    qtbot.keyClick(dialog.edit, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    assert dialog.edit.text() == "redressement judiciaire"
    assert result_at(dialog, 0).target == "guide:glossaire#redressement-judiciaire"
    assert not dialog.correction.isVisible()


def test_the_corrected_query_is_escaped(qtbot, dialog):
    dialog.edit.setText("<i>liquidtion</i>")
    dialog.run_search()
    assert "&lt;i&gt;" in dialog.correction.text() and "<i>" not in dialog.correction.text()


def test_an_answer_card_is_shown_above_the_results_and_its_links_open_sections(qtbot, dialog):
    type_and_wait(qtbot, dialog, "combien coute la creation d'une scop")
    assert dialog.card.isVisible() and "Réponse rapide" in dialog.card.text()
    assert "30 €" in dialog.card.text() and 'href="guide:scop-en-bref#formes"' in dialog.card.text()
    with qtbot.waitSignal(dialog.linkChosen, timeout=2000) as signal:
        dialog.card.linkActivated.emit("guide:scop-en-bref#formes")
    assert signal.args == ["guide:scop-en-bref#formes"] and not dialog.isVisible()


def test_a_plain_search_shows_neither_card_nor_correction(qtbot, dialog):
    type_and_wait(qtbot, dialog, "cape chomage")
    assert not dialog.card.isVisible() and not dialog.correction.isVisible()


def test_titles_are_suggested_at_each_key_and_up_goes_into_them(qtbot, dialog):
    qtbot.keyClicks(dialog.edit, "calend")
    assert dialog.titles.isVisible() and dialog.titles.count() == 1  # before the debounced search
    assert dialog.titles.item(0).text() == "Un calendrier réaliste — Reprendre une entreprise en difficulté"
    qtbot.waitUntil(lambda: not dialog.timer.isActive(), timeout=2000)
    assert dialog.results.currentRow() == 0  # Enter still opens the best result
    qtbot.keyClick(dialog.edit, Qt.Key.Key_Up)
    assert dialog.titles.currentRow() == 0 and dialog.results.currentRow() == -1
    qtbot.keyClick(dialog.edit, Qt.Key.Key_Down)
    assert dialog.titles.currentRow() == -1 and dialog.results.currentRow() == 0
    qtbot.keyClick(dialog.edit, Qt.Key.Key_Up)
    with qtbot.waitSignal(dialog.linkChosen, timeout=2000) as signal:
        qtbot.keyClick(dialog.edit, Qt.Key.Key_Return)
    assert signal.args == ["guide:reprendre-entreprise-en-difficulte#calendrier"]


def test_no_titles_for_a_question(qtbot, dialog):
    type_and_wait(qtbot, dialog, "peut-on garder le chomage en CAE ?")  # QTest types ASCII only
    assert not dialog.titles.isVisible()


# -- find in page ----------------------------------------------------------------------------------
@pytest.fixture
def page(qtbot):
    view = QTextBrowser()
    qtbot.addWidget(view)
    bar = FindBar(view)
    qtbot.addWidget(bar)
    view.setHtml(
        "<h1>Une coopérative</h1><table><tr><td>la Coopérative</td><td>œuvre</td></tr></table>"
        "<ul><li>COOPERATIVE d'activité</li></ul><p>coopération</p>"
    )
    view.show()
    return view, bar


def selections_text(view) -> list[str]:
    return [s.cursor.selectedText() for s in view.extraSelections()]


def test_find_bar_ignores_accents_and_case_and_counts(qtbot, page):
    view, bar = page
    bar.open_bar()
    qtbot.keyClicks(bar.edit, "cooperative")
    assert selections_text(view) == ["coopérative", "Coopérative", "COOPERATIVE"]
    assert bar.count.text() == "1 sur 3 résultats"
    assert view.textCursor().selectedText() == "coopérative"


def test_enter_and_shift_enter_move_between_matches_and_escape_closes(qtbot, page):
    view, bar = page
    bar.open_bar()
    bar.edit.setText("coopér")  # QTest types ASCII only
    assert bar.count.text() == "1 sur 4 résultats"
    qtbot.keyClick(bar.edit, Qt.Key.Key_Return)
    assert bar.count.text() == "2 sur 4 résultats" and view.textCursor().selectedText() == "Coopér"
    qtbot.keyClick(bar.edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    qtbot.keyClick(bar.edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    assert bar.count.text() == "4 sur 4 résultats"  # wraps around
    qtbot.keyClick(bar.edit, Qt.Key.Key_Escape)
    assert not bar.isVisible() and view.extraSelections() == []


def test_ligatures_and_missing_words(qtbot, page):
    view, bar = page
    bar.open_bar()
    qtbot.keyClicks(bar.edit, "oeuvre")
    assert selections_text(view) == ["œuvre"]
    bar.edit.setText("introuvable")
    assert bar.count.text() == "Aucun résultat" and view.extraSelections() == []


def test_matches_are_exact_on_a_real_guide_with_tables_and_lists(qtbot, shipped):
    view = QTextBrowser()
    qtbot.addWidget(view)
    bar = FindBar(view)
    view.setHtml(shipped.html["s-orienter"])
    bar.open_bar()
    for query in ("scic", "societe cooperative", "capital"):
        bar.edit.setText(query)
        found = selections_text(view)
        assert found and all(fold(text) == fold(query) for text in found), query


def test_a_new_page_is_searched_again(qtbot, page):
    view, bar = page
    bar.open_bar()
    bar.edit.setText("coopérative")
    view.setHtml("<p>Rien ici.</p><p>Une seule coopérative.</p>")
    assert bar.count.text() == "1 résultat"


# -- glossary --------------------------------------------------------------------------------------
def hover(view, point: QPoint) -> bool:
    viewport = view.viewport()
    return QApplication.sendEvent(viewport, QHelpEvent(QEvent.Type.ToolTip, point, viewport.mapToGlobal(point)))


def test_hovering_a_glossary_word_shows_its_definition(qtbot, shipped):
    view = GuideView(SHIPPED_CONTENT, "")
    qtbot.addWidget(view)
    view.resize(700, 600)
    view.show_html(shipped.html["cae-et-cape"])
    view.show()
    GlossaryHover(view, shipped.content.glossary())
    QToolTip.hideText()
    assert hover(view, link_point(view, "glossaire:cae"))
    qtbot.waitUntil(QToolTip.isVisible, timeout=2000)
    assert "<b>CAE</b>" in QToolTip.text() and "Coopérative d&#x27;activité et d&#x27;emploi" in QToolTip.text()
    assert "guide:" not in QToolTip.text()  # the definition's Markdown link became plain words
    QToolTip.hideText()
    qtbot.waitUntil(lambda: not QToolTip.isVisible(), timeout=2000)
    hover(view, link_point(view, "guide:s-orienter"))  # another link: the view's own handling
    assert "Coopérative d&#x27;activité" not in QToolTip.text()


def test_hovering_a_reference_marker_shows_the_reference_wrapped(qtbot, shipped):
    """Qt would show the marker's title as one line as wide as the screen: the filter shows it as
    a paragraph, which the tooltip wraps; a click on the marker goes to the section's list."""
    view = GuideView(SHIPPED_CONTENT, "")
    qtbot.addWidget(view)
    view.resize(700, 600)
    view.show_html(shipped.html["s-orienter"])
    view.show()
    GlossaryHover(view, shipped.content.glossary())
    QToolTip.hideText()
    assert hover(view, link_point(view, "#fn-scop-dirigeants"))
    qtbot.waitUntil(QToolTip.isVisible, timeout=2000)
    assert QToolTip.text() == '<p style="white-space: nowrap">Loi n° 78-763, art. 17 (vérifié le 6 décembre 2026).</p>'
    QToolTip.hideText()
    qtbot.waitUntil(lambda: not QToolTip.isVisible(), timeout=2000)
    assert hover(view, link_point(view, "#fn-scic-associes"))  # a long reference wraps
    qtbot.waitUntil(QToolTip.isVisible, timeout=2000)
    assert QToolTip.text().startswith("<p>Loi n° 47-1775, art. 19 septies, pour les catégories")
    QToolTip.hideText()
    qtbot.waitUntil(lambda: not QToolTip.isVisible(), timeout=2000)
    hover(view, link_point(view, "glossaire:scop"))  # a glossary word keeps its definition
    qtbot.waitUntil(QToolTip.isVisible, timeout=2000)
    assert "<b>Scop</b>" in QToolTip.text()
    view.scrollToAnchor("fn-scop-dirigeants")
    assert view.verticalScrollBar().value() > 0


def test_glossary_page_letters_scroll_to_their_terms(qtbot, shipped):
    view = GuideView(SHIPPED_CONTENT, "")
    qtbot.addWidget(view)
    view.resize(700, 500)
    view.show_html(glossary_page_html(shipped.content))
    view.show()
    assert view.verticalScrollBar().value() == 0
    view.scrollToAnchor("lettre-s")
    assert view.verticalScrollBar().value() > 0
    assert view.anchorAt(link_point(view, "#lettre-s")) == "#lettre-s"


# -- wired to the main window ----------------------------------------------------------------------
def test_a_chosen_result_opens_its_guide_section_and_item_in_the_window(qtbot, content_root, data_dir):
    from coopguide.core.store import open_store
    from coopguide.ui.main_window import MainWindow

    store = open_store(data_dir)
    try:
        shipped = content_cache.load(content_root, data_dir / "cache")
        window = MainWindow(store, shipped, data_dir)
        qtbot.addWidget(window)
        window.show()
        popup = SearchDialog(shipped.content, data_dir / "cache", window)
        popup.linkChosen.connect(window.follow_link)
        qtbot.waitUntil(lambda: popup.index is not None, timeout=10_000)
        for query, guide_id in (("details", "beta"), ("etape deux", "beta"), ("groupe", "alpha")):
            popup.open_search(query)
            with qtbot.waitSignal(popup.linkChosen, timeout=2000) as signal:
                qtbot.keyClick(popup.edit, Qt.Key.Key_Return)
            assert window.state.guide_id == guide_id, (query, signal.args)
        assert signal.args == ["item:alpha.groupe"]
        assert window.panel.current_item_id() == "alpha.groupe"
        popup.index.close()
    finally:
        store.close()
