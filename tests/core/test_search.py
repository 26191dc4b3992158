"""Search on the shipped content: French-aware matching, ranking, snippets, and the cached index."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from coopguide.core.content.glossary_page import glossary_page_html, tooltip_html
from coopguide.core.search import index as search
from coopguide.core.shared import french_text
from tests.conftest import SHIPPED_CONTENT

TAG_RE = re.compile(r"</?b>")


def first(index, query, **options):
    results = index.search(query, **options)
    assert results, f"nothing found for {query!r}"
    return results[0]


def bold_words(results) -> list[str]:
    return [word for r in results for word in re.findall(r"<b>(.*?)</b>", r.title_html + r.snippet_html)]


# -- normalisation ---------------------------------------------------------------------------------
def test_words_are_folded_and_stemmed_the_same_with_or_without_accents():
    assert french_text.fold("Coopérative") == "cooperative"
    assert french_text.fold("Œuvre") == "oeuvre" and french_text.fold("ex æquo") == "ex aequo"
    assert french_text.term("collectivités") == french_text.term("COLLECTIVITE".lower()) == "collectivit"
    assert french_text.term("reprendre") == french_text.term("reprises") == french_text.term("reprise")
    assert french_text.term("reprend") == french_text.term("repris") == french_text.term("reprise")


def test_elisions_hyphens_and_stop_words_leave_only_the_meaningful_words():
    words = [t for *_, t in french_text.tokens("Peut-on garder l'ARE jusqu'à l’entrée de la CAE ?")]
    assert words == ["gard", "are", "entre", "cae"]


def test_acronyms_are_not_stemmed_and_beat_the_stop_list_in_a_query():
    assert french_text.term("CAE") == "cae" and french_text.term("CAPE") == "cape"  # Snowball: "ca", "cap"
    assert french_text.term("sa") is None
    assert french_text.term("sa", frozenset({"sa"}), in_query=True) == "sa"


def test_irregular_stem_families_only_gather_their_own_words(shipped_index):
    families = {
        "repris": "repr",
        "pris": "pr",
        "transmiss": "transm",
        "loi": "loi",
        "emploi": "emplo",
        "travail": "trava",
        "vent": "ven",  # vendre, vend, vendu, vente
        "preven": "prev",  # prévenir, prévenus
        "signe": "signe",  # not signer
        "montant": "montant",  # not monter
    }
    for stem, start in families.items():
        words = [w for (w,) in shipped_index.conn.execute("SELECT word FROM vocab WHERE term = ?", (stem,))]
        assert words and all(w.startswith(start) for w in words), (stem, words)


# -- matching and ranking on the real content ------------------------------------------------------
def test_plurals_snowball_misses_meet_their_singular():
    for plural, singular in (("lois", "loi"), ("emplois", "emploi"), ("travaux", "travail")):
        assert french_text.term(plural, frozenset()) == french_text.term(singular, frozenset())
    assert french_text.term("loyer", frozenset()) != french_text.term("loi", frozenset())  # Snowball: both "loi"


def test_no_accent_finds_accented_words(shipped_index):
    results = shipped_index.search("cooperative", prefix=False)
    assert results == shipped_index.search("coopérative", prefix=False)
    assert any(word.lower().startswith("coopérati") for word in bold_words(results))


def test_scic_collectivite_gives_the_scic_guide_first(shipped_index):
    result = first(shipped_index, "scic collectivite")
    assert (result.kind, result.guide_id) == ("section", "scic")
    assert "collectivit" in result.title.lower()


def test_reprise_difficulte_gives_the_difficulty_takeover_guide_first(shipped_index):
    result = first(shipped_index, "reprise difficulte")
    assert result.guide_id == "reprendre-entreprise-en-difficulte"
    assert result.matched == result.wanted == 2


def test_cape_chomage_gives_the_cae_guide_section_first(shipped_index):
    result = first(shipped_index, "cape chomage")
    assert (result.kind, result.guide_id) == ("section", "cae-et-cape")
    assert result.target.startswith("guide:cae-et-cape#")
    assert "<b>chômage</b>" in result.title_html  # highlighted in the original word, accent kept


def test_a_whole_question_finds_the_answer(shipped_index):
    result = first(shipped_index, "peut-on garder le chômage en CAE ?")
    assert result.guide_id == "cae-et-cape" and result.matched == result.wanted == 3


def test_everyday_words_reach_the_guides_vocabulary(shipped_index):
    results = shipped_index.search("la mairie peut-elle entrer au capital ?", prefix=False)
    assert "guide:scic#collectivites" in [r.target for r in results[:5]]


def test_verb_forms_meet_the_noun(shipped_index):
    for query in ("reprendre", "reprises", "reprend"):
        words = {w.lower() for w in bold_words(shipped_index.search(query, prefix=False))}
        assert {"reprise", "reprendre"} <= words, (query, words)


def test_prefix_as_you_type(shipped_index):
    typed = shipped_index.search("coopér", prefix=True)
    assert typed and all(french_text.fold(w).startswith("cooper") for w in bold_words(typed))
    assert shipped_index.search("coopé", prefix=True)
    # Every step of typing works, and the complete word gives what its prefix announced.
    for end in range(1, len("coopérative") + 1):
        shipped_index.search("coopérative"[:end], prefix=True)
    assert (
        first(shipped_index, "scic collectivi", prefix=True).target == first(shipped_index, "scic collectivite").target
    )


def test_a_phrase_in_quotes_must_be_found_as_such(shipped_index):
    results = shipped_index.search('"garantie des salaires"', prefix=False)
    assert results and all(r.matched == 1 for r in results)
    assert results[0].target == "guide:reprendre-entreprise-en-difficulte#ags"


def test_glossary_terms_are_found_and_lead_to_their_definition(shipped_index, shipped):
    result = next(r for r in shipped_index.search("scop", prefix=False) if r.kind == "glossary")
    assert result.target == "guide:glossaire#scop"
    assert 'id="scop"' in shipped.html["glossaire"]


def test_checklist_items_are_found(shipped_index, shipped):
    items = [r for r in shipped_index.search("délibération collectivité", prefix=False) if r.kind == "item"]
    assert items and items[0].target.removeprefix("item:") in shipped.content.items()
    assert items[0].kind_label == "Check-list"


def test_every_target_exists_in_the_rendered_pages(shipped_index, shipped):
    rows = shipped_index.conn.execute("SELECT target FROM docs").fetchall()
    for (target,) in rows:
        scheme, _, rest = target.partition(":")
        guide_id, _, anchor = rest.partition("#")
        if scheme == "item":
            assert rest in shipped.content.items()
        else:
            assert guide_id in shipped.content.guides
            assert not anchor or f'id="{anchor}"' in shipped.html[guide_id], target


# -- robustness ------------------------------------------------------------------------------------
NASTY = [
    '"',
    '""',
    '"""',
    "*",
    "-",
    "- -",
    "AND",
    "OR",
    "NOT",
    "NEAR(",
    "NEAR(a b, 2)",
    "(",
    ")",
    "((a)",
    "^",
    ":",
    "title:",
    "{title body}: x",
    "'",
    "l'",
    "qu'",
    "",
    "   ",
    "\x00",
    "😀",
    "ﬁn",
    "e\u0301",
    "a AND (b OR",
    "scic*",
    "-capital",
    "capital -scic",
    "body:scic",
    '"scic" AND "cae"',
    "%",
    "_",
]


