"""Key dates are content: content/dates-cles.yaml, carried by the content cache and checked by
check-content with each problem at its file and line (legal durations need their reference, source
and « à jour au »; suggested due dates must name items of the guides and known key dates)."""

from __future__ import annotations

import datetime as dt

import pytest

from coopguide.core.content import cache as content_cache
from coopguide.core.content.validate import check_content
from coopguide.core.shared.relative_dates import add_months, add_working_days, countdown, parse_rule
from tests.conftest import SHIPPED_CONTENT

DATES = """\
dates:
  - id: jugement
    libelle: Jugement
    explication: Le jugement.
  - id: audience
    libelle: Audience
    explication: L'audience.
suggestions:
  - date: audience
    depuis: jugement
    duree: 2 jours ouvrés
    sens: après
    texte: une règle
    reference: C. com., art. X
    source:
      titre: Une source
      url: https://exemple.fr
    a_jour_au: 2026-01-29
echeances:
  alpha.groupe: jugement+10
  beta.un: audience-2
"""


@pytest.fixture
def dated(content_root):
    (content_root / "dates-cles.yaml").write_text(DATES, encoding="utf-8")
    return content_root


def problems(root) -> list[str]:
    return [str(p) for p in check_content(root).problems]


def test_the_shipped_key_dates_are_valid_and_carry_their_rules():
    report = check_content(SHIPPED_CONTENT)
    assert report.ok, report.problems
    key_dates = report.content.key_dates
    assert key_dates.kind("jugement-ouverture").label == "Jugement d'ouverture"
    observation = next(s for s in key_dates.suggestions if s.target == "fin-observation")
    assert (observation.start, observation.amount, observation.unit) == ("jugement-ouverture", 6, "mois")
    assert "L. 631-7" in observation.reference and observation.updated == "2026-01-29"
    improve = next(s for s in key_dates.suggestions if s.target == "derniere-amelioration-offre")
    assert (improve.start, improve.amount, improve.unit, improve.reference) == (
        "audience-offres",
        -2,
        "jours ouvrés",
        "C. com., art. R. 642-1",
    )
    fixed = [s for s in key_dates.suggestions if s.target == "date-limite-offres" and not s.start]
    assert fixed and "R. 631-39" in fixed[0].reference  # the administrateur fixes it: nothing computed
    assert key_dates.suggested_rule("reprendre-entreprise-en-difficulte.lire-jugement") == "jugement-ouverture+2"
    checklist = report.content.checklists()["reprendre-entreprise-en-difficulte.trente-jours"]
    assert {i for i, *_ in key_dates.item_rules} <= {item.id for item in checklist.items}


def test_the_key_dates_travel_in_the_content_cache(dated, tmp_path):
    built = content_cache.load(dated, tmp_path / "cache")
    cached = content_cache.load(dated, tmp_path / "cache")
    assert cached.from_cache and not built.from_cache
    assert cached.content.key_dates == built.content.key_dates
    assert cached.content.key_dates.suggested_rule("beta.un") == "audience-2"


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (("alpha.groupe", "alpha.personne"), "20: échéance pour un élément inconnu : alpha.personne"),
        (("jugement+10", "jugement+dix"), "20: alpha.groupe : « jugement+dix » n'est pas une règle"),
        (("audience-2", "audiance-2"), "21: beta.un : date clé inconnue : audiance"),
        (("    depuis: jugement\n", "    depuis: verdict\n"), "10: depuis : date clé inconnue : verdict"),
        (("    reference: C. com., art. X\n", ""), "9: champ obligatoire manquant : reference"),
        (("    a_jour_au: 2026-01-29\n", ""), "9: champ obligatoire manquant : a_jour_au"),
        (("a_jour_au: 2026-01-29", "a_jour_au: janvier"), "18: a_jour_au : une date AAAA-MM-JJ"),
        (("2 jours ouvrés", "deux jours"), "11: duree : « 45 jours »"),
        (("sens: après", "sens: pendant"), "12: sens : après ou avant"),
        (("    sens: après\n", ""), "9: depuis, duree et sens vont ensemble"),
        (("url: https://exemple.fr", "url: exemple.fr"), "16: source : un titre et une adresse"),
        (("id: audience", "id: jugement"), "5: date en double : jugement (déjà ligne 2)"),
        (("id: audience", "id: autre-audience"), "5: id : « autre-… » est réservé"),
        (("    libelle: Jugement\n", ""), "2: champ obligatoire manquant : libelle"),
        (("    libelle: Jugement\n", "    libelle: Jugement\n    couleur: rouge\n"), "4: champ inconnu : couleur"),
        (("echeances:\n", "echeances:\n  beta.un: jugement+1\n"), "22: échéance en double : beta.un (déjà ligne 20)"),
        (("dates:\n", "dates: [\n"), "2: fichier YAML illisible"),
        ((DATES, "rien: 1\n"), "1: champ inconnu : rien"),
    ],
)
def test_a_broken_key_dates_file_is_reported_at_its_line(dated, change, expected):
    old, new = change
    assert old in DATES
    (dated / "dates-cles.yaml").write_text(DATES.replace(old, new, 1), encoding="utf-8")
    found = problems(dated)
    assert any(p.startswith(f"{dated.name}/dates-cles.yaml:{expected}") for p in found), found


def test_rules_and_durations_count_as_the_law_says():
    rule = parse_rule("date-limite-offres-1")
    assert (rule.kind, rule.days) == ("date-limite-offres", -1)
    assert str(parse_rule("jugement-ouverture+0")) == "jugement-ouverture+0"
    assert parse_rule("jugement") is None and parse_rule("Jugement+2") is None and parse_rule("j+99999") is None
    assert parse_rule("jugement-ouverture+10").due("2026-02-25") == "2026-03-07"
    assert add_months(dt.date(2026, 8, 31), 6) == dt.date(2027, 2, 28)
    # two working days before a Tuesday audience: the Friday before (the weekend is skipped)
    assert add_working_days(dt.date(2026, 12, 8), -2) == dt.date(2026, 12, 4)
    today = dt.date(2026, 12, 6)
    assert [countdown(d, today) for d in ("2026-12-18", "2026-12-06", "2026-12-07", "2026-12-03")] == [
        "dans 12 jours",
        "aujourd'hui",
        "demain",
        "il y a 3 jours",
    ]
