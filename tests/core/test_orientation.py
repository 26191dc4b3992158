"""« Par où commencer ? » and « Comparer les formes »: answers → guides, scope, key dates and
verdicts (core/orientation.py), from rules that are content (content/orientation/*.yaml), checked by
check-content with each problem at its file and line."""

from __future__ import annotations

import pytest

from coopguide.core.content.orientation_data import (
    ORIENTATION_DIR,
    check_orientation,
    load_forms,
    load_situations,
)
from coopguide.core.content.validate import check_content
from coopguide.core.orientation import compare_forms, start_plan, unanswered
from tests.conftest import SHIPPED_CONTENT


@pytest.fixture(scope="module")
def real():
    """The shipped orientation files and the shipped guides."""
    problems: list = []
    situations = load_situations(SHIPPED_CONTENT, problems)
    forms = load_forms(SHIPPED_CONTENT, problems)
    report = check_content(SHIPPED_CONTENT)
    assert not problems and report.ok, (problems, report.problems)
    return situations, forms, report.content


def situation(real, **answers):
    situations, _, content = real
    full = {"nombre": "petit-groupe", "forme": "oui", "accompagnement": "oui", **answers}
    assert not unanswered(situations.questions, full)
    plan = start_plan(situations, full, content)
    assert plan is not None
    return plan


def verdicts(real, **answers) -> dict[str, str]:
    _, forms, _ = real
    full = {
        "proprietaires": "salaries",
        "nombre": "deux-a-six",
        "transformation": "non",
        "capital": "oui",
        "collectivite": "non",
        "partage": "oui",
        **answers,
    }
    assert not unanswered(forms.questions, full)
    return {result.form.id: result.verdict for result in compare_forms(forms, full)}


# -- « Par où commencer ? » ------------------------------------------------------------------------
def test_a_firm_in_receivership_reads_the_difficulty_guide_first_and_follows_its_thirty_days(real):
    plan = situation(real, situation="difficulte")
    assert plan.name == "Reprise de notre entreprise"
    assert [g.target for g in plan.guides] == [
        "guide:reprendre-entreprise-en-difficulte",
        "guide:reprendre-entreprise-en-difficulte#calendrier",
        "guide:financer-le-projet",
        "guide:creer-une-scop",
    ]
    assert plan.guides[1].title == "Reprendre une entreprise en difficulté › Un calendrier réaliste"
    assert all(g.why for g in plan.guides)
    assert plan.checklists == (
        "reprendre-entreprise-en-difficulte.trente-jours",
        "contacts.premier-rendez-vous",
        "financer-le-projet.plan-de-financement",
        "creer-une-scop.etapes",
    )
    assert plan.key_dates == ("jugement-ouverture", "fin-observation", "date-limite-offres", "audience-offres")
    assert "telecentres-ruraux.ouvrir" not in plan.checklists and "cooperatives-belgique.pieges" not in plan.checklists


def test_complements_add_guides_and_check_lists_once_and_in_order(real):
    plan = situation(real, situation="difficulte", forme="non", accompagnement="non")
    assert [g.target for g in plan.guides][-2:] == ["guide:s-orienter", "guide:contacts#mouvement"]
    assert plan.checklists[-1] == "s-orienter.choisir"
    assert plan.checklists.count("contacts.premier-rendez-vous") == 1  # the parcours has it already


def test_each_situation_has_its_own_path(real):
    commune = situation(real, situation="commune")
    assert commune.checklists[0] == "scic.creer" and "guide:scic#commune" in [g.target for g in commune.guides]
    assert commune.key_dates == ("ag-constitutive", "immatriculation")
    alone = situation(real, situation="seul-cae", nombre="seul")
    assert alone.checklists == ("cae-et-cape.rejoindre",) and alone.name == "Mon activité en CAE"
    belgium = situation(real, situation="belgique", accompagnement="non")  # no French URSCOP for Belgium
    assert belgium.checklists == ("cooperatives-belgique.pieges",)
    assert "guide:contacts#mouvement" not in [g.target for g in belgium.guides]
    tiers = situation(real, situation="tiers-lieu")
    assert tiers.checklists[0] == "telecentres-ruraux.ouvrir"


def test_alone_on_a_scop_path_is_pointed_at_the_cae(real):
    plan = situation(real, situation="nouveau-projet", nombre="seul")
    assert plan.guides[-1].guide_id == "cae-et-cape" and "2 associés salariés" in plan.guides[-1].why


