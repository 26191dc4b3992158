"""The Qt-free print model: what each row, section and document says, blank or filled."""

from __future__ import annotations

import datetime as dt

import pytest

from coopguide.core.printout.layout import (
    MARK_DONE,
    MARK_NA,
    MARK_TODO,
    ChecklistBlock,
    FlowBlock,
    PrintDocument,
    checklist_document,
    contents_title,
    guide_document,
    header_right,
    paper_links,
    pdf_file_name,
    progress_summary,
)
from coopguide.core.printout.pack import UnknownTargetError, all_targets, find_preset, pack_document, single_document
from coopguide.core.shared.dates import short_date
from coopguide.core.store.progress import DONE, NOT_APPLICABLE, ItemProgress, resolve
from tests.print.conftest import long_checklist_content

TODAY = dt.date(2026, 11, 30)


def filled_progress(content, checklist):
    items = checklist.items
    rows = [
        ItemProgress(items[0].id, DONE, "2026-11-20T10:00:00+01:00", "Aïcha", "Rendez-vous pris à l'URSCOP"),
        ItemProgress(items[1].id, NOT_APPLICABLE, "2026-11-21T09:00:00+01:00", "Noël"),
        ItemProgress(items[2].id, note="x" * 400, due="2026-11-01", assignee="Léa"),
        ItemProgress(items[3].id, due="2026-12-15", assignee="Zoé"),
    ]
    return resolve(rows, content)


def test_a_blank_checklist_has_empty_boxes_and_nothing_written():
    content, checklist = long_checklist_content(5)
    document = checklist_document(checklist, content, today=TODAY)
    block = next(b for b in document.sections[0].blocks if isinstance(b, ChecklistBlock))
    assert document.blank and block.blank and block.summary == ""
    assert [r.mark for r in block.rows] == [MARK_TODO] * 5
    assert all(not (r.done_on or r.done_by or r.note or r.due or r.assignee) for r in block.rows)
    assert [r.number for r in block.rows] == [1, 2, 3, 4, 5]
    assert header_right(document) == "Fiche vierge · imprimé le 30 novembre 2026"
    assert document.file_stem == "check-list-essai.liste-vierge"


def test_a_filled_checklist_shows_state_who_when_note_due_and_assignee():
    content, checklist = long_checklist_content(5)
    document = checklist_document(checklist, content, filled_progress(content, checklist), "Menuiserie Dupont", TODAY)
    blocks = document.sections[0].blocks
    table = next(b for b in blocks if isinstance(b, ChecklistBlock))
    done, na, long_note, due, plain = table.rows
    assert (done.mark, done.done_on, done.done_by, done.note) == (
        MARK_DONE,
        "20/11/2026",
        "Aïcha",
        "Rendez-vous pris à l'URSCOP",
    )
    assert (na.mark, na.done_by) == (MARK_NA, "Noël")
    assert long_note.mark == MARK_TODO and long_note.note_moved and long_note.overdue
    assert (due.due, due.assignee, due.overdue) == ("15/12/2026", "Zoé", False)
    assert plain == table.rows[4] and plain.mark == MARK_TODO
    assert table.summary == "Avancement : 2 / 5 (1 fait, 1 non applicable, 3 à faire)"
    notes = blocks[-1]
    assert isinstance(notes, FlowBlock) and "x" * 400 in notes.html and "Notes détaillées" in notes.html
    assert header_right(document).startswith("Dossier : Menuiserie Dupont")


def test_summary_counts_plurals():
    content, checklist = long_checklist_content(3)
    rows = (
        checklist_document(
            checklist, content, resolve([ItemProgress(i.id, DONE) for i in checklist.items], content), today=TODAY
        )
        .sections[0]
        .blocks[1]
        .rows
    )
    assert progress_summary(rows) == "Avancement : 3 / 3 (3 faits, 0 à faire)"


def test_a_guide_is_cut_around_its_checklists_with_their_headings(shipped):
    content = shipped.content
    guide = content.guides["creer-une-scop"]
    document = guide_document(guide, shipped.html[guide.id], content, today=TODAY)
    blocks = document.sections[0].blocks
    tables = [b for b in blocks if isinstance(b, ChecklistBlock)]
    assert [t.checklist_id for t in tables] == [c.id for c in guide.checklists]
    assert tables[0].title == "Check-list : créer la Scop"
    flow = " ".join(b.html for b in blocks if isinstance(b, FlowBlock))
    assert "@@cgitem" not in flow and 'id="creer-une-scop.etapes"' not in flow
    assert flow.startswith("<h1>Créer une Scop : les étapes</h1>")
    assert "Sources" in blocks[-1].html  # text after the checklist is kept
    assert 'href="' not in flow  # no link survives on paper
    assert "https://www.legifrance.gouv.fr/loda/id/JORFTEXT000000339242" in flow  # addresses are written out


