"""The ranking of the candidates FTS5 found: the section that answers first.

FTS5's own bm25() normalises by the length of the whole row, which sinks a section with a long body
below every one-line checklist item whose title matches; it only picks the CANDIDATES. Each
candidate is then scored here from what the index stored at build time (:mod:`building`): each
term's BM25 weight in each document, its columns already weighted and normalised (``postings``),
and each term's IDF (``terms``). No text is split or counted at query time: a query adds up stored
numbers, one row per term of the query and candidate holding it.

score = BM25 per column (title ×8, guide title and tags ×2, body ×1, each column normalised by its
own average length), then multiplied by:

- coverage²: the share of the query's groups the document holds, each group weighted by its
  rarest term's IDF. A document holding the rare words of a question beats one holding its common
  ones, and a word found everywhere (« entreprise ») cannot pull unrelated items up. A group found
  only in the guide's title or tags counts half: every item of the takeover guide has
  « liquidation » in its tags, only the section that explains it has the word itself;
- 1 + title coverage: the share of the query a heading, an item or a glossary term holds by itself.
  A heading that says what is asked is the section that answers it;
- 1 + guide coverage / 2: the share of the query held by the guide's title and tags. The guide that
  matches the user's situation (« reprendre » and « boîte » in « Reprendre une entreprise… ») ranks
  its sections first;
- the document's prior: a checklist item (a task) under a section (an answer) of equal match;
  and ×DEFINITION for a glossary term when the question asks what something is (« c'est quoi »).
"""

from __future__ import annotations

import math
import sqlite3
from collections import defaultdict

from coopguide.core.search.documents import GLOSSARY
from coopguide.core.search.query import Group

WEIGHTS = (8.0, 1.0, 2.0)  # title, body, context (guide title and tags)
K1, B = 1.2, 0.75  # the usual BM25 constants, as in FTS5
TITLE, CONTEXT = 1.0, 0.5  # bonus for a query held by the heading alone, by the guide's title and tags
GUIDE_ONLY = 0.5  # a word found in the guide's title or tags only counts half in the coverage
DEFINITION = 2.0  # a glossary term, when the question asks for a definition
SCAN_OR_SEEK = 4  # a row read in a scan costs about a quarter of a lookup (measured on the shipped content)


def marks(count: int) -> str:
    return ",".join("?" * count)


def idf(documents_with_term: int, documents: int) -> float:
    return max(1e-6, math.log((documents - documents_with_term + 0.5) / (documents_with_term + 0.5)))


def bm25(column: int, tf: int, length: int, average: float, term_idf: float) -> float:
    """One term's BM25 in one column of one document, weighted by the column (stored at build)."""
    return WEIGHTS[column] * term_idf * tf * (K1 + 1) / (tf + K1 * (1 - B + B * length / average))


def scores(
    conn: sqlite3.Connection, rowids: list[int], groups: list[Group], definition: bool = False
) -> dict[int, tuple[float, int]]:
    """The score of each candidate row for the query's groups, and how many of the groups it holds."""
    wanted = sorted(frozenset().union(*(g.scored or g.terms for g in groups)))
    term_idf: dict[str, float] = {}
    postings = 0
    for term, count, value in conn.execute(
        f"SELECT term, docs, idf FROM terms WHERE term IN ({marks(len(wanted))})", wanted
    ):
        term_idf[term], postings = value, postings + count
    group_weight = [max((term_idf.get(t, 0.0) for t in g.scored or g.terms), default=0.0) for g in groups]
    share = _Shares(group_weight, sum(group_weight) or 1.0)
    mask: dict[str, int] = defaultdict(int)  # term → the groups (bits) it belongs to
    for number, group in enumerate(groups):
        for term in group.scored or group.terms:
            mask[term] |= 1 << number
    bm25: dict[int, float] = defaultdict(float)
    held: dict[int, list[int]] = {}  # doc → the groups found in its [title, title or body, guide's title and tags]
    # Read each term's postings whole, keeping the candidates' (« +doc »: no index on doc), unless
    # that reads far more rows than looking up each candidate for each term (a large content).
    seek = "" if postings > SCAN_OR_SEEK * len(wanted) * len(rowids) else "+"
    for term, doc, weight, columns in conn.execute(
        f"SELECT term, doc, weight, columns FROM postings WHERE term IN ({marks(len(wanted))})"
        f" AND {seek}doc IN ({marks(len(rowids))})",
        [*wanted, *rowids],
    ):
        bm25[doc] += weight
        found = held.get(doc) or held.setdefault(doc, [0, 0, 0])
        groups_of_term = mask[term]
        if columns & 1:
            found[0] |= groups_of_term
        if columns & 3:
            found[1] |= groups_of_term
        if columns & 4:
            found[2] |= groups_of_term
    priors = dict.fromkeys(rowids, 1.0)
    for doc, prior, kind in conn.execute(
        f"SELECT id, prior, kind FROM stats WHERE id IN ({marks(len(rowids))}) AND (prior != 1 OR kind = ?)",
        [*rowids, GLOSSARY],
    ):
        priors[doc] = prior * (DEFINITION if definition and kind == GLOSSARY else 1.0)
    factors: dict[tuple[int, ...], float] = {}  # the same groups found: the same factor
    result = {}
    for doc in rowids:
        title, own, guide = key = tuple(held.get(doc, (0, 0, 0)))
        factor = factors.get(key)
        if factor is None:
            coverage = share(own) + GUIDE_ONLY * share(guide & ~own)
            factor = coverage**2 * (1 + TITLE * share(title)) * (1 + CONTEXT * share(guide))
            factors[key] = factor
        result[doc] = bm25.get(doc, 0.0) * factor * priors[doc], (own | guide).bit_count()
    return result


class _Shares(dict[int, float]):
    """The weighted share of the query held by a set of groups (a bit mask), computed once per mask."""

    def __init__(self, weights: list[float], total: float):
        super().__init__()
        self.weights, self.total = weights, total

    def __call__(self, groups: int) -> float:
        found = self.get(groups)
        if found is None:
            found = self[groups] = sum(w for n, w in enumerate(self.weights) if groups >> n & 1) / self.total
        return found