def test_no_plan_without_an_answer_a_parcours_knows(real):
    situations, _, content = real
    assert start_plan(situations, {}, content) is None
    assert next(q.id for q in unanswered(situations.questions, {"situation": "inconnue"})) == "situation"


# -- « Comparer les formes » -----------------------------------------------------------------------
def test_employees_taking_over_without_the_capital_fit_the_seed_scop(real):
    result = verdicts(real, transformation="oui", capital="non")
    assert result["scop-amorcage"] == "convient"
    assert result["scop"] == "sous-conditions"
    assert result["cae"] == "ne-convient-pas" and result["association"] == "ne-convient-pas"


def test_a_new_company_cannot_be_a_seed_scop_and_employees_with_the_capital_fit_the_scop(real):
    result = verdicts(real)
    assert result["scop"] == "convient"
    assert result["scop-amorcage"] == "ne-convient-pas"


def test_a_project_with_the_commune_fits_the_scic_and_says_the_prefect_approval_is_gone(real):
    _, forms, _ = real
    answers = dict(
        proprietaires="mixte",
        nombre="sept-et-plus",
        transformation="non",
        capital="oui",
        collectivite="oui",
        partage="non",
    )
    results = compare_forms(forms, answers)
    assert results[0].form.id == "scic" and results[0].verdict == "convient"
    texts = " ".join(r.text for r in results[0].reasons)
    assert "50 % du capital" in texts and "24 mars 2012" in texts
    assert results[0].reasons[-1].verdict == "a-savoir"  # said last, weighs nothing
    scop = next(r for r in results if r.form.id == "scop")
    assert scop.verdict == "sous-conditions"


def test_one_person_with_her_own_clients_fits_the_cae_only(real):
    result = verdicts(real, proprietaires="chacun", nombre="un")
    assert result["cae"] == "convient"
    assert {result[f] for f in ("scop", "scop-amorcage", "scic", "association")} == {"ne-convient-pas"}
    assert next(iter(result)) == "cae"  # what fits comes first


def test_power_following_capital_fits_a_classic_company_and_no_cooperative(real):
    result = verdicts(real, proprietaires="apporteurs")
    assert result["societe-classique"] == "convient"
    assert result["scop"] == result["scic"] == result["association"] == "ne-convient-pas"


def test_sharing_no_profit_fits_an_association(real):
    result = verdicts(real, proprietaires="mixte", partage="non")
    assert result["association"] == "convient"
    assert verdicts(real, proprietaires="mixte", partage="oui")["association"] == "ne-convient-pas"


def test_every_reason_carries_its_reference_source_date_and_section(real):
    _, forms, _ = real
    for rule in forms.rules:
        assert rule.reference and rule.source.url.startswith("http") and rule.updated[:4] == "2026"
        assert rule.section.startswith("guide:s-orienter#")


# -- the files checked, each problem at its line ---------------------------------------------------
SITUATIONS = """\
questions:
  - id: situation
    texte: Votre situation ?
    reponses:
      - id: un
        texte: Un
      - id: deux
        texte: Deux
parcours:
  - id: premier
    quand: {situation: un}
    titre: Premier
    nom: Dossier un
    a_lire:
      - guide: alpha
        pourquoi: Pour commencer.
    check-lists: [alpha.premiere]
    dates-cles: [jugement-ouverture]
  - id: second
    quand: {situation: deux}
    titre: Second
    nom: Dossier deux
    a_lire:
      - guide: beta#details
        pourquoi: Les détails.
    check-lists: [beta.liste]
"""
FORMS = """\
questions:
  - id: but
    texte: Partager ?
    reponses:
      - id: oui
        texte: Oui
      - id: non
        texte: Non
formes:
  - id: coop
    nom: Coop
    en_clair: Une coopérative.
    section: guide:beta#details
regles:
  - forme: coop
    quand: {but: oui}
    verdict: convient
    texte: Au moins 2 personnes.
    reference: Loi n° 1
    source: {titre: Source, url: https://example.org}
    a_jour_au: 2026-01-29
    section: guide:beta#details
  - forme: coop
    quand: {but: non}
    verdict: ne-convient-pas
    texte: Non.
    reference: Loi n° 1
    source: {titre: Source, url: https://example.org}
    a_jour_au: 2026-01-29
    section: guide:beta#details
"""


@pytest.fixture
def oriented(content_root):
    """The small test content with orientation files, and the figure 2 written in beta#details."""
    guide = content_root / "guides" / "beta.md"
    text = guide.read_text(encoding="utf-8")
    guide.write_text(
        text.replace("## Détails {#details}\n", "## Détails {#details}\n\nAu moins 2.\n"), encoding="utf-8"
    )
    (content_root / ORIENTATION_DIR).mkdir()
    write(content_root, SITUATIONS, FORMS)
    return content_root


