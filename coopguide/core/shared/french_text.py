"""French words → search terms, the same way for the indexed text and for what the user types.

Users type without accents, with or without capitals, in the singular or the plural, and ask whole
questions ("peut-on garder le chômage en CAE ?"). Each word therefore goes through:

1. casefold, œ/æ spelt out, accents stripped (NFKD without combining marks): "Œuvré" → "oeuvre";
2. elisions and hyphens split the word ("l'entreprise", "peut-on"), and a short stop-word list drops
   the words that carry no meaning of their own (articles, pronouns, "peut", "est"…);
3. the French Snowball stemmer, applied to the *accent-free* form so that "collectivités" and
   "collectivites" meet on the same stem (stemming the accented form gives different stems);
4. a few fixes Snowball cannot know: irregular verb families ("reprendre", "reprend" → "reprise"),
   and acronyms, which are never stemmed ("CAE" would become "ca", "CAPE" "cap").

Everyday words the guides do not use (« boîte », « mairie ») are not here: they are content, in
``content/recherche-synonymes.yaml``, applied by the search (:mod:`coopguide.core.search.query`).

Every token keeps its position in the original text, so matches can be highlighted in the words the
user reads rather than in the normalised form. snowballstemmer is imported on the first stemmed word
only: this module sits under the search, never on the start-up path.
"""

from __future__ import annotations

import functools
import re
import threading
import unicodedata
from collections.abc import Iterator
from typing import Any

WORD_RE = re.compile(r"[^\W_]+")

# Words that carry no meaning of their own in a question, accent-free (folded) forms. Elided forms
# (l', d', qu', jusqu'…) are here too: the apostrophe splits them from the next word. The conjugated
# forms of « aller », « vouloir », « pouvoir », « devoir » and « être » are here because questions are full of
# them (« on va être licenciés », « je veux créer ») and a guide sentence holding « va » has nothing
# to do with the question; so are apostrophes people leave out (« quest-ce », « cest », « ya »).
_STOP_TEXT = """
a ai aie aient ait as au aucun aucune aupres aussi autre autres aux avait avant avec avez avoir avons
ayant c ca car ce ceci cela celle celles celui ces cet cette ceux chaque chez comme comment d dans de
des dois doit doivent donc dont du elle elles en encore entre es est et etaient etait etant ete
etre eu eux fait faut il ils j je jusqu l la le les leur leurs lorsqu lui m ma mais me meme mes moi
mon n ne ni nos notre nous on ont ou par parce pas peu peut peuvent peux plus pour pourquoi
pourrait puis puisqu puisque qu quand que quel quelle quelles quels qui quoi quoiqu s sa sans se ses
si sien soi soit son sont sous suis sur t ta te tes toi ton tous tout toute toutes tres tu un une
vers voici voila vos votre vous y
va vais vas vont allons allez aller irait veux veut voulons voulez veulent vouloir voudrais voudrait
pouvons pouvez devons devez sommes etes sera seront serons serait faire fais font
quest cest jai ya svp bonjour merci
"""
STOP_WORDS = frozenset(_STOP_TEXT.split())

# Snowball stems of irregular verb families, folded onto the stem of their noun, so that
# "reprendre", "il reprend", "repris" and "reprises" meet; and a few plurals it misses ("lois").
# Checked against the stems of the content (tests/core/test_search.py): none of these stems comes
# from another word.
IRREGULAR_STEMS = {
    "reprendr": "repris",
    "reprend": "repris",
    "repren": "repris",
    "reprennent": "repris",
    "repr": "repris",
    "prendr": "pris",
    "prend": "pris",
    "pren": "pris",
    "prennent": "pris",
    "transmettr": "transmiss",
    "transmet": "transmiss",
    "transmett": "transmiss",
    "transmettent": "transmiss",
    "transmis": "transmiss",
    # « vendre », « le patron vend », « vendu » → « vente »; « prévenir », « prévenus » → one stem
    "vendr": "vent",
    "vend": "vent",
    "vendu": "vent",
    "vendus": "vent",
    "vendent": "vent",
    "vendon": "vent",
    "preven": "preven",
    "prevenus": "preven",
    "prevenu": "preven",
    "prevenon": "preven",
    "previent": "preven",
    "previennent": "preven",
    "previendr": "preven",
    # plurals Snowball leaves alone (a final -s after a vowel pair, -aux)
    "lois": "loi",
    "emplois": "emploi",
    "traval": "travail",
}

# Words whose Snowball stem is another family's: "loyer" → "loi" would make « loi » find rents, and
# "signes" → "sign" would make « les signes que l'entreprise va mal » find every « signer les statuts ».
OWN_STEMS = {
    "loyer": "loyer",
    "loyers": "loyer",
    "signe": "signe",
    "signes": "signe",
    "montant": "montant",  # Snowball: "mont", as « monter »
    "montants": "montant",
}

_stem_lock = threading.Lock()


@functools.cache
def _stemmer() -> Any:  # snowballstemmer ships no type information
    import snowballstemmer  # ~5 ms, only once a word must be stemmed

    return snowballstemmer.stemmer("french")


@functools.lru_cache(maxsize=65536)
def fold(word: str) -> str:
    """Lower case without accents: "Coopérative" → "cooperative", "Œuvre" → "oeuvre"."""
    word = word.casefold().replace("œ", "oe").replace("æ", "ae")
    return "".join(c for c in unicodedata.normalize("NFKD", word) if not unicodedata.combining(c))


@functools.lru_cache(maxsize=65536)
def _stem(folded: str) -> str:
    if not folded.isalpha():  # numbers, "1er", "f31328": kept whole
        return folded
    if folded in OWN_STEMS:
        return OWN_STEMS[folded]
    with _stem_lock:  # a Snowball stemmer object keeps state between calls: one caller at a time
        stem: str = _stemmer().stemWord(folded)
    return IRREGULAR_STEMS.get(stem, stem)


def term(word: str, acronyms: frozenset[str] = frozenset(), in_query: bool = False) -> str | None:
    """The search term of one word, or None for a stop word.

    A word written in capitals (an acronym: "SA", "CAE") is kept whole, and so is any word listed in
    ``acronyms`` (those seen in capitals in the content). In a query, such a word wins over the stop
    list: someone who types "sa" there means the SA, since the index holds "sa" only as the acronym.
    """
    folded = fold(word)
    if len(word) > 1 and word.isupper():
        return folded
    if folded in acronyms and (in_query or folded not in STOP_WORDS):
        return folded
    if folded in STOP_WORDS or (len(folded) < 2 and not folded.isdigit()):
        return None
    return _stem(folded)


def tokens(text: str, acronyms: frozenset[str] = frozenset(), in_query: bool = False) -> Iterator[tuple[int, int, str]]:
    """(start, end, term) of every meaningful word of ``text``, offsets in ``text`` itself."""
    for match in WORD_RE.finditer(text):
        found = term(match.group(), acronyms, in_query)
        if found:
            yield match.start(), match.end(), found


def acronyms_of(text: str) -> set[str]:
    """Folded words written in capitals in ``text`` (two letters or more)."""
    return {fold(word) for word in WORD_RE.findall(text) if len(word) > 1 and word.isupper()}


def normalise(text: str) -> str:
    """NFC: the same letters whether the text was typed or pasted in decomposed form."""
    return unicodedata.normalize("NFC", text)
