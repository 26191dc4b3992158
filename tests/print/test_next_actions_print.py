"""« Nos prochaines actions » printed and read back with pypdf: one A4 portrait page with the
dossier, the day, the actions and who does them, late ones marked; still one page with the longest
items of the shipped content, on A4 and on Letter."""

from __future__ import annotations

import datetime as dt

import pytest

from coopguide.core.content.cache import build
from coopguide.core.next_actions import build_next_actions
from coopguide.core.next_actions_print import PRINTED, next_actions_document
from coopguide.core.printout.layout import pdf_file_name
from coopguide.core.store.progress import DONE, resolve
from coopguide.printing.output import write_pdf
from tests.print.conftest import pdf_pages

TODAY = dt.date(2026, 12, 8)
A4_POINTS = (595, 842)


def read_pdf(path):
    from pypdf import PdfReader

    return PdfReader(str(path))


@pytest.fixture
def content(content_root):
    return build(content_root).content


def test_one_a4_page_with_the_dossier_the_actions_and_the_late_ones(qapp, store, content, tmp_path):
    dossier = store.dossiers.create("Reprise Dupont", members=("Aïcha", "Karim"))
    for item_id, fields in {
        "alpha.depot": {"due": "2026-12-05", "assignee": "Karim", "note": "Apporter le Kbis\nlong détail"},
        "beta.deux": {"due": "2026-12-13", "assignee": "Aïcha"},
        "alpha.groupe": {"state": DONE},
    }.items():
        store.items.change(dossier.id, item_id, fields, content_edition="test-1")
    store.key_dates.set(dossier.id, "autre-audience", "2026-12-20", "Audience au tribunal")
    store.key_dates.set(dossier.id, "autre-jugement", "2026-11-20", "Jugement")  # past: not above the list
    key_dates = store.key_dates.list(dossier.id)
    board = build_next_actions(content, resolve(store.items.rows(dossier.id), content), dossier, TODAY, key_dates)
    document = next_actions_document(board, content)
    assert pdf_file_name(document) == "Nos prochaines actions — Reprise Dupont — 2026-12-08.pdf"
    path = tmp_path / pdf_file_name(document)
    assert write_pdf(document, path).page_count == 1
    reader = read_pdf(path)
    assert len(reader.pages) == 1
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == A4_POINTS  # portrait
    (text,) = pdf_pages(str(path))
    for expected in (
        "Nos prochaines actions",
        "Dossier « Reprise Dupont » · le 8 décembre 2026",
        "imprimé le 8 décembre 2026",
        "N° À faire Qui Pour quand Note",
        "Déposer les statuts",
        "Karim 05/12/2026 en retard de 3 jours Apporter le Kbis",
        "Étape deux",
        "13/12/2026 dans 5 jours",
        "1 en retard",
        "Dates clés : Audience au tribunal le 20 décembre 2026 (dans 12 jours)",
    ):
        assert expected in text, expected
    assert text.index("Déposer les statuts") < text.index("Étape deux")  # the late one first
    assert "long détail" not in text  # a note's first line only
    assert "Réunir le groupe" not in text  # done
    assert "Jugement" not in text  # a key date gone by


@pytest.mark.parametrize("paper", ["A4", "Letter"])
def test_the_longest_items_with_notes_still_fit_one_page(qapp, store, shipped, tmp_path, paper):
    content = shipped.content
    dossier = store.dossiers.create("Scop Menuiserie Dupont et associés du Creusot", members=("Aïcha", "Karim"))
    longest = sorted(content.items().values(), key=lambda item: -len(item.text))[: PRINTED + 4]
    for n, item in enumerate(longest):
        fields = {
            "due": (TODAY + dt.timedelta(days=3 * n - 9)).isoformat(),
            "assignee": "Marie-Françoise Delacroix-Martin",
            "note": "Appeler le greffe du tribunal de commerce avant midi et demander la copie du jugement",
        }
        store.items.change(dossier.id, item.id, fields, content_edition=content.edition)
    board = build_next_actions(content, resolve(store.items.rows(dossier.id), content), dossier, TODAY)
    path = tmp_path / "actions.pdf"
    assert write_pdf(next_actions_document(board, content), path, paper).page_count == 1
    (text,) = pdf_pages(str(path))
    assert board.more(PRINTED) >= 4  # the four dated ones beyond ten, and where each list starts
    assert f"et {board.more(PRINTED)} autres actions à venir." in text
    assert "en retard de 9 jours" in text
