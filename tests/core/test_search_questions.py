"""The search answers the questions workers ask: tests/core/search_questions.yaml, top-3 hit rate.

The questions were written before the search was changed (issue 23), the way people type them:
typos, no accents, elisions, whole questions, everyday words. A question is answered when one of the
places listed for it (a section, a glossary term, an item) is among the first three results.

The threshold is the issue's goal, 90 %. On the shipped content the search answers 88 of the 90
questions as whole queries and 87 as typed live (report printed by ``pytest -s``), so the margin is
about 6 questions: enough for the guides to be rewritten (another branch moves every legal
reference into notes) without a flaky test, while a change to the ranking, the synonyms or the
spelling that loses more than that is a regression this test must stop. The questions quoted in the
issue itself must all be answered.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

QUESTIONS = yaml.safe_load((Path(__file__).parent / "search_questions.yaml").read_text(encoding="utf-8"))
GOAL = 0.90
FROM_THE_ISSUE = [
    "scoop",
    "liquidtion",
    "redressemnt judiciaire",
    "reprendre ma boite",
    "licenciement économique",
    "combien de temps pour reprendre",
    "combien coûte la création d'une scop",
    "la commune peut-elle aider",
]


def target(answer: str) -> str:
    return answer if answer.startswith("item:") else f"guide:{answer}"


def misses(index, prefix: bool) -> list[tuple[str, list[str]]]:
    missed = []
    for entry in QUESTIONS:
        top = [r.target for r in index.search(entry["q"], limit=3, prefix=prefix)]
        if not {target(a) for a in entry["a"]} & set(top):
            missed.append((entry["q"], top))
    return missed


def test_the_question_set_is_large_and_points_at_places_that_exist(shipped_index):
    assert len(QUESTIONS) >= 60
    assert len({e["q"] for e in QUESTIONS}) == len(QUESTIONS)
    targets = {t for (t,) in shipped_index.conn.execute("SELECT target FROM docs")}
    unknown = [(e["q"], a) for e in QUESTIONS for a in e["a"] if target(a) not in targets]
    assert not unknown
    assert set(FROM_THE_ISSUE) <= {e["q"] for e in QUESTIONS}


@pytest.mark.parametrize("prefix", [False, True], ids=["whole query", "typed live"])
def test_the_first_three_results_answer_nine_questions_in_ten(shipped_index, prefix):
    missed = misses(shipped_index, prefix)
    rate = 1 - len(missed) / len(QUESTIONS)
    print(f"\ntop-3 hit rate ({'typed live' if prefix else 'whole query'}): {rate:.0%}, missed: {missed}")
    assert rate >= GOAL, missed


def test_every_question_quoted_in_the_issue_is_answered_or_carded(shipped_index):
    wanted = {e["q"]: {target(a) for a in e["a"]} for e in QUESTIONS}
    for question in FROM_THE_ISSUE:
        answer = shipped_index.ask(question, limit=3, prefix=False)
        shown = {r.target for r in answer.results} | {
            line.target for line in (answer.card.lines if answer.card else ())
        }
        assert wanted[question] & shown, (question, shown)
