"""« Check-lists suivies… » driven as a user would: from the Dossier menu, the dashboard's link and
the properties dialog; the panel says when a check-list is not followed and « Suivre » follows it.

The test content has three check-lists: alpha.premiere (3 items), alpha.seconde (1), beta.liste (2)."""

from __future__ import annotations

from PySide6.QtCore import QRect, Qt
from PySide6.QtWidgets import QDialogButtonBox

from coopguide.core.store.progress import DONE
from coopguide.ui import screen_fit
from coopguide.ui.dossiers.scope_dialog import ChecklistRole, ScopeDialog
from coopguide.ui.screen_fit import fits, room


def child_of(dialog: ScopeDialog, checklist_id: str):
    return next(c for c in dialog._children() if c.data(0, ChecklistRole) == checklist_id)


def press_space_on(qtbot, dialog: ScopeDialog, checklist_id: str) -> None:
    dialog.tree.setCurrentItem(child_of(dialog, checklist_id))
    qtbot.keyClick(dialog.tree, Qt.Key.Key_Space)


def click_ok(qtbot, dialog) -> None:
    box = dialog.findChild(QDialogButtonBox)
    qtbot.mouseClick(box.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)


def test_the_dossier_menu_opens_the_dialog_and_ok_scopes_the_dashboard(window, qtbot):
    dossier_id = window.state.dossier_id
    window.store.items.set_state(dossier_id, "beta.un", DONE, content_edition="e")
    window.state.reload()
    window.show_dashboard()
    assert "1 élément(s) sur 6" in window.view.toPlainText()
    assert "Ce dossier suit toutes les check-lists (3)." in window.view.toPlainText()
    window.named_actions["dossier.scope"].trigger()
    dialog = window.findChild(ScopeDialog)
    assert dialog.isVisible() and dialog.everything.isChecked()
    assert child_of(dialog, "alpha.premiere").text(0) == "Première liste (3 éléments)"
    press_space_on(qtbot, dialog, "beta.liste")
    assert not dialog.everything.isChecked() and dialog.count.text() == "2 check-list(s) suivie(s) sur 3."
    click_ok(qtbot, dialog)
    assert window.store.dossiers.require(dossier_id).scope == ("alpha.premiere", "alpha.seconde")
    page = window.view.toPlainText()
    assert "0 élément(s) sur 4" in page and "Ce dossier suit 2 check-lists sur 3." in page
    beta = window.tree._items["beta"]  # the guide list greys the count of a guide it does not follow
    assert beta.text(1) == "1/2" and beta.foreground(1).color() == window.tree.palette().placeholderText().color()
    assert "non suivie" in beta.data(1, Qt.ItemDataRole.AccessibleTextRole)
    assert window.tree._items["alpha"].data(1, Qt.ItemDataRole.ForegroundRole) is None
    # the tick in beta.liste is kept: following every check-list again counts it
    window.named_actions["dossier.scope"].trigger()
    dialog = next(d for d in window.findChildren(ScopeDialog) if d.isVisible())
    qtbot.keyClick(dialog.everything, Qt.Key.Key_Space)  # « Toutes les check-lists »
    assert dialog.checked_ids() == ["alpha.premiere", "alpha.seconde", "beta.liste"] and dialog.scope() is None
    click_ok(qtbot, dialog)
    assert window.store.dossiers.require(dossier_id).scope is None
    assert "1 élément(s) sur 6" in window.view.toPlainText()
    # followed again: the row is set back (the list sets a row only where it changes)
    assert beta.text(1) == "1/2" and beta.data(1, Qt.ItemDataRole.ForegroundRole) is None
    assert beta.toolTip(1) == "" and "non suivie" not in beta.data(1, Qt.ItemDataRole.AccessibleTextRole)


