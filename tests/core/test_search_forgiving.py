"""A search that forgives (issue 23): typos, everyday words, questions, answer cards, title
suggestions, plain-text snippets, and scores that add up numbers stored at build time."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest

from coopguide.core.content.model import AnswerCard, CardPoint, SearchAids, Synonym
from coopguide.core.search import index as search
from coopguide.core.search import scoring
from coopguide.core.search.documents import documents
from coopguide.core.shared import french_text

MARKDOWN_RE = re.compile(r"\]\(|\[\^|\*\*|glossaire:|guide:|item:")


def targets(results) -> list[str]:
    return [r.target for r in results]


# -- typos -----------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("typed", "searched", "answer"),
    [
        ("liquidtion", "liquidation", "guide:glossaire#liquidation-judiciaire"),
        ("scoop", "scop", "guide:scop-en-bref"),
        ("redressemnt judiciaire", "redressement judiciaire", "guide:glossaire#redressement-judiciaire"),
        ("reprednre", "reprendre", "guide:reprendre-entreprise-en-difficulte#offre"),  # two letters swapped
        ("garentie des salaires", "garantie des salaires", "guide:reprendre-entreprise-en-difficulte#ags"),
    ],
)
def test_a_sure_typo_is_corrected_and_said_so(shipped_index, typed, searched, answer):
    found = shipped_index.ask(typed, prefix=False)
    assert found.searched == searched and found.corrections and found.suggestion is None
    assert answer in targets(found.results[:3])


def test_accents_capitals_and_elisions_survive_a_correction(shipped_index):
    found = shipped_index.ask("l'Liquidtion", prefix=False)
    assert found.corrections == (("Liquidtion", "liquidation"),)
    assert found.searched == "l'Liquidation"  # the capital kept, the elision untouched
    for known in ("coopératives", "cooperatives", "COOPÉRATIVE", "l'entreprise"):
        assert not shipped_index.ask(known, prefix=False).corrections, known


def test_a_word_being_typed_is_completed_before_it_is_corrected(shipped_index):
    assert not shipped_index.ask("liquid", prefix=True).corrections  # « liquidation » begins so
    found = shipped_index.ask("liquidt", prefix=True)
    assert found.corrections == (("liquidt", "liquidation"),)


def test_an_unsure_correction_is_proposed_and_made_only_when_nothing_else_matches(shipped_index):
    two_typos = shipped_index.ask("redresemnt judiciaire", prefix=False)
    assert not two_typos.corrections and two_typos.suggestion == "redressement judiciaire"
    assert two_typos.results  # « judiciaire » alone still finds something: searched as typed
    alone = shipped_index.ask("redresemnt", prefix=False)
    assert alone.corrections == (("redresemnt", "redressement"),) and alone.results


def test_acronyms_short_words_and_as_typed_are_never_corrected(shipped_index):
    assert not shipped_index.ask("XYZW", prefix=False).corrections
    assert not shipped_index.ask("zqx", prefix=False).corrections  # under four letters: a guess
    as_typed = shipped_index.ask("liquidtion", prefix=False, correct=False)
    assert not as_typed.corrections and not as_typed.results


def test_rapidfuzz_is_not_imported_with_the_search_nor_by_a_known_word():
    code = (
        "import sys\nimport coopguide.core.search.index\nprint('rapidfuzz' in sys.modules)\n"
        "from coopguide.core.content.cache import build\nfrom tests.conftest import SHIPPED_CONTENT\n"
        "index = coopguide.core.search.index.open_index(build(SHIPPED_CONTENT).content, None)\n"
        "index.ask('cape chomage'); print('rapidfuzz' in sys.modules)\n"
        "index.ask('liquidtion'); print('rapidfuzz' in sys.modules)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.split() == ["False", "False", "True"]


# -- everyday words and questions --------------------------------------------------------------------
def test_everyday_words_come_from_the_content_file(shipped, shipped_index):
    words = {s.words for s in shipped.content.search_aids.synonyms}
    assert {"boîte", "usine", "licencié", "chômage", "mairie", "coût", "combien"} <= words
    assert not hasattr(french_text, "SYNONYMS")  # data, not code
    groups = shipped_index.parser.parse("boîte", prefix=False).groups
    assert groups[0].terms >= {"boit", "entrepris"}


def test_synonyms_written_in_the_content_reach_the_guides_words(shipped):
    aids = SearchAids(synonyms=(Synonym("zorglub", ("capital minimum",)),))
    index = search.open_index(shipped.content.replace(search_aids=aids), None)
    try:
        assert "guide:scop-en-bref#formes" in targets(index.search("zorglub", prefix=False))
    finally:
        index.close()


def test_two_words_standing_for_the_same_things_make_one_group(shipped_index):
    groups = shipped_index.parser.parse("combien coûte la création", prefix=False).groups
    assert len(groups) == 2 and "montant" in groups[0].terms
    assert "combien" not in groups[0].terms  # a question word: only what it stands for is searched


def test_combien_de_temps_asks_for_delays_not_for_the_word_combien(shipped_index):
    results = shipped_index.search("combien de temps pour reprendre", prefix=False)
    assert results[0].target == "guide:reprendre-entreprise-en-difficulte#calendrier"
    assert all("combien" not in r.title.lower() for r in results[:5])


def test_question_verbs_pull_nothing(shipped_index):
    assert not shipped_index.search("va", prefix=False)
    results = shipped_index.search("on va être licenciés, peut-on reprendre l'usine ?", prefix=False)
    assert all(r.guide_id == "reprendre-entreprise-en-difficulte" or r.kind == "glossary" for r in results[:3])
    assert "tout va bien" not in " ".join(r.snippet for r in results)


def test_a_question_asking_what_something_is_finds_the_glossary_first(shipped_index):
    assert shipped_index.search("c'est quoi une scop", prefix=False)[0].target == "guide:glossaire#scop"
    assert shipped_index.search("qu'est-ce qu'une CAE", prefix=False)[0].target == "guide:glossaire#cae"


def test_a_section_holding_the_words_itself_beats_items_that_only_have_them_in_their_tags(shipped_index):
    results = shipped_index.search("difference sauvegarde redressement liquidation", prefix=False)
    assert all(r.kind == "section" for r in results[:3])  # every item of that guide has the three in its tags
    assert "guide:reprendre-entreprise-en-difficulte#procedures" in targets(results[:3])


def test_the_guide_of_the_users_situation_comes_first(shipped_index):
    top = shipped_index.search("reprendre ma boite", prefix=False)[:3]
    assert all(r.guide_id.startswith("reprendre-entreprise") for r in top)
    assert "guide-animateur" not in [r.guide_id for r in shipped_index.search("reprendre ma boite")[:5]]


# -- answer cards --------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("query", "card"),
    [
        ("combien coûte la création d'une scop", "cout-creation"),
        ("combien de temps pour reprendre", "delais-reprise"),
        ("quelles aides pour reprendre", "aides"),
        ("qui appeler pour nous aider", "qui-appeler"),
        ("la commune peut-elle aider", "commune"),  # two words of its trigger: beats « aides »
        ("nos salaires seront-ils payés", "salaires-garantis"),
    ],
)
def test_the_most_asked_questions_get_their_answer_card(shipped_index, shipped, query, card):
    found = shipped_index.ask(query, prefix=False).card
    assert found is not None and found.id == card
    for line in found.lines:
        guide_id, _, anchor = line.target.removeprefix("guide:").partition("#")
        assert f'id="{anchor}"' in shipped.html[guide_id] and line.guide_title and line.text


def test_no_card_for_a_plain_search(shipped_index):
    for query in ("statuts", "cape chomage", "une personne une voix"):
        assert shipped_index.ask(query, prefix=False).card is None, query


def test_cards_are_built_from_the_content(shipped):
    card = AnswerCard("essai", "Une question ?", ("zorglub",), (CardPoint("guide:scop-en-bref#formes", "Un texte."),))
    index = search.open_index(shipped.content.replace(search_aids=SearchAids(cards=(card,))), None)
    try:
        found = index.ask("zorglub", prefix=False).card
        assert found is not None and found.question == "Une question ?"
        assert found.lines[0].section_title == "Une société commerciale, avec trois formes possibles"
        assert index.ask("combien coûte la création d'une scop").card is None  # the shipped cards are gone
    finally:
        index.close()


# -- title suggestions ---------------------------------------------------------------------------------
def test_titles_that_begin_like_the_words_typed_are_suggested_guides_first(shipped_index):
    assert [t.target for t in shipped_index.suggest_titles("calend")] == [
        "guide:reprendre-entreprise-en-difficulte#calendrier"
    ]
    assert shipped_index.suggest_titles("scop bref")[0].target == "guide:scop-en-bref"
    taken = shipped_index.suggest_titles("repr", limit=5)
    assert [t.target for t in taken[:2]] == [
        "guide:reprendre-entreprise-en-difficulte",
        "guide:reprendre-entreprise-saine",
    ]
    for suggestion in taken:
        assert any(french_text.fold(w).startswith("repr") for w in french_text.WORD_RE.findall(suggestion.title))
    assert shipped_index.suggest_titles("zzz") == [] and shipped_index.suggest_titles("la") == []


# -- snippets and scores ---------------------------------------------------------------------------------
def test_snippets_and_indexed_texts_are_plain_text(shipped, shipped_index):
    for doc in documents(shipped.content):
        assert not MARKDOWN_RE.search(doc.title + doc.body), (doc.target, MARKDOWN_RE.search(doc.title + doc.body))
    results = shipped_index.search("quelles aides pour reprendre", prefix=False)
    assert any("aide à la reprise ou à la création" in r.snippet for r in results)
    assert not any(MARKDOWN_RE.search(r.snippet + r.title) for r in results)


def test_stored_weights_are_the_bm25_of_each_column(shipped, shipped_index):
    """The weights summed at query time are those a BM25 computed from the text would give."""
    conn = shipped_index.conn
    acronyms = shipped_index.acronyms
    averages = shipped_index.average_lengths
    for number, doc in enumerate(documents(shipped.content), start=1):
        if number % 25:
            continue
        columns = [
            [t for *_, t in french_text.tokens(french_text.normalise(text), acronyms)]
            for text in (doc.title, doc.body, doc.context)
        ]
        for term, weight in conn.execute("SELECT term, weight FROM postings WHERE doc = ?", (number,)):
            idf = conn.execute("SELECT idf FROM terms WHERE term = ?", (term,)).fetchone()[0]
            expected = sum(
                scoring.bm25(c, column.count(term), len(column), averages[c], idf)
                for c, column in enumerate(columns)
                if term in column
            )
            assert weight == pytest.approx(expected), (doc.target, term)


def test_the_index_key_comes_from_the_content_cache_fingerprint(shipped, tmp_path, monkeypatch):
    cache = tmp_path / "cache"
    search.open_index(shipped.content, cache, shipped.key).close()

    def no_digest(self):
        raise AssertionError("the whole content was serialised to make the key")

    monkeypatch.setattr(type(shipped.content), "to_dict", no_digest)
    reopened = search.open_index(shipped.content, cache, shipped.key)
    assert not reopened.built
    reopened.close()
    changed = search.open_index(shipped.content, cache, shipped.key + "\nautre|1|1")
    assert changed.built  # another fingerprint: another index
    changed.close()
    assert len(list(cache.glob("recherche-*.sqlite3"))) == 1


def test_results_holding_every_word_come_first_whatever_the_number_asked(shipped_index):
    for query in ("combien coûte la création d'une scop", "rediger les statuts", "exemples de scop qui ont marché"):
        for prefix in (True, False):
            many = shipped_index.search(query, limit=30, prefix=prefix)
            assert targets(shipped_index.search(query, limit=3, prefix=prefix)) == targets(many[:3])
            tiers = [r.matched < r.wanted for r in many]
            assert tiers == sorted(tiers), query  # no partial match above a full one