def test_links_on_paper():
    assert paper_links('<a href="guide:scic">La SCIC</a>') == '<span class="lien">La SCIC</span>'
    assert (
        paper_links('voir <a href="https://a.fr/x">le site</a>')
        == 'voir le site <span class="url">(https://a.fr/x)</span>'
    )
    assert paper_links('<a href="https://a.fr">https://a.fr</a>') == '<span class="url">https://a.fr</span>'
    assert paper_links('<a href="mailto:x@y.fr">x@y.fr</a>') == '<span class="url">x@y.fr</span>'
    assert (
        paper_links('<a class="terme" href="glossaire:scop" title="Scop : …">Scop</a>')
        == '<span class="lien">Scop</span>'
    )


def test_pack_orders_sections_and_describes_the_preset(shipped):
    from coopguide.core.content.presets import load_presets
    from tests.conftest import SHIPPED_CONTENT

    preset = find_preset("decouvrir-la-cae", load_presets(SHIPPED_CONTENT)[0])
    document = pack_document(preset.targets, shipped.content, shipped.html, preset=preset, today=TODAY)
    assert [s.ref for s in document.sections] == list(preset.guides + preset.checklists)
    assert document.cover.title == "Découvrir la CAE" and document.contents
    assert dict(document.cover.details)["Public"] == preset.audience
    assert dict(document.cover.details)["Composition"] == "3 guides, 3 check-lists"
    assert document.file_stem == "seance-decouvrir-la-cae"
    checklist_section = document.sections[-1]
    assert contents_title(checklist_section) == "Préparer un premier rendez-vous"


def test_unknown_names_get_a_french_message_with_suggestions(shipped):
    suggestion = r"« creer-une-scop\.etape »\. Vouliez-vous dire : creer-une-scop\.etapes"
    with pytest.raises(UnknownTargetError, match=suggestion):
        single_document("creer-une-scop.etape", shipped.content, shipped.html)
    with pytest.raises(UnknownTargetError, match=r"Séance inconnue : « x »\. Séances disponibles : a\."):
        find_preset("x", [type("P", (), {"id": "a", "title": "A"})()])
    with pytest.raises(UnknownTargetError, match="au moins un guide"):
        pack_document([], shipped.content, shipped.html)


def test_all_targets_follow_the_guide_tree(shipped):
    targets = all_targets(shipped.content)
    guides = len(shipped.content.guides)  # 17 since the edition 2026.12-1 « nouveautés » page
    assert len(targets) == guides + 14
    assert targets[0] == "s-orienter"  # first theme, first guide
    assert set(targets[guides:]) == set(shipped.content.checklists())


def test_short_dates():
    assert short_date("2026-11-24") == "24/11/2026"
    assert short_date("2026-11-24T23:59:00+01:00") == "24/11/2026"
    assert short_date("") == short_date("n'importe quoi") == ""


# -- the proposed PDF name ---------------------------------------------------------------------------


def test_a_pdf_is_named_after_what_was_printed_the_dossier_and_the_day(shipped):
    checklist = shipped.content.checklists()["creer-une-scop.etapes"]
    filled = checklist_document(checklist, shipped.content, resolve([], shipped.content), "Reprise Dupont", TODAY)
    assert pdf_file_name(filled) == "Check-list - créer la Scop — Reprise Dupont — 2026-11-30.pdf"
    blank = checklist_document(checklist, shipped.content, today=TODAY)
    assert pdf_file_name(blank) == "Check-list - créer la Scop — 2026-11-30.pdf"  # no dossier on a blank sheet
    guide = shipped.content.guides["scic"]
    assert (
        pdf_file_name(guide_document(guide, "", shipped.content, None, "", TODAY)) == f"{guide.title} — 2026-11-30.pdf"
    )


def test_a_long_title_is_cut_but_the_dossier_and_the_date_stay_and_all_is_valid_everywhere(shipped):
    checklist = shipped.content.checklists()["creer-une-scop.etapes"]
    document = checklist_document(checklist, shipped.content, resolve([], shipped.content), "Dupont / Fils", TODAY)
    assert pdf_file_name(document).startswith("Check-list - créer la Scop — Dupont - Fils")  # no ':', no '/'
    long = PrintDocument(**{**document.__dict__, "title": "Très long titre " * 20})
    name = pdf_file_name(long)
    assert name.endswith(" — Dupont - Fils — 2026-11-30.pdf") and len(name) < 130