@pytest.mark.parametrize("query", NASTY)
def test_query_syntax_characters_never_break_a_search(shipped_index, query):
    for prefix in (True, False):
        for result in shipped_index.search(query, prefix=prefix):
            assert "<" not in TAG_RE.sub("", result.snippet_html + result.title_html)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(max_size=40))
def test_any_text_is_a_valid_query(shipped_index, query):
    for result in shipped_index.search(query, limit=5):
        assert "<" not in TAG_RE.sub("", result.snippet_html + result.title_html)
        assert 1 <= result.matched <= result.wanted


def test_snippets_are_escaped_html(shipped_index):
    results = shipped_index.search("S'orienter", prefix=False)
    assert results
    assert all("'" not in r.title_html for r in results)  # html.escape turns it into &#x27;
    assert any("S'orienter" in r.title or "S'orienter" in r.guide_title for r in results)


# -- the index file ----------------------------------------------------------------------------------------
def test_the_index_is_built_once_then_reopened(shipped, tmp_path):
    cache = tmp_path / "cache"
    built = search.open_index(shipped.content, cache)
    assert built.built and built.path.parent == cache.resolve()
    assert built.path.name.startswith("recherche-") and built.path.suffix == ".sqlite3"
    mtime = built.path.stat().st_mtime_ns
    built.close()
    reopened = search.open_index(shipped.content, cache)
    assert not reopened.built and reopened.path.stat().st_mtime_ns == mtime
    assert reopened.search("cape chomage")[0].guide_id == "cae-et-cape"
    reopened.close()
    assert [p.name for p in cache.iterdir()] == [built.path.name]  # no temporary file left


