"""What the user typed → FTS5 expressions, one group per meaningful word or "quoted phrase".

Each word becomes the terms it can match (:mod:`french_text`: accents, elisions, stems, stop
words), then:

- a word being typed (the last one, live) matches its completions in the index's vocabulary;
- a word or expression of the content's synonyms (« boîte », « combien de temps ») also matches the
  guides' words it stands for; the longest expression wins. Two words of the query that stand for
  some of the same words (« combien coûte », « mairie commune ») ask for one thing: they make one
  group, so a section holding « montant » does not count twice. A question word (« combien »,
  « combien de temps ») is not searched itself, only what it stands for;
- a word the index does not hold at all (« liquidtion ») is corrected to the closest word of the
  vocabulary (:mod:`spelling`) when the correction is sure: one typo away, and no other word as
  close unless far less frequent. The correction is reported, so the popup can say what it
  searched. An unsure correction (two typos, or two candidates alike) is only proposed
  (« Vouliez-vous dire … ? ») and the word is searched as typed; ``sure=False`` applies it too (the
  popup does when the query finds nothing otherwise), ``correct=False`` searches every word as typed.

A question asking what something is (« c'est quoi », « qu'est-ce que », « définition ») is marked
as such: the glossary answers those first (:mod:`scoring`).

Only terms made by :mod:`french_text` reach FTS5, each one quoted: what the user types is never
FTS5 syntax, so quotes, stars, dashes, AND/OR/NEAR or brackets cannot break a query.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from dataclasses import dataclass, field

from coopguide.core.search.spelling import Speller
from coopguide.core.shared import french_text

PREFIX_EXPANSIONS = 40  # most frequent completions of a word being typed
LONGEST_SYNONYM = 4  # words in the longest synonym expression looked for
CLEAR_WINNER = 3  # a correction is sure when the next word as close is this many times less frequent
# Ways of asking for a definition, as folded words (their words are stop words: only their sequence tells)
DEFINITION_CUES = ("c est quoi", "cest quoi", "qu est ce", "quest ce", "definition", "veut dire", "signifie")
_VOCAB = "SELECT term FROM vocab WHERE word >= ? AND word < ? GROUP BY term ORDER BY sum(freq) DESC LIMIT ?"


@dataclass(frozen=True)
class Group:
    expression: str  # FTS5: (a OR b OR "c d")
    terms: frozenset[str]  # every term it can match: highlighting
    # the terms that score it: a phrase it stands for (« capital minimum ») counts by its rarest
    # term only, or every section holding « capital » would score as if it held the phrase
    scored: frozenset[str] = frozenset()


@dataclass
class Parsed:
    groups: list[Group] = field(default_factory=list)
    corrections: list[tuple[str, str]] = field(default_factory=list)  # (as typed, as searched)
    searched: str = ""  # the query with its corrections
    suggestion: str | None = None  # a query to propose instead (« Vouliez-vous dire … ? »)
    own_terms: frozenset[str] = frozenset()  # the terms of the words typed, before synonyms
    definition: bool = False  # the question asks what something is


@dataclass(frozen=True)
class _Word:
    start: int  # in the normalised query
    end: int
    text: str
    term: str
    typing: bool


def quoted(term: str) -> str:
    return '"' + term.replace('"', '""') + '"'


class QueryParser:
    """Turns a query into groups for one index (its vocabulary, synonyms and acronyms)."""

    def __init__(
        self,
        conn: sqlite3.Connection,
        acronyms: frozenset[str],
        synonyms: dict[str, tuple[list[list[str]], bool]],
        speller: Callable[[], Speller],
    ):
        self.conn, self.acronyms, self.synonyms, self.speller = conn, acronyms, synonyms, speller

    def known(self, term: str) -> int:
        """In how many documents ``term`` appears (0: the index does not hold it)."""
        row = self.conn.execute("SELECT docs FROM terms WHERE term = ?", (term,)).fetchone()
        return int(row[0]) if row else 0

    def parse(self, query: str, prefix: bool, correct: bool = True, sure: bool = True) -> Parsed:
        text = french_text.normalise(query)
        phrases: dict[frozenset[str], str] = {}
        parsed, words = Parsed(), self._words(text, prefix, phrases)
        parsed.own_terms = frozenset(w.term for w in words)
        folded = " " + " ".join(french_text.fold(w) for w in french_text.WORD_RE.findall(text)) + " "
        parsed.definition = any(f" {cue} " in folded for cue in DEFINITION_CUES)
        replaced: list[tuple[_Word, str]] = []
        alternatives: list[tuple[list[list[str]], list[list[str]]]] = []  # per group: (own, meant)
        position = 0
        while position < len(words):
            size, means, replaces = self._synonym_at(words, position)
            if size > 1:  # an expression: itself as a phrase, or what it stands for
                own = [[w.term for w in words[position : position + size]]]
            else:
                own, means = self._word(words[position], means, correct and sure, correct, parsed, replaced)
            alternatives.append(([] if replaces else own, means))
            position += size
        groups = {terms: (expression, terms) for terms, expression in phrases.items()}  # "quoted", as written
        for own, meant in _merged(alternatives):
            found = own + [m for m in meant if m not in own]
            scored = frozenset(terms[0] if len(terms) == 1 else self._rarest(terms) for terms in found)
            groups.setdefault(frozenset(t for terms in found for t in terms), (_expression(found), scored))
        parsed.groups = [Group(expression, terms, scored) for terms, (expression, scored) in groups.items() if terms]
        corrected = [(w, shown) for w, shown in replaced if (w.text, shown) in parsed.corrections]
        parsed.searched = _replace(text, corrected)
        if len(corrected) < len(replaced):
            parsed.suggestion = _replace(text, replaced)
        return parsed

    def _words(self, text: str, prefix: bool, phrases: dict[frozenset[str], str]) -> list[_Word]:
        """The meaningful words of ``text`` outside quotes; each closed "quoted phrase" goes to
        ``phrases`` as a group of its own."""
        words: list[_Word] = []
        parts, offset = text.split('"'), 0
        for number, part in enumerate(parts):
            if number % 2 and number < len(parts) - 1:
                phrase = [t for *_, t in french_text.tokens(part, self.acronyms, in_query=True)]
                if phrase:
                    phrases.setdefault(frozenset(phrase), quoted(" ".join(phrase)))
            else:
                found = list(french_text.WORD_RE.finditer(part))
                for match in found:
                    term = french_text.term(match.group(), self.acronyms, in_query=True)
                    typing = prefix and number == len(parts) - 1 and match is found[-1] and match.end() == len(part)
                    if term:
                        words.append(_Word(offset + match.start(), offset + match.end(), match.group(), term, typing))
            offset += len(part) + 1
        return words

    def _rarest(self, terms: list[str]) -> str:
        return min(terms, key=lambda term: (self.known(term) or len(terms) * 10**9, term))

    def _synonym_at(self, words: list[_Word], position: int) -> tuple[int, list[list[str]], bool]:
        """The longest synonym expression starting at ``words[position]`` (size 1 when none): its
        size, what it stands for, and whether that replaces the words typed."""
        for size in range(min(LONGEST_SYNONYM, len(words) - position), 0, -1):
            found = self.synonyms.get(" ".join(w.term for w in words[position : position + size]))
            if found is not None:
                return size, *found
        return 1, [], False

    def _word(
        self,
        word: _Word,
        means: list[list[str]],
        sure_only: bool,
        correct: bool,
        parsed: Parsed,
        replaced: list[tuple[_Word, str]],
    ) -> tuple[list[list[str]], list[list[str]]]:
        """The terms a word matches by itself, and those its synonyms add."""
        folded = french_text.fold(word.text)
        own = {word.term}
        if word.typing and len(folded) >= 2:
            # A word being typed: its completions in the index, not its own stem, which for a
            # partial word is noise ("coopér" would also find "coop").
            completions = {t for (t,) in self.conn.execute(_VOCAB, (folded, folded + "\uffff", PREFIX_EXPANSIONS))}
            if completions:
                return [[t] for t in sorted(completions)], means
        if not self.known(word.term) and not means and correct and not word.text.isupper():
            best = self.speller().closest(folded, typing=word.typing, limit=2)
            if best:
                typos, fix = best[0]
                sure = typos == 1 and (len(best) == 1 or best[1][0] > 1 or fix.freq >= CLEAR_WINNER * best[1][1].freq)
                replaced.append((word, fix.shown))
                if sure or not sure_only:
                    own, means = {fix.term}, self.synonyms.get(fix.term, ([], False))[0]
                    parsed.corrections.append((word.text, fix.shown))
        return [[t] for t in sorted(own)], means


def _merged(groups: list[tuple[list[list[str]], list[list[str]]]]) -> list[tuple[list[list[str]], list[list[str]]]]:
    """Groups whose synonyms share a word, merged into one (in the order of the query)."""
    merged: list[tuple[list[list[str]], list[list[str]]]] = []
    for own, meant in groups:
        for other_own, other_meant in merged:
            if any(m in other_meant for m in meant):
                other_own += [o for o in own if o not in other_own]
                other_meant += [m for m in meant if m not in other_meant]
                break
        else:
            merged.append((list(own), list(meant)))
    return merged


def _expression(alternatives: list[list[str]]) -> str:
    """FTS5 OR of alternatives, each a term or a phrase of several."""
    return "(" + " OR ".join(quoted(" ".join(terms)) for terms in alternatives) + ")"


def _replace(text: str, replacements: list[tuple[_Word, str]]) -> str:
    for word, shown in sorted(replacements, key=lambda r: -r[0].start):
        text = text[: word.start] + _same_case(word.text, shown) + text[word.end :]
    return text


def _same_case(typed: str, shown: str) -> str:
    return shown.upper() if typed.isupper() and len(typed) > 1 else shown.capitalize() if typed[:1].isupper() else shown
