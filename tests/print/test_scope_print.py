"""« All the check-lists of a dossier » on paper: ``coopguide pack --dossier NOM --suivies`` prints
the check-lists the dossier follows, filled, and its cover says how many it follows (read back with
pypdf); the pack dialog's button chooses the same ones."""

from __future__ import annotations

import pytest

from coopguide.__main__ import main
from coopguide.core.printout.pack import followed_targets, pack_document
from coopguide.core.store.progress import DONE, resolve
from tests.print.conftest import pdf_pages

SCOPE = ["reprendre-entreprise-en-difficulte.trente-jours", "contacts.premier-rendez-vous", "scic.creer"]


@pytest.fixture(autouse=True)
def _cached(warm_cache):
    """The command finds the content already rendered in its data folder."""


def test_pack_suivies_prints_the_followed_checklists_filled_with_the_scope_on_the_cover(qapp, store, tmp_path, capsys):
    dossier = store.dossiers.create("Reprise Dupont", scope=SCOPE)
    store.items.set_state(dossier.id, "contacts.verifier-horaires", DONE, content_edition="e")
    out = tmp_path / "suivies.pdf"
    assert main(["pack", "--dossier", "Reprise Dupont", "--suivies", "--out", str(out)]) == 0, capsys.readouterr()
    pages = pdf_pages(str(out))
    cover, contents = pages[0], pages[1]
    assert "Ce dossier suit 3 check-lists sur 14." in cover and "remplies avec l'avancement du dossier" in cover
    # in content order (the guide tree's), not the scope's
    assert contents.index("Les 30 premiers jours") < contents.index("Créer une Scic")
    assert contents.index("Créer une Scic") < contents.index("Préparer un premier rendez-vous")
    assert "Créer la Scop" not in contents and "Éviter les pièges" not in contents
    assert "Dossier : Reprise Dupont" in pages[2]
    assert "Avancement : 1 / 6" in " ".join(pages)  # the tick, filled in the rendez-vous check-list


def test_pack_suivies_needs_a_dossier(qapp, tmp_path, capsys):
    assert main(["pack", "--suivies", "--out", str(tmp_path / "x.pdf")]) == 2
    assert "--suivies demande un dossier" in capsys.readouterr().err


def test_an_unscoped_dossier_prints_every_checklist_and_says_nothing_on_the_cover(shipped, store):
    content = shipped.content
    dossier = store.dossiers.ensure_default()
    targets = followed_targets(content, dossier)
    assert len(targets) == len(content.checklists())
    printed = pack_document(targets[:1], content, {}, resolve((), content), dossier.name)
    assert all(label != "Périmètre" for label, _ in printed.cover.details)


def test_the_pack_dialog_chooses_the_followed_checklists_filled(qtbot, shipped, store):
    from coopguide.ui.pack_dialog import PackDialog

    dossier = store.dossiers.create("Reprise", scope=SCOPE)
    dialog = PackDialog(
        shipped.content, [], dossier.name, lambda request: False, followed=followed_targets(shipped.content, dossier)
    )
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.mouseClick(dialog.followed_button, qtbot_left())
    request = dialog.request()
    assert set(request.targets) == set(SCOPE) and not request.blank


def qtbot_left():
    from PySide6.QtCore import Qt

    return Qt.MouseButton.LeftButton