def test_the_index_is_rebuilt_when_the_content_changes(shipped, tmp_path):
    cache = tmp_path / "cache"
    search.open_index(shipped.content, cache).close()
    guide = shipped.content.guides["cae-et-cape"]
    changed = shipped.content.replace(
        guides={
            **shipped.content.guides,
            guide.id: guide._replace(body=guide.body + "\n\nLe mot zygomorphe.\n"),
        },
    )
    index = search.open_index(changed, cache)
    assert index.built
    assert first(index, "zygomorphe").guide_id == "cae-et-cape"
    index.close()
    assert len(list(cache.glob("recherche-*.sqlite3"))) == 1  # the former index was removed


def test_a_damaged_index_file_is_rebuilt(shipped, tmp_path):
    cache = tmp_path / "cache"
    path = search.open_index(shipped.content, cache).path
    path.write_bytes(b"pas une base SQLite" * 100)
    index = search.open_index(shipped.content, cache)
    assert index.built and index.search("scic")
    index.close()


def test_an_unwritable_cache_folder_gives_an_index_in_memory(shipped, tmp_path):
    blocker = tmp_path / "fichier"
    blocker.write_text("un fichier, pas un dossier")
    index = search.open_index(shipped.content, blocker / "cache")
    assert index.path is None and index.search("cape chomage")[0].guide_id == "cae-et-cape"
    index.close()


def test_the_user_database_is_never_touched(shipped, data_dir):
    search.open_index(shipped.content, data_dir / "cache").close()
    assert not (data_dir / "coopguide.sqlite3").exists()


def test_the_stemmer_is_imported_only_when_a_word_is_stemmed():
    code = "import sys\nimport coopguide.core.search.index\nprint('snowballstemmer' in sys.modules)\n"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"


# -- glossary page and tooltip ---------------------------------------------------------------------
def test_glossary_page_lists_every_term_under_its_letter(shipped):
    page = glossary_page_html(shipped.content)
    glossary = shipped.content.glossary()
    for term_id in glossary:
        assert f'<h3 id="{term_id}">' in page
    assert '<a href="#lettre-s"><b>S</b></a>' in page and '<h2 id="lettre-s">S</h2>' in page
    assert page.index('id="scic"') < page.index('id="scop"')  # alphabetical, accents ignored
    assert 'href="guide:glossaire#scic"' in page and 'href="guide:scic"' in page
    assert "](" not in page  # Markdown links became HTML links


def test_tooltip_shows_the_term_and_a_plain_definition(shipped):
    html = tooltip_html(shipped.content.glossary()["procedure-collective"])
    assert html.startswith("<p><b>Procédure collective</b></p>")
    assert "](" not in html and "guide:" not in html


# -- command line ----------------------------------------------------------------------------------
def test_cli_prints_ranked_results(capsys, monkeypatch):
    from coopguide.__main__ import main

    monkeypatch.setenv("COOPGUIDE_CONTENT_DIR", str(SHIPPED_CONTENT))
    assert main(["search", "cape chomage", "--limit", "3"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("1. [Guide] La CAE et le contrat CAPE — ")
    assert "→ guide:cae-et-cape#" in out and "4. " not in out and "<b>" not in out
    assert main(["search", "zzzxq"]) == 1
    assert "Aucun résultat pour « zzzxq »" in capsys.readouterr().out