def test_the_dashboard_link_opens_the_dialog_and_cancel_changes_nothing(window, qtbot):
    dossier_id = window.state.dossier_id
    window.store.dossiers.set_scope(dossier_id, ["beta.liste", "ancienne.liste"])
    window.state.dossier_edited()
    window.show_dashboard()
    assert "Ce dossier suit 1 check-list sur 3." in window.view.toPlainText()
    window.follow_link("coopguide:perimetre")
    dialog = window.findChild(ScopeDialog)
    assert dialog.checked_ids() == ["beta.liste"]
    press_space_on(qtbot, dialog, "alpha.seconde")
    assert dialog.scope() == ("alpha.seconde", "beta.liste", "ancienne.liste")  # an unknown id is kept
    dialog.reject()
    assert window.store.dossiers.require(dossier_id).scope == ("beta.liste", "ancienne.liste")


def test_a_checklist_not_followed_stays_tickable_says_so_and_suivre_follows_it(window, qtbot):
    dossier_id = window.state.dossier_id
    window.store.dossiers.set_scope(dossier_id, ["alpha.premiere"])
    window.state.dossier_edited()
    window.show_guide("beta", force=True)
    panel = window.panel
    assert panel.scope_row.isVisible()
    assert panel.scope_note.text() == "Non suivie par ce dossier : elle ne compte pas dans son avancement."
    assert "(non suivie par ce dossier)" in window.model.index(0, 0).data()
    panel.select_item("beta.un")
    qtbot.keyClick(panel.tree, Qt.Key.Key_Space)  # ticked all the same, and stored
    assert window.store.items.row(dossier_id, "beta.un").state == DONE
    qtbot.mouseClick(panel.follow_button, Qt.MouseButton.LeftButton)
    assert window.store.dossiers.require(dossier_id).scope == ("alpha.premiere", "beta.liste")
    assert not panel.scope_row.isVisible() and "non suivie" not in window.model.index(0, 0).data()
    window.show_guide("alpha", force=True)  # two check-lists, alpha.seconde not followed: named
    assert panel.scope_row.isVisible()
    assert panel.scope_note.text() == "« Seconde liste » n'est pas suivie par ce dossier."
    window.show_dashboard()
    assert "1 élément(s) sur 5" in window.view.toPlainText()  # beta.un counts now


def test_the_properties_dialog_chooses_the_scope_saved_with_the_rest(window, qtbot, monkeypatch):
    from coopguide.ui.dossiers import handlers
    from coopguide.ui.dossiers.dialogs import DossierPropertiesDialog

    names = iter(["Reprise Dupont", "Nouvelle coop"])

    def run(dialog):  # what the user does in the real dialog, instead of waiting in exec()
        dialog.name.setText(next(names))
        assert dialog.scope_label.text() == "suit toutes les check-lists (3)."
        scope = dialog.ask_scope()
        press_space_on(qtbot, scope, "alpha.premiere")
        click_ok(qtbot, scope)
        assert dialog.scope_label.text() == "suit 2 check-lists sur 3."
        return DossierPropertiesDialog.DialogCode.Accepted

    monkeypatch.setattr(DossierPropertiesDialog, "exec", run)
    handlers.ask_edit_dossier(window.dossiers)
    edited = window.store.dossiers.require(window.state.dossier_id)
    assert edited.name == "Reprise Dupont" and edited.scope == ("alpha.seconde", "beta.liste")
    handlers.ask_new_dossier(window.dossiers)
    made = window.store.dossiers.by_name("Nouvelle coop")
    assert made is not None and made.scope == ("alpha.seconde", "beta.liste")
    assert window.state.dossier_id == made.id


def test_on_a_1024_by_768_screen_the_dialog_of_the_shipped_content_fits(window, qtbot, shipped, monkeypatch):
    area = QRect(0, 0, 1024, 768)
    monkeypatch.setattr(screen_fit, "available_area", lambda _widget: QRect(area))
    dossier = window.store.dossiers.require(window.state.dossier_id)
    dialog = ScopeDialog(shipped.content, dossier, dossier.name, window)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: fits(dialog.size(), room(area)), timeout=2000)
    ok = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok)
    assert dialog.rect().contains(ok.geometry().translated(ok.parentWidget().mapTo(dialog, ok.pos()) - ok.pos()))
    assert len(dialog.checked_ids()) == len(shipped.content.checklists()) >= 10
