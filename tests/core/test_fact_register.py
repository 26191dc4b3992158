"""The fact register: every quote is found in its guide, and no guide is dated after its last check."""

from __future__ import annotations

import re

import pytest

from coopguide.core.content.fact_register import REGISTER_FILE, fold, locate
from coopguide.core.content.validate import check_content
from tests.conftest import SHIPPED_CONTENT

GOOD_REGISTER = """\
# Registre de test
faits:
  - guide: alpha
    citation: "se crée à plusieurs"
    reference: loi n° 78-763, art. 3
    source:
      titre: Loi n° 78-763 (Légifrance)
      url: https://www.legifrance.gouv.fr/a
    verifie_le: 2026-11-01
    verdict: exact
  - guide: beta
    citation: Retour à
    reference: aucune (renvoi)
    source:
      titre: Source C
      url: https://www.service-public.fr/c
    verifie_le: 2026-11-02
    verdict: exact
  - guide: glossaire
    citation: Société coopérative de production.
    reference: loi n° 78-763, art. 1er
    source:
      titre: Source E
      reference: imprimé
    verifie_le: 2026-11-01
    verdict: exact
"""


def messages(root) -> list[str]:
    return [str(p) for p in check_content(root).problems]


def write_register(root, text: str = GOOD_REGISTER) -> None:
    (root / REGISTER_FILE).write_text(text, encoding="utf-8")


def test_a_register_whose_quotes_are_found_and_whose_dates_cover_the_guides_passes(content_root):
    write_register(content_root)
    assert messages(content_root) == []


def test_without_a_register_there_is_nothing_to_check(content_root):
    assert not (content_root / REGISTER_FILE).exists()
    assert messages(content_root) == []


def test_a_quote_missing_from_its_guide_is_reported_at_the_register_line(content_root):
    write_register(content_root, GOOD_REGISTER.replace('"se crée à plusieurs"', '"se crée seul"'))
    assert messages(content_root) == [
        "content/registre-des-faits.yaml:3: citation introuvable dans le guide alpha : « se crée seul » "
        "(le texte a changé : revérifiez le fait et mettez la citation à jour)"
    ]


def test_a_quote_still_matches_when_the_paragraph_is_rewrapped(content_root):
    write_register(content_root)
    guide = content_root / "guides" / "alpha.md"
    guide.write_text(guide.read_text("utf-8").replace("se crée à plusieurs", "se crée\nà   plusieurs"), "utf-8")
    assert messages(content_root) == []


def test_a_guide_dated_after_its_latest_check_fails_at_its_a_jour_au_line(content_root):
    write_register(content_root)
    guide = content_root / "guides" / "alpha.md"
    guide.write_text(guide.read_text("utf-8").replace("a_jour_au: 2026-11-01", "a_jour_au: 2026-11-24"), "utf-8")
    assert messages(content_root) == [
        "content/guides/alpha.md:8: a_jour_au (2026-11-24) est postérieure à la dernière vérification "
        "de ses faits dans le registre (2026-11-01)"
    ]


def test_the_latest_check_of_any_fact_of_the_guide_covers_its_date(content_root):
    write_register(content_root)
    guide = content_root / "guides" / "beta.md"
    guide.write_text(guide.read_text("utf-8").replace("a_jour_au: 2026-11-01", "a_jour_au: 2026-11-02"), "utf-8")
    assert messages(content_root) == []


def test_a_date_written_in_the_text_may_not_be_later_than_the_checks(content_root):
    write_register(content_root)
    guide = content_root / "guides" / "alpha.md"
    text = guide.read_text("utf-8").replace(
        "(loi n° 78-763, art. 3).", "(loi n° 78-763, art. 3 ; à jour au 24 novembre 2026)."
    )
    guide.write_text(text, "utf-8")
    line = text.splitlines().index(next(x for x in text.splitlines() if "à jour au" in x)) + 1
    assert messages(content_root) == [
        f"content/guides/alpha.md:{line}: « à jour au 24 novembre 2026 » est postérieur à la dernière "
        "vérification de ses faits dans le registre (2026-11-01)"
    ]
    guide.write_text(text.replace("à jour au 24 novembre 2026", "vérifié le 1er novembre 2026"), "utf-8")
    assert messages(content_root) == []


def test_a_guide_with_no_fact_in_the_register_is_reported(content_root):
    write_register(content_root, GOOD_REGISTER.split("  - guide: beta")[0])
    assert messages(content_root) == [
        "content/guides/beta.md:8: aucun fait de ce guide dans le registre (registre-des-faits.yaml) : "
        "sa date a_jour_au ne repose sur aucune vérification",
        "content/guides/glossaire.md:8: aucun fait de ce guide dans le registre (registre-des-faits.yaml) : "
        "sa date a_jour_au ne repose sur aucune vérification",
    ]


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (("guide: beta", "guide: gamma"), ":11: guide inconnu : gamma"),
        (("exact\n  - guide: glossaire", "vrai\n  - guide: glossaire"), ":18: verdict inconnu : vrai"),
        (("verifie_le: 2026-11-02", "verifie_le: 2 novembre"), ":17: verifie_le doit être une date AAAA-MM-JJ"),
        (("verifie_le: 2026-11-02", "verifie_le: 2999-01-01"), ":17: verifie_le est dans le futur"),
        (("    reference: aucune (renvoi)\n", ""), ":11: champ obligatoire manquant : reference"),
        (("      url: https://www.service-public.fr/c\n", ""), ":14: source : il faut un « titre » et une « url »"),
    ],
)
def test_a_malformed_entry_is_reported_at_its_line(content_root, change, expected):
    write_register(content_root, GOOD_REGISTER.replace(*change, 1))
    found = messages(content_root)
    assert any(m.startswith("content/registre-des-faits.yaml" + expected) for m in found), found


def test_an_unreadable_register_is_reported_with_its_line(content_root):
    write_register(content_root, "faits:\n  - guide: alpha\n    citation: [non fermé\n")
    found = messages(content_root)
    assert len(found) == 1 and found[0].startswith("content/registre-des-faits.yaml:4: registre illisible"), found
    write_register(content_root, "faits: rien\n")
    assert messages(content_root) == [
        "content/registre-des-faits.yaml:1: le registre doit contenir une liste « faits: » d'entrées"
    ]


def test_fold_and_locate_find_a_quote_across_line_breaks():
    text = "ligne un\nune phrase qui\ncontinue ici\nfin"
    assert fold("une  phrase\nqui") == "une phrase qui"
    assert locate(text, "phrase qui continue") == 2
    assert locate(text, "absente") is None


def test_the_shipped_register_covers_every_guide_and_records_corrections():
    text = (SHIPPED_CONTENT / REGISTER_FILE).read_text("utf-8")
    guides = {path.stem for path in (SHIPPED_CONTENT / "guides").glob("*.md")}
    assert set(re.findall(r"^  - guide: ([a-z0-9-]+)$", text, re.MULTILINE)) == guides
    verdicts = set(re.findall(r"^    verdict: (.+)$", text, re.MULTILINE))
    assert verdicts == {"exact", "corrigé", "à vérifier"}
