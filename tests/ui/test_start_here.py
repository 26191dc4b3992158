"""« Par où commencer ? » and « Comparer les formes », driven through the real dialog over a window
on the shipped content: answers → guides opened in the window, a dossier scoped to the check-lists
that apply and made current, the forms compared with their references; shown once at a first start."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QDate, QPoint, Qt, QUrl
from PySide6.QtWidgets import QDialog

from coopguide.core.store import open_store
from coopguide.core.store.progress import DONE
from coopguide.ui.dossiers.key_dates_dialog import KeyDatesDialog
from coopguide.ui.help_menu import SEEN_KEY
from coopguide.ui.main_window import MainWindow
from coopguide.ui.start_here import QuestionPage, StartHereDialog
from tests.conftest import SHIPPED_CONTENT


@pytest.fixture
def open_shipped(qtbot, data_dir, shipped, monkeypatch):
    """A factory of windows on the shipped content (the orientation files are read from it)."""
    monkeypatch.setenv("COOPGUIDE_CONTENT_DIR", str(SHIPPED_CONTENT))
    stores = []

    def factory() -> MainWindow:
        store = open_store(data_dir)
        stores.append(store)
        window = MainWindow(store, shipped, data_dir)
        qtbot.addWidget(window)
        window.show()
        return window

    yield factory
    for store in stores:
        store.close()


def answer(qtbot, dialog: StartHereDialog, *answer_ids: str) -> None:
    """Click each answer on its page, then « Suivant »."""
    for answer_id in answer_ids:
        page = dialog.current_page
        assert isinstance(page, QuestionPage)
        assert dialog.next.isEnabled() == (page.answer() is not None)  # nothing chosen: no « Suivant »
        button = page.buttons[answer_id]  # clicked on its circle: a radio button answers there and on its text
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton, pos=QPoint(8, button.height() // 2))
        assert dialog.next.isEnabled()
        qtbot.mouseClick(dialog.next, Qt.MouseButton.LeftButton)


def test_a_firm_in_receivership_gets_its_guides_and_a_dossier_that_follows_only_what_applies(
    qtbot, open_shipped, monkeypatch
):
    window = open_shipped()
    before = {d.id for d in window.store.dossiers.all()}
    dialog = window.help.open_start()
    assert dialog is not None and dialog.isVisible() and not dialog.isModal()
    answer(qtbot, dialog, "difficulte", "petit-groupe", "oui", "oui")

    page = dialog.plan_page
    assert dialog.current_page is page and not dialog.next.isVisible()
    assert [b.text() for b in page.guide_buttons][:2] == [
        "Reprendre une entreprise en difficulté",
        "Reprendre une entreprise en difficulté › Un calendrier réaliste",
    ]
    qtbot.mouseClick(page.guide_buttons[0], Qt.MouseButton.LeftButton)
    assert window.state.page == "reprendre-entreprise-en-difficulte"  # opened in the window
    assert dialog.isVisible()  # the dialog stays for the next guide

    assert page.name.text() == "Reprise de notre entreprise"
    page.name.clear()
    qtbot.keyClicks(page.name, "Reprise Duval")
    qtbot.mouseClick(page.create_button, Qt.MouseButton.LeftButton)

    # a first start: the empty « Mon projet » the window made becomes this dossier, not a second one
    (created,) = window.store.dossiers.all()
    assert created.id in before and created.name == "Reprise Duval"
    assert created.scope == (
        "reprendre-entreprise-en-difficulte.trente-jours",
        "contacts.premier-rendez-vous",
        "financer-le-projet.plan-de-financement",
        "creer-une-scop.etapes",
    )
    assert window.state.dossier_id == created.id  # the window switched to it
    assert window.dossiers.switcher.currentText() == "Reprise Duval"
    assert "Reprise Duval" in page.done.text() and not page.create_button.isEnabled()

    # the plan's key dates are entered in the new dossier at once, and the dashboard counts down
    assert page.dates_button.isVisible()

    def enter_dates(key_dates: KeyDatesDialog):
        key_dates.edits["jugement-ouverture"].setDate(QDate(2026, 11, 20))
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(KeyDatesDialog, "exec", enter_dates)
    qtbot.mouseClick(page.dates_button, Qt.MouseButton.LeftButton)
    assert [(d.kind, d.date) for d in window.store.key_dates.list(created.id)] == [("jugement-ouverture", "2026-11-20")]


def test_a_dossier_already_used_is_kept_and_the_plan_makes_a_new_one(qtbot, open_shipped):
    window = open_shipped()
    window.store.dossiers.create("Projet de l'an dernier")
    dialog = window.help.open_start()
    answer(qtbot, dialog, "difficulte", "petit-groupe", "oui", "oui")
    qtbot.mouseClick(dialog.plan_page.create_button, Qt.MouseButton.LeftButton)
    names = sorted(d.name for d in window.store.dossiers.all())
    assert names == ["Mon projet", "Projet de l'an dernier", "Reprise de notre entreprise"]
    assert window.dossiers.switcher.currentText() == "Reprise de notre entreprise"
    assert window.state.page == "reprendre-entreprise-en-difficulte"  # the first guide to read, shown


def test_going_back_changes_the_answer_and_the_plan(qtbot, open_shipped):
    window = open_shipped()
    dialog = window.help.open_start()
    answer(qtbot, dialog, "difficulte", "seul", "non", "non")
    qtbot.mouseClick(dialog.back, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(dialog.back, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(dialog.back, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(dialog.back, Qt.MouseButton.LeftButton)
    answer(qtbot, dialog, "tiers-lieu", "petit-groupe", "oui", "oui")
    assert dialog.plan_page.plan.checklists[0] == "telecentres-ruraux.ouvrir"
    assert dialog.plan_page.name.text() == "Notre tiers-lieu"


def test_the_forms_are_compared_with_their_rules_and_a_link_opens_the_guide(qtbot, open_shipped):
    window = open_shipped()
    dialog = window.help.open_comparison()
    assert dialog.windowTitle() == "Comparer les formes"
    answer(qtbot, dialog, "salaries", "deux-a-six", "oui", "non", "non", "oui")
    assert dialog.current_page is dialog.comparison
    text = dialog.comparison.toPlainText()
    assert text.index("Scop d'amorçage : ✔ Convient") < text.index("CAE : ✘ Ne convient pas")
    assert "Loi n° 78-763, art. 49 ter" in text and "à jour au 29 janvier 2026" in text
    dialog.comparison.anchorClicked.emit(QUrl("guide:s-orienter#forme-scop"))
    assert window.state.page == "s-orienter"


def test_the_comparison_is_one_click_away_from_the_start_plan(qtbot, open_shipped):
    window = open_shipped()
    dialog = window.help.open_start()
    answer(qtbot, dialog, "commune", "groupe", "non", "oui")
    assert dialog.compare_button.isVisible()
    qtbot.mouseClick(dialog.compare_button, Qt.MouseButton.LeftButton)
    assert isinstance(dialog.current_page, QuestionPage) and dialog.current_page.question.id == "proprietaires"


def test_shown_by_itself_once_per_data_folder_and_never_by_a_window_alone(qtbot, open_shipped):
    window = open_shipped()
    assert not window.findChildren(StartHereDialog)  # a window (tests, scripts) never opens it
    shown = window.help.show_at_first_start()
    assert isinstance(shown, StartHereDialog) and shown.isVisible()
    assert window.store.db.setting(SEEN_KEY)
    shown.close()
    assert window.help.show_at_first_start() is None
    window.close()
    again = open_shipped()
    assert again.help.show_at_first_start() is None  # the setting is in the database


def test_a_folder_already_in_use_is_not_interrupted_by_it(qtbot, open_shipped):
    window = open_shipped()
    window.store.items.set_state(window.state.dossier_id, "creer-une-scop.groupe-fondateur", DONE, content_edition="e")
    assert window.help.show_at_first_start() is None  # an update, not a new user: the Aide menu has it
    assert window.store.db.setting(SEEN_KEY) and not window.findChildren(StartHereDialog)


def test_the_aide_menu_opens_it(qtbot, open_shipped):
    window = open_shipped()
    window.named_actions["help.start"].trigger()
    assert isinstance(window.help.start_dialog, StartHereDialog) and window.help.start_dialog.isVisible()


def test_content_without_orientation_files_says_so(qtbot, window, shown_errors):
    assert window.help.open_start() is None
    assert shown_errors and "Par où commencer" in shown_errors[0]