def write(root, situations: str, forms: str) -> None:
    (root / ORIENTATION_DIR / "situations.yaml").write_text(situations, encoding="utf-8")
    (root / ORIENTATION_DIR / "formes.yaml").write_text(forms, encoding="utf-8")


def problems(root) -> list[str]:
    return [str(p) for p in check_content(root).problems]


def test_the_small_files_are_valid(oriented):
    assert problems(oriented) == []
    found: list = []
    plan = start_plan(load_situations(oriented, found), {"situation": "deux"}, check_content(oriented).content)
    assert plan is not None and plan.checklists == ("beta.liste",) and plan.guides[0].title == "Beta › Détails"


def test_content_without_orientation_files_has_nothing_to_check(content_root):
    assert check_orientation(content_root, check_content(content_root).content) == []


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("      - guide: alpha\n", "      - guide: gamma\n", "situations.yaml:15: a_lire : guide inconnu : gamma"),
        (
            "beta#details\n",
            "beta#ailleurs\n",
            "situations.yaml:24: a_lire : section inconnue dans le guide beta : #ailleurs",
        ),
        ("[alpha.premiere]", "[alpha.troisieme]", "situations.yaml:17: check-list inconnue : alpha.troisieme"),
        (
            "{situation: deux}",
            "{situation: trois}",
            "situations.yaml:20: quand : la question situation n'offre pas la réponse trois",
        ),
        ("{situation: deux}", "{statut: deux}", "situations.yaml:20: quand : question inconnue : statut"),
        ("    nom: Dossier deux\n", "", "situations.yaml:19: parcours : champ obligatoire manquant : nom"),
        (
            "    titre: Second\n",
            "    titre: Second\n    couleur: bleu\n",
            "situations.yaml:22: parcours : champ inconnu : couleur",
        ),
        ("[jugement-ouverture]", "[Jugement Ouverture]", "situations.yaml:18: dates-cles : identifiant mal formé"),
        ("{situation: un}", "{situation: deux}", "situations.yaml:2: aucun parcours pour les réponses : situation=un"),
        ("    texte: Un\n", "    texte: Un: deux\n", "situations.yaml:6: fichier YAML illisible"),
    ],
)
def test_a_broken_situations_file_is_reported_at_its_line(oriented, old, new, expected):
    assert old in SITUATIONS
    write(oriented, SITUATIONS.replace(old, new, 1), FORMS)
    assert any(p.startswith(f"content/{ORIENTATION_DIR}/{expected}") for p in problems(oriented)), problems(oriented)


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("    reference: Loi n° 1\n", "", "formes.yaml:15: règle : champ obligatoire manquant : reference"),
        ("    a_jour_au: 2026-01-29\n", "", "formes.yaml:15: règle : champ obligatoire manquant : a_jour_au"),
        (
            "url: https://example.org",
            "url: example.org",
            "formes.yaml:20: source : adresse https:// ou http:// attendue",
        ),
        ("a_jour_au: 2026-01-29", "a_jour_au: janvier", "formes.yaml:21: règle : a_jour_au : date AAAA-MM-JJ attendue"),
        (
            "Au moins 2 personnes.",
            "Au moins 3 personnes.",
            "formes.yaml:15: le nombre 3 n'est pas écrit dans la section guide:beta#details",
        ),
        ("    verdict: convient\n", "    verdict: parfait\n", "formes.yaml:17: règle : verdict inconnu : parfait"),
        (
            "  - forme: coop\n    quand: {but: oui}",
            "  - forme: scop\n    quand: {but: oui}",
            "formes.yaml:15: règle : forme inconnue : scop",
        ),
        ("{but: oui}", "{but: peut-etre}", "formes.yaml:16: quand : la question but n'offre pas la réponse peut-etre"),
        ("{but: oui}", "{but: non}", "formes.yaml:10: forme coop : aucune règle ne donne de verdict pour but=oui"),
        (
            "    section: guide:beta#details\nregles",
            "    section: guide:beta#nulle-part\nregles",
            "formes.yaml:10: forme coop : section : section inconnue",
        ),
    ],
)
def test_a_broken_forms_file_is_reported_at_its_line(oriented, old, new, expected):
    assert old in FORMS
    write(oriented, SITUATIONS, FORMS.replace(old, new, 1))
    assert any(p.startswith(f"content/{ORIENTATION_DIR}/{expected}") for p in problems(oriented)), problems(oriented)
