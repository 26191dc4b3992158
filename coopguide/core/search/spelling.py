"""Misspelt words corrected from the index's own vocabulary (« liquidtion » → « liquidation »).

Why rapidfuzz and not symspellpy: both are MIT-licensed and on PyPI. SymSpell answers a lookup in
about 20 µs, but only after building a dictionary of every deletion of every word: 31 ms and 11 MiB
for the 2 900 words of the shipped content (measured), to redo or to pickle at each index opening,
and it grows with the vocabulary times the edit distance; its wheel is pure Python and ships 6 MB of
English frequency lists we would never use. rapidfuzz computes edit distances in C++ over the plain
word list: nothing to build or store, about 0.1 ms to scan the whole vocabulary for one word (only
words the index does not know are ever scanned), the optimal string alignment distance (a swap of
two letters, « reprednre », counts as one typo), and wheels for Windows, macOS (x86-64 and arm64)
and Linux. Its import (~12 ms, ~6 MiB) happens on the first correction, or in the worker thread
that opens the index (:func:`warm_up`), never on the start path.

Only words of 4 letters or more are corrected, and only as far as one typo (two from 8 letters):
beyond that a « correction » is a guess. Among the closest words, the most frequent in the content
wins, then one that starts with the same letter.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

MIN_LENGTH = 4
LONG_WORD = 8  # from this length, two typos are allowed


@dataclass(frozen=True)
class Word:
    folded: str  # as the vocabulary keys it: lower case, no accents
    term: str
    freq: int
    shown: str  # its most frequent spelling in the content, accents kept


@functools.cache
def _rapidfuzz() -> tuple[Any, Any]:
    from rapidfuzz import process  # ~12 ms, on the first correction only
    from rapidfuzz.distance import OSA

    return process, OSA


def warm_up() -> None:
    """Import rapidfuzz now (from the thread that opens the index), not at the first typo."""
    _rapidfuzz()


def max_typos(word: str) -> int:
    return 0 if len(word) < MIN_LENGTH else 2 if len(word) >= LONG_WORD else 1


class Speller:
    """The vocabulary of one index, and the closest words to a word it does not hold."""

    def __init__(self, words: Sequence[Word]):
        self.words = list(words)
        self.folded = [w.folded for w in self.words]
        self._prefixes: dict[int, list[str]] = {}

    def closest(self, folded: str, typing: bool = False, limit: int = 1) -> list[tuple[int, Word]]:
        """The best corrections of ``folded`` as (typos, word), best first; for a word being typed,
        the words whose beginning is closest (« liquidt » → « liquidation »)."""
        typos = max_typos(folded)
        if not typos or not folded.isalpha():
            return []
        process, osa = _rapidfuzz()
        found: dict[int, int] = {}  # index in self.words → typos
        choices = [self.folded]
        if typing:
            choices.append(self._prefixes.setdefault(len(folded), [w[: len(folded)] for w in self.folded]))
        for words in choices:
            for _, distance, index in process.extract(
                folded, words, scorer=osa.distance, score_cutoff=typos, limit=None
            ):
                if distance and distance < found.get(index, typos + 1):
                    found[index] = int(distance)
        ranked = sorted(
            found.items(), key=lambda f: (f[1], self.words[f[0]].folded[0] != folded[0], -self.words[f[0]].freq)
        )
        return [(distance, self.words[index]) for index, distance in ranked[:limit]]
