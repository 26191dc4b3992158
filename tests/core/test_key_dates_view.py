"""The key dates timeline: countdown from today, suggestions from the content's legal durations with
their reference, the dashboard's block (issue 21)."""

from __future__ import annotations

import datetime as dt

from coopguide.core.dashboard import build_dashboard, dashboard_html
from coopguide.core.key_dates_view import DIALOG_LINK, build_timeline, rule_label, suggestions_for
from coopguide.core.store.key_dates import KeyDate
from coopguide.core.store.progress import ItemProgress, resolve

TODAY = dt.date(2026, 12, 6)


def test_the_timeline_counts_the_days_and_names_the_next_date(shipped):
    key_dates = shipped.content.key_dates
    dates = [
        KeyDate("audience-offres", "2026-12-18"),
        KeyDate("jugement-ouverture", "2026-12-03"),
        KeyDate("autre-visite-banque", "2026-12-06", "Visite à la banque"),
    ]
    timeline = build_timeline(key_dates, dates, TODAY)
    assert [(e.label, e.countdown) for e in timeline.entries] == [
        ("Jugement d'ouverture", "il y a 3 jours"),
        ("Visite à la banque", "aujourd'hui"),
        ("Audience d'examen des offres", "dans 12 jours"),
    ]
    assert timeline.next.label == "Visite à la banque"
    by_target = {s.target: s for s in timeline.suggestions}
    # computed only from dates entered, for kinds not entered yet
    observation = by_target["fin-observation"]
    assert observation.date == "2027-06-03"
    assert observation.text == "au plus tard le 3 juin 2027 : 6 mois après : jugement d'ouverture"
    assert "C. com., art. L. 621-3 et L. 631-7, à jour au 29 janvier 2026" in observation.rule
    improve = by_target["derniere-amelioration-offre"]
    assert improve.date == "2026-12-16" and "jours fériés non comptés" in improve.text
    assert "R. 642-1" in improve.rule
    assert "declaration-cessation" not in by_target  # its start (cessation des paiements) is not entered


def test_working_days_skip_the_weekend_and_say_public_holidays_are_not_known(shipped):
    found = suggestions_for(shipped.content.key_dates, {"audience-offres": "2026-05-12"}, "derniere-amelioration-offre")
    # two working days before Tuesday 12 May 2026 is Friday 8 May, a public holiday: the text says to check
    assert [s.date for s in found] == ["2026-05-08"] and "vérifiez" in found[0].text


def test_the_offer_deadline_is_fixed_by_the_administrateur_and_nothing_is_computed(shipped):
    found = suggestions_for(shipped.content.key_dates, {}, "date-limite-offres")
    fixed, before_audience = found
    assert fixed.date == "" and fixed.text == "pas de date calculée" and "R. 631-39" in fixed.rule
    assert before_audience.date == "" and "à calculer quand cette date sera saisie" in before_audience.text
    assert rule_label(shipped.content.key_dates, "jugement-ouverture+10") == "J+10 après : jugement d'ouverture"
    assert rule_label(shipped.content.key_dates, "audience-offres-7") == "J-7 avant : audience d'examen des offres"


def test_the_dashboard_shows_the_countdown_above_the_check_lists_or_offers_to_add_dates(shipped, store):
    dossier = store.dossiers.ensure_default()
    resolved = resolve([], shipped.content)
    empty = dashboard_html(build_dashboard(shipped.content, resolved, dossier, TODAY, []))
    assert f'<a href="{DIALOG_LINK}">Ajouter les dates clés</a>' in empty

    rows = [ItemProgress("reprendre-entreprise-en-difficulte.plan-b", due="2026-12-11", due_rule="audience-offres-7")]
    dates = [KeyDate("jugement-ouverture", "2026-12-03"), KeyDate("date-limite-offres", "2026-12-16")]
    page = dashboard_html(build_dashboard(shipped.content, resolve(rows, shipped.content), dossier, TODAY, dates))
    block = page[page.index("<h2>Dates clés</h2>") : page.index("<h2>Check-lists</h2>")]
    assert (
        '<p class="compte"><b>Date limite de dépôt des offres</b> : <span class="retard">Dans 10 jours</span>' in block
    )
    assert "le 16 décembre 2026" in block and "il y a 3 jours" in block
    assert "Suggestion — Fin de la période d'observation : au plus tard le 3 juin 2027" in block
    assert "date clé retirée (Audience d'examen des offres)" in block  # a rule whose date is missing
    assert f'<a href="{DIALOG_LINK}">Modifier les dates clés…</a>' in block
    # without key dates given (a séance's overview), no block at all
    assert "Dates clés" not in dashboard_html(build_dashboard(shipped.content, resolved, dossier, TODAY))


def test_a_duration_of_one_is_written_in_the_singular():
    from coopguide.core.key_dates_view import duration

    assert [duration(1, "jours"), duration(1, "jours ouvrés"), duration(1, "mois")] == [
        "1 jour",
        "1 jour ouvré",
        "1 mois",
    ]
    assert [duration(2, "jours ouvrés"), duration(45, "jours"), duration(6, "mois")] == [
        "2 jours ouvrés",
        "45 jours",
        "6 mois",
    ]
